import type { StoredEvent } from '../store/types.ts';
import { eventsOf } from './event-data.ts';
import type { Column } from './table.ts';

/**
 * How often agents take the bot's suggestions, per intent and per script: used as is, edited,
 * ignored. A script agents keep editing or ignoring is one the shop should rewrite.
 */
export interface AcceptanceRow {
  by: 'intent' | 'script';
  key: string;
  used: number;
  edited: number;
  ignored: number;
  /** used / all, null without any suggestion answered. */
  acceptanceRate: number | null;
}

export function suggestionAcceptance(events: readonly StoredEvent[]): AcceptanceRow[] {
  const rows = new Map<string, AcceptanceRow>();
  const count = (by: AcceptanceRow['by'], key: string, outcome: 'used' | 'edited' | 'ignored'): void => {
    const id = `${by}\u0000${key}`;
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { by, key, used: 0, edited: 0, ignored: 0, acceptanceRate: null }));
    row[outcome]++;
    row.acceptanceRate = row.used / (row.used + row.edited + row.ignored);
  };
  for (const e of eventsOf(events, 'agent_reply')) {
    const s = e.data.suggestion;
    if (!s) continue;
    count('intent', s.intent, s.outcome);
    count('script', s.scriptId, s.outcome);
  }
  return [...rows.values()].sort((a, b) => (a.by === b.by ? a.key.localeCompare(b.key) : a.by === 'intent' ? -1 : 1));
}

export function acceptanceColumns(): Column<AcceptanceRow>[] {
  return [
    { title: '维度', value: (r) => (r.by === 'intent' ? '意图' : '话术') },
    { title: '名称', value: (r) => r.key },
    { title: '直接采用', value: (r) => r.used },
    { title: '修改后采用', value: (r) => r.edited },
    { title: '未采用', value: (r) => r.ignored },
    { title: '采纳率', value: (r) => (r.acceptanceRate === null ? null : `${(r.acceptanceRate * 100).toFixed(1)}%`) },
  ];
}
