import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentHeader } from '../../src/server/notebooks-routes.ts';
import { OTHER_SHOP_KEY } from '../helpers/http-server.ts';
import { startWebTestServer, type WebTestServer } from '../helpers/web-server.ts';

// A real server (demo shop, SQLite in memory): turns go through the API, the notebooks read them back.
let server: WebTestServer;

async function buyer(conversationId: string, text: string, mode: 'auto' | 'assist' = 'auto'): Promise<void> {
  const res = await server.api(`/conversations/${conversationId}/messages`, { body: { buyerId: 'tb_buyer_anna', text, mode } });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  server = await startWebTestServer(new Date('2025-11-20T14:30:00+08:00'));
  await buyer('c-order', '有M码吗');
  await buyer('c-order', '我已经拍下了');
  await buyer('c-lost', 'asdfghjk');
  await buyer('c-lost', 'qwerty uiop');
  await buyer('c-assist', '羊毛大衣能便宜点吗', 'assist');
  const reply = await server.api('/conversations/c-order/agent-replies', { body: { agent: '小禾', text: '你好，保证明天到' } });
  expect(reply.status).toBe(200);
  // Past midnight Beijing time (still 2025-11-20 in UTC): a new shop day.
  server.now.value = new Date('2025-11-21T00:30:00+08:00');
  await buyer('c-night', '转人工');
  server.now.value = new Date('2025-11-21T09:10:00+08:00');
});
afterAll(() => server.close());

describe('GET /api/v1/notebooks/problems', () => {
  it('lists unrecognised messages, hand-offs and the agent reply with errors, with links', async () => {
    const res = await server.api('/notebooks/problems?from=2025-11-20&to=2025-11-20');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { from: string; to: string; rows: { kind: string; conversationId: string; link: string }[]; table: { headers: string[] } };
    expect([body.from, body.to]).toEqual(['2025-11-20', '2025-11-20']);
    expect(body.rows.map((r) => `${r.kind}:${r.conversationId}`).sort()).toEqual(
      ['agent_lint:c-order', 'handoff:c-lost', 'unrecognised:c-lost', 'unrecognised:c-lost'].sort(),
    );
    expect(body.rows.find((r) => r.kind === 'agent_lint')!.link).toBe('/agent.html#c-order');
    expect(body.table.headers).toEqual(['时间', '类型', '会话', '详情', '链接', '处理']);
  });

  it('defaults to the last 7 shop days ending today', async () => {
    const body = (await (await server.api('/notebooks/problems')).json()) as { from: string; to: string; rows: unknown[] };
    expect([body.from, body.to]).toEqual(['2025-11-15', '2025-11-21']);
    expect(body.rows).toHaveLength(5);
  });
});

describe('GET /api/v1/notebooks/problems?rule=&agent=', () => {
  type Filtered = { total: number; rows: { kind: string; conversationId: string; rules?: string[] }[]; filters: { agents: string[]; rules: { id: string; name: string }[] } };
  const get = async (qs: string) => (await (await server.api(`/notebooks/problems?from=2025-11-20&to=2025-11-21&${qs}`)).json()) as Filtered;

  it('filters by rule and by agent; the filters name every rule in Chinese and the shop’s agents', async () => {
    const byRule = await get('rule=polite-you');
    expect(byRule.rows.map((r) => `${r.kind}:${r.conversationId}`)).toEqual(['agent_lint:c-order']);
    expect(byRule.total).toBe(1);
    expect(byRule.rows[0]!.rules).toContain('polite-you');
    expect((await get('rule=no-particle-o')).rows).toEqual([]);
    expect((await get(`agent=${encodeURIComponent('小禾')}`)).rows.map((r) => r.conversationId)).toEqual(['c-order']);
    expect((await get(`agent=${encodeURIComponent('小满')}&rule=polite-you`)).rows).toEqual([]);
    const all = await get('');
    expect(all.rows.length).toBeGreaterThan(1);
    expect(all.filters.agents).toContain('小禾');
    expect(all.filters.rules).toContainEqual({ id: 'polite-you', name: '称呼用“您”' });
    expect(all.filters.rules.every((r) => /\p{Script=Han}/u.test(r.name))).toBe(true);
  });

  it('the CSV holds the filtered rows; an unknown rule is a 400 in Chinese', async () => {
    const csv = await (await server.api('/notebooks/problems?from=2025-11-20&to=2025-11-21&format=csv&rule=polite-you')).text();
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv).toContain('称呼用“您”');
    const bad = await server.api('/notebooks/problems?rule=bogus');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('查询参数 rule：没有规则 "bogus"（规则列表见 docs/rules.md）');
  });
});

