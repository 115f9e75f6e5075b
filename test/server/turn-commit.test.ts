import { describe, expect, it } from 'vitest';
import type { TurnAnswer } from '../../src/server/turn.ts';
import { startTestServer } from '../helpers/http-server.ts';

// One durable commit per turn, the state kept hot between turns, and the failure paths around them.

const SHOP = 'nuanyang-flagship';
const buyer = 'tb_buyer_anna';

describe('a turn commits once, from the hot state', () => {
  it('stores the buyer message and the reply in one commit, with the version moving by one per turn', async () => {
    const server = await startTestServer();
    try {
      const first = (await server.call('POST', '/api/v1/conversations/c-one/messages', { buyerId: buyer, text: '在吗' })).body as TurnAnswer;
      const second = (await server.call('POST', '/api/v1/conversations/c-one/messages', { buyerId: buyer, text: '羊毛大衣有M码吗' })).body as TurnAnswer;
      expect(first.seq).toEqual({ buyer: 1, replies: [2] });
      expect(second.seq).toEqual({ buyer: 3, replies: [4] });
      expect((await server.store.messages(SHOP, 'c-one')).map((m) => m.role)).toEqual(['buyer', 'bot', 'buyer', 'bot']);
      expect((await server.store.getConversation(SHOP, 'c-one'))?.version).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('a conversation moved on by another writer (another instance) is read again from the store, and the turn still answers', async () => {
    const server = await startTestServer();
    try {
      await server.call('POST', '/api/v1/conversations/c-hot/messages', { buyerId: buyer, text: '羊毛大衣有M码吗' });
      const stored = await server.store.getConversation(SHOP, 'c-hot');
      // Another instance commits a turn behind this one's back: the cached version 1 is now stale.
      await server.store.commitTurn({
        shopId: SHOP,
        conversationId: 'c-hot',
        expectedVersion: 1,
        state: stored?.state,
        owner: 'bot',
        updatedAt: new Date().toISOString(),
        buyer: { role: 'buyer', text: '别的实例收到的消息', at: new Date().toISOString() },
        messages: [{ role: 'bot', text: '别的实例的回复', at: new Date().toISOString() }],
        events: [],
      });
      const res = await server.call('POST', '/api/v1/conversations/c-hot/messages', { buyerId: buyer, text: '包邮吗' });
      expect(res.status).toBe(200);
      expect((res.body as TurnAnswer).seq).toEqual({ buyer: 5, replies: [6] });
      expect((await server.store.messages(SHOP, 'c-hot')).map((m) => m.text).slice(2, 5)).toEqual(['别的实例收到的消息', '别的实例的回复', '包邮吗']);
      expect((await server.store.getConversation(SHOP, 'c-hot'))?.version).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('keeps the buyer message when the engine throws (stored on its own, no reply, no version change)', async () => {
    const server = await startTestServer();
    try {
      await server.call('POST', '/api/v1/conversations/c-throw/messages', { buyerId: buyer, text: '在吗' });
      const runtime = server.deps.shops.get(SHOP)!;
      const classifier = runtime.classifier;
      runtime.classifier = {
        threshold: classifier.threshold,
        classify: () => {
          throw new Error('model file unreadable');
        },
      };
      const res = await server.call('POST', '/api/v1/conversations/c-throw/messages', { buyerId: buyer, text: '有人吗' });
      expect(res.status).toBe(500);
      runtime.classifier = classifier;
      expect((await server.store.messages(SHOP, 'c-throw')).map((m) => `${m.role}:${m.text}`)).toEqual(['buyer:在吗', expect.stringMatching(/^bot:/), 'buyer:有人吗']);
      expect((await server.store.getConversation(SHOP, 'c-throw'))?.version).toBe(1);
      // The next turn goes on from the stored state.
      const next = await server.call('POST', '/api/v1/conversations/c-throw/messages', { buyerId: buyer, text: '包邮吗' });
      expect((next.body as TurnAnswer).seq).toEqual({ buyer: 4, replies: [5] });
    } finally {
      await server.close();
    }
  });
});
