import { performance } from 'node:perf_hooks';
import { respond, type TurnResult } from '../dialogue/engine.ts';
import { isWithinWorkingHours } from '../shop/hours.ts';
import { StoreConflictError, UnavailableError, type CommittedTurn, type NewEvent, type NewMessage, type NewOutboxEvent } from '../store/types.ts';
import { outboxFor } from './webhooks.ts';
import { conversationKey, type AppDeps } from './context.ts';
import { storedState } from './engine-state.ts';
import { hotConversationsOf, type HotConversation } from './hot-state.ts';
import { notFound } from './errors.ts';
import { engineDeps, type ShopRuntime } from './shop-runtime.ts';

/**
 * One buyer turn over the store, inside the conversation's lock so turns run one at a time in
 * arrival order: open the conversation → engine → one durable commit with the buyer's message,
 * the reply, the new state and owner, the notebook events, the receipt and the outbox rows. The
 * answer leaves only after that commit; a turn that fails stores the buyer's message on its own.
 */

export interface BuyerMessage {
  buyerId: string;
  text: string;
  mode?: 'auto' | 'assist' | undefined;
  /**
   * The message is already stored under this seq (the buyer wrote it while a human had the chat,
   * and the chat was handed back unanswered): the bot answers it without storing it again.
   */
  storedSeq?: number;
  /** The channel's id of this message: a retry with the same id gets the first answer (idempotent). */
  clientMessageId?: string | undefined;
}

export interface TurnAnswer {
  conversationId: string;
  replies: TurnResult['replies'];
  delivery: TurnResult['delivery'];
  owner: TurnResult['owner'];
  intent: TurnResult['intent'];
  confidence: number;
  secondary: TurnResult['secondary'];
  entities: TurnResult['entities'];
  state: string;
  remarks: TurnResult['remarks'];
  promises: TurnResult['promises'];
  handoff?: TurnResult['handoff'];
  handover?: TurnResult['handover'];
  /** Where the turn's messages landed in the conversation. */
  seq: { buyer: number; replies: number[] };
  /** Set on the answer to a retry: the turn had already been answered, nothing new was stored. */
  replayed?: true;
}

const NOT_UNDERSTOOD_SCRIPTS = new Set(['common.not_understood', 'common.fallback']);

/** Whether the bot failed to understand: notebooks list these in the problem log. */
export function isUnrecognised(result: TurnResult): boolean {
  const scripts = result.replies[0]?.scriptId.split('+') ?? [];
  return result.intent === 'other' || scripts.some((s) => NOT_UNDERSTOOD_SCRIPTS.has(s));
}

/** The reply stored as the bot's message: the sent reply, or the first suggestion with its alternatives. */
export function botMessages(result: TurnResult, at: string): NewMessage[] {
  const [first] = result.replies;
  if (!first) return [];
  const meta: Record<string, unknown> = { scriptId: first.scriptId, source: first.source, delivery: result.delivery, intent: result.intent, state: result.state };
  if (first.fallbackReason) meta.fallbackReason = first.fallbackReason;
  if (result.delivery === 'suggest') {
    meta.candidates = result.replies.map((r) => r.text);
    // Each candidate's own script and reading: the one an agent takes is credited to it (acceptance stats).
    meta.candidateScripts = result.replies.map((r) => r.scriptId);
    meta.candidateIntents = result.replies.map((r) => r.intent ?? null);
  }
  return [{ role: 'bot', text: first.text, at, meta }];
}