describe('GET /api/v1/notebooks/problems, page by page', () => {
  it('walks rows of one instant (an unrecognised message and its hand-off) a row a page: each exactly once, in order', async () => {
    type Page = { rows: { id: number; at: string }[]; nextCursor: string | null };
    const all = ((await (await server.api('/notebooks/problems?from=2025-11-20&to=2025-11-21')).json()) as Page).rows;
    expect(new Set(all.map((r) => r.at)).size).toBeLessThan(all.length);
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await server.api(`/notebooks/problems?from=2025-11-20&to=2025-11-21&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json()) as Page;
      walked.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor !== null && walked.length <= all.length);
    expect(walked).toEqual(all.map((r) => r.id));
  });
});

describe('GET /api/v1/notebooks/stats', () => {
  it('counts per shop day and agent', async () => {
    const res = await server.api('/notebooks/stats?from=2025-11-20&to=2025-11-21');
    const body = (await res.json()) as { rows: { date: string; agent: string; inquiries: number; conversions: number; violations: number; penaltyPoints: number; handoffs: number }[] };
    const total = (date: string) => body.rows.find((r) => r.date === date && r.agent === '合计');
    expect(total('2025-11-20')).toMatchObject({ inquiries: 3, conversions: 1, handoffs: 1 });
    expect(total('2025-11-21')).toMatchObject({ inquiries: 1, conversions: 0, handoffs: 1 });
    const agent = body.rows.find((r) => r.agent === '小禾');
    expect(agent).toMatchObject({ date: '2025-11-20', violations: 2 });
    expect(agent!.penaltyPoints).toBeGreaterThan(0);
  });

  it('downloads CSV with a BOM, Chinese headers and a Chinese file name (RFC 5987)', async () => {
    const res = await server.api('/notebooks/stats?from=2025-11-20&to=2025-11-20&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toBe(
      `attachment; filename="stats_2025-11-20_2025-11-20.csv"; filename*=UTF-8''${encodeURIComponent('服务统计_2025-11-20_2025-11-20.csv')}`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('日期,客服,咨询人数,成交人数,转化率')).toBe(true);
    expect(lines[1]!.startsWith('2025-11-20,合计,3,1,33.3%')).toBe(true);
  });
});

describe('GET /api/v1/notebooks/handover', () => {
  it('at the morning shift lists what is still open, and the night hand-over', async () => {
    const body = (await (await server.api('/notebooks/handover')).json()) as {
      shift: { label: string };
      rows: { section: string; conversationId: string }[];
    };
    // 09:10: the day shift has just started; it is the shift on now.
    expect(body.shift.label).toBe('09:00–16:30');
    const open = body.rows.filter((r) => r.section === 'open').map((r) => r.conversationId).sort();
    expect(open).toEqual(['c-assist', 'c-lost', 'c-night']);
    expect(body.rows.filter((r) => r.section === 'handover').map((r) => r.conversationId)).toEqual(['c-night']);
  });

  it('as CSV', async () => {
    const res = await server.api('/notebooks/handover?format=csv');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('交接班_2025-11-21.csv')}`);
    expect((await res.text()).split('\r\n')[0]).toBe('类别,时间,会话,详情,期限,链接');
  });
});

