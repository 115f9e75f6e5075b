import { Router, type Response } from 'express';
import { z } from 'zod';
import { cursorQuery, newestFirstKey, paginate } from './pagination.ts';
import {
  acceptanceColumns,
  suggestionAcceptance,
  handoverColumns,
  handoverLog,
  filterProblems,
  problemColumns,
  problemLog,
  serviceStats,
  statsColumns,
  toCsv,
  toTable,
  type Column,
  type ProblemRow,
} from '../notebooks/index.ts';
import { RULE_NAMES_ZH } from '../compliance/rule-names.ts';
import { addDays, instantAtLocal, localDate } from '../shop/hours.ts';
import type { Shop } from '../shop/schema.ts';
import type { Store, StoredMessage } from '../store/types.ts';
import { shopOf } from './auth.ts';
import { HttpError } from './errors.ts';
import { parseBody, parseParams, parseQuery } from './validate.ts';

/**
 * GET /api/v1/notebooks/{problems,stats,handover}: the three notebooks of the manuals (seed 001)
 * for the key's shop, as JSON (rows plus the table the web page draws) or, with `?format=csv`, as
 * a CSV download Excel opens. Dates are shop-local days; the default is the last 7 days.
 */

export const DEFAULT_DAYS = 7;
export const MAX_DAYS = 92;
/** The handover log looks this far back for open promises, remarks and hand-overs. */
export const HANDOVER_LOOKBACK_DAYS = 7;

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // 2025-02-30 matches the pattern; a real date survives a round trip through the calendar.
  .refine((d) => addDays(d, 0) === d);
const FormatSchema = z.enum(['json', 'csv']).default('json');
const RangeQuerySchema = z.strictObject({ from: DateSchema.optional(), to: DateSchema.optional(), format: FormatSchema });
/** The problem log's JSON answer is paged (the CSV export holds the whole range). */
export const PROBLEMS_PAGE = { default: 200, max: 1000 } as const;
const ProblemsQuerySchema = RangeQuerySchema.extend({
  ...cursorQuery(PROBLEMS_PAGE.max),
  /** Only the replies this agent sent that broke a rule. */
  agent: z.string().trim().min(1).max(64).optional(),
  /** Only the agent replies that broke this rule (its id, e.g. polite-you). */
  rule: z.string().min(1).max(64).optional(),
});
const HandoverQuerySchema = z.strictObject({ format: FormatSchema });
const ResolveParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() });
export const ResolveBodySchema = z.strictObject({ agent: z.string().trim().min(1).max(64), note: z.string().trim().min(1).max(500) });
const PROBLEM_KINDS = ['unrecognised', 'handoff', 'agent_reply'] as const;

export interface NotebooksDeps {
  store: Store;
  clock: () => Date;
}

interface Range {
  from: string;
  to: string;
  /** [fromIso, toIso): shop-local midnight of `from` to midnight after `to`. */
  fromIso: string;
  toIso: string;
}

function dateRange(query: { from?: string | undefined; to?: string | undefined }, shop: Shop, now: Date): Range {
  const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_DAYS - 1) : localDate(now, shop.timezone));
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw new HttpError('invalid_param', `查询参数有误：开始日期 ${from} 晚于结束日期 ${to}`);
  if (addDays(from, MAX_DAYS - 1) < to) throw new HttpError('invalid_param', `查询参数有误：日期范围最多 ${MAX_DAYS} 天`);
  return {
    from,
    to,
    fromIso: instantAtLocal(from, shop.timezone).toISOString(),
    toIso: instantAtLocal(addDays(to, 1), shop.timezone).toISOString(),
  };
}

/** RFC 5987/6266: an ASCII fallback for old clients and the Chinese name in `filename*`. */
export function attachmentHeader(name: string, asciiName: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

function send<Row>(
  res: Response,
  format: 'json' | 'csv',
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  file: { name: string; ascii: string },
  meta: Record<string, unknown>,
): void {
  if (format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachmentHeader(`${file.name}.csv`, `${file.ascii}.csv`));
    res.send(toCsv(rows, columns));
    return;
  }
  res.json({ ...meta, rows, table: toTable(rows, columns) });
}

async function messagesOf(store: Store, shopId: string, conversationIds: readonly string[]): Promise<StoredMessage[]> {
  const lists = await Promise.all(conversationIds.map((id) => store.messages(shopId, id)));
  return lists.flat();
}

