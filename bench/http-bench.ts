import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { Rng } from './prng.ts';
import type { BenchContext, BenchRow, BenchSection, JsonValue, SectionResult } from './types.ts';

/**
 * HTTP throughput with autocannon: `POST /api/v1/conversations/:id/messages` (a full turn: auth,
 * validation, the conversation lock, engine, one durable commit) against the minimal bot a shop
 * might write instead (bench/minimal-bot.ts: the same requests, same durability), and that bot
 * against a bare Express hello-world; each server in its own process, all measured in the same
 * run. Goal: kefu on SQLite ≥ 1.0× the minimal bot. PostgreSQL when it is reachable.
 */
const CONNECTIONS = 10;
const CONVERSATIONS = 200;
const TEXTS = ['在吗', '这件羊毛大衣有M码吗', '包邮吗', '学生党没钱 再便宜点吧', '身高163 体重52 穿什么码', '什么时候发货', '能开发票吗', '谢谢'];
const PG_URL = process.env.KEFU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Target {
  port: number;
  child: ChildProcess;
  /** Everything the target printed on stdout. */
  output: () => string;
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
      if (port) resolve({ port: Number(port), child, output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`bench target ${args.join(' ')} exited with ${code}`)));
  });
}

interface GroupCommits {
  groups: number;
  turns: number;
}

/** Stops the target; kefu's targets report their group commits as they go. */
async function stopTarget(target: Target): Promise<GroupCommits | undefined> {
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  await exited;
  const line = /GROUPS (\{.*\})/.exec(target.output())?.[1];
  return line === undefined ? undefined : (JSON.parse(line) as GroupCommits);
}

/**
 * What one fsync costs in this directory: the median of `rounds` 4 KB appends, each followed by
 * fdatasync (what SQLite does to the WAL at a synchronous=FULL commit).
 */
function fsyncCostMs(dir: string, rounds = 200): number {
  const file = path.join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      writeSync(fd, page);
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return median(times);
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

const ROUNDS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The median round by req/s (its latencies with it); failures summed over the rounds. */
function medianLoad(rounds: readonly Load[]): Load {
  const rps = median(rounds.map((r) => r.requestsPerSecond));
  const mid = rounds.find((r) => r.requestsPerSecond === rps) ?? rounds[0]!;
  return { ...mid, non2xx: rounds.reduce((n, r) => n + r.non2xx, 0), errors: rounds.reduce((n, r) => n + r.errors, 0) };
}

interface Contender {
  name: string;
  args: string[];
  /** Sends kefu's turn requests (false: GET / of the hello-world). */
  turns: boolean;
  setup?: () => Promise<void>;
  teardown?: () => Promise<void>;
}

/**
 * Every server is started first, then the rounds alternate between them (round 1 of each, round 2
 * of each…), so a burst of load from the other tenants of this shared machine hits all of them
 * alike; the median of the rounds is reported. The ratios are the figures to compare.
 */
async function measureAll(ctx: BenchContext, contenders: readonly Contender[], seconds: number, groups: Map<string, GroupCommits>): Promise<Map<string, Load>> {
  const targets = new Map<string, Target>();
  const rounds = new Map<string, Load[]>(contenders.map((c) => [c.name, []]));
  try {
    for (const c of contenders) {
      await c.setup?.();
      targets.set(c.name, await startTarget(ctx, c.args));
    }
    for (const c of contenders) await load(targets.get(c.name)!.port, 1, c.turns, ctx.options.seed + 1); // warm-up: JIT, caches, first conversations
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of contenders) {
        ctx.log(`http: ${c.name}, round ${round + 1}/${ROUNDS}, ${seconds} s`);
        rounds.get(c.name)!.push(await load(targets.get(c.name)!.port, seconds, c.turns, ctx.options.seed + round));
      }
    }
  } finally {
    for (const [name, target] of targets) {
      const stats = await stopTarget(target);
      if (stats) groups.set(name, stats);
    }
    for (const c of contenders) await c.teardown?.();
  }
  return new Map([...rounds].map(([name, r]) => [name, medianLoad(r)]));
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

const PEER_NAME = 'minimal bot: Express + NLP.js classify + canned answer + one SQLite transaction per turn (WAL, synchronous=FULL)';
const rate = (l: Load): string => `${Math.round(l.requestsPerSecond).toLocaleString('en-US')} req/s · p50 ${l.p50} ms · p99 ${l.p99} ms`;

const row = (name: string, kefu: Load, peer: Load, peerName = PEER_NAME): BenchRow => ({
  bench: name,
  kefu: rate(kefu),
  peer: rate(peer),
  peerName,
  ratio: `${(kefu.requestsPerSecond / peer.requestsPerSecond).toFixed(2)}×`,
});

const asJson = (l: Load): { [key: string]: JsonValue } => ({ ...l });

