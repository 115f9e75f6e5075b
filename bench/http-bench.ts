import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { Rng } from './prng.ts';
import type { BenchContext, BenchRow, BenchSection, JsonValue, SectionResult } from './types.ts';

/**
 * HTTP throughput with autocannon: `POST /api/v1/conversations/:id/messages` (a full turn: auth,
 * validation, the conversation lock, buyer message stored, engine, one commit) against a bare
 * Express hello-world on the same machine, each server in its own process, measured in the same
 * run. Goal: kefu ≥ 50% of the bare-Express req/s on SQLite. PostgreSQL when it is reachable.
 */
const CONNECTIONS = 10;
const CONVERSATIONS = 200;
const TEXTS = ['在吗', '这件羊毛大衣有M码吗', '包邮吗', '学生党没钱 再便宜点吧', '身高163 体重52 穿什么码', '什么时候发货', '能开发票吗', '谢谢'];
const PG_URL = process.env.KEFU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Target {
  port: number;
  child: ChildProcess;
}

function startTarget(ctx: BenchContext, args: string[]): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ctx.projectRoot, 'bench', 'http-target.ts'), ...args], {
    cwd: ctx.projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const port = /PORT (\d+)/.exec(out)?.[1];
      if (port) resolve({ port: Number(port), child });
    });
    child.once('exit', (code) => reject(new Error(`bench target ${args.join(' ')} exited with ${code}`)));
  });
}

async function stopTarget(target: Target): Promise<void> {
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  await exited;
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(port: number, seconds: number, kefu: boolean, seed: number): Promise<Load> {
  const rng = new Rng(seed);
  const options: autocannon.Options = kefu
    ? {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            headers: { authorization: 'Bearer kefu-demo-key', 'content-type': 'application/json' },
            setupRequest: (req) => ({
              ...req,
              path: `/api/v1/conversations/bench-${rng.int(0, CONVERSATIONS - 1)}/messages`,
              body: JSON.stringify({ buyerId: 'tb_buyer_anna', text: TEXTS[rng.int(0, TEXTS.length - 1)] }),
            }),
          },
        ],
      }
    : { url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, duration: seconds };
  const result = await autocannon(options);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function measureTarget(ctx: BenchContext, args: string[], kefu: boolean, seconds: number): Promise<Load> {
  const target = await startTarget(ctx, args);
  try {
    await load(target.port, 1, kefu, ctx.options.seed + 1); // warm-up: JIT, caches, first conversations
    return await load(target.port, seconds, kefu, ctx.options.seed);
  } finally {
    await stopTarget(target);
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

const row = (name: string, kefu: Load, bare: Load): BenchRow => ({
  bench: name,
  kefu: `${Math.round(kefu.requestsPerSecond).toLocaleString('en-US')} req/s · p99 ${kefu.p99} ms`,
  peer: `${Math.round(bare.requestsPerSecond).toLocaleString('en-US')} req/s · p99 ${bare.p99} ms`,
  peerName: 'bare Express 5 hello-world',
  ratio: `${((100 * kefu.requestsPerSecond) / bare.requestsPerSecond).toFixed(1)}% of bare req/s`,
});

const asJson = (l: Load): { [key: string]: JsonValue } => ({ ...l });

export const httpBench: BenchSection = {
  id: 'http',
  title: 'HTTP API throughput',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const seconds = Math.max(5, Math.ceil(ctx.options.minSeconds * 2));
    const dir = mkdtempSync(path.join(tmpdir(), 'kefu-bench-'));
    try {
      ctx.log(`http: bare Express, ${seconds} s with ${CONNECTIONS} connections`);
      const bare = await measureTarget(ctx, ['bare'], false, seconds);
      ctx.log(`http: kefu on SQLite, ${seconds} s`);
      const sqlite = await measureTarget(ctx, ['kefu', `sqlite:${path.join(dir, 'bench.db')}`], true, seconds);
      ctx.log(`http: kefu on SQLite with synchronous=normal, ${seconds} s`);
      const sqliteNormal = await measureTarget(ctx, ['kefu', `sqlite:${path.join(dir, 'bench-normal.db')}?synchronous=normal`], true, seconds);
      let postgres: Load | undefined;
      if (await postgresReachable()) {
        const schema = `kefu_bench_${randomBytes(4).toString('hex')}`;
        ctx.log(`http: kefu on PostgreSQL (schema ${schema}), ${seconds} s`);
        try {
          postgres = await measureTarget(ctx, ['kefu', PG_URL, schema], true, seconds);
        } finally {
          await dropSchema(schema);
        }
      }
      const ratio = sqlite.requestsPerSecond / bare.requestsPerSecond;
      const failures = [sqlite, sqliteNormal, postgres].filter((l): l is Load => l !== undefined).reduce((n, l) => n + l.non2xx + l.errors, 0);
      return {
        id: 'http',
        title: 'HTTP API throughput',
        rows: [
          row('POST …/messages, SQLite (goal: ≥ 50% of bare Express req/s)', sqlite, bare),
          row('POST …/messages, SQLite ?synchronous=normal (no fsync per commit)', sqliteNormal, bare),
          ...(postgres ? [row('POST …/messages, PostgreSQL', postgres, bare)] : []),
        ],
        notes: [
          `autocannon, ${CONNECTIONS} connections, ${seconds} s per target after a 1 s warm-up; each server in its own process on this machine (${CONVERSATIONS} conversations of the demo shop, realistic buyer messages picked at random, so turns of one conversation queue behind each other like real chats).`,
          'a kefu request is a whole turn: key check, zod, the conversation lock, the buyer message stored before the answer, the engine with its compliance gate, one transaction with the reply, state and notebook events (SQLite: WAL, synchronous=FULL, the default: two fsyncs per turn; the synchronous=normal row skips them, still safe against a killed process but not a power cut).',
          `goal ≥ 50%: ${ratio >= 0.5 ? 'met' : 'NOT met'} (${(100 * ratio).toFixed(1)}%).`,
          postgres ? 'PostgreSQL: a fresh schema on the local server, dropped afterwards.' : 'PostgreSQL was not reachable: no PostgreSQL row.',
          ...(failures > 0 ? [`WARNING: ${failures} kefu requests failed or were not 2xx.`] : []),
        ],
        data: { connections: CONNECTIONS, seconds, bare: asJson(bare), sqlite: asJson(sqlite), sqliteNormal: asJson(sqliteNormal), ...(postgres ? { postgres: asJson(postgres) } : {}), ratioSqlite: ratio },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
