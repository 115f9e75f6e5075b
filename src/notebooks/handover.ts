import { localDateTime } from '../shop/hours.ts';
import type { Shop } from '../shop/schema.ts';
import type { ConversationRecord, StoredEvent, StoredMessage } from '../store/types.ts';
import { eventsOf } from './event-data.ts';
import { conversationLink, reasonWithSummary } from './labels.ts';
import { byConversation, isResponse } from './messages.ts';
import { handoverShift } from './shift.ts';
import type { Column } from './table.ts';

/**
 * 交接班 (seed 001: "at the day/evening hand-over, note the buyers handed over, what must be done
 * first, which prospects to contact"): what the next shift has to pick up at `now`.
 */
export type HandoverSection = 'open' | 'promise' | 'remark' | 'handover';

export interface HandoverRow {
  section: HandoverSection;
  /** When it happened (promises: when made). */
  at: string;
  conversationId: string;
  detail: string;
  /** Promises only: when it is due, and whether that is past. */
  dueAt?: string;
  overdue?: boolean;
  link: string;
}

export interface HandoverLog {
  shift: { start: string; end: string; label: string };
  rows: HandoverRow[];
}

const OWNER_ZH: Record<string, string> = { pending: '等待人工接手', agent: '人工客服处理中' };

function openConversations(conversations: readonly ConversationRecord[], messages: Map<string, StoredMessage[]>): HandoverRow[] {
  const rows: HandoverRow[] = [];
  for (const c of conversations) {
    const list = messages.get(c.id) ?? [];
    const lastBuyer = list.findLast((m) => m.role === 'buyer');
    const unanswered = lastBuyer !== undefined && !list.some((m) => m.seq > lastBuyer.seq && isResponse(m));
    if (c.owner === 'bot' && !unanswered) continue;
    const state = c.owner === 'bot' ? '买家消息未回复' : OWNER_ZH[c.owner];
    const last = lastBuyer ? `；买家最后一句：「${lastBuyer.text}」` : '';
    rows.push({
      section: 'open',
      at: lastBuyer?.at ?? c.updatedAt,
      conversationId: c.id,
      detail: `${state}（买家 ${c.buyerId}）${last}`,
      link: conversationLink(c.id),
    });
  }
  return rows;
}

function unkeptPromises(events: readonly StoredEvent[], now: Date): HandoverRow[] {
  const kept = new Set(eventsOf(events, 'promise_kept').map((e) => `${e.conversationId}\u0000${e.data.id}`));
  return eventsOf(events, 'promise')
    .filter((e) => !kept.has(`${e.conversationId}\u0000${e.data.id}`))
    .map((e) => ({
      section: 'promise' as const,
      at: e.at,
      conversationId: e.conversationId,
      detail: `${e.data.text}${e.data.orderId ? `（订单 ${e.data.orderId}）` : ''}`,
      dueAt: e.data.dueAt,
      overdue: Date.parse(e.data.dueAt) < now.getTime(),
      link: conversationLink(e.conversationId),
    }));
}

/** Out-of-hours hand-overs that no agent has answered since. */
function waitingHandovers(events: readonly StoredEvent[], messages: Map<string, StoredMessage[]>): HandoverRow[] {
  return eventsOf(events, 'handover')
    .filter((e) => !(messages.get(e.conversationId) ?? []).some((m) => m.role === 'agent' && m.at > e.at))
    .map((e) => ({
      section: 'handover' as const,
      at: e.at,
      conversationId: e.conversationId,
      detail: reasonWithSummary(e.data.reason, e.data.summary),
      link: conversationLink(e.conversationId),
    }));
}

export function handoverLog(
  input: { conversations: readonly ConversationRecord[]; messages: readonly StoredMessage[]; events: readonly StoredEvent[] },
  shop: Pick<Shop, 'workingHours' | 'timezone'>,
  now: Date,
): HandoverLog {
  const shift = handoverShift(shop, now);
  const since = shift.start.toISOString();
  const nowIso = now.toISOString();
  const messages = byConversation(input.messages);
  const remarks: HandoverRow[] = eventsOf(input.events, 'remark')
    .filter((e) => e.at >= since && e.at <= nowIso)
    .map((e) => ({
      section: 'remark',
      at: e.at,
      conversationId: e.conversationId,
      detail: `${e.data.orderId ? `订单 ${e.data.orderId}：` : ''}${e.data.text}`,
      link: conversationLink(e.conversationId),
    }));
  const byTime = (a: HandoverRow, b: HandoverRow) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
  return {
    shift: { start: since, end: shift.end.toISOString(), label: shift.label },
    rows: [
      ...openConversations(input.conversations, messages).sort(byTime),
      ...unkeptPromises(input.events, now).sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '')),
      ...remarks.sort(byTime),
      ...waitingHandovers(input.events, messages).sort(byTime),
    ],
  };
}

const SECTION_ZH: Record<HandoverSection, string> = {
  open: '未结会话',
  promise: '未兑现承诺',
  remark: '待处理备注',
  handover: '非工作时间转交',
};

export function handoverColumns(timeZone: string): Column<HandoverRow>[] {
  const time = (iso: string) => localDateTime(new Date(iso), timeZone);
  return [
    { title: '类别', value: (r) => SECTION_ZH[r.section] },
    { title: '时间', value: (r) => time(r.at) },
    { title: '会话', value: (r) => r.conversationId },
    { title: '详情', value: (r) => r.detail },
    { title: '期限', value: (r) => (r.dueAt ? `${time(r.dueAt)}${r.overdue ? '（已逾期）' : ''}` : null) },
    { title: '链接', value: (r) => r.link },
  ];
}