export const httpBench: BenchSection = {
  id: 'http',
  title: 'HTTP API throughput',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const seconds = Math.max(3, Math.ceil(ctx.options.minSeconds * 1.5));
    const dir = mkdtempSync(path.join(tmpdir(), 'kefu-bench-'));
    try {
      const schema = `kefu_bench_${randomBytes(4).toString('hex')}`;
      const withPostgres = await postgresReachable();
      const contenders: Contender[] = [
        { name: 'bare', args: ['bare'], turns: false },
        { name: 'peer', args: ['peer', path.join(dir, 'peer.db')], turns: true },
        { name: 'sqlite', args: ['kefu', `sqlite:${path.join(dir, 'bench.db')}`], turns: true },
        { name: 'sqliteNormal', args: ['kefu', `sqlite:${path.join(dir, 'bench-normal.db')}?synchronous=normal`], turns: true },
        ...(withPostgres ? [{ name: 'postgres', args: ['kefu', PG_URL, schema], turns: true, teardown: () => dropSchema(schema) }] : []),
      ];
      const fsyncMs = fsyncCostMs(dir);
      const groups = new Map<string, GroupCommits>();
      const loads = await measureAll(ctx, contenders, seconds, groups);
      const perGroup = (name: string): string => {
        const g = groups.get(name);
        return g && g.groups > 0 ? (g.turns / g.groups).toFixed(1) : '?';
      };
      const bare = loads.get('bare')!;
      const peer = loads.get('peer')!;
      const sqlite = loads.get('sqlite')!;
      const sqliteNormal = loads.get('sqliteNormal')!;
      const postgres = loads.get('postgres');
      const ratio = sqlite.requestsPerSecond / peer.requestsPerSecond;
      const pgRatio = postgres ? postgres.requestsPerSecond / peer.requestsPerSecond : undefined;
      const failures = [peer, sqlite, sqliteNormal, postgres].filter((l): l is Load => l !== undefined).reduce((n, l) => n + l.non2xx + l.errors, 0);
      return {
        id: 'http',
        title: 'HTTP API throughput',
        rows: [
          row('POST …/messages, SQLite (goal: ≥ 1.0× the minimal bot, p99 ≤ 25 ms)', sqlite, peer),
          row('POST …/messages, SQLite ?synchronous=normal (no fsync per commit)', sqliteNormal, peer),
          ...(postgres ? [row('POST …/messages, PostgreSQL (goal: ≥ 0.6× the minimal bot)', postgres, peer)] : []),
          row('the minimal bot against a bare hello-world (the HTTP floor)', peer, bare, 'bare Express 5 hello-world (GET /)'),
        ],
        notes: [
          `autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${seconds} s per server after a 1 s warm-up, the rounds alternating between the servers; the median round is shown. Each server in its own process on this machine (${CONVERSATIONS} conversations of the demo shop, realistic buyer messages picked at random, so turns of one conversation queue behind each other like real chats); the load generator shares the 2 cores.`,
          'a kefu request is a whole turn: key check, zod, the conversation lock, the engine with its compliance gate, one durable commit with the buyer message, the reply, the state, the notebook events (and, when configured, the idempotency receipt and the webhook outbox rows); the answer leaves only once that commit is durable (SQLite: WAL, synchronous=FULL, the default; the synchronous=normal row skips the fsync, still safe against a killed process but not a power cut).',
          `group commit: turns that reach their commit in the same event-loop pass, or while the previous group is being made durable, share one transaction (a savepoint each) and one fsync; on SQLite the fsync of the WAL runs in libuv's thread pool, so the event loop serves other requests meanwhile. Turns per group in this run: SQLite ${perGroup('sqlite')}, synchronous=normal ${perGroup('sqliteNormal')}${withPostgres ? `, PostgreSQL ${perGroup('postgres')} (one call of kefu_commit_turns per group: one round trip, one transaction, one WAL flush)` : ''}.`,
          `one fsync (4 KB append + fdatasync) costs ${fsyncMs.toFixed(2)} ms in this run's directory (median of 200): a server that fsyncs on its event loop once per turn, like the minimal bot, cannot exceed ~${Math.round(1000 / fsyncMs).toLocaleString('en-US')} turns/s whatever else it does; kefu spreads one fsync over a group and keeps computing while it runs.`,
          'the minimal bot (bench/minimal-bot.ts) answers the same requests: NLP.js trained on kefu\'s intent data, one canned answer per intent, the buyer message and the answer in one SQLite transaction with the same durability; no state, orders, lock or reply check.',
          `goal SQLite ≥ 1.0× the minimal bot with p99 ≤ 25 ms: ${ratio >= 1 && sqlite.p99 <= 25 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×, p99 ${sqlite.p99} ms)${pgRatio !== undefined ? `; PostgreSQL ≥ 0.6×: ${pgRatio >= 0.6 ? 'met' : 'NOT met'} (${pgRatio.toFixed(2)}×)` : ''}.`,
          postgres ? 'PostgreSQL: a fresh schema on the local server, dropped afterwards.' : 'PostgreSQL was not reachable: no PostgreSQL row.',
          ...(failures > 0 ? [`WARNING: ${failures} requests failed or were not 2xx.`] : []),
        ],
        data: {
          connections: CONNECTIONS,
          seconds,
          rounds: ROUNDS,
          bare: asJson(bare),
          peer: asJson(peer),
          sqlite: asJson(sqlite),
          sqliteNormal: asJson(sqliteNormal),
          ...(postgres ? { postgres: asJson(postgres) } : {}),
          ratioSqlite: ratio,
          fsyncMs,
          turnsPerGroup: Object.fromEntries([...groups].map(([name, g]) => [name, g.groups > 0 ? g.turns / g.groups : 0])),
          ...(pgRatio !== undefined ? { ratioPostgres: pgRatio } : {}),
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