export function notebooksRouter(deps: NotebooksDeps): Router {
  const { store, clock } = deps;
  const router = Router();

  router.get('/notebooks/problems', async (req, res) => {
    const query = parseQuery(ProblemsQuerySchema, req.query);
    const { shop } = shopOf(req);
    if (query.rule !== undefined && !(query.rule in RULE_NAMES_ZH)) throw new HttpError('invalid_param', `查询参数 rule：没有规则 "${query.rule}"（规则列表见 docs/rules.md）`);
    const range = dateRange(query, shop, clock());
    // Entries may be marked resolved after the range: those markings are read from its start on.
    const [events, resolutions] = await Promise.all([
      store.events(shop.id, { kinds: [...PROBLEM_KINDS], from: range.fromIso, to: range.toIso }),
      store.events(shop.id, { kinds: ['problem_resolved'], from: range.fromIso }),
    ]);
    const all = filterProblems(problemLog([...events, ...resolutions], { from: range.fromIso, to: range.toIso }), { agent: query.agent, rule: query.rule });
    // Rows of one instant (a misunderstood turn's entry and its hand-off) follow their event ids: the
    // order must be the keys' order, or a page boundary among them repeats or skips rows.
    const keyOf = (r: ProblemRow): string => newestFirstKey(r.at, String(r.id).padStart(15, '0'));
    all.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    const page = query.format === 'csv' ? { rows: all, nextCursor: null } : paginate(all, keyOf, query, PROBLEMS_PAGE.default);
    const suffix = `${range.from}_${range.to}`;
    send(res, query.format, page.rows, problemColumns(shop.timezone), { name: `问题记录_${suffix}`, ascii: `problems_${suffix}` }, {
      from: range.from,
      to: range.to,
      total: all.length,
      nextCursor: page.nextCursor,
      // What the page's filters offer: the shop's agents, every rule by its Chinese name.
      filters: { agents: shop.agents, rules: Object.entries(RULE_NAMES_ZH).map(([id, name]) => ({ id, name })) },
    });
  });

  router.post('/notebooks/problems/:id/resolve', async (req, res) => {
    const { id } = parseParams(ResolveParamsSchema, req.params);
    const { agent, note } = parseBody(ResolveBodySchema, req.body);
    const { shop } = shopOf(req);
    const problem = (await store.events(shop.id, { kinds: [...PROBLEM_KINDS] })).find((e) => e.id === id);
    if (!problem) throw new HttpError('not_found', '问题记录中没有这一条');
    const at = clock().toISOString();
    await store.appendEvents(shop.id, problem.conversationId, [{ kind: 'problem_resolved', at, data: { problemId: id, agent, note } }]);
    res.json({ id, resolved: { agent, note, at } });
  });

  router.get('/notebooks/stats', async (req, res) => {
    const query = parseQuery(RangeQuerySchema, req.query);
    const { shop } = shopOf(req);
    const range = dateRange(query, shop, clock());
    // A conversation with a buyer message in the range had a turn committed since then (updatedAt).
    const conversations = await store.listConversations(shop.id, { updatedSince: range.fromIso });
    const [messages, events] = await Promise.all([
      messagesOf(store, shop.id, conversations.map((c) => c.id)),
      store.events(shop.id, { kinds: ['turn', 'handoff', 'agent_reply'], from: range.fromIso, to: range.toIso }),
    ]);
    const rows = serviceStats({ messages, events }, shop, { from: range.from, to: range.to });
    const suffix = `${range.from}_${range.to}`;
    send(res, query.format, rows, statsColumns(), { name: `服务统计_${suffix}`, ascii: `stats_${suffix}` }, { from: range.from, to: range.to });
  });

  // Which suggestions agents take as is, edit or ignore, per intent and per script.
  router.get('/notebooks/suggestions', async (req, res) => {
    const query = parseQuery(RangeQuerySchema, req.query);
    const { shop } = shopOf(req);
    const range = dateRange(query, shop, clock());
    const events = await store.events(shop.id, { kinds: ['agent_reply'], from: range.fromIso, to: range.toIso });
    const suffix = `${range.from}_${range.to}`;
    send(res, query.format, suggestionAcceptance(events), acceptanceColumns(), { name: `建议采纳率_${suffix}`, ascii: `suggestions_${suffix}` }, { from: range.from, to: range.to });
  });

  router.get('/notebooks/handover', async (req, res) => {
    const query = parseQuery(HandoverQuerySchema, req.query);
    const { shop } = shopOf(req);
    const now = clock();
    const since = new Date(now.getTime() - HANDOVER_LOOKBACK_DAYS * 86_400_000).toISOString();
    const [recent, pending, taken, events] = await Promise.all([
      store.listConversations(shop.id, { updatedSince: since }),
      store.listConversations(shop.id, { owner: 'pending' }),
      store.listConversations(shop.id, { owner: 'agent' }),
      store.events(shop.id, { kinds: ['promise', 'promise_kept', 'remark', 'handover'], from: since }),
    ]);
    // Waiting for a human stays open however old it is; a bot conversation only while recent.
    const conversations = [...new Map([...recent, ...pending, ...taken].map((c) => [c.id, c])).values()];
    const ids = new Set([...conversations.map((c) => c.id), ...events.map((e) => e.conversationId)]);
    const messages = await messagesOf(store, shop.id, [...ids]);
    const log = handoverLog({ conversations, messages, events }, shop, now);
    const stamp = `${localDate(now, shop.timezone)}`;
    send(res, query.format, log.rows, handoverColumns(shop.timezone), { name: `交接班_${stamp}`, ascii: `handover_${stamp}` }, { shift: log.shift });
  });

  return router;
}
