import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/server/context.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { backoffMs, MAX_ATTEMPTS, signature, verifySignature } from '../../src/server/webhooks.ts';
import { DEMO_SHOP_PATH } from '../../src/shop/load.ts';
import { runCli } from '../helpers/run-cli.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

// Outbox + signed webhooks: what the channel must hear survives a receiver that is down and a restart.

const dir = mkdtempSync(join(tmpdir(), 'kefu-hooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = 'test-webhook-secret-0123456789';

describe('signatures and backoff', () => {
  it('verifies its own signature, refuses a changed body, another secret or an old timestamp', () => {
    const now = 1_763_600_000;
    const body = '{"id":"evt_1"}';
    const header = signature(SECRET, now, body);
    expect(header).toMatch(/^t=1763600000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, header, body, now + 10)).toBe(true);
    expect(verifySignature(SECRET, header, '{"id":"evt_2"}', now)).toBe(false);
    expect(verifySignature('another-secret-0123456789', header, body, now)).toBe(false);
    expect(verifySignature(SECRET, header, body, now + 301)).toBe(false);
    expect(verifySignature(SECRET, undefined, body, now)).toBe(false);
  });

  it('backs off exponentially up to a cap', () => {
    const fixed = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, fixed))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30, fixed)).toBe(15 * 60_000);
  });
});

function shopWith(receiverUrl: string, name: string): string {
  const file = join(dir, `${name}.yaml`);
  const yaml = readFileSync(DEMO_SHOP_PATH, 'utf8').replace(/^id: nuanyang-flagship$/m, 'id: hook-shop');
  writeFileSync(file, `${yaml}\nwebhooks:\n  - url: ${receiverUrl}\n    secret: ${SECRET}\n`);
  return file;
}

async function start(db: string, shopPath: string, backoff = 50): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db,
    shopPath,
    dataDir: dir,
    logger: silentLogger,
    webhookWorker: { intervalMs: 50, backoff: () => backoff, timeoutMs: 1000, overdueEveryMs: 50 },
  });
}

