import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/server/auth.ts';
import { silentLogger } from '../../src/server/context.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';

// 10 000 generated requests against the real server (kefu serve's stack): methods, paths, query
// strings, headers, encodings and bodies of every kind, unicode included. No answer may be a 5xx.

const RUNS = Number(process.env.KEFU_FUZZ_RUNS ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'kefu-fuzz-'));
let server: RunningServer;
// A connection per request: a reused keep-alive socket that the server closes after refusing a
// body (413) would fail on the client side, which says nothing about the server.
const agent = new Agent({ keepAlive: false });
const GATEWAY_KEY = 'fuzz-gateway-key';
const AGENT_KEY = 'fuzz-agent-key';

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: `sqlite:${join(dir, 'fuzz.db')}?synchronous=normal`, dataDir: dir, logger: silentLogger });
  await server.store.putApiKey(server.shop.id, hashApiKey(GATEWAY_KEY), 'fuzz', { role: 'gateway' });
  await server.store.putApiKey(server.shop.id, hashApiKey(AGENT_KEY), 'fuzz', { role: 'agent', agent: '小禾' });
});
afterAll(async () => {
  agent.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const unicode = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('在吗', '學生黨沒錢，便宜點吧', '１３８６７４２５１９３', '😀👍🏻', '\u0000', '\ud800', '\udc00x', '‮evil', 'a\r\nb', '%00', '../..', "'; DROP TABLE x;--", '<script>', '=cmd|x', ' '),
);
const id = fc.oneof(fc.constantFrom('c1', 'c2', 'fuzz-3', 'a.b-c_d'), unicode, fc.string({ maxLength: 200 }));
const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 3 }), unicode);
const messageBody = fc.record(
  {
    buyerId: fc.oneof(fc.constantFrom('tb_buyer_anna', 'tb_buyer_bowen'), unicode, jsonish),
    text: fc.oneof(fc.constantFrom('在吗', '羊毛大衣有M码吗', '我要投诉', '好'.repeat(2001)), unicode, jsonish),
    mode: fc.oneof(fc.constantFrom('auto', 'assist'), jsonish),
    clientMessageId: fc.oneof(fc.constantFrom('m-1', 'm-2'), unicode),
    agent: fc.oneof(fc.constantFrom('小禾', '小满', 'Mallory'), unicode),
    action: fc.constantFrom('join', 'leave', 'steal'),
    online: fc.oneof(fc.boolean(), jsonish),
    profile: fc.constantFrom('tmall', 'taobao', 'x'),
    extra: jsonish,
  },
  { requiredKeys: [] },
);
const enc = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[^\x21-\x7e]/g, '%E0%A4%A'); // lone surrogates: broken escapes instead
  }
};
const path = fc.oneof(
  fc.tuple(id).map(([c]) => `/api/v1/conversations/${enc(c)}/messages`),
  fc.tuple(id, unicode).map(([c, b]) => `/api/v1/conversations/${enc(c)}?buyerId=${enc(b)}`),
  fc.tuple(id).map(([c]) => `/api/v1/conversations/${enc(c)}/agent-replies`),
  fc.tuple(id).map(([c]) => `/api/v1/conversations/${enc(c)}/owner`),
  fc.tuple(id, unicode).map(([c, p]) => `/api/v1/conversations/${enc(c)}/promises/${enc(p)}/kept`),
  fc.constantFrom('/api/v1/conversations', '/api/v1/conversations?owner=pending', '/api/v1/lint', '/api/v1/classify', '/api/v1/scripts', '/api/v1/agents/presence', '/api/v1/agents/online'),
  fc.constantFrom('/api/v1/inbox', '/api/v1/inbox?limit=5', '/api/v1/notebooks/problems', '/api/v1/notebooks/stats?format=csv', '/api/v1/notebooks/handover', '/api/v1/notebooks/deliveries?state=dead'),
  fc.constantFrom('/healthz', '/metrics', '/', '/agent', '/notebooks', '/%', '/api/v1/%E0%A4%A', '//api/v1', '/api/v1/../../etc/passwd'),
  fc.tuple(fc.constantFrom('/api/v1/inbox', '/api/v1/notebooks/problems', '/api/v1/conversations'), fc.array(fc.tuple(unicode, unicode), { maxLength: 3 })).map(
    ([p, q]) => `${p}?${q.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`,
  ),
);
const rawBody = fc.oneof(
  messageBody.map((b) => Buffer.from(JSON.stringify(b))),
  jsonish.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  fc.constantFrom(Buffer.from('{"buyerId":'), Buffer.from('{"text":"\\ud800"}'), Buffer.from('{"text":"\\u0000"}'), Buffer.alloc(70_000, 0x61), Buffer.from('')),
);
const encoding = fc.constantFrom(undefined, 'gzip', 'br', 'deflate', 'identity', 'compress', 'gzip, br', 'GZIP');
const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '*/*', 'application/json; charset=nope');
const key = fc.constantFrom(undefined, 'kefu-demo-key', GATEWAY_KEY, AGENT_KEY, 'wrong-key', '');

