import { performance } from 'node:perf_hooks';
import { respond, type TurnResult } from '../dialogue/engine.ts';
import { isWithinWorkingHours } from '../shop/hours.ts';
import type { NewEvent, NewMessage, NewOutboxEvent } from '../store/types.ts';
import { outboxFor } from './webhooks.ts';
import { conversationKey, type AppDeps } from './context.ts';
import { storedState } from './engine-state.ts';
import { notFound } from './errors.ts';
import { engineDeps, type ShopRuntime } from './shop-runtime.ts';

/**
 * One buyer turn over the store, inside the conversation's lock so turns run one at a time in
 * arrival order: open the conversation → store the buyer's message (before any answer exists) →
 * engine → one commit with the reply, the new state and owner, and the notebook events.
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
  if (result.delivery === 'suggest') meta.candidates = result.replies.map((r) => r.text);
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

export async function runBuyerTurn(deps: AppDeps, runtime: ShopRuntime, conversationId: string, message: BuyerMessage): Promise<TurnAnswer> {
  const { store, clock, metrics } = deps;
  const shopId = runtime.shop.id;
  return deps.lock.run(conversationKey(shopId, conversationId), async () => {
    const started = performance.now();
    const arrivedAt = clock();
    const at = arrivedAt.toISOString();
    const record = await store.openConversation(shopId, conversationId, message.buyerId, at);
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
    const buyer =
      (message.storedSeq !== undefined ? { seq: message.storedSeq } : undefined) ??
      earlier ??
      (await store.appendMessage(shopId, conversationId, {
        role: 'buyer',
        text: message.text,
        at,
        meta: message.mode ? { mode: message.mode } : {},
        ...(clientMessageId !== undefined ? { clientMessageId } : {}),
      }));

    const { conversation, result } = await respond(storedState(record), { buyerId: message.buyerId, text: message.text, ...(message.mode ? { mode: message.mode } : {}) }, engineDeps(runtime, clock, deps.presence.onlineAgents(shopId)));
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
    const committed = await store.commitTurn({
      shopId,
      conversationId,
      expectedVersion: record.version,
      state: conversation,
      owner: result.owner,
      updatedAt: answeredAt,
      messages: botMessages(result, answeredAt),
      events: turnEvents({ text: message.text, result, at: answeredAt, responseMs, withinWorkingHours: isWithinWorkingHours(runtime.shop, arrivedAt) }),
      ...(clientMessageId !== undefined ? { receipt: { clientMessageId, answer: { ...answer } } } : {}),
      outbox: turnOutbox(runtime, conversationId, message.buyerId, result, answeredAt),
    });

    metrics.turns.inc({ shop: shopId, intent: result.intent });
    metrics.turnDuration.observe((performance.now() - started) / 1000);
    if (result.handoff) metrics.handoffs.inc({ reason: result.handoff.reason });
    const reply = result.replies[0];
    if (reply) metrics.replies.inc({ source: reply.source, fallback: reply.fallbackReason ?? 'none' });
    return { ...answer, seq: { buyer: buyer.seq, replies: committed.messages.map((m) => m.seq) } };
  });
}
