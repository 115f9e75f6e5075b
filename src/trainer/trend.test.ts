import { describe, expect, it } from 'vitest';
import { trendOf } from './trend.ts';

describe('trendOf', () => {
  it('compares the last three finished scores with the first three, ignoring sessions still running', () => {
    expect(trendOf([60, null, 70, 80, 90, 95, 100])).toEqual({ sessions: 7, finished: 6, average: 82.5, best: 100, latest: 100, change: 25, direction: 'up' });
    expect(trendOf([90, 70])).toMatchObject({ change: -20, direction: 'down' });
    expect(trendOf([80, 80])).toMatchObject({ change: 0, direction: 'flat' });
  });

  it('has no direction with fewer than two finished sessions', () => {
    expect(trendOf([])).toEqual({ sessions: 0, finished: 0, average: null, best: null, latest: null, change: null, direction: null });
    expect(trendOf([null, 75])).toMatchObject({ finished: 1, average: 75, change: null, direction: null });
  });
});
