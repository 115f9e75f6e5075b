import { ruleName } from '../compliance/rule-names.ts';
import { addDays, localDate } from '../shop/hours.ts';
import type { Shop } from '../shop/schema.ts';
import type { StoredEvent, StoredMessage } from '../store/types.ts';
import { eventsOf } from './event-data.ts';
import { BOT_NAME, handoffReasonLabel } from './labels.ts';
import { byConversation, isResponse, responderOf } from './messages.ts';
import type { Column } from './table.ts';

/**
 * 服务统计 (seed 001: "record how many buyers you served and how many bought, for the conversion
 * rate"), per shop-local day and per agent. A conversation's inquiry on a day belongs to whoever
 * answered that day's first buyer message (the bot or a named agent); its conversion, first-response
 * time and hand-offs count for the same one. Violations belong to the agent who sent the reply.
 */
export const TOTAL_NAME = '合计';
export const NO_REPLY_NAME = '未回复';

export interface StatsRow {
  /** Shop-local day, YYYY-MM-DD. */
  date: string;
  agent: string;
  inquiries: number;
  conversions: number;
  /** conversions / inquiries; null without inquiries. */
  conversionRate: number | null;
  firstResponseMedianSec: number | null;
  firstResponseAvgSec: number | null;
  handoffs: number;
  handoffsByReason: Record<string, number>;
  violations: number;
  penaltyPoints: number;
  violationsByRule: Record<string, { count: number; points: number }>;
}

export interface StatsWindow {
  /** First and last shop-local day, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

interface Tally {
  inquiries: number;
  conversions: number;
  responseSecs: number[];
  handoffsByReason: Map<string, number>;
  violationsByRule: Map<string, { count: number; points: number }>;
  penaltyPoints: number;
}

const newTally = (): Tally => ({
  inquiries: 0,
  conversions: 0,
  responseSecs: [],
  handoffsByReason: new Map(),
  violationsByRule: new Map(),
  penaltyPoints: 0,
});

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function toRow(date: string, agent: string, t: Tally): StatsRow {
  const secs = [...t.responseSecs].sort((a, b) => a - b);
  let violations = 0;
  for (const v of t.violationsByRule.values()) violations += v.count;
  const m = median(secs);
  return {
    date,
    agent,
    inquiries: t.inquiries,
    conversions: t.conversions,
    conversionRate: t.inquiries > 0 ? t.conversions / t.inquiries : null,
    firstResponseMedianSec: m === null ? null : round1(m),
    firstResponseAvgSec: secs.length > 0 ? round1(secs.reduce((a, b) => a + b, 0) / secs.length) : null,
    handoffs: [...t.handoffsByReason.values()].reduce((a, b) => a + b, 0),
    handoffsByReason: Object.fromEntries(t.handoffsByReason),
    violations,
    penaltyPoints: t.penaltyPoints,
    violationsByRule: Object.fromEntries(t.violationsByRule),
  };
}

/** Every day from `from` to `to` inclusive. */
export function daysOf(window: StatsWindow): string[] {
  const days: string[] = [];
  for (let d = window.from; d <= window.to; d = addDays(d, 1)) days.push(d);
  return days;
}

export function serviceStats(
  input: { messages: readonly StoredMessage[]; events: readonly StoredEvent[] },
  shop: Pick<Shop, 'timezone'>,
  window: StatsWindow,
): StatsRow[] {
  const tz = shop.timezone;
  const dayOf = (iso: string) => localDate(new Date(iso), tz);
  const inRange = (day: string) => day >= window.from && day <= window.to;

  // tallies[date][agent]
  const tallies = new Map<string, Map<string, Tally>>();
  const tally = (date: string, agent: string): Tally => {
    let byAgent = tallies.get(date);
    if (!byAgent) tallies.set(date, (byAgent = new Map()));
    let t = byAgent.get(agent);
    if (!t) byAgent.set(agent, (t = newTally()));
    return t;
  };

  const conversations = byConversation(input.messages);
  // conversationId → day → who answered that day's first buyer message
  const responder = new Map<string, Map<string, string>>();
  for (const [conversationId, list] of conversations) {
    const days = new Map<string, string>();
    responder.set(conversationId, days);
    list.forEach((m, i) => {
      if (m.role !== 'buyer') return;
      const day = dayOf(m.at);
      if (!inRange(day) || days.has(day)) return;
      const reply = list.slice(i + 1).find(isResponse);
      const who = reply ? responderOf(reply) : NO_REPLY_NAME;
      days.set(day, who);
      const t = tally(day, who);
      t.inquiries++;
      if (reply) t.responseSecs.push(Math.max(0, (Date.parse(reply.at) - Date.parse(m.at)) / 1000));
    });
  }
  const ownerOf = (conversationId: string, day: string) => responder.get(conversationId)?.get(day) ?? BOT_NAME;

  // An order counts once per conversation and day, and only after an earlier buyer message (an inquiry).
  const converted = new Set<string>();
  for (const e of eventsOf(input.events, 'turn')) {
    if (e.data.intent !== 'order_placed') continue;
    const day = dayOf(e.at);
    const key = `${e.conversationId}\u0000${day}`;
    if (!inRange(day) || converted.has(key)) continue;
    const buyerMessages = (conversations.get(e.conversationId) ?? []).filter((m) => m.role === 'buyer');
    const orderMessage = buyerMessages.filter((m) => m.at <= e.at).at(-1);
    if (!orderMessage || !buyerMessages.some((m) => m.seq < orderMessage.seq)) continue;
    converted.add(key);
    tally(day, ownerOf(e.conversationId, day)).conversions++;
  }

  for (const e of eventsOf(input.events, 'handoff')) {
    const day = dayOf(e.at);
    if (!inRange(day)) continue;
    const byReason = tally(day, ownerOf(e.conversationId, day)).handoffsByReason;
    byReason.set(e.data.reason, (byReason.get(e.data.reason) ?? 0) + 1);
  }

  for (const e of eventsOf(input.events, 'agent_reply')) {
    const day = dayOf(e.at);
    if (!inRange(day)) continue;
    const t = tally(day, e.data.agent);
    t.penaltyPoints += e.data.points;
    for (const v of e.data.violations) {
      const r = t.violationsByRule.get(v.ruleId) ?? { count: 0, points: 0 };
      t.violationsByRule.set(v.ruleId, { count: r.count + 1, points: r.points + (v.points ?? 0) });
    }
  }

  const rows: StatsRow[] = [];
  for (const date of daysOf(window)) {
    const byAgent = tallies.get(date) ?? new Map<string, Tally>();
    const total = newTally();
    for (const t of byAgent.values()) {
      total.inquiries += t.inquiries;
      total.conversions += t.conversions;
      total.responseSecs.push(...t.responseSecs);
      total.penaltyPoints += t.penaltyPoints;
      for (const [k, n] of t.handoffsByReason) total.handoffsByReason.set(k, (total.handoffsByReason.get(k) ?? 0) + n);
      for (const [k, v] of t.violationsByRule) {
        const r = total.violationsByRule.get(k) ?? { count: 0, points: 0 };
        total.violationsByRule.set(k, { count: r.count + v.count, points: r.points + v.points });
      }
    }
    rows.push(toRow(date, TOTAL_NAME, total));
    const agents = [...byAgent.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'zh-CN'));
    for (const agent of agents) rows.push(toRow(date, agent, byAgent.get(agent)!));
  }
  return rows;
}

