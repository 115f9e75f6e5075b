import type { ConversationState, LedgerPromise } from './engine.ts';

/**
 * The promise ledger of a conversation: what the bot committed to (a follow-up, a remark, a
 * resend, a callback) with a due time. Broken promises cost the shop 4/6/12 points (seed 004
 * 违背承诺), so open ones go into hand-off summaries and the handover log, and an agent marks
 * each one kept.
 */

export class UnknownPromiseError extends Error {
  override readonly name = 'UnknownPromiseError';
  constructor(readonly promiseId: string) {
    super(`没有这条承诺：${promiseId}`);
  }
}

/** Still owed: neither kept nor withdrawn by the buyer. */
export const isOwed = (p: Pick<LedgerPromise, 'keptAt' | 'withdrawnAt'>): boolean => p.keptAt === undefined && p.withdrawnAt === undefined;

/** Promises still owed, the earliest due first. */
export function openPromises(state: Pick<ConversationState, 'promises'>): LedgerPromise[] {
  return state.promises.filter(isOwed).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * The buyer took back the hand-off they asked for: the callbacks promised for it are withdrawn (kept in
 * the ledger with the time, so the record shows why nobody called back). Other promises stand.
 */
export function withdrawCallbacks(promises: readonly LedgerPromise[], at: Date): LedgerPromise[] {
  return promises.map((p) => (p.kind === 'callback' && isOwed(p) ? { ...p, withdrawnAt: at.toISOString() } : p));
}

/** Open promises whose due time has passed at `now`: broken unless kept at once. */
export function overduePromises(state: Pick<ConversationState, 'promises'>, now: Date): LedgerPromise[] {
  const at = now.toISOString();
  return openPromises(state).filter((p) => p.dueAt < at);
}

/** Marks a promise kept (idempotent: the first time counts). */
export function keepPromise<S extends Pick<ConversationState, 'promises'>>(state: S, promiseId: string, at: Date): S {
  if (!state.promises.some((p) => p.id === promiseId)) throw new UnknownPromiseError(promiseId);
  return {
    ...state,
    promises: state.promises.map((p) => (p.id === promiseId && p.keptAt === undefined ? { ...p, keptAt: at.toISOString() } : p)),
  };
}
