/**
 * A trainee's progress over their finished sessions (oldest first): average, best, latest and
 * whether the recent scores go up or down (the mean of the last three against the first three).
 */
export interface Trend {
  sessions: number;
  finished: number;
  average: number | null;
  best: number | null;
  latest: number | null;
  /** Mean of the last three finished scores minus the mean of the first three (null with fewer than two). */
  change: number | null;
  direction: 'up' | 'down' | 'flat' | null;
}

const WINDOW = 3;
const round1 = (x: number): number => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function trendOf(totals: readonly (number | null)[]): Trend {
  const done = totals.filter((t): t is number => t !== null);
  const base = { sessions: totals.length, finished: done.length };
  if (done.length === 0) return { ...base, average: null, best: null, latest: null, change: null, direction: null };
  const window = Math.min(WINDOW, Math.floor(done.length / 2));
  const change = window === 0 ? null : round1(mean(done.slice(-window)) - mean(done.slice(0, window)));
  return {
    ...base,
    average: round1(mean(done)),
    best: Math.max(...done),
    latest: done.at(-1)!,
    change,
    direction: change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'flat',
  };
}