/** The bot first, named agents next, unanswered inquiries last. */
function rank(agent: string): number {
  return agent === BOT_NAME ? 0 : agent === NO_REPLY_NAME ? 2 : 1;
}

const joinCounts = (entries: [string, string][]): string => entries.map(([k, v]) => `${k}×${v}`).join('；');

export function statsColumns(): Column<StatsRow>[] {
  return [
    { title: '日期', value: (r) => r.date },
    { title: '客服', value: (r) => r.agent },
    { title: '咨询人数', value: (r) => r.inquiries },
    { title: '成交人数', value: (r) => r.conversions },
    { title: '转化率', value: (r) => (r.conversionRate === null ? null : `${(r.conversionRate * 100).toFixed(1)}%`) },
    { title: '首次响应中位数（秒）', value: (r) => r.firstResponseMedianSec },
    { title: '首次响应平均（秒）', value: (r) => r.firstResponseAvgSec },
    { title: '转人工次数', value: (r) => r.handoffs },
    {
      title: '转人工原因',
      value: (r) => joinCounts(Object.entries(r.handoffsByReason).map(([k, n]) => [handoffReasonLabel(k), String(n)])),
    },
    { title: '违规次数', value: (r) => r.violations },
    { title: '扣分', value: (r) => r.penaltyPoints },
    {
      title: '违规规则',
      value: (r) => Object.entries(r.violationsByRule).map(([k, v]) => `${ruleName(k)}×${v.count}（${v.points}分）`).join('；'),
    },
  ];
}
