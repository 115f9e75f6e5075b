import { createLinter } from '../compliance/linter.ts';
import type { LintResult } from '../compliance/schema.ts';
import { replyLintContext } from '../dialogue/lint-context.ts';
import type { ConversationState, LedgerPromise } from '../dialogue/engine.ts';
import { keepPromise } from '../dialogue/promises.ts';
import type { ConversationRecord, NewEvent, StoredMessage, StoredOwner } from '../store/types.ts';
import { hotConversationsOf } from './hot-state.ts';
import { conversationKey, type AppDeps } from './context.ts';
import { ownerOf, storedState, withOwnerChange } from './engine-state.ts';
import { notFound } from './errors.ts';
import { outboxFor } from './webhooks.ts';
import type { ShopRuntime } from './shop-runtime.ts';
import { runBuyerTurn, type TurnAnswer } from './turn.ts';

/**
 * What human agents do in a conversation: send a reply (stored and checked against the strict
 * profile, counted in the statistics) and join or leave (the orchestrator's owner). Both run in
 * the conversation's lock, so they never land in the middle of a buyer turn.
 */

export interface AgentReplyAnswer {
  seq: number;
  lint: LintResult;
  points: number;
}

export const penaltyPoints = (lint: LintResult): number => lint.violations.reduce((sum, v) => sum + (v.penaltyPoints ?? 0), 0);

export type SuggestionOutcome = 'used' | 'edited' | 'ignored';

export interface AgentReply {
  agent: string;
  text: string;
  override?: { reason: string } | undefined;
  suggestion?: { seq: number; candidate?: number | undefined } | undefined;
}

/** What the agent did with the bot's suggestion (the candidates stored with the bot's message). */
export function suggestionOutcome(suggested: StoredMessage, reply: AgentReply): { scriptId: string; intent: string; outcome: SuggestionOutcome } | undefined {
  if (suggested.role !== 'bot' || suggested.meta.delivery !== 'suggest') return undefined;
  const candidates = Array.isArray(suggested.meta.candidates) ? suggested.meta.candidates : [suggested.text];
  const index = reply.suggestion?.candidate;
  const taken = index === undefined ? undefined : candidates[index];
  const outcome: SuggestionOutcome = typeof taken !== 'string' ? 'ignored' : taken.trim() === reply.text.trim() ? 'used' : 'edited';
  // Assist candidates may come from different scripts (the runner-up reading, the holding line): the
  // taken candidate's own script and reading when stored with the message, else the first's.
  const own = (key: 'candidateScripts' | 'candidateIntents'): unknown => {
    const list = suggested.meta[key];
    return index !== undefined && typeof taken === 'string' && Array.isArray(list) ? list[index] : undefined;
  };
  const ownScript = own('candidateScripts');
  const ownIntent = own('candidateIntents');
  const scriptId = typeof ownScript === 'string' ? ownScript : typeof suggested.meta.scriptId === 'string' ? suggested.meta.scriptId : 'unknown';
  const intent = typeof ownIntent === 'string' ? ownIntent : typeof suggested.meta.intent === 'string' ? suggested.meta.intent : 'unknown';
  return { scriptId, intent, outcome };
}

export async function recordAgentReply(deps: AppDeps, runtime: ShopRuntime, conversationId: string, reply: AgentReply): Promise<AgentReplyAnswer> {
  const { store, clock, metrics } = deps;
  const { shop } = runtime;
  return deps.lock.run(conversationKey(shop.id, conversationId), async () => {
    const record = await store.getConversation(shop.id, conversationId);
    if (!record) throw notFound();
    const productId = storedState(record)?.productId;
    // The strict profile whatever the shop's tone: what a human sent is judged like an automatic reply.
    const context = replyLintContext({
      shop,
      buyerId: record.buyerId,
      ownOrders: await runtime.orders.ordersOf(record.buyerId),
      product: shop.products.find((p) => p.id === productId),
    });
    const lint = createLinter({ profile: 'tmall', severities: shop.lintSeverities, context }).lint(reply.text);
    const points = penaltyPoints(lint);
    const findings = lint.violations.map((v) => ({ ruleId: v.ruleId, severity: v.severity, points: v.penaltyPoints ?? 0 }));
    const at = clock().toISOString();
    const suggestedSeq = reply.suggestion?.seq;
    const suggested = suggestedSeq === undefined ? undefined : (await store.messages(shop.id, conversationId, { afterSeq: suggestedSeq - 1, limit: 1 }))[0];
    const suggestion = suggested ? suggestionOutcome(suggested, reply) : undefined;
    // An override only means something for a draft with errors; the reason is kept with the reply.
    const override = lint.errorCount > 0 && reply.override ? { override: reply.override.reason } : {};
    const details = { errorCount: lint.errorCount, warningCount: lint.warningCount, points, violations: findings, ...override, ...(suggestion ? { suggestion } : {}) };
    // The message, its notebook event and the channel's reply.created commit together.
    const stored = await store.appendMessage(
      shop.id,
      conversationId,
      { role: 'agent', text: reply.text, at, agent: reply.agent, meta: details },
      {
        events: [{ kind: 'agent_reply', at, data: { agent: reply.agent, ...details } }],
        outbox: outboxFor(shop, { type: 'reply.created', conversationId, at, messageIndex: 0, data: { buyerId: record.buyerId, role: 'agent', agent: reply.agent, text: reply.text, at } }),
      },
    );
    for (const v of lint.violations) metrics.lintViolations.inc({ rule: v.ruleId });
    if (suggestion) metrics.suggestionOutcomes.inc({ intent: suggestion.intent, script: suggestion.scriptId, outcome: suggestion.outcome });
    return { seq: stored.seq, lint, points };
  });
}

