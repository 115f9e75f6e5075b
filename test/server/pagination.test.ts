import { describe, expect, it } from 'vitest';
import { newestFirstKey, paginate } from '../../src/server/pagination.ts';
import { webAppOptions } from '../../src/server/web-app.ts';
import { startTestServer } from '../helpers/http-server.ts';

// Bounded answers: the inbox, the problem log and a conversation come in pages with a cursor.

describe('paginate', () => {
  it('walks every row exactly once, page by page, and says when it is done', () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({ at: `2025-11-20T06:${String(59 - i).padStart(2, '0')}:00.000Z`, id: `c${i}` }));
    const keyOf = (r: { at: string; id: string }) => newestFirstKey(r.at, r.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = paginate(rows, keyOf, { cursor, limit: 5 }, 100);
      seen.push(...page.rows.map((r) => r.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(rows.map((r) => r.id));
    expect(newestFirstKey('2025-11-20T07:00:00.000Z', 'a') < newestFirstKey('2025-11-20T06:00:00.000Z', 'a')).toBe(true);
  });
});

describe('paged routes', () => {
  it('inbox, problem log and conversation messages: limit, nextCursor / nextAfterSeq, max page size', async () => {
    const server = await startTestServer({ app: webAppOptions });
    try {
      for (let i = 0; i < 5; i++) await server.call('POST', `/api/v1/conversations/p${i}/messages`, { buyerId: 'tb_buyer_anna', text: '啊啊啊不知道说什么' });
      for (let i = 0; i < 3; i++) await server.call('POST', '/api/v1/conversations/p0/messages', { buyerId: 'tb_buyer_anna', text: `第${i}句` });

      const first = (await server.call('GET', '/api/v1/inbox?limit=2')).body as { conversations: { id: string }[]; nextCursor: string | null };
      expect(first.conversations).toHaveLength(2);
      const ids = first.conversations.map((c) => c.id);
      let cursor = first.nextCursor;
      while (cursor !== null) {
        const page = (await server.call('GET', `/api/v1/inbox?limit=2&cursor=${cursor}`)).body as typeof first;
        ids.push(...page.conversations.map((c) => c.id));
        cursor = page.nextCursor;
      }
      expect(ids.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
      expect((await server.call('GET', '/api/v1/inbox?limit=101')).status).toBe(400);
      expect((await server.call('GET', '/api/v1/inbox?cursor=%%%')).status).toBe(400);

      const problems = (await server.call('GET', '/api/v1/notebooks/problems?from=2025-11-01&to=2025-11-30&limit=2')).body as { rows: unknown[]; nextCursor: string | null };
      expect(problems.rows).toHaveLength(2);
      expect(problems.nextCursor).not.toBeNull();

      const view = (await server.call('GET', '/api/v1/conversations/p0?buyerId=tb_buyer_anna&limit=3')).body as { messages: { seq: number }[]; nextAfterSeq: number | null };
      expect(view.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
      expect(view.nextAfterSeq).toBe(3);
      const rest = (await server.call('GET', `/api/v1/conversations/p0?buyerId=tb_buyer_anna&afterSeq=3&limit=1000`)).body as typeof view;
      expect(rest.messages.map((m) => m.seq)).toEqual([4, 5, 6, 7, 8]);
      expect(rest.nextAfterSeq).toBeNull();
      expect((await server.call('GET', '/api/v1/conversations/p0?buyerId=tb_buyer_anna&limit=1001')).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
