import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationView } from '../../src/server/conversation-view.ts';
import type { TurnAnswer } from '../../src/server/turn.ts';
import { spawnServe } from '../helpers/serve-process.ts';

// The real command in a child process: restart after kill -9, graceful SIGTERM.

const dir = mkdtempSync(join(tmpdir(), 'kefu-serve-'));
const env = { KEFU_DATA_DIR: dir };
const db = `sqlite:${join(dir, 'kefu.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headers = { authorization: 'Bearer kefu-demo-key', 'content-type': 'application/json' };
async function say(url: string, id: string, text: string): Promise<TurnAnswer> {
  const res = await fetch(`${url}/api/v1/conversations/${id}/messages`, { method: 'POST', headers, body: JSON.stringify({ buyerId: 'tb_buyer_anna', text }) });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as TurnAnswer;
}
async function view(url: string, id: string): Promise<ConversationView> {
  const res = await fetch(`${url}/api/v1/conversations/${id}?buyerId=tb_buyer_anna`, { headers });
  return (await res.json()) as ConversationView;
}

describe('kefu serve', () => {
  it('prints its address and the demo key, and keeps every acknowledged turn across kill -9', async () => {
    const first = await spawnServe(['--db', db], env);
    expect(first.banner).toMatch(/^kefu 服务已启动：http:\/\/127\.0\.0\.1:\d+（店铺：暖阳生活旗舰店，数据库：sqlite，演示密钥：kefu-demo-key），客服工作台：http:\/\/127\.0\.0\.1:\d+\/agent\.html$/);
    await say(first.url, 'size', '羊毛大衣我穿什么码');
    await say(first.url, 'size', '身高163');

    // Load on three conversations; the process is killed while requests are in flight.
    const acknowledged = new Map<string, { text: string; answer: TurnAnswer }[]>();
    let stop = false;
    const loops = ['load-1', 'load-2', 'load-3'].map(async (id) => {
      const acks: { text: string; answer: TurnAnswer }[] = [];
      acknowledged.set(id, acks);
      for (let i = 0; !stop; i++) {
        const text = `第${i + 1}次问：羊毛大衣有M码吗`;
        try {
          acks.push({ text, answer: await say(first.url, id, text) });
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    });
    while ([...acknowledged.values()].reduce((n, a) => n + a.length, 0) < 30) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    stop = true;
    await Promise.all(loops);

    const second = await spawnServe(['--db', db], env);
    try {
      for (const [id, acks] of acknowledged) {
        expect(acks.length).toBeGreaterThan(0);
        const { messages } = await view(second.url, id);
        expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
        for (const { text, answer } of acks) {
          expect(messages[answer.seq.buyer - 1]).toMatchObject({ role: 'buyer', text });
          expect(messages[answer.seq.replies[0]! - 1]).toMatchObject({ role: 'bot', text: answer.replies[0]!.text });
        }
      }
      // The size advice goes on where it was: the height given before the kill is remembered.
      const before = await view(second.url, 'size');
      expect(before.state).toMatchObject({ flow: 'bot/presale.awaitingBodyData', turns: 2 });
      const fit = await say(second.url, 'size', '体重52');
      expect(fit.state).toBe('bot/presale.idle');
      expect(fit.replies[0]?.text).toMatch(/163cm[\s\S]*52kg[\s\S]*M码/);
      expect(fit.seq).toEqual({ buyer: 5, replies: [6] });
    } finally {
      second.child.kill('SIGKILL');
      await second.exit;
    }
  }, 60_000);

  it('finishes the request in flight on SIGTERM, then exits with 0', async () => {
    const server = await spawnServe(['--db', db], env);
    const { port } = new URL(server.url);
    // An idle keep-alive connection (fetch keeps one open) must not hold the shutdown up.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const body = Buffer.from(JSON.stringify({ buyerId: 'tb_buyer_anna', text: '这件羊毛大衣有M码吗' }));
    // Half a request is on the wire when the signal arrives; the rest follows after it.
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (c: Buffer) => (response += c.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', resolve));
    socket.write(
      `POST /api/v1/conversations/graceful/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer kefu-demo-key\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body.subarray(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    // The rest of the body, without half-closing: Node aborts a request whose client sent FIN
    // (httpAllowHalfOpen is off), which only went unnoticed while the answer was computed in the
    // very tick the body arrived; a turn waiting for its durable commit takes longer than that.
    socket.write(body.subarray(10));
    await expect.poll(() => response, { timeout: 15_000 }).toContain('"intent":"stock"');
    socket.end();
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toContain('"intent":"stock"');
    expect(await server.exit).toEqual({ code: 0, signal: null });
    // New connections are refused once it is gone.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  }, 60_000);
});
