import { z } from 'zod';
import { HttpError } from './errors.ts';

/**
 * Bounded list answers: at most `limit` rows (a default and a maximum per route) and an opaque
 * `nextCursor` to ask for the rows after them (null on the last page). A cursor is the position key
 * of the last row sent (not an offset), so rows added meanwhile do not shift a page.
 */

export interface Page<Row> {
  rows: Row[];
  nextCursor: string | null;
}

export const cursorQuery = (maxLimit: number) => ({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(maxLimit).optional(),
});

const encode = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

function decode(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key === '' || encode(key) !== cursor) throw new HttpError('invalid_param', '查询参数 cursor 有误（请使用上一页返回的 nextCursor）');
  return key;
}

/**
 * One page of `rows` (already in their final order). `keyOf` gives each row's position key; keys
 * must increase along the order (callers of a newest-first list invert them, e.g. by prefixing).
 */
export function paginate<Row>(rows: readonly Row[], keyOf: (row: Row) => string, query: { cursor?: string | undefined; limit?: number | undefined }, defaultLimit: number): Page<Row> {
  const limit = query.limit ?? defaultLimit;
  const after = query.cursor === undefined ? undefined : decode(query.cursor);
  const start = after === undefined ? 0 : rows.findIndex((row) => keyOf(row) > after);
  const rest = start === -1 ? [] : rows.slice(start);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rest.length > limit && last !== undefined ? encode(keyOf(last)) : null };
}

/** A position key for newest-first lists: later times sort first (the complement of each digit), then the id. */
export function newestFirstKey(at: string, id: string): string {
  const inverted = [...at].map((c) => (c >= '0' && c <= '9' ? String(9 - Number(c)) : c)).join('');
  return `${inverted}\u0000${id}`;
}
