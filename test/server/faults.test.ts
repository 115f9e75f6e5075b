import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/server/auth.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { createRedisLock, redisCall } from '../../src/store/redis.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { ConversationLock, ErrorSink } from '../../src/store/types.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { postgresAvailable, redisAvailable, dropSchemas, TEST_DATABASE_URL, TEST_REDIS_URL } from '../helpers/services.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

// Faults an operator meets (database or Redis gone, a backend killed mid-transaction, a locked
// SQLite file, broken bodies): kefu answers 503 or 400, keeps running, and recovers.

const postgres = await postgresAvailable();
const redis = await redisAvailable();
const schemas: string[] = [];
const tag = randomBytes(5).toString('hex');

afterAll(async () => {
  if (!postgres || schemas.length === 0) return;
  await dropSchemas(schemas);
});

const pgTarget = new URL(TEST_DATABASE_URL);
const redisTarget = new URL(TEST_REDIS_URL);

/** The test database's address through the proxy. */
const viaProxy = (proxy: TcpProxy): string => {
  const url = new URL(TEST_DATABASE_URL);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
};

const say = (server: TestServer, id: string, text = '在吗') => server.call('POST', `/api/v1/conversations/${id}/messages`, { buyerId: 'tb_buyer_anna', text });

function collect(): { sink: ErrorSink; lines: string[] } {
  const lines: string[] = [];
  return { sink: (message, fields) => void lines.push(`${message} ${JSON.stringify(fields)}`), lines };
}

describe.skipIf(!postgres)('PostgreSQL faults', () => {
  it('answers 503 with Retry-After while the database is gone, then recovers; /healthz says so', async () => {
    const proxy = await startTcpProxy(pgTarget.hostname, Number(pgTarget.port || 5432));
    const schema = `kefu_fault_${tag}_a`;
    schemas.push(schema);
    const { sink, lines } = collect();
    const server = await startTestServer({ store: new PostgresStore(viaProxy(proxy), { schema, onError: sink }) });
    try {
      expect((await say(server, 'c-down')).status).toBe(200);
      await proxy.down();
      const down = await say(server, 'c-down', '有M码吗');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect((down.body as { error: { code: string } }).error.code).toBe('unavailable');
      const health = await server.call('GET', '/healthz', undefined, null);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ checks: { store: 'down' } });
      await proxy.up();
      const back = await say(server, 'c-down', '有M码吗');
      expect(back.status).toBe(200);
      expect((await server.call('GET', '/healthz', undefined, null)).status).toBe(200);
      // The connections that were cut were reported, not thrown.
      expect(lines.some((l) => l.startsWith('postgres connection error'))).toBe(true);
    } finally {
      await server.close();
      await proxy.close();
    }
  });

  it('survives a backend terminated inside the turn transaction (client held by the transaction)', async () => {
    const schema = `kefu_fault_${tag}_b`;
    schemas.push(schema);
    const app = `kefu_fault_${tag}`;
    const { sink } = collect();
    const server = await startTestServer({ store: new PostgresStore(TEST_DATABASE_URL, { schema, applicationName: app, onError: sink }) });
    const holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    try {
      expect((await say(server, 'c-term')).status).toBe(200);
      // Hold the conversation row so the next turn's transaction waits on it.
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM ${schema}.conversations WHERE id = 'c-term' FOR UPDATE`);
      const pending = say(server, 'c-term', '有M码吗');
      let killed = 0;
      for (let i = 0; i < 100 && killed === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [app],
        );
        killed = rows[0]?.n ?? 0;
      }
      expect(killed).toBe(1);
      const answer = await pending;
      expect(answer.status).toBe(503);
      await holder.query('ROLLBACK');
      expect((await say(server, 'c-term', '有M码吗')).status).toBe(200);
    } finally {
      await holder.end();
      await server.close();
    }
  });

  it('kefu serve with a database that does not answer: one Chinese line, exit 2', async () => {
    const proxy = await startTcpProxy(pgTarget.hostname, Number(pgTarget.port || 5432));
    const url = viaProxy(proxy);
    await proxy.close();
    const run = await runCli(['serve', '--port', '0', '--db', url]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('无法连接数据库');
  });
});

describe.skipIf(!redis)('Redis faults', () => {
  it('answers 503 while Redis is gone, /healthz reports it, the lock recovers; errors go to the log', async () => {
    const proxy = await startTcpProxy(redisTarget.hostname, Number(redisTarget.port || 6379));
    const client = new Redis(`redis://${proxy.address}`, { maxRetriesPerRequest: 1, connectTimeout: 500, retryStrategy: () => 100 });
    const { sink, lines } = collect();
    client.on('error', (error: Error) => sink('redis connection error', { error: error.message }));
    const shared = createRedisLock(client, { prefix: `kefu:test:${tag}:a:`, onError: sink });
    const lock: ConversationLock = { run: (key, task) => shared.run(key, task), close: () => shared.close() };
    const server = await startTestServer({ lock, redisHealth: async () => void (await redisCall(() => client.ping())) });
    try {
      expect((await say(server, 'c-redis')).status).toBe(200);
      await proxy.down();
      const down = await say(server, 'c-redis', '有M码吗');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      const health = await server.call('GET', '/healthz', undefined, null);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ checks: { store: 'ok', redis: 'down' } });
      await proxy.up();
      await expect.poll(async () => (await say(server, 'c-redis', '有M码吗')).status, { timeout: 5000, interval: 200 }).toBe(200);
      expect((await server.call('GET', '/healthz', undefined, null)).status).toBe(200);
      expect(lines.some((l) => l.startsWith('redis connection error'))).toBe(true);
    } finally {
      await server.close();
      client.disconnect();
      await proxy.close();
    }
  });

  it('a task that finished is not failed by a lock release that cannot reach Redis', async () => {
    const proxy = await startTcpProxy(redisTarget.hostname, Number(redisTarget.port || 6379));
    const client = new Redis(`redis://${proxy.address}`, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    const { sink, lines } = collect();
    const lock = createRedisLock(client, { prefix: `kefu:test:${tag}:b:`, onError: sink });
    try {
      const result = await lock.run('c1', async () => {
        await proxy.down(); // the commit happened; Redis goes away before the release
        return 'committed';
      });
      expect(result).toBe('committed');
      expect(lines.some((l) => l.startsWith('redis lock release failed'))).toBe(true);
    } finally {
      await lock.close().catch(() => undefined);
      client.disconnect();
      await proxy.close();
    }
  });

  it('takes over a lock left by an instance that died (no heartbeat), but not one of a live instance', async () => {
    const prefix = `kefu:test:${tag}:c:`;
    const client = new Redis(TEST_REDIS_URL);
    const lock = createRedisLock(client, { prefix, waitMs: 1000 });
    try {
      // Left by a kill -9: the owner's value, a long lifetime, and no heartbeat any more.
      await client.set(`${prefix}dead`, 'dead-instance|token', 'PX', 60_000);
      const started = Date.now();
      expect(await lock.run('dead', async () => 'ran')).toBe('ran');
      expect(Date.now() - started).toBeLessThan(1000);
      // A live instance (heartbeat present) keeps its lock: the waiter gives up after waitMs.
      await client.set(`kefu:instance:live-${tag}`, '1', 'PX', 5000);
      await client.set(`${prefix}live`, `live-${tag}|token`, 'PX', 60_000);
      await expect(lock.run('live', async () => 'ran')).rejects.toThrow('会话正忙');
    } finally {
      await client.del(`${prefix}dead`, `${prefix}live`, `kefu:instance:live-${tag}`);
      await lock.close();
      await client.quit();
    }
  });
});

