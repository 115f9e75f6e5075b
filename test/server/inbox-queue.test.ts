import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuyerPanel } from '../../src/server/buyer-panel.ts';
import type { QueueItem } from '../../src/server/inbox-queue.ts';
import { DEMO_NOW } from '../../src/orders/demo-provider.ts';
import { startWebTestServer, type WebTestServer } from '../helpers/web-server.ts';

// The agents' queue and the buyer panel over HTTP (GET /api/v1/inbox, /inbox/:id) and 交还机器人.

let web: WebTestServer;
beforeAll(async () => {
  web = await startWebTestServer(DEMO_NOW);
});
afterAll(async () => {
  await web.close();
});

const anna = 'tb_buyer_anna';
const at = (seconds: number) => {
  web.now.value = new Date(DEMO_NOW.getTime() + seconds * 1000);
};
const say = (id: string, text: string, buyerId = anna) => web.server.call('POST', `/api/v1/conversations/${id}/messages`, { buyerId, text });
const inbox = async () => (await (await web.api('/inbox')).json()) as { responseTargetSeconds: number; conversations: QueueItem[] };

describe('the queue', () => {
  it('puts chats waiting for an agent on top, the longest wait first, named by buyer and product, in Chinese', async () => {
    at(0);
    await say('q-bot', '这件羊毛大衣有M码吗');
    at(10);
    await say('q-wait-long', '我要找人工客服', 'tb_buyer_bowen');
    at(20);
    await say('q-wait-short', '我要找人工客服');
    at(30);
    await say('q-bot-recent', '发什么快递');
    const { responseTargetSeconds, conversations } = await inbox();
    expect(responseTargetSeconds).toBe(100);
    expect(conversations.map((c) => c.id)).toEqual(['q-wait-long', 'q-wait-short', 'q-bot-recent', 'q-bot']);
    const waiting = conversations[0]!;
    expect(waiting).toMatchObject({ owner: 'pending', buyerId: 'tb_buyer_bowen', waitingSince: new Date(DEMO_NOW.getTime() + 10_000).toISOString() });
    expect(waiting.stateLabel).toMatch(/^等待人工/);
    const bot = conversations.find((c) => c.id === 'q-bot')!;
    expect(bot).toMatchObject({ waitingSince: null, product: expect.stringContaining('大衣'), buyerSeqs: [1] });
    expect(bot.stateLabel).toMatch(/^[\u4e00-\u9fff·\s]+$/);
  });

  it('names the agent who took a chat, and a reply from that agent ends the wait', async () => {
    await web.server.call('POST', '/api/v1/conversations/q-wait-short/owner', { action: 'join', agent: '小禾' });
    let item = (await inbox()).conversations.find((c) => c.id === 'q-wait-short')!;
    expect(item).toMatchObject({ owner: 'agent', agent: '小禾', stateLabel: expect.stringMatching(/^人工接待中/) });
    expect(item.waitingSince).not.toBeNull();
    await web.server.call('POST', '/api/v1/conversations/q-wait-short/agent-replies', { agent: '小禾', text: '您好，我来帮您看看' });
    item = (await inbox()).conversations.find((c) => c.id === 'q-wait-short')!;
    expect(item.waitingSince).toBeNull();
  });
});

describe('the buyer panel', () => {
  it("shows the buyer's orders with tracking and remarks, the pinned hand-off and the concessions", async () => {
    // A coupon granted (a concession), then a request for a human (the pinned hand-off).
    for (const text of ['学生党没钱，羊毛大衣便宜点吧', '学生党没钱，便宜点吧', '我要找人工客服']) await say('p-bargain', text);
    const view = (await (await web.api('/inbox/p-bargain')).json()) as BuyerPanel & { queue: QueueItem; promises: unknown[] };
    expect(view.orders.length).toBeGreaterThanOrEqual(3);
    expect(view.orders.every((o) => /[\u4e00-\u9fff]/.test(o.stateLabel) && o.items.length > 0 && o.total >= 0)).toBe(true);
    const shipped = view.orders.find((o) => o.tracking.length > 0);
    expect(shipped?.tracking.length).toBeLessThanOrEqual(3);
    expect(view.handoff).toMatchObject({ reason: 'asked_for_human', reasonLabel: '顾客要求人工客服' });
    expect(view.handoff?.summary).toContain('tb_buyer_anna');
    expect(view.concessions.length).toBeGreaterThan(0);
    expect(view.queue.stateLabel).toMatch(/^等待人工/);
  });

  it('unpins the hand-off once the bot has the chat again', async () => {
    await say('p-back', '我要找人工客服');
    expect(((await (await web.api('/inbox/p-back')).json()) as BuyerPanel).handoff).not.toBeNull();
    await web.server.call('POST', '/api/v1/conversations/p-back/owner', { action: 'join', agent: '小禾' });
    await web.server.call('POST', '/api/v1/conversations/p-back/owner', { action: 'leave', agent: '小禾' });
    expect(((await (await web.api('/inbox/p-back')).json()) as BuyerPanel).handoff).toBeNull();
  });
});

describe('交还机器人', () => {
  it("answers the buyer's message written while the agent had the chat, without storing it twice", async () => {
    await say('h-1', '我要找人工客服');
    await web.server.call('POST', '/api/v1/conversations/h-1/owner', { action: 'join', agent: '小禾' });
    await say('h-1', '这件羊毛大衣有M码吗');
    const left = await web.server.call('POST', '/api/v1/conversations/h-1/owner', { action: 'leave', agent: '小禾' });
    expect(left.status).toBe(200);
    const answer = (left.body as { answer?: { delivery: string; replies: { text: string }[] } }).answer;
    expect(answer?.delivery).toBe('send');
    expect(answer?.replies[0]?.text).toContain('M码');
    const messages = await web.server.store.messages('nuanyang-flagship', 'h-1');
    expect(messages.filter((m) => m.role === 'buyer').map((m) => m.text)).toEqual(['我要找人工客服', '这件羊毛大衣有M码吗']);
    expect(messages.at(-1)).toMatchObject({ role: 'bot', meta: { delivery: 'send' } });
  });

  it('adds nothing when every buyer message was answered', async () => {
    await say('h-2', '我要找人工客服');
    await web.server.call('POST', '/api/v1/conversations/h-2/owner', { action: 'join', agent: '小禾' });
    await web.server.call('POST', '/api/v1/conversations/h-2/agent-replies', { agent: '小禾', text: '您好，已为您处理好了' });
    const left = await web.server.call('POST', '/api/v1/conversations/h-2/owner', { action: 'leave', agent: '小禾' });
    expect(left.body).not.toHaveProperty('answer');
  });
});
