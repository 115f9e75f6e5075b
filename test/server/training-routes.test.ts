import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/orders/demo-provider.ts';
import { trainingRouter } from '../../src/server/training-routes.ts';
import { OTHER_SHOP_KEY, startTestServer, type TestServer } from '../helpers/http-server.ts';

// The trainer's API against a really listening server, with a clock the test moves.

let server: TestServer;
let now = DEMO_NOW.getTime();
beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(now), app: { apiRouters: [trainingRouter] } });
});
afterAll(async () => {
  await server.close();
});

interface Started {
  id: string;
  buyer: string;
  scenario: { id: string; title: string };
  persona: { id: string };
  seed: number;
  done: boolean;
}
interface Turn {
  buyer: string | null;
  done: boolean;
  lint: { errorCount: number; violations: { ruleId: string; penaltyPoints?: number }[] };
  turn: number;
  scorecard?: { total: number; misses: { kind: string; id: string; points: number; advice?: string }[] };
}
const errorOf = (body: unknown) => (body as { error: { code: string; message: string } }).error;
const start = (body: unknown, key?: string) => server.call('POST', '/api/v1/training/sessions', body, key);
const reply = (id: string, text: string) => server.call('POST', `/api/v1/training/sessions/${id}/turns`, { text });

describe('training sessions over HTTP', () => {
  it('plays a scenario: first buyer line, live lint per reply, scorecard at the end, stored', async () => {
    const res = await start({ trainee: '小李', scenario: 'haggle_comparison', persona: 'gentle', seed: 3 });
    expect(res.status).toBe(201);
    const s = res.body as Started;
    expect(s).toMatchObject({ scenario: { id: 'haggle_comparison', title: '对比型议价：别家更便宜' }, persona: { id: 'gentle' }, seed: 3, done: false });
    expect(s.buyer).toMatch(/640/);

    now += 50_000; // 50 s: slower than the 30 s target
    const t1 = (await reply(s.id, '你好，别家的我们不评价哦')).body as Turn;
    expect(t1.lint.violations.map((v) => v.ruleId).sort()).toEqual(['no-particle-o', 'polite-you']);
    expect(t1).toMatchObject({ done: false, turn: 1 });
    expect(t1.buyer).toBeTruthy();

    now += 5_000;
    const t2 = (await reply(s.id, '感谢您的耐心比较！这款的价格已经很实在了，非常抱歉暂时无法再低了。')).body as Turn;
    expect(t2.lint.errorCount).toBe(0);
    now += 5_000;
    const t3 = (await reply(s.id, '好的，为您申请到一份羊毛混纺中筒袜一双，会在订单上备注好。')).body as Turn;
    expect(t3.done).toBe(true);
    // 100 − 1 (你) − 1 (哦) − 1 (50 s reply)
    expect(t3.scorecard?.total).toBe(97);
    expect(t3.scorecard?.misses.map((m) => `${m.kind}/${m.id}/${m.points}`).sort()).toEqual(['rule/no-particle-o/1', 'rule/polite-you/1', 'time/slow/1']);

    const card = await server.call('GET', `/api/v1/training/sessions/${s.id}/scorecard`);
    expect(card.body).toMatchObject({ id: s.id, trainee: '小李', final: true, scorecard: { total: 97 } });
    const stored = await server.store.getTrainingSession('nuanyang-flagship', s.id);
    expect(stored).toMatchObject({ total: 97, version: 3 });
    expect(stored?.replies.map((r) => r.elapsedSec)).toEqual([50, 5, 5]);

    const over = await reply(s.id, '还在吗');
    expect(over.status).toBe(409);
    expect(errorOf(over.body).code).toBe('conflict');

    const detail = (await server.call('GET', `/api/v1/training/sessions/${s.id}`)).body as { transcript: { role: string }[]; done: boolean };
    expect(detail.done).toBe(true);
    expect(detail.transcript.filter((t) => t.role === 'agent')).toHaveLength(3);
  });

  it('lists a trainee\'s sessions with their trend', async () => {
    for (const text of ['这款很保暖哦。', '您好，请问有什么可以帮您？']) {
      now += 1000;
      const s = (await start({ trainee: '小王', scenario: 'trap_qq', persona: 'impatient', seed: 1 })).body as Started;
      let t: Turn;
      do t = (await reply(s.id, text.includes('哦') ? `非常抱歉，工作时间我们暂时无法使用其他联系方式，请您通过旺旺联系我们哦。` : '非常抱歉，工作时间我们暂时无法使用其他联系方式，请您通过旺旺联系我们，谢谢您的谅解。')).body as Turn;
      while (!t.done);
    }
    now += 1000;
    const running = (await start({ trainee: '小王', scenario: 'stock_in', seed: 2 })).body as Started;
    const list = (await server.call('GET', `/api/v1/training/trainees/${encodeURIComponent('小王')}/sessions`)).body as {
      sessions: { id: string; total: number | null }[];
      trend: { sessions: number; finished: number; change: number; direction: string };
    };
    expect(list.sessions.map((s) => s.total)).toEqual([99, 100, null]);
    expect(list.sessions.at(-1)?.id).toBe(running.id);
    expect(list.trend).toMatchObject({ sessions: 3, finished: 2, change: 1, direction: 'up' });
    const partial = (await server.call('GET', `/api/v1/training/sessions/${running.id}/scorecard`)).body as { final: boolean };
    expect(partial.final).toBe(false);
  });

  it('picks the scenario and persona from the seed, and runs the exam on its fixed set', async () => {
    const a = (await start({ trainee: '甲', seed: 5 })).body as Started;
    const b = (await start({ trainee: '乙', seed: 5 })).body as Started;
    expect([a.scenario.id, a.persona.id, a.buyer]).toEqual([b.scenario.id, b.persona.id, b.buyer]);
    const exam = (await start({ trainee: '甲', exam: true, scenario: 'quality_issue' })).body as Started & { exam: boolean };
    expect(exam).toMatchObject({ exam: true, seed: 2025, persona: { id: 'gentle' } });
    const scenarios = (await server.call('GET', '/api/v1/training/scenarios')).body as { scenarios: unknown[]; personas: unknown[] };
    expect(scenarios.scenarios.length).toBeGreaterThanOrEqual(30);
  });

  it('answers bad input with the API\'s error shape', async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [{}, 400, 'invalid_body', /字段 trainee：缺少此字段/],
      [{ trainee: '  ' }, 400, 'invalid_body', /字段 trainee：不能为空/],
      [{ trainee: '小李', scenario: 'nope' }, 400, 'invalid_body', /没有场景 "nope"/],
      [{ trainee: '小李', persona: 'nope' }, 400, 'invalid_body', /没有买家性格 "nope"/],
      [{ trainee: '小李', seed: -1 }, 400, 'invalid_body', /字段 seed：不能小于 0/],
      [{ trainee: '小李', exam: true, scenario: 'stock_in' }, 400, 'invalid_body', /考试场景只能是/],
      [{ trainee: '小李', extra: 1 }, 400, 'invalid_body', /不认识的字段 extra/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await start(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(errorOf(res.body).code).toBe(code);
      expect(errorOf(res.body).message).toMatch(message);
    }
    const missing = await reply('no-such-session', '您好');
    expect(missing.status).toBe(404);
    expect(errorOf(missing.body)).toEqual({ code: 'not_found', message: '培训记录不存在' });
    const s = (await start({ trainee: '小李', scenario: 'courier' })).body as Started;
    const empty = await server.call('POST', `/api/v1/training/sessions/${s.id}/turns`, { text: ' ' });
    expect(errorOf(empty.body)).toEqual({ code: 'invalid_body', message: '字段 text：不能为空' });
    const noKey = await server.call('POST', '/api/v1/training/sessions', { trainee: '小李' }, null);
    expect(noKey.status).toBe(401);
    // Another shop's key does not reach this shop's sessions.
    const other = await server.call('GET', `/api/v1/training/sessions/${s.id}`, undefined, OTHER_SHOP_KEY);
    expect(other.status).toBe(404);
  });
});