const post = (server: RunningServer, key: string, path: string, body: unknown) =>
  fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = async (server: RunningServer, key: string, path: string): Promise<unknown> => (await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } })).json();

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('webhooks over a restart', () => {
  it('receiver down, kefu restarted: every event is delivered, signed, once the receiver is back', async () => {
    const receiver: WebhookReceiver = await startWebhookReceiver(SECRET, { startDown: true });
    const shopPath = shopWith(receiver.url, 'restart');
    const db = `sqlite:${join(dir, 'restart.db')}`;
    const key = (await runCli(['keys', 'create', '--shop-file', shopPath, '--db', db])).stdout.trim();
    const first = await start(db, shopPath);
    try {
      expect((await post(first, key, '/conversations/h1/messages', { buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗' })).status).toBe(200);
      expect((await post(first, key, '/conversations/h1/messages', { buyerId: 'tb_buyer_anna', text: '我要投诉，转人工' })).status).toBe(200);
      expect((await post(first, key, '/conversations/h1/agent-replies', { agent: '小禾', text: '您好，我是客服小禾，马上为您处理' })).status).toBe(200);
      // The receiver is down: the attempts fail and wait for a retry.
      await until(async () => {
        const pending = (await get(first, key, '/notebooks/deliveries?state=pending')) as { deliveries: { attempts: number; lastError?: string }[] };
        return pending.deliveries.length > 0 && pending.deliveries.every((d) => d.attempts >= 1 && d.lastError !== undefined);
      });
    } finally {
      await first.close();
    }
    await receiver.up();
    const second = await start(db, shopPath);
    try {
      await until(async () => ((await get(second, key, '/notebooks/deliveries?state=pending')) as { deliveries: unknown[] }).deliveries.length === 0);
      const delivered = (await get(second, key, '/notebooks/deliveries?state=delivered')) as { deliveries: { id: string; type: string }[] };
      const types = receiver.received.map((e) => e.type).sort();
      expect(types).toContain('conversation.handoff');
      expect(types.filter((t) => t === 'reply.created').length).toBeGreaterThanOrEqual(2);
      // Every stored event arrived, each under its stable id, with a valid signature.
      expect(new Set(receiver.received.map((e) => e.id))).toEqual(new Set(delivered.deliveries.map((d) => d.id)));
      expect(receiver.badSignatures).toBe(0);
      const agentReply = receiver.received.find((e) => e.type === 'reply.created' && e.data.role === 'agent');
      expect(agentReply).toMatchObject({ shopId: 'hook-shop', conversationId: 'h1', data: { agent: '小禾', buyerId: 'tb_buyer_anna', text: '您好，我是客服小禾，马上为您处理' } });
      expect(typeof agentReply?.data.seq).toBe('number');
    } finally {
      await second.close();
      await receiver.down();
    }
  }, 60_000);

  it('gives up after the last attempt: the event is on the dead-letter list', async () => {
    const receiver = await startWebhookReceiver(SECRET);
    receiver.failWith = 500;
    const shopPath = shopWith(receiver.url, 'dead');
    const db = `sqlite:${join(dir, 'dead.db')}`;
    const key = (await runCli(['keys', 'create', '--shop-file', shopPath, '--db', db])).stdout.trim();
    const server = await start(db, shopPath, 1);
    try {
      expect((await post(server, key, '/conversations/d1/messages', { buyerId: 'tb_buyer_anna', text: '在吗' })).status).toBe(200);
      await until(async () => ((await get(server, key, '/notebooks/deliveries?state=dead')) as { deliveries: unknown[] }).deliveries.length === 1);
      const dead = (await get(server, key, '/notebooks/deliveries')) as { state: string; deliveries: { attempts: number; lastError: string; type: string }[] };
      expect(dead.state).toBe('dead');
      expect(dead.deliveries[0]).toMatchObject({ attempts: MAX_ATTEMPTS, lastError: 'HTTP 500', type: 'reply.created' });
      // The receiver is fixed: the operator puts the event back in line and it is delivered.
      receiver.failWith = undefined;
      const id = (dead.deliveries[0] as unknown as { id: string }).id;
      expect((await post(server, key, `/notebooks/deliveries/${id}/retry`, {})).status).toBe(200);
      await until(() => receiver.received.some((e) => e.id === id));
      expect((await post(server, key, `/notebooks/deliveries/${id}/retry`, {})).status).toBe(404);
    } finally {
      await server.close();
      await receiver.down();
    }
  }, 30_000);

  it('an overdue promise that nobody kept is sent once as promise.overdue', async () => {
    const receiver = await startWebhookReceiver(SECRET);
    const shopPath = shopWith(receiver.url, 'overdue');
    const db = `sqlite:${join(dir, 'overdue.db')}`;
    await runCli(['keys', 'create', '--shop-file', shopPath, '--db', db]);
    const server = await start(db, shopPath);
    try {
      const at = new Date(Date.now() - 3_600_000).toISOString();
      await server.store.openConversation('hook-shop', 'o1', 'tb_buyer_anna', at);
      await server.store.appendEvents('hook-shop', 'o1', [
        { kind: 'promise', at, data: { id: 'p1', kind: 'follow_up', text: '明天回复您物流情况', dueAt: new Date(Date.now() - 60_000).toISOString() } },
        { kind: 'promise', at, data: { id: 'p2', kind: 'follow_up', text: '已备注赠品', dueAt: new Date(Date.now() - 60_000).toISOString() } },
        { kind: 'promise_kept', at, data: { id: 'p2' } },
        { kind: 'promise', at, data: { id: 'p3', kind: 'follow_up', text: '下周回访', dueAt: new Date(Date.now() + 86_400_000).toISOString() } },
      ]);
      await until(() => receiver.received.length >= 1);
      await new Promise((r) => setTimeout(r, 300)); // several more scans
      expect(receiver.received.map((e) => [e.type, e.data.promiseId])).toEqual([['promise.overdue', 'p1']]);
    } finally {
      await server.close();
      await receiver.down();
    }
  }, 30_000);
});
