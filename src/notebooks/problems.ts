import { ruleName } from '../compliance/rule-names.ts';
import { localDateTime } from '../shop/hours.ts';
import type { StoredEvent } from '../store/types.ts';
import { eventsOf } from './event-data.ts';
import { conversationLink, reasonWithSummary } from './labels.ts';
import type { Column } from './table.ts';

/**
 * 问题记录 (seed 001: "every problem noted at once, handed in weekly"): what the bot did not
 * understand, what it handed to a human, and agent replies that broke a rule.
 */
export type ProblemKind = 'unrecognised' | 'handoff' | 'agent_lint';

export interface ProblemRow {
  /** The event's id: what marking the entry resolved refers to. */
  id: number;
  at: string;
  conversationId: string;
  kind: ProblemKind;
  detail: string;
  link: string;
  /** Marked resolved by an agent, with a note (the latest marking counts). */
  resolved: { agent: string; note: string; at: string } | null;
  /** Agent replies with errors: who sent it and the ids of the rules it broke (what the filters match). */
  agent?: string;
  rules?: string[];
}

/** The problem log's filters: by agent (replies they sent) and by rule (replies that broke it). */
export interface ProblemFilter {
  agent?: string | undefined;
  rule?: string | undefined;
}

/** Rows that match every filter given; with a filter, only agent replies can match. */
export function filterProblems(rows: readonly ProblemRow[], filter: ProblemFilter): ProblemRow[] {
  return rows.filter((r) => (filter.agent === undefined || r.agent === filter.agent) && (filter.rule === undefined || (r.rules ?? []).includes(filter.rule)));
}

const KIND_ZH: Record<ProblemKind, string> = {
  unrecognised: '未识别',
  handoff: '转人工',
  agent_lint: '客服回复违规',
};

function percent(confidence: number | undefined): string {
  return confidence === undefined ? '' : ` ${Math.round(confidence * 100)}%`;
}

/**
 * The problem rows within [from, to) (ISO instants), newest first. `problem_resolved` events
 * among `events` mark rows resolved whenever they happened.
 */
export function problemLog(events: readonly StoredEvent[], window: { from: string; to: string }): ProblemRow[] {
  const inWindow = events.filter((e) => e.at >= window.from && e.at < window.to);
  const resolutions = new Map(eventsOf(events, 'problem_resolved').map((e) => [e.data.problemId, { agent: e.data.agent, note: e.data.note, at: e.at }]));
  const row = (e: { id: number; at: string; conversationId: string }, kind: ProblemKind, detail: string): ProblemRow => ({
    id: e.id,
    at: e.at,
    conversationId: e.conversationId,
    kind,
    detail,
    link: conversationLink(e.conversationId),
    resolved: resolutions.get(e.id) ?? null,
  });
  const rows: ProblemRow[] = [
    ...eventsOf(inWindow, 'unrecognised').map((e) =>
      row(e, 'unrecognised', `买家：「${e.data.text}」（识别为 ${e.data.intent ?? 'other'}${percent(e.data.confidence)}）`),
    ),
    ...eventsOf(inWindow, 'handoff').map((e) =>
      row(e, 'handoff', reasonWithSummary(e.data.reason, e.data.summary)),
    ),
    ...eventsOf(inWindow, 'agent_reply')
      .filter((e) => e.data.errorCount > 0)
      .map((e) => {
        const rules = e.data.violations.map((v) => (v.points ? `${ruleName(v.ruleId)}（${v.points}分）` : ruleName(v.ruleId))).join('、');
        const override = e.data.override ? `；强制发送，理由：${e.data.override}` : '';
        const ids = [...new Set(e.data.violations.map((v) => v.ruleId))];
        return { ...row(e, 'agent_lint', `${e.data.agent}：${e.data.errorCount} 处错误，扣 ${e.data.points} 分；规则：${rules}${override}`), agent: e.data.agent, rules: ids };
      }),
  ];
  return rows.sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1));
}

export function problemColumns(timeZone: string): Column<ProblemRow>[] {
  return [
    { title: '时间', value: (r) => localDateTime(new Date(r.at), timeZone) },
    { title: '类型', value: (r) => KIND_ZH[r.kind] },
    { title: '会话', value: (r) => r.conversationId },
    { title: '详情', value: (r) => r.detail },
    { title: '链接', value: (r) => r.link },
    { title: '处理', value: (r) => (r.resolved ? `已处理（${r.resolved.agent}）：${r.resolved.note}` : '未处理') },
  ];
}