export function turnEvents(input: {
  text: string;
  result: TurnResult;
  at: string;
  responseMs: number;
  withinWorkingHours: boolean;
}): NewEvent[] {
  const { result, at } = input;
  const events: NewEvent[] = [
    {
      kind: 'turn',
      at,
      data: { intent: result.intent, confidence: result.confidence, owner: result.owner, delivery: result.delivery, state: result.state, responseMs: input.responseMs },
    },
  ];
  if (isUnrecognised(result)) events.push({ kind: 'unrecognised', at, data: { text: input.text, intent: result.intent, confidence: result.confidence } });
  if (result.handoff) {
    const { reason, summary } = result.handoff;
    events.push({ kind: 'handoff', at, data: { reason, summary, withinWorkingHours: input.withinWorkingHours } });
  }
  // Nobody can take it now (after hours, no agent online): the next shift finds it in the handover log.
  if (result.handover) events.push({ kind: 'handover', at, data: { reason: result.handover.reason, summary: result.handover.summary } });
  for (const remark of result.remarks) events.push({ kind: 'remark', at, data: { ...remark } });
  for (const p of result.promises) {
    events.push({ kind: 'promise', at, data: { id: p.id, kind: p.kind, text: p.text, ...(p.orderId ? { orderId: p.orderId } : {}), dueAt: p.dueAt } });
  }
  return events;
}

/**
 * What the shop's channel hears of a turn: the bot's reply when it is sent (not a suggestion for
 * an agent), and a hand-off. Written in the turn's commit (see Store.commitTurn).
 */
export function turnOutbox(runtime: ShopRuntime, conversationId: string, buyerId: string, result: TurnResult, at: string): NewOutboxEvent[] {
  const { shop } = runtime;
  const reply = result.replies[0];
  return [
    ...(reply && result.delivery === 'send'
      ? outboxFor(shop, { type: 'reply.created', conversationId, at, messageIndex: 0, data: { buyerId, role: 'bot', text: reply.text, at } })
      : []),
    ...(result.handoff
      ? outboxFor(shop, { type: 'conversation.handoff', conversationId, at, data: { buyerId, reason: result.handoff.reason, summary: result.handoff.summary, owner: result.owner } })
      : []),
  ];
}

/** A commit refused as stale while the turn ran on the cached state: run it again from the store. */
class StaleHotState extends Error {
  override readonly name = 'StaleHotState';
}

export async function runBuyerTurn(deps: AppDeps, runtime: ShopRuntime, conversationId: string, message: BuyerMessage): Promise<TurnAnswer> {
  const key = conversationKey(runtime.shop.id, conversationId);
  return deps.lock.run(key, async () => {
    const hot = hotConversationsOf(deps);
    const cached = hot.get(key);
    try {
      return await turnInLock(deps, runtime, conversationId, message, cached);
    } catch (error) {
      hot.forget(key);
      if (error instanceof StaleHotState) return turnInLock(deps, runtime, conversationId, message, undefined);
      throw error;
    }
  });
}

