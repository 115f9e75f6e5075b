import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/orders/demo-provider.ts';
import { startWebTestServer, type WebTestServer } from '../helpers/web-server.ts';

// Agent replies: the override reason of a draft sent with errors, and what became of the suggestion.

let web: WebTestServer;
beforeAll(async () => {
  web = await startWebTestServer(DEMO_NOW);
});
afterAll(async () => {
  await web.close();
});

const anna = 'tb_buyer_anna';
const call = (path: string, body: unknown) => web.server.call('POST', `/api/v1/conversations${path}`, body);
const json = async <T>(path: string): Promise<T> => (await (await web.api(path)).json()) as T;

describe('override of a draft with errors', () => {
  it('stores the reason with the reply and shows it in the problem log with the points', async () => {
    await call('/g-1/messages', { buyerId: anna, text: '我要找人工客服' });
    const sent = await call('/g-1/agent-replies', { agent: '小禾', text: '你放心，保证明天到', override: { reason: '买家已确认顺丰次日达' } });
    expect(sent.status).toBe(200);
    const messages = await web.server.store.messages('nuanyang-flagship', 'g-1');
    expect(messages.at(-1)?.meta).toMatchObject({ override: '买家已确认顺丰次日达' });
    const log = await json<{ rows: { kind: string; detail: string }[] }>('/notebooks/problems');
    const row = log.rows.find((r) => r.kind === 'agent_lint' && r.detail.includes('买家已确认顺丰次日达'));
    expect(row?.detail).toMatch(/扣 \d+ 分/);
    expect(row?.detail).toContain('强制发送，理由：买家已确认顺丰次日达');
  });

  it('keeps no override for a clean reply, and refuses a reason too short to mean anything', async () => {
    await call('/g-2/messages', { buyerId: anna, text: '我要找人工客服' });
    await call('/g-2/agent-replies', { agent: '小禾', text: '您好，我来为您处理', override: { reason: '没问题的' } });
    expect((await web.server.store.messages('nuanyang-flagship', 'g-2')).at(-1)?.meta).not.toHaveProperty('override');
    const bad = await call('/g-2/agent-replies', { agent: '小禾', text: '您好', override: { reason: ' ' } });
    expect(bad.status).toBe(400);
  });
});

describe('suggestion outcomes', () => {
  it('records used as is, edited and ignored, in the statistics per intent and script and in /metrics', async () => {
    const ask = async (id: string) => {
      const answer = (await call(`/${id}/messages`, { buyerId: anna, text: '这件羊毛大衣有M码吗', mode: 'assist' })).body as { seq: { replies: number[] }; replies: { text: string; scriptId: string }[] };
      return { seq: answer.seq.replies[0]!, text: answer.replies[0]!.text, scriptId: answer.replies[0]!.scriptId };
    };
    const used = await ask('s-used');
    await call('/s-used/agent-replies', { agent: '小禾', text: used.text, suggestion: { seq: used.seq, candidate: 0 } });
    const edited = await ask('s-edited');
    await call('/s-edited/agent-replies', { agent: '小禾', text: `${edited.text}还有其他问题随时问我`, suggestion: { seq: edited.seq, candidate: 0 } });
    const ignored = await ask('s-ignored');
    await call('/s-ignored/agent-replies', { agent: '小禾', text: '您好，M码有货的', suggestion: { seq: ignored.seq } });

    const stats = await json<{ rows: { by: string; key: string; used: number; edited: number; ignored: number; acceptanceRate: number }[] }>('/notebooks/suggestions');
    expect(stats.rows.find((r) => r.by === 'intent' && r.key === 'stock')).toMatchObject({ used: 1, edited: 1, ignored: 1 });
    expect(stats.rows.find((r) => r.by === 'script' && r.key === used.scriptId)?.acceptanceRate).toBeGreaterThan(0);
    const metrics = await (await fetch(`${web.url}/metrics`)).text();
    expect(metrics).toContain(`kefu_suggestion_outcomes_total{intent="stock",script="${used.scriptId}",outcome="used"} 1`);
    expect(metrics).toMatch(/kefu_suggestion_outcomes_total\{intent="stock",script="[^"]+",outcome="ignored"\} 1/);
  });
});
