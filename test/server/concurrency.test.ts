import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnAnswer } from '../../src/server/turn.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';
import { withLatency } from '../helpers/latency-store.ts';

// Turns of one conversation run one at a time in arrival order; different conversations do not wait.

let server: TestServer;
beforeAll(async () => {
  // With I/O latency, turns overlap unless the lock serialises them.
  server = await startTestServer({ store: withLatency(new SqliteStore(':memory:')) });
});
afterAll(async () => {
  await server.close();
});

const SHOP = 'nuanyang-flagship';
const buyerTexts = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}个问题：羊毛大衣有M码吗`);

/**
 * Sends every request on ONE keep-alive connection in one write (HTTP/1.1 pipelining): the server
 * receives them in exactly this order and handles them concurrently.
 */
function pipelined(url: string, requests: { path: string; body: unknown }[]): Promise<{ status: number; body: string }[]> {
  const { hostname, port } = new URL(url);
  const wire = requests
    .map(({ path, body }) => {
      const json = Buffer.from(JSON.stringify(body));
      return `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer kefu-demo-key\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json.toString('latin1')}`;
    })
    .join('');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let buffer = Buffer.alloc(0);
    const responses: { status: number; body: string }[] = [];
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        responses.push({ status: Number(head.split(' ')[1]), body: buffer.subarray(end + 4, end + 4 + length).toString('utf8') });
        buffer = buffer.subarray(end + 4 + length);
        if (responses.length === requests.length) {
          socket.end();
          resolve(responses);
        }
      }
    });
    socket.on('error', reject);
    socket.write(Buffer.from(wire, 'latin1'));
  });
}

describe('turns of one conversation', () => {
  it('run one at a time in the order 30 concurrent requests were sent: buyer/bot alternate, seq gapless', async () => {
    const texts = buyerTexts(30);
    const responses = await pipelined(
      server.url,
      texts.map((text) => ({ path: '/api/v1/conversations/c-order/messages', body: { buyerId: 'tb_buyer_anna', text } })),
    );
    expect(responses.map((r) => r.status)).toEqual(texts.map(() => 200));
    const messages = await server.store.messages(SHOP, 'c-order');
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(messages.map((m) => m.role)).toEqual(texts.flatMap(() => ['buyer', 'bot']));
    expect(messages.filter((m) => m.role === 'buyer').map((m) => m.text)).toEqual(texts);
    // Each answer is the reply to its own message.
    responses.forEach((r, i) => expect((JSON.parse(r.body) as TurnAnswer).seq).toEqual({ buyer: 2 * i + 1, replies: [2 * i + 2] }));
  });

  it('never interleave with 30 requests on separate connections', async () => {
    const texts = buyerTexts(30);
    const answers = await Promise.all(
      texts.map(async (text) => (await server.call('POST', '/api/v1/conversations/c-parallel/messages', { buyerId: 'tb_buyer_anna', text })).body as TurnAnswer),
    );
    const messages = await server.store.messages(SHOP, 'c-parallel');
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(messages.map((m) => m.role)).toEqual(texts.flatMap(() => ['buyer', 'bot']));
    for (const [i, answer] of answers.entries()) {
      expect(messages[answer.seq.buyer - 1]?.text).toBe(texts[i]);
      expect(answer.seq.replies).toEqual([answer.seq.buyer + 1]);
    }
    expect((await server.store.getConversation(SHOP, 'c-parallel'))?.version).toBe(30);
  });
});

describe('different conversations', () => {
  it('do not wait for each other', async () => {
    const slow = await startTestServer();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const open = slow.store.openConversation.bind(slow.store);
    slow.store.openConversation = async (shopId, id, buyerId, at) => {
      if (id === 'c-slow') await gate;
      return open(shopId, id, buyerId, at);
    };
    const stuck = slow.call('POST', '/api/v1/conversations/c-slow/messages', { buyerId: 'tb_buyer_anna', text: '在吗' });
    const quick = await slow.call('POST', '/api/v1/conversations/c-quick/messages', { buyerId: 'tb_buyer_anna', text: '在吗' });
    expect(quick.status).toBe(200);
    release();
    expect((await stuck).status).toBe(200);
    await slow.close();
  });
});