/**
 * A change of the conversation's state outside a buyer turn (ownership, a kept promise): read,
 * change, commit with its events, all in the lock and against the version read.
 */
async function updateConversation<T>(
  deps: AppDeps,
  shopId: string,
  conversationId: string,
  change: (record: ConversationRecord, at: string) => { state: ConversationState; owner: StoredOwner; events: NewEvent[]; answer: T },
): Promise<T> {
  const key = conversationKey(shopId, conversationId);
  return deps.lock.run(key, async () => {
    // The buyer turns' cached state is about to be out of date: the next turn reads the store.
    hotConversationsOf(deps).forget(key);
    const record = await deps.store.getConversation(shopId, conversationId);
    if (!record) throw notFound();
    const at = deps.clock().toISOString();
    const { state, owner, events, answer } = change(record, at);
    await deps.store.commitTurn({ shopId, conversationId, expectedVersion: record.version, state, owner, updatedAt: at, messages: [], events });
    return answer;
  });
}

export interface OwnerAnswer {
  previous: StoredOwner;
  owner: StoredOwner;
}

export function changeOwner(deps: AppDeps, runtime: ShopRuntime, conversationId: string, change: { action: 'join' | 'leave'; agent: string }): Promise<OwnerAnswer> {
  return updateConversation(deps, runtime.shop.id, conversationId, (record, at) => {
    const state = withOwnerChange(record, change.action);
    const owner = ownerOf(state);
    return {
      state,
      owner,
      events: [{ kind: 'owner', at, data: { from: record.owner, to: owner, agent: change.agent, action: change.action } }],
      answer: { previous: record.owner, owner },
    };
  });
}

/** An agent marks a promise of the ledger kept (the first time counts; unkept ones cost points). */
export function keepConversationPromise(deps: AppDeps, runtime: ShopRuntime, conversationId: string, kept: { promiseId: string; agent: string }): Promise<LedgerPromise> {
  return updateConversation(deps, runtime.shop.id, conversationId, (record, at) => {
    const before = storedState(record);
    if (!before || !before.promises.some((p) => p.id === kept.promiseId)) throw notFound('没有这条承诺');
    const state = keepPromise(before, kept.promiseId, new Date(at));
    const promise = state.promises.find((p) => p.id === kept.promiseId)!;
    return {
      state,
      owner: record.owner,
      events: [{ kind: 'promise_kept', at, data: { id: promise.id, agent: kept.agent, keptAt: promise.keptAt } }],
      answer: promise,
    };
  });
}

/**
 * After 交还机器人: the buyer's messages nobody answered (written while a human had the chat) get
 * the bot's answer, as one turn on the latest of them. Undefined when nothing waits.
 */
export async function answerUnanswered(deps: AppDeps, runtime: ShopRuntime, conversationId: string): Promise<TurnAnswer | undefined> {
  const record = await deps.store.getConversation(runtime.shop.id, conversationId);
  if (!record || record.owner !== 'bot') return undefined;
  const messages = await deps.store.messages(runtime.shop.id, conversationId);
  const lastReply = messages.findLast((m) => m.role === 'agent' || (m.role === 'bot' && m.meta.delivery !== 'suggest'));
  const waiting = messages.filter((m) => m.role === 'buyer' && m.seq > (lastReply?.seq ?? 0));
  const latest = waiting.at(-1);
  if (!latest) return undefined;
  return runBuyerTurn(deps, runtime, conversationId, { buyerId: record.buyerId, text: waiting.map((m) => m.text).join('\n'), storedSeq: latest.seq });
}
