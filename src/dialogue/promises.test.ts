import { describe, expect, it } from 'vitest';
import type { LedgerPromise } from './engine.ts';
import { keepPromise, openPromises, overduePromises, UnknownPromiseError, withdrawCallbacks } from './promises.ts';

const promise = (id: string, dueAt: string, keptAt?: string): LedgerPromise => ({
  id,
  kind: 'follow_up',
  text: `承诺${id}`,
  madeAt: '2026-11-23T02:00:00.000Z',
  dueAt,
  ...(keptAt ? { keptAt } : {}),
});

const state = {
  promises: [
    promise('p1-1', '2026-11-23T05:00:00.000Z'),
    promise('p2-1', '2026-11-23T03:00:00.000Z'),
    promise('p3-1', '2026-11-23T04:00:00.000Z', '2026-11-23T03:30:00.000Z'),
  ],
};

describe('promise ledger', () => {
  it('lists open promises, the earliest due first', () => {
    expect(openPromises(state).map((p) => p.id)).toEqual(['p2-1', 'p1-1']);
  });

  it('overdue = open and past due', () => {
    expect(overduePromises(state, new Date('2026-11-23T04:30:00.000Z')).map((p) => p.id)).toEqual(['p2-1']);
    expect(overduePromises(state, new Date('2026-11-23T02:30:00.000Z'))).toEqual([]);
  });

  it('keeping a promise closes it; keeping it again keeps the first time', () => {
    const kept = keepPromise(state, 'p2-1', new Date('2026-11-23T02:40:00.000Z'));
    expect(openPromises(kept).map((p) => p.id)).toEqual(['p1-1']);
    const again = keepPromise(kept, 'p2-1', new Date('2026-11-23T09:00:00.000Z'));
    expect(again.promises.find((p) => p.id === 'p2-1')?.keptAt).toBe('2026-11-23T02:40:00.000Z');
    expect(state.promises[1]!.keptAt).toBeUndefined();
  });

  it('an unknown id is a clear error', () => {
    expect(() => keepPromise(state, 'p9-9', new Date())).toThrow(UnknownPromiseError);
    expect(() => keepPromise(state, 'p9-9', new Date())).toThrow('没有这条承诺：p9-9');
  });
});

describe('withdrawCallbacks', () => {
  it('withdraws only the open callbacks; follow-ups and kept ones stand', () => {
    const callback: LedgerPromise = { ...promise('p4-1', '2026-11-24T02:00:00.000Z'), kind: 'callback' };
    const keptCallback: LedgerPromise = { ...promise('p5-1', '2026-11-24T02:00:00.000Z', '2026-11-23T03:00:00.000Z'), kind: 'callback' };
    const at = new Date('2026-11-23T15:45:00.000Z');
    const ledger = withdrawCallbacks([...state.promises, callback, keptCallback], at);
    expect(ledger.find((p) => p.id === 'p4-1')!.withdrawnAt).toBe(at.toISOString());
    expect(ledger.find((p) => p.id === 'p5-1')!.withdrawnAt).toBeUndefined();
    expect(openPromises({ promises: ledger }).map((p) => p.id)).toEqual(['p2-1', 'p1-1']);
  });
});
