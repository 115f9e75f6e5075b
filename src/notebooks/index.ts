export { filterProblems, problemLog, problemColumns, type ProblemFilter, type ProblemRow, type ProblemKind } from './problems.ts';
export { serviceStats, statsColumns, daysOf, TOTAL_NAME, NO_REPLY_NAME, type StatsRow, type StatsWindow } from './stats.ts';
export { handoverLog, handoverColumns, type HandoverLog, type HandoverRow, type HandoverSection } from './handover.ts';
export { handoverShift, type ShiftSpan } from './shift.ts';
export { toCsv, toTable, type Column, type Cell, type Table } from './table.ts';
export { suggestionAcceptance, acceptanceColumns, type AcceptanceRow } from './suggestions.ts';
