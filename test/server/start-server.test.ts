import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/server/context.ts';
import { startServer } from '../../src/server/serve.ts';
import { DEMO_SHOP_PATH } from '../../src/shop/load.ts';
import type { TurnAnswer } from '../../src/server/turn.ts';
import { startFakeOpenAI } from '../helpers/fake-openai.ts';
import { llmConfig } from '../helpers/llm-fixtures.ts';
import { runCli } from '../helpers/run-cli.ts';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/services.ts';

// startServer as `kefu serve` calls it: a configured shop, keys, the Redis lock.

const dir = mkdtempSync(join(tmpdir(), 'kefu-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const redis = await redisAvailable();

const post = (url: string, key: string, body: unknown) =>
  fetch(`${url}/api/v1/conversations/c1/messages`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('startServer', () => {
  it('serves a configured shop: no demo key, a created key works, nobody has orders', async () => {
    const shopFile = join(dir, 'shop.yaml');
    writeFileSync(shopFile, readFileSync(DEMO_SHOP_PATH, 'utf8').replace(/^id: nuanyang-flagship$/m, 'id: my-shop').replace(/^name: .*$/m, 'name: 我的小店'));
    const db = `sqlite:${join(dir, 'shop.db')}`;
    const key = (await runCli(['keys', 'create', '--shop', 'my-shop', '--shop-file', shopFile, '--db', db])).stdout.trim();
    const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: db, shopPath: shopFile, dataDir: dir, logger: silentLogger });
    try {
      expect(server.shop.name).toBe('我的小店');
      expect(server.demoKey).toBeUndefined();
      expect((await post(server.url, 'kefu-demo-key', { buyerId: 'tb_buyer_anna', text: '在吗' })).status).toBe(401);
      const res = await post(server.url, key, { buyerId: 'tb_buyer_anna', text: '我的订单到哪了' });
      expect(res.status).toBe(200);
      // The demo orders belong to the demo shop only: this shop sees none of the buyer's orders.
      const answer = (await res.json()) as { replies: { text: string }[] };
      expect(answer.replies[0]?.text).not.toMatch(/\d{16}/);
    } finally {
      await server.close();
    }
  });

  it.skipIf(!redis)('runs turns under the Redis lock and closes it', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: `sqlite:${join(dir, 'redis.db')}`, redisUrl: TEST_REDIS_URL, dataDir: dir, logger: silentLogger });
    try {
      const answers = await Promise.all(['在吗', '有M码吗', '包邮吗'].map((text) => post(server.url, 'kefu-demo-key', { buyerId: 'tb_buyer_anna', text })));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      const messages = await server.store.messages('nuanyang-flagship', 'c1');
      expect(messages.map((m) => m.role)).toEqual(['buyer', 'bot', 'buyer', 'bot', 'buyer', 'bot']);
    } finally {
      await server.close();
    }
  });

  it.skipIf(!redis)('shares agents’ presence between instances over Redis', async () => {
    // A name of this run only (other runs share the Redis), and it must be one of the shop's agents.
    const agent = `测试客服${process.pid}`;
    const shopPath = join(dir, 'presence-shop.yaml');
    writeFileSync(shopPath, readFileSync(DEMO_SHOP_PATH, 'utf8').replace(/^agents: \[(.*)\]$/m, `agents: [$1, ${agent}]`));
    const options = { port: 0, host: '127.0.0.1', redisUrl: TEST_REDIS_URL, dataDir: dir, logger: silentLogger, shopPath };
    const dbs = ['presence-a.db', 'presence-b.db'].map((name) => `sqlite:${join(dir, name)}`);
    const key = (await runCli(['keys', 'create', '--shop-file', shopPath, '--db', dbs[0]!])).stdout.trim();
    const a = await startServer({ ...options, databaseUrl: dbs[0]! });
    const b = await startServer({ ...options, databaseUrl: dbs[1]! });
    const keyB = (await runCli(['keys', 'create', '--shop-file', shopPath, '--db', dbs[1]!])).stdout.trim();
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const headersB = { authorization: `Bearer ${keyB}` };
    try {
      await fetch(`${a.url}/api/v1/agents/presence`, { method: 'POST', headers, body: JSON.stringify({ agent, online: true }) });
      let seen: string[] = [];
      for (let i = 0; i < 50 && !seen.includes(agent); i++) {
        await new Promise((r) => setTimeout(r, 20));
        seen = ((await (await fetch(`${b.url}/api/v1/agents/online`, { headers: headersB })).json()) as { online: string[] | null }).online ?? [];
      }
      expect(seen).toContain(agent);
    } finally {
      await fetch(`${a.url}/api/v1/agents/presence`, { method: 'POST', headers, body: JSON.stringify({ agent, online: false }) });
      await a.close();
      await b.close();
    }
  });

  it('keeps the rephraser off unless --llm or the shop turns it on, and refuses --llm without an endpoint', async () => {
    const fake = await startFakeOpenAI();
    const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: `sqlite:${join(dir, 'llm-off.db')}`, dataDir: dir, llm: llmConfig(fake.baseURL), logger: silentLogger });
    try {
      expect(server.llmModel).toBeUndefined();
      const answer = (await (await post(server.url, 'kefu-demo-key', { buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗' })).json()) as TurnAnswer;
      expect(answer.replies[0]).toMatchObject({ source: 'script' });
      expect(fake.requests).toHaveLength(0);
    } finally {
      await server.close();
      await fake.close();
    }
    await expect(startServer({ port: 0, host: '127.0.0.1', databaseUrl: `sqlite:${join(dir, 'llm-none.db')}`, dataDir: dir, llmOn: true, logger: silentLogger })).rejects.toThrow(
      '--llm 需要先设置 OPENAI_BASE_URL 和 KEFU_LLM_MODEL',
    );
  });

  it('rephrases replies through the configured LLM and records where the sent text came from', async () => {
    const fake = await startFakeOpenAI();
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: `sqlite:${join(dir, 'llm.db')}`,
      dataDir: dir,
      llm: llmConfig(fake.baseURL, { timeoutMs: 2000 }),
      llmOn: true,
      logger: silentLogger,
    });
    try {
      fake.enqueue({ status: 500 });
      const fallback = (await (await post(server.url, 'kefu-demo-key', { buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗' })).json()) as TurnAnswer;
      expect(fallback.replies[0]).toMatchObject({ source: 'script', fallbackReason: 'http_error' });
      fake.enqueue({ text: `您好，${fallback.replies[0]!.text.replace(/^您好，?/, '')}` });
      const rephrased = (await (await post(server.url, 'kefu-demo-key', { buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗' })).json()) as TurnAnswer;
      expect(rephrased.replies[0]?.source).toBe('llm');
      const bots = (await server.store.messages('nuanyang-flagship', 'c1')).filter((m) => m.role === 'bot');
      expect(bots.map((m) => [m.meta.source, m.meta.fallbackReason])).toEqual([
        ['script', 'http_error'],
        ['llm', undefined],
      ]);
      expect(bots[1]?.text).toBe(rephrased.replies[0]?.text);
      // Metrics count both sources, with the fallback reason.
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toContain('kefu_replies_total{source="script",fallback="http_error"} 1');
      expect(metrics).toContain('kefu_replies_total{source="llm",fallback="none"} 1');
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

describe('startServer request timeouts', () => {
  it('a body shorter than its Content-Length is answered (408) and closed instead of hanging', async () => {
    const { connect } = await import('node:net');
    const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', dataDir: dir, logger: silentLogger, requestTimeoutMs: 600 });
    try {
      const started = Date.now();
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write('POST /api/v1/conversations/c1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer kefu-demo-key\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"buyerId":');
        });
        let data = '';
        socket.on('data', (c: Buffer) => (data += c.toString()));
        socket.on('close', () => resolve(data));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await server.close();
    }
  });
});
