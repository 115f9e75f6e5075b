import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreConflictError, type CommitTurn, type NewEvent, type Store } from '../../src/store/types.ts';

/**
 * The one contract every Store implementation passes. `makeStore` returns a new, open store; the
 * suite migrates it and closes it after each test. Each test works in its own random shop, so stores
 * sharing one database (PostgreSQL schema) do not see each other's rows.
 */
export function runStoreContract(
  name: string,
  makeStore: () => Promise<Store>,
  /** `sharedDatabase`: two stores from makeStore see the same data (false for SQLite :memory:). */
  options: { sharedDatabase: boolean } = { sharedDatabase: true },
): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    let shop: string;
    const extraStores: Store[] = [];

    beforeEach(async () => {
      store = await makeStore();
      await store.migrate();
      shop = `shop-${randomUUID()}`;
    });

    afterEach(async () => {
      await store.close();
      for (const extra of extraStores.splice(0)) await extra.close();
    });

    const at = (minute: number): string => new Date(Date.UTC(2025, 10, 20, 6, minute)).toISOString();

    function turn(conversationId: string, expectedVersion: number, overrides: Partial<CommitTurn> = {}): CommitTurn {
      return {
        shopId: shop,
        conversationId,
        expectedVersion,
        state: { step: expectedVersion + 1 },
        owner: 'bot',
        updatedAt: at(expectedVersion + 1),
        messages: [{ role: 'bot', text: `回复 ${expectedVersion + 1}`, at: at(expectedVersion + 1) }],
        events: [{ kind: 'turn', at: at(expectedVersion + 1), data: { intent: 'greeting' } }],
        ...overrides,
      };
    }

    it('keeps a turn receipt with the commit and finds a buyer message by its client id', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      const buyer = await store.appendMessage(shop, 'c1', { role: 'buyer', text: '在吗', at: at(0), clientMessageId: 'm-1' });
      expect(await store.messageByClientId(shop, 'c1', 'm-1')).toEqual(buyer);
      expect(await store.messageByClientId(shop, 'c1', 'm-2')).toBeUndefined();
      expect(await store.turnReceipt(shop, 'c1', 'm-1')).toBeUndefined();
      await store.commitTurn(turn('c1', 0, { receipt: { clientMessageId: 'm-1', answer: { replies: [{ text: '您好' }] } } }));
      expect(await store.turnReceipt(shop, 'c1', 'm-1')).toEqual({ clientMessageId: 'm-1', answer: { replies: [{ text: '您好' }] }, replySeqs: [2] });
      // The same client id twice in one conversation is refused by the store itself.
      await expect(store.appendMessage(shop, 'c1', { role: 'buyer', text: '在吗', at: at(1), clientMessageId: 'm-1' })).rejects.toThrow();
      // A stale commit leaves no receipt behind.
      await expect(store.commitTurn(turn('c1', 0, { receipt: { clientMessageId: 'm-9', answer: {} } }))).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.turnReceipt(shop, 'c1', 'm-9')).toBeUndefined();
    });

    it('writes outbox rows in the turn commit (or not at all), claims, settles and lists them', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      await store.appendMessage(shop, 'c1', { role: 'buyer', text: '在吗', at: at(0) });
      const event = { eventId: 'evt-1', type: 'reply.created', target: 'http://hook/a', conversationId: 'c1', data: { text: '您好' }, createdAt: at(1), messageIndex: 0 };
      await expect(store.commitTurn(turn('c1', 5, { outbox: [event] }))).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.claimOutbox(at(59), at(59), 10)).toEqual([]);
      await store.commitTurn(turn('c1', 0, { outbox: [event, { ...event, target: 'http://hook/b' }] }));
      const claimed = (await store.claimOutbox(at(2), at(30), 10)).filter((r) => r.shopId === shop);
      expect(claimed.map((r) => [r.eventId, r.target, r.data.seq, r.state, r.attempts])).toEqual([
        ['evt-1', 'http://hook/a', 2, 'pending', 0],
        ['evt-1', 'http://hook/b', 2, 'pending', 0],
      ]);
      // Leased: not claimed again before the lease ends.
      expect((await store.claimOutbox(at(3), at(31), 10)).filter((r) => r.shopId === shop)).toEqual([]);
      await store.settleOutbox(claimed[0]!.id, { state: 'delivered', at: at(4) });
      await store.settleOutbox(claimed[1]!.id, { state: 'dead', at: at(4), error: 'HTTP 500' });
      expect((await store.listOutbox(shop, 'dead', 10)).map((r) => [r.target, r.attempts, r.lastError])).toEqual([['http://hook/b', 1, 'HTTP 500']]);
      expect((await store.listOutbox(shop, 'delivered', 10))[0]?.deliveredAt).toBe(at(4));
      // A dead event goes back in line with fresh attempts; a delivered one stays delivered.
      expect(await store.requeueOutbox(shop, 'evt-1', at(5))).toBe(1);
      expect((await store.listOutbox(shop, 'pending', 10)).map((r) => [r.target, r.attempts, r.nextAttemptAt])).toEqual([['http://hook/b', 0, at(5)]]);
      await store.settleOutbox(claimed[1]!.id, { state: 'delivered', at: at(6) });
      // The same event id for the same target is stored once.
      await store.enqueueOutbox(shop, [{ ...event, messageIndex: undefined, data: {} }]);
      expect(await store.hasOutboxEvent(shop, 'evt-1')).toBe(true);
      expect((await store.listOutbox(shop, 'pending', 10)).length).toBe(0);
    });

    it('refuses NUL and lone surrogates in message text', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      await expect(store.appendMessage(shop, 'c1', { role: 'buyer', text: 'a\u0000b', at: at(0) })).rejects.toThrow();
      await expect(store.appendMessage(shop, 'c1', { role: 'buyer', text: 'a\ud800', at: at(0) })).rejects.toThrow();
      expect(await store.messages(shop, 'c1')).toEqual([]);
    });

    it('migrates twice without losing data', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      await store.migrate();
      await store.migrate();
      expect((await store.getConversation(shop, 'c1'))?.buyerId).toBe('buyer-1');
    });

    it('opens a new conversation at version 0 with no state, owned by the bot', async () => {
      const opened = await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      expect(opened).toEqual({
        shopId: shop,
        id: 'c1',
        buyerId: 'buyer-1',
        createdAt: at(0),
        updatedAt: at(0),
        owner: 'bot',
        state: undefined,
        version: 0,
      });
      expect(await store.getConversation(shop, 'c1')).toEqual(opened);
      expect(await store.getConversation(shop, 'missing')).toBeUndefined();
      // Conversations belong to a shop: the same id elsewhere is not found.
      expect(await store.getConversation(`${shop}-other`, 'c1')).toBeUndefined();
    });

    it('never changes the buyer of an existing conversation', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      const again = await store.openConversation(shop, 'c1', 'intruder', at(5));
      expect(again.buyerId).toBe('buyer-1');
      expect(again.createdAt).toBe(at(0));
      expect((await store.getConversation(shop, 'c1'))?.buyerId).toBe('buyer-1');
    });

    it('lists conversations of one shop, filtered by owner and updatedSince', async () => {
      await store.openConversation(shop, 'a', 'b1', at(0));
      await store.openConversation(shop, 'b', 'b2', at(0));
      await store.openConversation(shop, 'c', 'b3', at(0));
      await store.openConversation(`${shop}-other`, 'x', 'b9', at(0));
      await store.commitTurn(turn('b', 0, { owner: 'agent', updatedAt: at(10) }));
      await store.commitTurn(turn('c', 0, { owner: 'pending', updatedAt: at(20) }));

      const ids = async (filter?: Parameters<Store['listConversations']>[1]): Promise<string[]> =>
        (await store.listConversations(shop, filter)).map((c) => c.id).sort();
      expect(await ids()).toEqual(['a', 'b', 'c']);
      expect(await ids({ owner: 'agent' })).toEqual(['b']);
      expect(await ids({ owner: 'bot' })).toEqual(['a']);
      expect(await ids({ updatedSince: at(10) })).toEqual(['b', 'c']);
      expect(await ids({ updatedSince: at(11) })).toEqual(['c']);
      expect(await ids({ owner: 'agent', updatedSince: at(11) })).toEqual([]);
    });

    it('appends messages with seq 1, 2, 3 and defaults meta to {}', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      const first = await store.appendMessage(shop, 'c1', { role: 'buyer', text: '在吗', at: at(1), meta: { intent: 'greeting' } });
      const second = await store.appendMessage(shop, 'c1', { role: 'agent', agent: '小暖', text: '您好', at: at(2) });
      const third = await store.appendMessage(shop, 'c1', { role: 'buyer', text: '有M码吗', at: at(3) });
      expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
      expect(second).toEqual({ shopId: shop, conversationId: 'c1', seq: 2, role: 'agent', agent: '小暖', text: '您好', at: at(2), meta: {} });
      const stored = await store.messages(shop, 'c1');
      expect(stored).toEqual([first, second, third]);
      expect(stored[0]?.meta).toEqual({ intent: 'greeting' });
      expect(stored[0]).not.toHaveProperty('agent');
      // A message on its own is not a turn: version, state and updatedAt stay.
      expect(await store.getConversation(shop, 'c1')).toMatchObject({ version: 0, updatedAt: at(0), state: undefined });
    });

    it('refuses a message for an unknown conversation', async () => {
      await expect(store.appendMessage(shop, 'nope', { role: 'buyer', text: 'hi', at: at(1) })).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      expect(await store.messages(shop, 'nope')).toEqual([]);
    });

    it('commits a turn: messages after the stored ones, events, state, owner, version + 1', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      await store.appendMessage(shop, 'c1', { role: 'buyer', text: '在吗', at: at(1) });
      const result = await store.commitTurn(
        turn('c1', 0, {
          owner: 'pending',
          state: { value: 'presale', context: { size: 'M' } },
          messages: [
            { role: 'bot', text: '您好', at: at(2) },
            { role: 'bot', text: '有的', at: at(2), meta: { scriptId: 'size-ok' } },
          ],
          events: [
            { kind: 'turn', at: at(2), data: { intent: 'greeting' } },
            { kind: 'handoff', at: at(2), data: { reason: 'refund' } },
          ],
        }),
      );
      expect(result.version).toBe(1);
      expect(result.messages.map((m) => [m.seq, m.text])).toEqual([
        [2, '您好'],
        [3, '有的'],
      ]);
      const conversation = await store.getConversation(shop, 'c1');
      expect(conversation).toMatchObject({ version: 1, owner: 'pending', updatedAt: at(1), state: { value: 'presale', context: { size: 'M' } } });
      expect(await store.messages(shop, 'c1')).toHaveLength(3);
      expect((await store.events(shop)).map((e) => e.kind)).toEqual(['turn', 'handoff']);

      const next = await store.commitTurn(turn('c1', 1));
      expect(next.version).toBe(2);
      expect(next.messages[0]?.seq).toBe(4);
    });

    it('leaves nothing behind when a commit fails (stale version, unknown conversation, bad message)', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      await store.commitTurn(turn('c1', 0));
      const before = { conversation: await store.getConversation(shop, 'c1'), messages: await store.messages(shop, 'c1'), events: await store.events(shop) };

      await expect(store.commitTurn(turn('c1', 0, { state: { lost: true } }))).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.commitTurn(turn('c1', 5))).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.commitTurn(turn('ghost', 0))).rejects.toBeInstanceOf(StoreConflictError);
      const badRole = { role: 'robot', text: 'x', at: at(3) } as unknown as CommitTurn['messages'][number];
      await expect(store.commitTurn(turn('c1', 1, { messages: [{ role: 'bot', text: 'ok', at: at(3) }, badRole] }))).rejects.toThrow();

      expect(await store.getConversation(shop, 'c1')).toEqual(before.conversation);
      expect(await store.messages(shop, 'c1')).toEqual(before.messages);
      expect(await store.events(shop)).toEqual(before.events);
      expect(await store.getConversation(shop, 'ghost')).toBeUndefined();
    });

    it('lets exactly one of several concurrent commits with the same expected version win', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      const contenders = Array.from({ length: 8 }, (_, i) =>
        store.commitTurn(turn('c1', 0, { state: { winner: i }, messages: [{ role: 'bot', text: `候选 ${i}`, at: at(1) }] })),
      );
      const results = await Promise.allSettled(contenders);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StoreConflictError);

      const conversation = await store.getConversation(shop, 'c1');
      expect(conversation?.version).toBe(1);
      expect(conversation?.state).toEqual({ winner: won[0] });
      expect((await store.messages(shop, 'c1')).map((m) => m.text)).toEqual([`候选 ${won[0]}`]);
      expect(await store.events(shop)).toHaveLength(1);
    });

    it('pages messages with afterSeq and limit', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      for (let i = 1; i <= 5; i++) await store.appendMessage(shop, 'c1', { role: 'buyer', text: `m${i}`, at: at(i) });
      const texts = async (options: { afterSeq?: number; limit?: number }): Promise<string[]> =>
        (await store.messages(shop, 'c1', options)).map((m) => m.text);
      expect(await texts({})).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
      expect(await texts({ afterSeq: 3 })).toEqual(['m4', 'm5']);
      expect(await texts({ limit: 2 })).toEqual(['m1', 'm2']);
      expect(await texts({ afterSeq: 1, limit: 2 })).toEqual(['m2', 'm3']);
      expect(await texts({ afterSeq: 5 })).toEqual([]);
    });

    it('filters events by kind, time range (from inclusive, to exclusive) and conversation', async () => {
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      await store.openConversation(shop, 'c2', 'buyer-2', at(0));
      const events: NewEvent[] = [
        { kind: 'turn', at: at(1), data: { n: 1 } },
        { kind: 'unrecognised', at: at(2), data: { text: '？？' } },
        { kind: 'handoff', at: at(3) },
      ];
      await store.appendEvents(shop, 'c1', events);
      await store.appendEvents(shop, 'c2', [{ kind: 'turn', at: at(4), data: { n: 2 } }]);
      await expect(store.appendEvents(shop, 'ghost', events)).rejects.toBeInstanceOf(StoreConflictError);

      const all = await store.events(shop);
      expect(all.map((e) => [e.conversationId, e.kind])).toEqual([
        ['c1', 'turn'],
        ['c1', 'unrecognised'],
        ['c1', 'handoff'],
        ['c2', 'turn'],
      ]);
      expect(all[2]?.data).toEqual({});
      expect(all[0]).toMatchObject({ shopId: shop, data: { n: 1 } });
      expect(new Set(all.map((e) => e.id)).size).toBe(4);

      const kinds = async (filter: Parameters<Store['events']>[1]): Promise<string[]> =>
        (await store.events(shop, filter)).map((e) => `${e.conversationId}:${e.kind}`);
      expect(await kinds({ kinds: ['turn'] })).toEqual(['c1:turn', 'c2:turn']);
      expect(await kinds({ kinds: ['turn', 'handoff'], conversationId: 'c1' })).toEqual(['c1:turn', 'c1:handoff']);
      expect(await kinds({ kinds: [] })).toEqual([]);
      expect(await kinds({ from: at(2), to: at(4) })).toEqual(['c1:unrecognised', 'c1:handoff']);
      expect(await kinds({ from: at(4) })).toEqual(['c2:turn']);
      expect(await kinds({ conversationId: 'c2' })).toEqual(['c2:turn']);
      expect(await store.events(`${shop}-other`)).toEqual([]);
    });

    it('stores API key hashes per shop', async () => {
      const hash = `hash-${randomUUID()}`;
      expect(await store.shopForKeyHash(hash)).toBeUndefined();
      await store.putApiKey(shop, hash, '前台');
      await store.putApiKey(shop, hash, '前台');
      expect(await store.shopForKeyHash(hash)).toBe(shop);
      const second = `hash-${randomUUID()}`;
      await store.putApiKey(`${shop}-2`, second);
      expect(await store.shopForKeyHash(second)).toBe(`${shop}-2`);
      expect(await store.shopForKeyHash(hash)).toBe(shop);
    });

    it('answers health while open and refuses after close', async () => {
      await expect(store.health()).resolves.toBeUndefined();
      await store.close();
      await expect(store.health()).rejects.toThrow();
      await store.close(); // closing twice is harmless
    });

    it('round-trips JSON state, meta and data with Chinese text and emoji', async () => {
      const state = {
        value: { presale: 'askSize' },
        context: { 尺码: 'M', 备注: '请尽快发货🙏，谢谢！', height: 165.5, vip: true, coupon: null, tags: ['羊毛', '大衣', '🧥'] },
        history: [{ at: at(1), text: '“引号”和\\反斜杠\n换行' }],
      };
      await store.openConversation(shop, '会话-😀', '买家-甲', at(0));
      await store.commitTurn(
        turn('会话-😀', 0, {
          state,
          messages: [{ role: 'bot', text: '亲，您好😊', at: at(1), meta: { scriptId: '欢迎', score: 0.93, nested: { emoji: '✨' } } }],
          events: [{ kind: 'remark', at: at(1), data: { text: '送小礼品🎁' } }],
        }),
      );
      const conversation = await store.getConversation(shop, '会话-😀');
      expect(conversation?.state).toEqual(state);
      expect(conversation?.buyerId).toBe('买家-甲');
      const [message] = await store.messages(shop, '会话-😀');
      expect(message).toMatchObject({ text: '亲，您好😊', meta: { scriptId: '欢迎', score: 0.93, nested: { emoji: '✨' } } });
      const [event] = await store.events(shop, { conversationId: '会话-😀' });
      expect(event?.data).toEqual({ text: '送小礼品🎁' });
    });

    it.skipIf(!options.sharedDatabase)('sees commits made through a second store on the same database', async () => {
      const other = await makeStore();
      extraStores.push(other);
      await other.migrate();
      await store.openConversation(shop, 'c1', 'buyer-1', at(0));
      await other.commitTurn(turn('c1', 0));
      await expect(store.commitTurn(turn('c1', 0))).rejects.toBeInstanceOf(StoreConflictError);
      expect((await store.getConversation(shop, 'c1'))?.version).toBe(1);

      // Racing through both stores at once: still exactly one winner, and seq stays gap-free.
      const race = await Promise.allSettled([store.commitTurn(turn('c1', 1)), other.commitTurn(turn('c1', 1))]);
      expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await other.messages(shop, 'c1')).map((m) => m.seq)).toEqual([1, 2]);
    });

    describe('training sessions', () => {
      const session = (id: string, trainee: string, minute: number) => ({
        shopId: shop,
        id,
        trainee,
        scenario: 'haggle_comparison',
        persona: 'gentle',
        seed: 42,
        exam: minute % 2 === 1,
        createdAt: at(minute),
      });

      it('creates a session at version 0 with no replies and no score, and refuses the same id twice', async () => {
        const created = await store.createTrainingSession(session('t1', '小李', 0));
        expect(created).toEqual({ ...session('t1', '小李', 0), replies: [], updatedAt: at(0), total: null, scorecard: undefined, version: 0 });
        expect(await store.getTrainingSession(shop, 't1')).toEqual(created);
        await expect(store.createTrainingSession(session('t1', '小王', 1))).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getTrainingSession(shop, 'nope')).toBeUndefined();
      });

      it('saves replies and the scorecard with a version check', async () => {
        await store.createTrainingSession(session('t1', '小李', 0));
        const replies = [{ text: '您好，请问有什么可以帮您？😊', elapsedSec: 4.5 }];
        const saved = await store.saveTrainingSession({ shopId: shop, id: 't1', expectedVersion: 0, replies, updatedAt: at(1), total: null });
        expect(saved).toMatchObject({ replies, updatedAt: at(1), total: null, version: 1 });
        expect(saved.scorecard).toBeUndefined();
        await expect(store.saveTrainingSession({ shopId: shop, id: 't1', expectedVersion: 0, replies: [], updatedAt: at(2), total: null })).rejects.toBeInstanceOf(StoreConflictError);
        const card = { total: 87.5, misses: [{ kind: 'rule', id: 'polite-you', label: '称呼顾客请用“您”' }] };
        const done = await store.saveTrainingSession({ shopId: shop, id: 't1', expectedVersion: 1, replies, updatedAt: at(3), total: 87.5, scorecard: card });
        expect(done).toMatchObject({ total: 87.5, scorecard: card, version: 2 });
        await expect(store.saveTrainingSession({ shopId: shop, id: 'nope', expectedVersion: 0, replies: [], updatedAt: at(4), total: null })).rejects.toBeInstanceOf(StoreConflictError);
      });

      it('lists one trainee\'s sessions oldest first, in this shop only', async () => {
        await store.createTrainingSession(session('b', '小李', 5));
        await store.createTrainingSession(session('a', '小李', 2));
        await store.createTrainingSession(session('c', '小王', 3));
        await store.createTrainingSession({ ...session('d', '小李', 1), shopId: `${shop}-other` });
        expect((await store.listTrainingSessions(shop, '小李')).map((s) => s.id)).toEqual(['a', 'b']);
        expect(await store.listTrainingSessions(shop, '没人')).toEqual([]);
      });
    });
  });
}
