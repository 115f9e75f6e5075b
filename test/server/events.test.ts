import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, DEMO_API_KEY } from '../../src/server/auth.ts';
import { eventsRoutes } from '../../src/server/events-routes.ts';
import { createRedisBus } from '../../src/store/redis.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { openEventStream, type EventStream } from '../helpers/event-stream.ts';
import { OTHER_SHOP_KEY, startTestServer, type TestServer } from '../helpers/http-server.ts';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/services.ts';

// GET /api/v1/events on a really listening server: live updates per shop, reconnect, heartbeats.

let server: TestServer;
const streams: EventStream[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of streams) s.close();
  await server.close();
});

const anna = 'tb_buyer_anna';
async function stream(base: string, query = '', headers: Record<string, string> = { authorization: `Bearer ${DEMO_API_KEY}` }): Promise<EventStream> {
  const s = await openEventStream(`${base}/api/v1/events${query}`, headers);
  streams.push(s);
  return s;
}
const say = (s: TestServer, id: string, text: string, mode?: 'assist') =>
  s.call('POST', `/api/v1/conversations/${id}/messages`, { buyerId: anna, text, ...(mode ? { mode } : {}) });
const of = (conversationId: string, event: string) => (f: { event: string; data: Record<string, unknown> }) => f.event === event && f.data.conversationId === conversationId;