const req = fc.record({
  method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path,
  body: rawBody,
  encoding,
  /** Whether the encoding header tells the truth (the body really is compressed that way). */
  honest: fc.boolean(),
  contentType,
  key,
  authScheme: fc.constantFrom('Bearer ', 'bearer ', 'Basic ', 'Bearer  ', ''),
  extraHeader: fc.tuple(fc.constantFrom('accept', 'accept-charset', 'x-forwarded-for', 'accept-encoding', 'x-request-id', 'range'), unicode),
});

/** Well-formed turns (a quarter of the requests), so the engine and the store run under the fuzz too. */
const validTurn = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom('c1', 'c2', 'fuzz-3').map((c) => `/api/v1/conversations/${c}/messages`),
  body: fc
    .record({ text: fc.oneof(fc.constantFrom('在吗', '羊毛大衣有M码吗', '学生党没钱，便宜点吧', '我要投诉'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 })), clientMessageId: fc.option(fc.constantFrom('m-1', 'm-2', 'm-3'), { nil: undefined }) })
    .map((b) => Buffer.from(JSON.stringify({ buyerId: 'tb_buyer_anna', ...b }))),
  encoding: fc.constantFrom(undefined, 'gzip', 'br'),
  honest: fc.constant(true),
  contentType: fc.constant('application/json'),
  key: fc.constantFrom('kefu-demo-key', GATEWAY_KEY),
  authScheme: fc.constant('Bearer '),
  extraHeader: fc.tuple(fc.constant('accept'), fc.constantFrom('application/json', '*/*')),
});
const anyRequest = fc.oneof({ arbitrary: validTurn, weight: 1 }, { arbitrary: req, weight: 3 });

function compress(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip' || encoding === 'GZIP') return gzipSync(body);
  if (encoding === 'br') return brotliCompressSync(body);
  if (encoding === 'deflate') return deflateSync(body);
  return body;
}

type GeneratedRequest = typeof req extends fc.Arbitrary<infer T> ? T : never;

function send(r: GeneratedRequest): Promise<number | undefined> {
  const body = r.honest ? compress(r.body, r.encoding) : r.body;
  const headers: Record<string, string> = {};
  if (r.key !== undefined) headers.authorization = `${r.authScheme}${r.key}`;
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.encoding !== undefined) headers['content-encoding'] = r.encoding;
  headers[r.extraHeader[0]] = r.extraHeader[1];
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let sent;
    try {
      sent = request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', reject);
      });
    } catch {
      resolve(undefined); // a header or path no HTTP client can send
      return;
    }
    sent.on('error', reject);
    sent.end(r.method === 'GET' || r.method === 'HEAD' ? undefined : body);
  });
}

describe(`fuzz: ${RUNS} generated requests against kefu serve`, () => {
  it('never answers 5xx', async () => {
    const statuses = new Map<number, number>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(anyRequest, async (r) => {
        const status = await send(r);
        if (status === undefined) return;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status, `${r.method} ${r.path} → ${status}`).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: Number(process.env.KEFU_FUZZ_SEED ?? 20251120) },
    );
    // It exercised the real thing: turns answered, many kinds of refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 10);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);
});