describe('notebook errors', () => {
  const cases: [string, string, RegExp][] = [
    ['no key', '', /API 密钥/],
    ['an impossible date', '/notebooks/stats?from=2025-02-30', /字段 from：/],
    ['from after to', '/notebooks/problems?from=2025-11-21&to=2025-11-20', /开始日期 2025-11-21 晚于结束日期 2025-11-20/],
    ['a range too long', '/notebooks/stats?from=2025-01-01&to=2025-12-31', /最多 92 天/],
    ['an unknown format', '/notebooks/problems?format=xlsx', /字段 format：应为 json、csv 之一/],
    ['an unknown parameter', '/notebooks/handover?from=2025-11-20', /不认识的字段 from/],
  ];
  for (const [name, path, message] of cases) {
    it(`${name} → a JSON error in Chinese`, async () => {
      const res =
        path === ''
          ? await fetch(`${server.url}/api/v1/notebooks/problems`)
          : await server.api(path);
      expect(res.status).toBe(path === '' ? 401 : 400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(path === '' ? 'unauthorized' : 'invalid_param');
      expect(body.error.message).toMatch(message);
    });
  }

  it('a wrong key is refused', async () => {
    expect((await server.api('/notebooks/stats', { key: 'not-a-key' })).status).toBe(401);
  });
});

describe('problem log: resolving and pages', () => {
  it('marks an entry resolved with a note, and pages a long log', async () => {
    type Log = { total: number; nextCursor: string | null; rows: { id: number; kind: string; resolved: { note: string; agent: string } | null }[] };
    const all = (await (await server.api('/notebooks/problems')).json()) as Log;
    expect(all.total).toBe(all.rows.length);
    const target = all.rows.find((r) => r.kind === 'handoff')!;
    const resolved = await server.api(`/notebooks/problems/${target.id}/resolve`, { body: { agent: '小禾', note: '已电话回访，买家满意' } });
    expect(resolved.status).toBe(200);
    const after = (await (await server.api('/notebooks/problems')).json()) as Log;
    expect(after.rows.find((r) => r.id === target.id)?.resolved).toMatchObject({ agent: '小禾', note: '已电话回访，买家满意' });
    const first = (await (await server.api('/notebooks/problems?limit=2')).json()) as Log;
    const second = (await (await server.api(`/notebooks/problems?limit=2&cursor=${first.nextCursor}`)).json()) as Log;
    expect(second.rows.map((r) => r.id)).toEqual(after.rows.slice(2, 4).map((r) => r.id));
    expect(second.total).toBe(after.total);
    expect((await server.api('/notebooks/problems/999999/resolve', { body: { agent: '小禾', note: 'x' } })).status).toBe(404);
    expect((await server.api(`/notebooks/problems/${target.id}/resolve`, { body: { agent: '小禾', note: ' ' } })).status).toBe(400);
    expect((await server.api(`/notebooks/problems/${target.id}/resolve`, { body: { agent: '小禾', note: '看看' }, key: OTHER_SHOP_KEY })).status).toBe(404);
  });
});

describe('GET /api/v1/inbox', () => {
  it('lists the shop’s conversations, waiting for a human first (longest wait first), with the last message', async () => {
    const body = (await (await server.api('/inbox')).json()) as { timezone: string; conversations: { id: string; owner: string; lastMessage: { role: string } | null }[] };
    expect(body.timezone).toBe('Asia/Shanghai');
    expect(body.conversations.slice(0, 2).map((c) => c.id)).toEqual(['c-lost', 'c-night']);
    expect(body.conversations.map((c) => c.id).sort()).toEqual(['c-assist', 'c-lost', 'c-night', 'c-order']);
    expect(body.conversations.find((c) => c.id === 'c-order')!.lastMessage!.role).toBe('agent');
    const pending = (await (await server.api('/inbox?owner=pending')).json()) as { conversations: { id: string }[] };
    expect(pending.conversations.map((c) => c.id).sort()).toEqual(['c-lost', 'c-night']);
  });

  it('opens one conversation without the buyer id, and 404s an unknown one', async () => {
    const view = (await (await server.api('/inbox/c-assist')).json()) as { buyerId: string; messages: { role: string; meta: { delivery?: string } }[] };
    expect(view.buyerId).toBe('tb_buyer_anna');
    expect(view.messages.map((m) => m.role)).toEqual(['buyer', 'bot']);
    expect(view.messages[1]!.meta.delivery).toBe('suggest');
    const missing = await server.api('/inbox/nope');
    // Another shop's key sees none of the demo shop's conversations.
    expect((await server.api('/inbox/c-assist', { key: OTHER_SHOP_KEY })).status).toBe(404);
    expect(((await (await server.api('/inbox', { key: OTHER_SHOP_KEY })).json()) as { conversations: unknown[] }).conversations).toEqual([]);
    const others = (await (await server.api('/notebooks/problems?from=2025-11-20&to=2025-11-21', { key: OTHER_SHOP_KEY })).json()) as { rows: unknown[] };
    expect(others.rows).toEqual([]);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe('对话不存在');
  });
});

describe('attachmentHeader', () => {
  it('percent-encodes the UTF-8 name, including the characters RFC 5987 does not allow bare', () => {
    expect(attachmentHeader("问题记录(1)'*.csv", 'problems.csv')).toBe(
      `attachment; filename="problems.csv"; filename*=UTF-8''%E9%97%AE%E9%A2%98%E8%AE%B0%E5%BD%95%281%29%27%2A.csv`,
    );
  });
});