describe('input and file faults (every store)', () => {
  const stores = [
    ['SQLite', () => new SqliteStore(':memory:')] as const,
    ...(postgres ? [['PostgreSQL', () => {
      const schema = `kefu_fault_${tag}_t`;
      if (!schemas.includes(schema)) schemas.push(schema);
      return new PostgresStore(TEST_DATABASE_URL, { schema });
    }] as const] : []),
  ];
  for (const [name, makeStore] of stores) {
    it(`${name}: NUL and lone surrogates are refused with 400 and nothing is stored`, async () => {
      const server = await startTestServer({ store: makeStore() });
      try {
        for (const text of ['在吗\u0000', '在吗\ud800', '\udc00有货吗', '好\ud83d']) {
          const res = await say(server, `c-nul-${name}`, text);
          expect(res.status).toBe(400);
          expect((res.body as { error: { code: string } }).error.code).toBe('invalid_body');
        }
        const agent = await server.call('POST', `/api/v1/conversations/c-nul-${name}/agent-replies`, { agent: '小美\u0000', text: '您好' });
        expect(agent.status).toBe(400);
        const query = await server.call('GET', `/api/v1/conversations/c-nul-${name}?buyerId=tb_buyer_anna&x=%00`);
        expect(query.status).toBe(400);
        expect(await server.store.getConversation('nuanyang-flagship', `c-nul-${name}`)).toBeUndefined();
        // A surrogate pair (emoji) is a whole character and fine.
        expect((await say(server, `c-nul-${name}`, '在吗😀')).status).toBe(200);
      } finally {
        await server.close();
      }
    });
  }

  it('a malformed gzip or br body is a 400, a good gzip body works', async () => {
    const server = await startTestServer();
    try {
      const post = (body: Buffer, encoding: string) =>
        fetch(`${server.url}/api/v1/conversations/c-gz/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json', 'content-encoding': encoding },
          body,
        });
      expect((await post(Buffer.from('not gzip at all'), 'gzip')).status).toBe(400);
      expect((await post(Buffer.from('not brotli'), 'br')).status).toBe(400);
      expect((await post(gzipSync(Buffer.from('{"buyerId":"tb_buyer_anna"')).subarray(0, 12), 'gzip')).status).toBe(400);
      expect((await post(gzipSync(Buffer.from(JSON.stringify({ buyerId: 'tb_buyer_anna', text: '在吗' }))), 'gzip')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('kefu serve with a file that is not a database: one Chinese line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-bad-db-'));
    const file = join(dir, 'kefu.db');
    writeFileSync(file, 'this is not an SQLite database, only text that is long enough to have a header '.repeat(4));
    const run = await runCli(['serve', '--port', '0', '--db', `sqlite:${file}`]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('无法打开数据库');
  });

  it('SQLite locked by another program: /healthz stays responsive, the turn waits then answers 503, and works once free', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-locked-'));
    const file = join(dir, 'kefu.db');
    const server = await startTestServer({ store: new SqliteStore(file, { busyTimeoutMs: 1500 }) });
    const outsider = new Database(file);
    try {
      expect((await say(server, 'c-locked')).status).toBe(200);
      outsider.exec('BEGIN EXCLUSIVE');
      const started = Date.now();
      const pending = say(server, 'c-locked', '有M码吗');
      await new Promise((r) => setTimeout(r, 200));
      const healthStarted = Date.now();
      expect((await server.call('GET', '/healthz', undefined, null)).status).toBe(200);
      expect(Date.now() - healthStarted).toBeLessThan(300);
      const res = await pending;
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      outsider.exec('ROLLBACK');
      expect((await say(server, 'c-locked', '有M码吗')).status).toBe(200);
    } finally {
      outsider.close();
      await server.close();
    }
  });
});
