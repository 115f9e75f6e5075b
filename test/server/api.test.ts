import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationView } from '../../src/server/conversation-view.ts';
import type { TurnAnswer } from '../../src/server/turn.ts';
import { StoreConflictError } from '../../src/store/types.ts';
import { OTHER_SHOP_KEY, startTestServer, type TestServer } from '../helpers/http-server.ts';

// Every route of the API against a really listening server (127.0.0.1, port 0) with fetch.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const SHOP = 'nuanyang-flagship';
const anna = 'tb_buyer_anna';
const say = (id: string, text: string, buyerId = anna, key?: string) => server.call('POST', `/api/v1/conversations/${id}/messages`, { buyerId, text }, key);
const view = (id: string, buyerId = anna, key?: string) => server.call('GET', `/api/v1/conversations/${id}?buyerId=${buyerId}`, undefined, key);
const errorOf = (body: unknown) => (body as { error: { code: string; message: string } }).error;

async function raw(path: string, init: RequestInit & { headers?: Record<string, string> }) {
  const res = await fetch(server.url + path, { ...init, headers: { authorization: 'Bearer kefu-demo-key', ...init.headers } });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as unknown };
}

describe('POST /conversations/:id/messages', () => {
  it('answers a buyer and stores the message and the reply', async () => {
    const res = await say('c-stock', '这件羊毛大衣有M码吗');
    expect(res.status).toBe(200);
    const answer = res.body as TurnAnswer;
    expect(answer).toMatchObject({ conversationId: 'c-stock', intent: 'stock', delivery: 'send', owner: 'bot', seq: { buyer: 1, replies: [2] } });
    expect(answer.state).toMatch(/^bot\/presale\./);
    expect(answer.replies[0]?.text).toContain('M码');
    const messages = await server.store.messages(SHOP, 'c-stock');
    expect(messages.map((m) => [m.seq, m.role, m.text])).toEqual([
      [1, 'buyer', '这件羊毛大衣有M码吗'],
      [2, 'bot', answer.replies[0]!.text],
    ]);
  });

  it('sends the answer without an ETag (a turn is never fetched again)', async () => {
    const turn = await fetch(`${server.url}/api/v1/conversations/c-etag/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer kefu-demo-key', 'content-type': 'application/json' },
      body: JSON.stringify({ buyerId: anna, text: '在吗' }),
    });
    expect(turn.status).toBe(200);
    expect(turn.headers.get('etag')).toBeNull();
  });

  it('carries a multi-turn size advice over HTTP (the size advice story)', async () => {
    const first = (await say('c-size', '羊毛大衣我穿什么码')).body as TurnAnswer;
    expect(first).toMatchObject({ intent: 'size_advice', state: 'bot/presale.awaitingBodyData' });
    expect(first.replies[0]?.scriptId).toBe('presale.size_advice.ask_both');
    const second = (await say('c-size', '身高163')).body as TurnAnswer;
    expect(second.replies[0]?.scriptId).toBe('presale.size_advice.ask_weight');
    expect(second.replies[0]?.text).toContain('163cm');
    const third = (await say('c-size', '体重52')).body as TurnAnswer;
    expect(third.state).toBe('bot/presale.idle');
    expect(third.replies[0]?.text).toMatch(/163cm[\s\S]*52kg[\s\S]*M码/);
    expect(third.seq).toEqual({ buyer: 5, replies: [6] });
  });

  it('carries bargaining to a hand-off, with remarks, promises and notebook events (the excuse story)', async () => {
    // One concession per product (issue 12): a coupon once, then polite holds, the third beyond policy hands off.
    const texts = ['羊毛大衣我只剩680块了', '学生党没钱，便宜点吧', '真的没钱了，再少点', '钱不够啊再便宜点', '真的很想要但是钱不够'];
    const answers: TurnAnswer[] = [];
    for (const text of texts) {
      const res = await say('c-bargain', text);
      expect(res.status).toBe(200);
      answers.push(res.body as TurnAnswer);
    }
    expect(answers.map((a) => a.replies[0]?.scriptId)).toEqual([
      'bargaining.excuse_decline',
      'bargaining.excuse_coupon',
      'bargaining.already_granted',
      'bargaining.already_granted',
      'escalation.handoff.outside_policy',
    ]);
    expect(answers[1]!.remarks[0]?.text).toContain('顾客议价（借口型），赠送5元优惠券（双面羊毛呢大衣）');
    expect(answers[1]!.promises[0]).toMatchObject({ id: 'p2-1' });
    expect(answers[4]).toMatchObject({ owner: 'pending', state: 'pending/bargaining.escalated', handoff: { reason: 'outside_policy' } });

    const events = await server.store.events(SHOP, { conversationId: 'c-bargain' });
    const kinds = events.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'turn')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'remark')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'promise')).toHaveLength(1);
    const handoff = events.find((e) => e.kind === 'handoff');
    expect(handoff?.data).toMatchObject({ reason: 'outside_policy', withinWorkingHours: true });
    expect(String(handoff?.data.summary)).not.toBe('');
    expect(events.find((e) => e.kind === 'turn')?.data).toMatchObject({ intent: 'bargain_excuse', owner: 'bot', delivery: 'send' });
    expect(typeof events.find((e) => e.kind === 'turn')?.data.responseMs).toBe('number');

    // After the hand-off the buyer gets a holding line and the conversation waits for a human.
    const waiting = (await say('c-bargain', '人呢')).body as TurnAnswer;
    expect(waiting).toMatchObject({ owner: 'pending' });
    expect(waiting.replies[0]?.scriptId).toBe('escalation.holding.in_hours');
  });

  it('records a message the bot did not understand in the problem log', async () => {
    const answer = (await say('c-other', 'qwzx plk 的萨芬')).body as TurnAnswer;
    expect(answer.intent).toBe('other');
    const events = await server.store.events(SHOP, { conversationId: 'c-other', kinds: ['unrecognised'] });
    expect(events.map((e) => e.data.text)).toEqual(['qwzx plk 的萨芬']);
  });

  it('gives three checked suggestions in assist mode', async () => {
    const res = await server.call('POST', '/api/v1/conversations/c-assist/messages', { buyerId: anna, text: '在吗 能便宜点吗', mode: 'assist' });
    const answer = res.body as TurnAnswer;
    expect(answer.delivery).toBe('suggest');
    expect(answer.replies.length).toBeGreaterThan(1);
    for (const r of answer.replies) expect(r.lint.errorCount).toBe(0);
  });

  it('assist mode: three distinct candidates, each labelled with its script and the reading it answers', async () => {
    const res = await server.call('POST', '/api/v1/conversations/c-assist-3/messages', { buyerId: anna, text: '这件羊毛大衣有M码吗', mode: 'assist' });
    const answer = res.body as TurnAnswer;
    expect(answer.replies).toHaveLength(3);
    expect(new Set(answer.replies.map((r) => r.text)).size).toBe(3);
    expect(answer.replies.map((r) => r.intent)).toEqual(['stock', 'stock', 'size_advice']);
    expect(answer.replies[2]!.scriptId).toMatch(/^presale\.size_advice\./);
    for (const r of answer.replies) expect(r.lint.errorCount).toBe(0);
    const sure = (await server.call('POST', '/api/v1/conversations/c-assist-4/messages', { buyerId: anna, text: '能开发票吗', mode: 'assist' })).body as TurnAnswer;
    expect(sure.replies.map((r) => r.scriptId)).toEqual(['invoice.which_order', 'invoice.which_order', 'common.hold']);
    // The stored suggestion keeps all three for the agent page (Alt+1/2/3).
    const stored = await server.store.messages(SHOP, 'c-assist-3');
    expect(stored.at(-1)!.meta.candidates).toEqual(answer.replies.map((r) => r.text));
  });

  it('never reveals another buyer’s conversation: 404, nothing stored', async () => {
    await say('c-mine', '在吗');
    const res = await say('c-mine', '我要看别人的聊天', 'tb_buyer_bowen');
    expect(res.status).toBe(404);
    expect(errorOf(res.body).code).toBe('not_found');
    expect(await server.store.messages(SHOP, 'c-mine')).toHaveLength(2);
  });

  it('keeps shops apart: the same id under another shop’s key is another conversation', async () => {
    await say('c-shared', '在吗');
    const other = await say('c-shared', '有M码吗', anna, OTHER_SHOP_KEY);
    expect(other.status).toBe(200);
    expect((other.body as TurnAnswer).seq.buyer).toBe(1);
    expect((await server.store.messages(SHOP, 'c-shared')).map((m) => m.text)[0]).toBe('在吗');
  });

  it.each([
    [{ text: '在吗' }, '字段 buyerId：缺少此字段'],
    [{ buyerId: anna, text: '' }, '字段 text：不能为空'],
    [{ buyerId: anna, text: '好'.repeat(2001) }, '字段 text：最多 2000 个字符'],
    [{ buyerId: anna, text: 5 }, '字段 text：应为字符串'],
    [{ buyerId: anna, text: '在吗', mode: 'robot' }, '字段 mode：应为 auto、assist 之一'],
    [['在吗'], '请求体应为 JSON 对象'],
  ])('refuses a bad body %j with 400 naming the field', async (body, message) => {
    const res = await server.call('POST', '/api/v1/conversations/c-bad/messages', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_body', message } });
  });

  it('refuses a path with broken percent-encoding with 400', async () => {
    for (const id of ['%E0%A4%A', '%']) {
      const res = await say(id, '在吗');
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_param', message: '路径中的百分号编码有误' } } });
    }
  });

  it('refuses a malformed conversation id with 400', async () => {
    const res = await say('bad%20id', '在吗');
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toEqual({ code: 'invalid_param', message: '字段 id：格式有误' });
  });
});

describe('the request envelope', () => {
  it('answers invalid JSON with 400 invalid_json', async () => {
    const res = await raw('/api/v1/conversations/c1/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"buyerId": "a",' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    expect(res.type).toMatch(/^application\/json/);
  });

  it('answers a body over 64KB with 413', async () => {
    const body = JSON.stringify({ buyerId: anna, text: 'x'.repeat(70_000) });
    const res = await raw('/api/v1/conversations/c1/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('answers a body that is not JSON with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await raw('/api/v1/conversations/c1/messages', { method: 'POST', headers: { 'content-type': type }, body: 'buyerId=a&text=b' });
      expect(res).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    }
  });

  it('answers a POST without a body with 400', async () => {
    const res = await raw('/api/v1/conversations/c1/messages', { method: 'POST' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_body', message: '请求体应为 JSON 对象' } } });
  });

  it('requires a known key: 401 without, with a wrong one, or with another scheme', async () => {
    for (const key of [null, 'not-a-key']) {
      const res = await server.call('POST', '/api/v1/lint', { text: '您好' }, key);
      expect(res.status).toBe(401);
      expect(errorOf(res.body).code).toBe('unauthorized');
    }
    const basic = await fetch(`${server.url}/api/v1/scripts`, { headers: { authorization: 'Basic a2VmdTprZWZ1' } });
    expect(basic.status).toBe(401);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await server.call('GET', '/api/v1/nothing-here');
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: '接口不存在' } } });
    expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(404);
  });

  it('hides internal errors behind a generic 500 (no stack) and counts them', async () => {
    const failing = await startTestServer();
    failing.store.openConversation = () => Promise.reject(new Error('disk on fire at /secret/path'));
    const res = await failing.call('POST', '/api/v1/conversations/c1/messages', { buyerId: anna, text: '在吗' });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: '服务器内部错误，请稍后再试' } });
    expect(await failing.deps.metrics.httpErrors.value({ code: 'internal' })).toBe(1);
    await failing.close();
  });

  it('answers a stale commit (another instance without a shared lock) with 409 conflict', async () => {
    const racing = await startTestServer();
    racing.store.commitTurn = () => Promise.reject(new StoreConflictError('version moved'));
    const res = await racing.call('POST', '/api/v1/conversations/c1/messages', { buyerId: anna, text: '在吗' });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    await racing.close();
  });
});

describe('GET /conversations/:id', () => {
  it('shows messages, owner and flow state, remarks and promises to the buyer’s id', async () => {
    await say('c-view', '学生党没钱，羊毛大衣便宜点吧');
    await say('c-view', '学生党没钱，便宜点吧');
    const res = await view('c-view');
    expect(res.status).toBe(200);
    const v = res.body as ConversationView;
    expect(v.buyerId).toBe(anna);
    expect(v.messages.map((m) => m.role)).toEqual(['buyer', 'bot', 'buyer', 'bot']);
    expect(v.state).toMatchObject({ owner: 'bot', flow: 'bot/bargaining.negotiating', productId: 'NY-WC01', turns: 2 });
    expect(v.state.flows.bargaining).toBe('negotiating');
    expect(v.remarks[0]?.text).toContain('5元优惠券');
    expect(v.promises[0]).toMatchObject({ id: 'p2-1' });
    expect(v.promises[0]?.keptAt).toBeUndefined();
  });

  it('answers 404 for a wrong buyer id, an unknown conversation and another shop’s key', async () => {
    await say('c-private', '在吗');
    for (const res of [await view('c-private', 'tb_buyer_bowen'), await view('c-nobody'), await view('c-private', anna, OTHER_SHOP_KEY)]) {
      expect(res.status).toBe(404);
      expect(errorOf(res.body).code).toBe('not_found');
    }
  });

  it('requires the buyer id', async () => {
    const res = await server.call('GET', '/api/v1/conversations/c-private');
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_param', message: '字段 buyerId：缺少此字段' } } });
  });
});

describe('agents: replies and ownership', () => {
  it('stores an agent reply, lints it with the strict profile and counts the violations', async () => {
    await say('c-agent', '在吗');
    const res = await server.call('POST', '/api/v1/conversations/c-agent/agent-replies', { agent: '小满', text: '你好，保证明天到哦' });
    expect(res.status).toBe(200);
    const answer = res.body as { seq: number; points: number; lint: { errorCount: number; violations: { ruleId: string }[] } };
    expect(answer.seq).toBe(3);
    expect(answer.lint.errorCount).toBeGreaterThan(0);
    const rules = answer.lint.violations.map((v) => v.ruleId);
    expect(rules).toContain('polite-you');
    const [stored] = await server.store.messages(SHOP, 'c-agent', { afterSeq: 2 });
    expect(stored).toMatchObject({ role: 'agent', agent: '小满', text: '你好，保证明天到哦' });
    const [event] = await server.store.events(SHOP, { conversationId: 'c-agent', kinds: ['agent_reply'] });
    expect(event?.data).toMatchObject({ agent: '小满', errorCount: answer.lint.errorCount, points: answer.points });
    expect(await server.deps.metrics.lintViolations.value({ rule: 'polite-you' })).toBeGreaterThan(0);
  });

  it('answers 404 for an agent reply to an unknown or other shop’s conversation, 400 for a bad body', async () => {
    await say('c-agent2', '在吗');
    const unknown = await server.call('POST', '/api/v1/conversations/c-none/agent-replies', { agent: '小满', text: '您好' });
    const other = await server.call('POST', '/api/v1/conversations/c-agent2/agent-replies', { agent: '小满', text: '您好' }, OTHER_SHOP_KEY);
    expect([unknown.status, other.status]).toEqual([404, 404]);
    const bad = await server.call('POST', '/api/v1/conversations/c-agent2/agent-replies', { text: '您好' });
    expect(bad).toMatchObject({ status: 400, body: { error: { message: '字段 agent：缺少此字段' } } });
  });

  it('lets a human join (the bot only suggests) and leave (the bot answers again)', async () => {
    await say('c-owner', '在吗');
    const join = await server.call('POST', '/api/v1/conversations/c-owner/owner', { action: 'join', agent: '阿宁' });
    expect(join).toMatchObject({ status: 200, body: { previous: 'bot', owner: 'agent' } });
    const during = (await say('c-owner', '有M码吗')).body as TurnAnswer;
    expect(during).toMatchObject({ owner: 'agent', delivery: 'suggest' });
    const leave = await server.call('POST', '/api/v1/conversations/c-owner/owner', { action: 'leave', agent: '阿宁' });
    expect(leave).toMatchObject({ status: 200, body: { previous: 'agent', owner: 'bot' } });
    expect(((await say('c-owner', '包邮吗')).body as TurnAnswer).delivery).toBe('send');
    const events = await server.store.events(SHOP, { conversationId: 'c-owner', kinds: ['owner'] });
    expect(events.map((e) => [e.data.from, e.data.to, e.data.agent])).toEqual([
      ['bot', 'agent', '阿宁'],
      ['agent', 'bot', '阿宁'],
    ]);
    expect((await server.store.getConversation(SHOP, 'c-owner'))?.owner).toBe('bot');
  });

  it('answers 404 for ownership of an unknown conversation and 400 for an unknown action', async () => {
    expect((await server.call('POST', '/api/v1/conversations/c-none/owner', { action: 'join', agent: '阿宁' })).status).toBe(404);
    const bad = await server.call('POST', '/api/v1/conversations/c-owner/owner', { action: 'kick', agent: '阿宁' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_body', message: '字段 action：应为 join、leave 之一' } } });
  });
});

describe('tools: lint, classify, scripts', () => {
  it('lints a draft with the shop’s profile or the one asked for', async () => {
    const strict = await server.call('POST', '/api/v1/lint', { text: '亲，这款很好哦' });
    expect(strict.status).toBe(200);
    const body = strict.body as { profile: string; errorCount: number; violations: { ruleId: string }[]; fixed?: string };
    expect(body.profile).toBe('tmall');
    expect(body.violations.length).toBeGreaterThan(0);
    const taobao = (await server.call('POST', '/api/v1/lint', { text: '亲，这款很好哦', profile: 'taobao' })).body as { violations: unknown[] };
    expect(taobao.violations.length).toBeLessThan(body.violations.length);
    const bad = await server.call('POST', '/api/v1/lint', { text: '您好', profile: 'jd' });
    expect(bad).toMatchObject({ status: 400, body: { error: { message: '字段 profile：应为 tmall、taobao 之一' } } });
  });

  it('classifies a message', async () => {
    const res = await server.call('POST', '/api/v1/classify', { text: '在吗 能便宜点吗 包邮吗' });
    expect(res.status).toBe(200);
    const c = res.body as { intent: string; confidence: number; abstain: boolean; secondary: string[]; entities: unknown[] };
    expect(c.intent).toBe('bargain_generic');
    expect(c.abstain).toBe(false);
    expect(c.secondary).toContain('shipping_fee');
    const entities = (await server.call('POST', '/api/v1/classify', { text: '身高165 体重100斤 穿什么码' })).body as { entities: { type: string }[] };
    expect(entities.entities.map((e) => e.type)).toEqual(['height', 'weight']);
    expect((await server.call('POST', '/api/v1/classify', {})).status).toBe(400);
  });

  it('lists the scripts library as quick phrases', async () => {
    const res = await server.call('GET', '/api/v1/scripts');
    const { scripts } = res.body as { scripts: { id: string; group: string; groupName: string; description: string; variants: string[] }[] };
    const coupon = scripts.find((s) => s.id === 'bargaining.excuse_coupon');
    expect(coupon).toMatchObject({ group: 'bargaining', groupName: '议价' });
    expect(coupon?.description).not.toBe('');
    // Every scenario of the library has a Chinese name for the panel.
    for (const s of scripts) expect(s.groupName).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(coupon?.variants.length).toBeGreaterThanOrEqual(2);
    expect(new Set(scripts.map((s) => s.id)).size).toBe(scripts.length);
  });
});

describe('operations: healthz and metrics', () => {
  it('reports health without a key', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'sqlite', checks: { store: 'ok' } });
  });

  it('exposes the counters in the Prometheus text format without a key', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(/^kefu_turns_total\{shop="nuanyang-flagship",intent="stock"\} [1-9]\d*$/m);
    expect(text).toMatch(/^kefu_turn_duration_seconds_count [1-9]\d*$/m);
    expect(text).toMatch(/^kefu_handoffs_total\{reason="outside_policy"\} [1-9]\d*$/m);
    expect(text).toMatch(/^kefu_http_errors_total\{code="unauthorized"\} [1-9]\d*$/m);
  });

  it('answers 503 with a JSON error when the store is down', async () => {
    const broken = await startTestServer();
    await broken.store.close();
    const res = await fetch(`${broken.url}/healthz`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ status: 'unavailable', checks: { store: 'down' }, error: { code: 'unavailable', message: '数据库不可用' } });
    await broken.close();
  });
});

describe('extra routers', () => {
  it('mounts API routers behind the key (with the key’s shop) and open routers at the root', async () => {
    const { Router } = await import('express');
    const { shopOf } = await import('../../src/server/auth.ts');
    const { HttpError } = await import('../../src/server/errors.ts');
    const extended = await startTestServer({
      app: {
        apiRouters: [
          (deps) =>
            Router().get('/notebooks/ping', async (req, res) => {
              res.json({ shop: shopOf(req).shop.id, conversations: (await deps.store.listConversations(shopOf(req).shop.id)).length });
            }),
        ],
        routers: [
          () =>
            Router()
              .get('/page', (_req, res) => {
                res.type('html').send('<p>页面</p>');
              })
              .get('/broken', () => {
                throw new HttpError('not_found', '没有这个页面');
              }),
        ],
      },
    });
    try {
      expect(await extended.call('GET', '/api/v1/notebooks/ping')).toMatchObject({ status: 200, body: { shop: SHOP, conversations: 0 } });
      expect((await extended.call('GET', '/api/v1/notebooks/ping', undefined, null)).status).toBe(401);
      expect(await (await fetch(`${extended.url}/page`)).text()).toBe('<p>页面</p>');
      expect(await extended.call('GET', '/broken', undefined, null)).toMatchObject({ status: 404, body: { error: { message: '没有这个页面' } } });
    } finally {
      await extended.close();
    }
  });
});

describe('lint metrics', () => {
  it('count what agents sent, not drafts checked with /lint', async () => {
    const fresh = await startTestServer();
    try {
      await fresh.call('POST', '/api/v1/lint', { text: '你好' });
      expect(await fresh.deps.metrics.lintViolations.value({ rule: 'polite-you' })).toBe(0);
      await fresh.call('POST', '/api/v1/conversations/c1/messages', { buyerId: anna, text: '在吗' });
      await fresh.call('POST', '/api/v1/conversations/c1/agent-replies', { agent: '小满', text: '你好' });
      expect(await fresh.deps.metrics.lintViolations.value({ rule: 'polite-you' })).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('POST /conversations/:id/promises/:promiseId/kept', () => {
  it('marks a promise of the ledger kept, once, with a promise_kept event', async () => {
    await say('c-promise', '学生党没钱，羊毛大衣便宜点吧');
    const granted = (await say('c-promise', '学生党没钱，便宜点吧')).body as TurnAnswer;
    const promiseId = granted.promises[0]!.id;
    const res = await server.call('POST', `/api/v1/conversations/c-promise/promises/${promiseId}/kept`, { agent: '小禾' });
    expect(res.status).toBe(200);
    const kept = res.body as { id: string; keptAt?: string };
    expect(kept).toMatchObject({ id: promiseId, keptAt: expect.any(String) });
    const again = (await server.call('POST', `/api/v1/conversations/c-promise/promises/${promiseId}/kept`, { agent: '小满' })).body as { keptAt?: string };
    expect(again.keptAt).toBe(kept.keptAt);
    const v = (await view('c-promise')).body as ConversationView;
    expect(v.promises.find((p) => p.id === promiseId)?.keptAt).toBe(kept.keptAt);
    const events = await server.store.events(SHOP, { conversationId: 'c-promise', kinds: ['promise_kept'] });
    expect(events[0]?.data).toMatchObject({ id: promiseId, agent: '小禾' });
    // The conversation goes on from the committed state.
    expect((await say('c-promise', '好的谢谢')).status).toBe(200);
  });

  it('answers 404 for an unknown promise or conversation, 400 without the agent', async () => {
    await say('c-promise2', '在吗');
    const unknown = await server.call('POST', '/api/v1/conversations/c-promise2/promises/p9-9/kept', { agent: '小禾' });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: '没有这条承诺' } } });
    expect((await server.call('POST', '/api/v1/conversations/c-none/promises/p1-1/kept', { agent: '小禾' })).status).toBe(404);
    const bad = await server.call('POST', '/api/v1/conversations/c-promise2/promises/p1-1/kept', {});
    expect(bad).toMatchObject({ status: 400, body: { error: { message: '字段 agent：缺少此字段' } } });
  });
});

describe('after working hours', () => {
  it('puts a hand-off nobody can take now into the handover log', async () => {
    const night = await startTestServer({ clock: () => new Date('2025-11-20T23:30:00+08:00') });
    try {
      const res = await night.call('POST', '/api/v1/conversations/c-night/messages', { buyerId: anna, text: '我要找人工客服' });
      const answer = res.body as TurnAnswer;
      expect(answer.handoff?.reason).toBe('asked_for_human');
      expect(answer.handover?.reason).toBe('asked_for_human');
      const events = await night.store.events(SHOP, { conversationId: 'c-night', kinds: ['handoff', 'handover'] });
      expect(events.map((e) => [e.kind, e.data.reason])).toEqual([
        ['handoff', 'asked_for_human'],
        ['handover', 'asked_for_human'],
      ]);
      expect(events[0]?.data.withinWorkingHours).toBe(false);
    } finally {
      await night.close();
    }
  });
});

describe('agents’ lists and paging', () => {
  it('lists the shop’s conversations, filtered by owner and update time', async () => {
    const fresh = await startTestServer();
    try {
      await fresh.call('POST', '/api/v1/conversations/l-1/messages', { buyerId: anna, text: '在吗' });
      await fresh.call('POST', '/api/v1/conversations/l-2/messages', { buyerId: 'tb_buyer_bowen', text: '我要找人工客服' });
      await fresh.call('POST', '/api/v1/conversations/l-3/messages', { buyerId: anna, text: '在吗' }, OTHER_SHOP_KEY);
      const all = (await fresh.call('GET', '/api/v1/conversations')).body as { conversations: { id: string; owner: string; buyerId: string }[] };
      expect(all.conversations.map((c) => c.id).sort()).toEqual(['l-1', 'l-2']);
      const pending = (await fresh.call('GET', '/api/v1/conversations?owner=pending')).body as { conversations: { id: string; buyerId: string }[] };
      expect(pending.conversations).toMatchObject([{ id: 'l-2', buyerId: 'tb_buyer_bowen' }]);
      expect(JSON.stringify(all)).not.toContain('orchestrator');
      const later = (await fresh.call('GET', '/api/v1/conversations?updatedSince=2099-01-01T00:00:00Z')).body as { conversations: unknown[] };
      expect(later.conversations).toEqual([]);
      const bad = await fresh.call('GET', '/api/v1/conversations?owner=robot');
      expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_param', message: '字段 owner：应为 bot、pending、agent 之一' } } });
      const badTime = await fresh.call('GET', '/api/v1/conversations?updatedSince=yesterday');
      expect(badTime).toMatchObject({ status: 400, body: { error: { message: '字段 updatedSince：应为 ISO 8601 时间（例如 2025-11-20T14:30:00+08:00）' } } });
    } finally {
      await fresh.close();
    }
  });

  it('pages the messages of a conversation (afterSeq, limit) and keeps the flow state', async () => {
    for (const text of ['羊毛大衣我穿什么码', '身高163', '体重52']) await say('c-page', text);
    const page = (await server.call('GET', `/api/v1/conversations/c-page?buyerId=${anna}&afterSeq=2&limit=2`)).body as ConversationView;
    expect(page.messages.map((m) => m.seq)).toEqual([3, 4]);
    const tail = (await server.call('GET', `/api/v1/conversations/c-page?buyerId=${anna}&afterSeq=6`)).body as ConversationView;
    expect(tail.messages).toEqual([]);
    expect(tail.state.flow).toBe('bot/presale.idle');
    const bad = await server.call('GET', `/api/v1/conversations/c-page?buyerId=${anna}&limit=0`);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_param', message: '字段 limit：不能小于 1' } } });
  });
});

describe('agents’ presence', () => {
  it('reports who is online, and without an agent online a hand-off goes to the handover log', async () => {
    const fresh = await startTestServer();
    try {
      expect((await fresh.call('GET', '/api/v1/agents/online')).body).toEqual({ online: null });
      const on = await fresh.call('POST', '/api/v1/agents/presence', { agent: '小禾', online: true });
      expect(on).toMatchObject({ status: 200, body: { online: ['小禾'], ttlSeconds: 90 } });
      const staffed = (await fresh.call('POST', '/api/v1/conversations/p-1/messages', { buyerId: anna, text: '我要找人工客服' })).body as TurnAnswer;
      expect(staffed.handoff?.reason).toBe('asked_for_human');
      expect(staffed.handover).toBeUndefined();

      await fresh.call('POST', '/api/v1/agents/presence', { agent: '小禾', online: false });
      expect((await fresh.call('GET', '/api/v1/agents/online')).body).toEqual({ online: [] });
      const alone = (await fresh.call('POST', '/api/v1/conversations/p-2/messages', { buyerId: anna, text: '我要找人工客服' })).body as TurnAnswer;
      expect(alone.handover?.reason).toBe('asked_for_human');
      const events = await fresh.store.events(SHOP, { conversationId: 'p-2', kinds: ['handover'] });
      expect(events).toHaveLength(1);

      // Another shop's presence is its own.
      expect((await fresh.call('GET', '/api/v1/agents/online', undefined, OTHER_SHOP_KEY)).body).toEqual({ online: null });
      const bad = await fresh.call('POST', '/api/v1/agents/presence', { agent: '小禾', online: 'yes' });
      expect(bad).toMatchObject({ status: 400, body: { error: { message: '字段 online：应为布尔值' } } });
    } finally {
      await fresh.close();
    }
  });
});