/** One turn, inside the conversation's lock, from the cached state when there is one. */
async function turnInLock(deps: AppDeps, runtime: ShopRuntime, conversationId: string, message: BuyerMessage, cached: HotConversation | undefined): Promise<TurnAnswer> {
  const { store, clock, metrics } = deps;
  const shopId = runtime.shop.id;
  const started = performance.now();
  const arrivedAt = clock();
  const at = arrivedAt.toISOString();
  const opened = cached === undefined ? await store.openConversation(shopId, conversationId, message.buyerId, at) : undefined;
  const record = { buyerId: cached?.buyerId ?? opened!.buyerId, version: cached?.version ?? opened!.version };
  const previous = cached !== undefined ? cached.state : storedState(opened!);
  // Someone else's conversation looks exactly like one that does not exist.
  if (record.buyerId !== message.buyerId) throw notFound();
  const { clientMessageId } = message;
  // A retry (the channel never saw our answer): the stored answer, or — when the process died
  // between storing the message and committing the answer — the turn finished without a second copy.
  const earlier = clientMessageId === undefined ? undefined : await store.messageByClientId(shopId, conversationId, clientMessageId);
  if (earlier !== undefined && clientMessageId !== undefined) {
    const receipt = await store.turnReceipt(shopId, conversationId, clientMessageId);
    if (receipt) return { ...(receipt.answer as Omit<TurnAnswer, 'seq'>), seq: { buyer: earlier.seq, replies: receipt.replySeqs }, replayed: true };
  }
  // Already stored: handed back unanswered, or stored by a run that died before its commit.
  const storedBuyer = message.storedSeq !== undefined ? { seq: message.storedSeq } : earlier;
  const buyerMessage: NewMessage | undefined =
    storedBuyer !== undefined
      ? undefined
      : { role: 'buyer', text: message.text, at, meta: message.mode ? { mode: message.mode } : {}, ...(clientMessageId !== undefined ? { clientMessageId } : {}) };
  // The buyer message goes in the turn's one commit; if the turn fails before that commit, it is
  // stored on its own so that no buyer message is ever lost.
  const storeBuyerAlone = async (): Promise<void> => {
    if (buyerMessage !== undefined) await store.appendMessage(shopId, conversationId, buyerMessage).catch(() => undefined);
  };

  let responded: Awaited<ReturnType<typeof respond>>;
  try {
    responded = await respond(previous, { buyerId: message.buyerId, text: message.text, ...(message.mode ? { mode: message.mode } : {}) }, engineDeps(runtime, clock, deps.presence.onlineAgents(shopId)));
  } catch (error) {
    await storeBuyerAlone();
    throw error;
  }
  const { conversation, result } = responded;
  const answeredAt = clock().toISOString();
  const responseMs = Math.round(performance.now() - started);
  const answer: Omit<TurnAnswer, 'seq'> = {
    conversationId,
    replies: result.replies,
    delivery: result.delivery,
    owner: result.owner,
    intent: result.intent,
    confidence: result.confidence,
    secondary: result.secondary,
    entities: result.entities,
    state: result.state,
    remarks: result.remarks,
    promises: result.promises,
    ...(result.handoff ? { handoff: result.handoff } : {}),
    ...(result.handover ? { handover: result.handover } : {}),
  };
  let committed: CommittedTurn;
  try {
    committed = await store.commitTurn({
      shopId,
      conversationId,
      expectedVersion: record.version,
      state: conversation,
      owner: result.owner,
      updatedAt: answeredAt,
      ...(buyerMessage !== undefined ? { buyer: buyerMessage } : {}),
      messages: botMessages(result, answeredAt),
      events: turnEvents({ text: message.text, result, at: answeredAt, responseMs, withinWorkingHours: isWithinWorkingHours(runtime.shop, arrivedAt) }),
      ...(clientMessageId !== undefined ? { receipt: { clientMessageId, answer: { ...answer } } } : {}),
      outbox: turnOutbox(runtime, conversationId, message.buyerId, result, answeredAt),
    });
  } catch (error) {
    if (cached !== undefined && error instanceof StoreConflictError) throw new StaleHotState('the cached conversation state is stale', { cause: error });
    // The store not answering: nothing was acknowledged and the client retries on 503; trying
    // another write now would only wait on the same outage.
    if (!(error instanceof UnavailableError)) await storeBuyerAlone();
    throw error;
  }
  const buyerSeq = storedBuyer?.seq ?? committed.buyer?.seq;
  if (buyerSeq === undefined) throw new Error('the turn committed without its buyer message');

  metrics.turns.inc({ shop: shopId, intent: result.intent });
  metrics.turnDuration.observe((performance.now() - started) / 1000);
  if (result.handoff) metrics.handoffs.inc({ reason: result.handoff.reason });
  const reply = result.replies[0];
  if (reply) metrics.replies.inc({ source: reply.source, fallback: reply.fallbackReason ?? 'none' });
  hotConversationsOf(deps).set(conversationKey(shopId, conversationId), { buyerId: record.buyerId, version: committed.version, state: conversation });
  return { ...answer, seq: { buyer: buyerSeq, replies: committed.messages.map((m) => m.seq) } };
}
