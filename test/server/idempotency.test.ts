import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationView } from '../../src/server/conversation-view.ts';
import type { TurnAnswer } from '../../src/server/turn.ts';
import { startTestServer } from '../helpers/http-server.ts';
import { spawnServe } from '../helpers/serve-process.ts';

// clientMessageId: the channel retries a message whose answer it never saw; kefu answers it once.

const dir = mkdtempSync(join(tmpdir(), 'kefu-idem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHOP = 'nuanyang-flagship';

describe('idempotent turns (in process)', () => {
  it('a retry with the same clientMessageId returns the stored answer and stores nothing twice', async () => {
    const server = await startTestServer();
    try {
      const body = { buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗', clientMessageId: 'tb-msg-1001' };
      const first = await server.call('POST', '/api/v1/conversations/c-idem/messages', body);
      expect(first.status).toBe(200);
      const retry = await server.call('POST', '/api/v1/conversations/c-idem/messages', body);
      expect(retry.status).toBe(200);
      const { replayed, ...again } = retry.body as TurnAnswer;
      expect(replayed).toBe(true);
      expect(again).toEqual(first.body);
      expect(await server.store.messages(SHOP, 'c-idem')).toHaveLength(2);
      expect(await server.store.events(SHOP, { conversationId: 'c-idem', kinds: ['turn'] })).toHaveLength(1);
      // Another id is another message.
      const next = await server.call('POST', '/api/v1/conversations/c-idem/messages', { ...body, clientMessageId: 'tb-msg-1002' });
      expect((next.body as TurnAnswer).seq).toEqual({ buyer: 3, replies: [4] });
    } finally {
      await server.close();
    }
  });

  it('a message stored before a crash (no answer yet) is answered on retry without a second copy', async () => {
    const server = await startTestServer();
    try {
      await server.store.openConversation(SHOP, 'c-half', 'tb_buyer_anna', new Date().toISOString());
      await server.store.appendMessage(SHOP, 'c-half', { role: 'buyer', text: '在吗', at: new Date().toISOString(), clientMessageId: 'tb-msg-7' });
      const res = await server.call('POST', '/api/v1/conversations/c-half/messages', { buyerId: 'tb_buyer_anna', text: '在吗', clientMessageId: 'tb-msg-7' });
      expect(res.status).toBe(200);
      expect((res.body as TurnAnswer).seq).toEqual({ buyer: 1, replies: [2] });
      expect((await server.store.messages(SHOP, 'c-half')).map((m) => m.role)).toEqual(['buyer', 'bot']);
    } finally {
      await server.close();
    }
  });

  it('refuses a malformed clientMessageId with 400', async () => {
    const server = await startTestServer();
    try {
      const res = await server.call('POST', '/api/v1/conversations/c-bad/messages', { buyerId: 'tb_buyer_anna', text: '在吗', clientMessageId: 'a b' });
      expect(res.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});

describe('idempotent turns across kill -9', () => {
  it('kill -9 after the commit, before the client read the answer: the retry gets the stored answer, stored once', async () => {
    const file = join(dir, 'kefu.db');
    const env = { KEFU_DATA_DIR: dir };
    const first = await spawnServe(['--db', `sqlite:${file}`], env);
    const body = Buffer.from(JSON.stringify({ buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗', clientMessageId: 'tb-msg-crash' }));
    // The client sends the message and never reads the answer: it is lost with the process.
    const { port } = new URL(first.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.pause();
    socket.write(
      `POST /api/v1/conversations/c-crash/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer kefu-demo-key\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body);
    // Kill the moment the turn is committed (its receipt is visible to another reader).
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    const committed = (): boolean => {
      try {
        return (reader.prepare('SELECT count(*) AS n FROM turn_receipts').get() as { n: number }).n > 0;
      } catch {
        return false; // the table is created by the first start's migration
      }
    };
    for (let i = 0; i < 2000 && !committed(); i++) await new Promise((r) => setTimeout(r, 2));
    first.child.kill('SIGKILL');
    await first.exit;
    socket.destroy();
    reader.close();

    const second = await spawnServe(['--db', `sqlite:${file}`], env);
    try {
      const headers = { authorization: 'Bearer kefu-demo-key', 'content-type': 'application/json' };
      const retry = await fetch(`${second.url}/api/v1/conversations/c-crash/messages`, { method: 'POST', headers, body });
      expect(retry.status).toBe(200);
      const answer = (await retry.json()) as TurnAnswer;
      expect(answer.replayed).toBe(true);
      const view = (await (await fetch(`${second.url}/api/v1/conversations/c-crash?buyerId=tb_buyer_anna`, { headers })).json()) as ConversationView;
      expect(view.messages.map((m) => m.role)).toEqual(['buyer', 'bot']);
      expect(view.messages[1]?.text).toBe(answer.replies[0]?.text);
      expect(answer.seq).toEqual({ buyer: 1, replies: [2] });
    } finally {
      second.child.kill('SIGKILL');
      await second.exit;
    }
  }, 60_000);
});