describe('GET /api/v1/events', () => {
  it('refuses a request without a key, and takes the key as header, ?key= or the kefu_key cookie', async () => {
    const none = await stream(server.url, '', {});
    expect(none.status).toBe(401);
    const wrong = await stream(server.url, '?key=nope', {});
    expect(wrong.status).toBe(401);
    const byQuery = await stream(server.url, `?key=${DEMO_API_KEY}`, {});
    const byCookie = await stream(server.url, '', { cookie: `theme=dark; kefu_key=${DEMO_API_KEY}` });
    expect([byQuery.status, byCookie.status]).toEqual([200, 200]);
    await say(server, 'e-auth', '这件羊毛大衣有M码吗');
    await byQuery.next(of('e-auth', 'buyer_message'));
    await byCookie.next(of('e-auth', 'buyer_message'));
  });

  it('takes the key from a query or cookie on the event stream only', async () => {
    const res = await fetch(`${server.url}/api/v1/inbox?key=${DEMO_API_KEY}`, { headers: { cookie: `kefu_key=${DEMO_API_KEY}` } });
    expect(res.status).toBe(401);
  });

  it('pushes the buyer message and the reply within a second, with ids and Chinese text intact', async () => {
    const s = await stream(server.url);
    expect(s.status).toBe(200);
    const started = Date.now();
    await say(server, 'e-1', '这件羊毛大衣有M码吗😊');
    const buyer = await s.next(of('e-1', 'buyer_message'), 1000);
    const reply = await s.next(of('e-1', 'reply'), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(buyer.data).toMatchObject({ role: 'buyer', text: '这件羊毛大衣有M码吗😊', seq: 1 });
    expect(reply.data).toMatchObject({ role: 'bot', seq: 2 });
    expect(reply.data.text).toContain('M码');
    expect(buyer.id).toMatch(/\S/);
    expect(buyer.id).not.toBe(reply.id);
  });

  it('pushes a suggestion in assist mode, a hand-off, and owner changes', async () => {
    const s = await stream(server.url);
    await say(server, 'e-assist', '羊毛大衣有M码吗', 'assist');
    expect((await s.next(of('e-assist', 'suggestion'))).data.text).toContain('M码');
    await say(server, 'e-handoff', '我要找人工客服');
    const handoff = await s.next(of('e-handoff', 'handoff'));
    expect(handoff.data.reason).toBeTypeOf('string');
    expect(handoff.data.summary).toBeTypeOf('string');
    await server.call('POST', '/api/v1/conversations/e-handoff/owner', { action: 'join', agent: '小禾' });
    expect((await s.next(of('e-handoff', 'owner'))).data).toMatchObject({ to: 'agent', agent: '小禾' });
    await server.call('POST', '/api/v1/conversations/e-handoff/agent-replies', { agent: '小禾', text: '您好，我来为您处理' });
    const agentReply = await s.next((f) => of('e-handoff', 'reply')(f) && f.data.role === 'agent');
    expect(agentReply.data).toMatchObject({ agent: '小禾', text: '您好，我来为您处理' });
  });

  it("sends another shop's events to that shop only", async () => {
    const mine = await stream(server.url);
    const theirs = await stream(server.url, '', { authorization: `Bearer ${OTHER_SHOP_KEY}` });
    await server.call('POST', '/api/v1/conversations/e-other/messages', { buyerId: anna, text: '有M码吗' }, OTHER_SHOP_KEY);
    await theirs.next(of('e-other', 'reply'));
    await say(server, 'e-mine', '有M码吗');
    await mine.next(of('e-mine', 'reply'));
    expect(mine.frames.some((f) => f.data.conversationId === 'e-other')).toBe(false);
    expect(theirs.frames.some((f) => f.data.conversationId === 'e-mine')).toBe(false);
  });

  it('replays what a screen missed after Last-Event-ID, and says reset for an id no longer kept', async () => {
    const first = await stream(server.url);
    await say(server, 'e-replay', '羊毛大衣有M码吗');
    const seen = await first.next(of('e-replay', 'buyer_message'));
    first.close();
    await say(server, 'e-replay', '有L码吗');
    const again = await stream(server.url, '', { authorization: `Bearer ${DEMO_API_KEY}`, 'last-event-id': seen.id! });
    const missed = await again.next((f) => f.event === 'buyer_message' && f.data.text === '有L码吗');
    expect(again.frames.map((f) => f.data.text).slice(0, 3)).toEqual([expect.stringContaining('M码'), '有L码吗', expect.any(String)]);
    expect(missed.data.seq).toBe(3);
    const lost = await stream(server.url, '?lastEventId=gone-1', {
      authorization: `Bearer ${DEMO_API_KEY}`,
    });
    await lost.next((f) => f.event === 'reset');
  });

  it('writes heartbeat comments on an idle stream', async () => {
    const app = express();
    app.use(authenticate(server.deps.store, server.deps.shops), eventsRoutes(server.deps, 40));
    const http = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const res = await openEventStream(`http://127.0.0.1:${(http.address() as AddressInfo).port}/events`, { authorization: `Bearer ${DEMO_API_KEY}` });
      streams.push(res);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(res.raw()).toMatch(/^retry: \d+\n\n/);
      expect(res.raw().match(/^: heartbeat /gm)?.length).toBeGreaterThanOrEqual(2);
      res.close();
    } finally {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});

const redis = await redisAvailable();

describe.skipIf(!redis)('two instances over Redis', () => {
  it('an event written through one instance reaches a stream on the other, and its id resumes there', async () => {
    const channel = `kefu:test:live:${randomBytes(6).toString('hex')}`;
    const store = new SqliteStore(':memory:');
    const busA = createRedisBus(TEST_REDIS_URL);
    const busB = createRedisBus(TEST_REDIS_URL);
    const a = await startTestServer({ store, bus: busA, liveChannel: channel });
    const b = await startTestServer({ store, bus: busB, liveChannel: channel });
    try {
      const onB = await stream(b.url);
      await say(a, 'e-redis', '羊毛大衣有M码吗');
      const buyer = await onB.next(of('e-redis', 'buyer_message'));
      await onB.next(of('e-redis', 'reply'));
      await say(a, 'e-redis', '有L码吗');
      const resumed = await stream(b.url, '', { authorization: `Bearer ${DEMO_API_KEY}`, 'last-event-id': buyer.id! });
      await resumed.next((f) => f.event === 'buyer_message' && f.data.text === '有L码吗');
      expect(resumed.frames[0]?.event).toBe('reply');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
