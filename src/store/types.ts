import { z } from 'zod';

/**
 * The store's contract: what kefu keeps (conversations with their engine state, every message,
 * notebook events, API keys) and the operations the server needs. SQLite (default), PostgreSQL
 * implement `Store`; the same contract test suite runs against each. The store knows no HTTP.
 *
 * Times are ISO-8601 strings (UTC, `Date#toISOString()`), so rows sort and compare as text.
 */

export const OwnerSchema = z.enum(['bot', 'pending', 'agent']);
export type StoredOwner = z.infer<typeof OwnerSchema>;

export const ConversationRecordSchema = z.object({
  shopId: z.string().min(1),
  id: z.string().min(1),
  buyerId: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  owner: OwnerSchema,
  /** The engine's ConversationState (plain JSON); undefined until the first turn is committed. */
  state: z.unknown(),
  /** Bumped by every committed turn; a commit with a stale version is refused (lost-update guard). */
  version: z.number().int().nonnegative(),
});
export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;

/**
 * Text every store can keep: no NUL (PostgreSQL's text and jsonb refuse it) and no lone UTF-16
 * surrogate (not valid Unicode; PostgreSQL refuses it, SQLite would store mangled bytes).
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);
export const StorableTextSchema = z.string().refine(isStorableText, 'contains NUL or a lone surrogate');

export const MessageRoleSchema = z.enum(['buyer', 'bot', 'agent']);
export type MessageRole = z.infer<typeof MessageRoleSchema>;

export const NewMessageSchema = z.object({
  role: MessageRoleSchema,
  text: StorableTextSchema,
  at: z.string(),
  /** The agent's name for `agent` messages. */
  agent: StorableTextSchema.optional(),
  /** The channel's own id of a buyer message (idempotent retries); unique per conversation. */
  clientMessageId: z.string().min(1).max(128).optional(),
  /** Role-specific details: intent/confidence (buyer), scriptId/delivery/source (bot), lint findings (agent). */
  meta: z.record(z.string(), z.unknown()).default({}),
});
export type NewMessage = z.input<typeof NewMessageSchema>;

export const StoredMessageSchema = NewMessageSchema.extend({
  shopId: z.string(),
  conversationId: z.string(),
  /** 1, 2, 3… per conversation, in the order the store accepted them. */
  seq: z.number().int().positive(),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

/** Things the notebooks are built from (problem log, service statistics, handover log). */
export const EventKindSchema = z.enum([
  'turn', // a buyer turn was answered: { intent, confidence, owner, delivery, state, responseMs }
  'unrecognised', // the bot did not understand: { text, intent, confidence }
  'handoff', // handed to a human: { reason, summary, withinWorkingHours }
  'handover', // out of hours / no agent: goes to the handover log: { reason, summary }
  'agent_reply', // a human's reply: { agent, errorCount, warningCount, points, violations: [{ruleId, severity, points}] }
  'remark', // an order remark the bot made: { orderId?, text }
  'promise', // a promise the bot made: { id, kind, text, orderId?, dueAt }
  'promise_kept', // a promise marked kept: { id }
  'owner', // ownership changed: { from, to, agent? }
  'problem_resolved', // a problem-log entry marked resolved: { problemId (the event's id), agent, note }
]);
export type EventKind = z.infer<typeof EventKindSchema>;

export const NewEventSchema = z.object({
  kind: EventKindSchema,
  at: z.string(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type NewEvent = z.input<typeof NewEventSchema>;

export const StoredEventSchema = NewEventSchema.extend({
  id: z.number().int().positive(),
  shopId: z.string(),
  conversationId: z.string(),
});
export type StoredEvent = z.infer<typeof StoredEventSchema>;

/** A trainee's reply in a practice session (the trainer rebuilds the simulated buyer from these). */
export const TrainingReplyRecordSchema = z.object({ text: z.string(), elapsedSec: z.number().nonnegative() });

/** A practice session of the trainer (src/trainer): who, which scenario, persona and seed, the replies so far, the score once over. */
export const TrainingSessionRecordSchema = z.object({
  shopId: z.string().min(1),
  id: z.string().min(1),
  trainee: z.string().min(1),
  scenario: z.string().min(1),
  persona: z.string().min(1),
  seed: z.number().int().nonnegative(),
  exam: z.boolean(),
  replies: z.array(TrainingReplyRecordSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The total out of 100 once the dialogue is over; null while it runs. */
  total: z.number().nullable(),
  /** The trainer's scorecard (plain JSON) once over; undefined while it runs. */
  scorecard: z.unknown(),
  /** Bumped by every save; a save with a stale version is refused (two tabs answering at once). */
  version: z.number().int().nonnegative(),
});
export type TrainingSessionRecord = z.infer<typeof TrainingSessionRecordSchema>;
export type NewTrainingSession = Pick<TrainingSessionRecord, 'shopId' | 'id' | 'trainee' | 'scenario' | 'persona' | 'seed' | 'exam' | 'createdAt'>;

export interface SaveTrainingSession {
  shopId: string;
  id: string;
  expectedVersion: number;
  replies: TrainingSessionRecord['replies'];
  updatedAt: string;
  total: number | null;
  scorecard?: unknown;
}

/**
 * The database or Redis cannot answer right now (connection refused or lost, server shutting down,
 * SQLite file locked by another program for too long). The server answers 503 with Retry-After:
 * nothing was acknowledged, so the client may retry.
 */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
  constructor(
    readonly service: 'store' | 'redis',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where the store and the coordination report what happens outside any request (a lost idle connection). */
export type ErrorSink = (message: string, fields: Record<string, unknown>) => void;

/** Used when the caller gives no sink: one JSON line on stderr, like the server's logger. */
export const stderrSink: ErrorSink = (message, fields) =>
  process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), message, ...fields })}\n`);

/**
 * What an API key may do: `gateway` (the marketplace channel: posts buyer messages), `agent` (one
 * human agent of the shop, bound to one name of shop.agents), `admin` (everything: keys,
 * notebooks, the shop, acting as any of the shop's agents).
 */
export const KeyRoleSchema = z.enum(['gateway', 'agent', 'admin']);
export type KeyRole = z.infer<typeof KeyRoleSchema>;

export interface KeyAccess {
  role: KeyRole;
  /** The agent name an `agent` key acts as. */
  agent?: string;
}

export interface ApiKeyRecord extends KeyAccess {
  /** The first 12 hex digits of the key's SHA-256: shown by `kefu keys list`, used to revoke. */
  id: string;
  shopId: string;
  label: string;
  createdAt: string;
  revokedAt?: string;
}

/** Key ids are this many hex digits of the hash. */
export const KEY_ID_LENGTH = 12;

/** Raised when a commit carries a stale version or the conversation is unknown. */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}

/**
 * What a buyer turn answered, kept with the turn so that a retry with the same client message id
 * gets the same answer. `replySeqs` are the seqs the turn's messages got in the commit.
 */
export interface TurnReceipt {
  clientMessageId: string;
  answer: Record<string, unknown>;
  replySeqs: number[];
}

/**
 * An event for the shop's channel, written to the outbox in the transaction that produced it and
 * delivered afterwards (at least once, same `eventId` on every attempt).
 */
export interface NewOutboxEvent {
  /** Stable across attempts; the receiver de-duplicates on it. */
  eventId: string;
  type: string;
  /** The webhook URL it goes to (one row per endpoint). */
  target: string;
  conversationId: string;
  data: Record<string, unknown>;
  createdAt: string;
  /** Index into the same commit's messages: that message's seq is written into `data.seq`. */
  messageIndex?: number;
}

export const OutboxStateSchema = z.enum(['pending', 'delivered', 'dead']);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

export interface OutboxRecord extends Omit<NewOutboxEvent, 'messageIndex'> {
  id: number;
  shopId: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  deliveredAt?: string;
}

export interface CommitTurn {
  shopId: string;
  conversationId: string;
  /** The version read before the turn; the commit fails with StoreConflictError if it moved. */
  expectedVersion: number;
  state: unknown;
  owner: StoredOwner;
  updatedAt: string;
  /**
   * The buyer message the turn answers, stored in the same transaction before the replies (one
   * durable commit per turn). Absent when it is already stored (a retry, a message handed back).
   */
  buyer?: NewMessage;
  /** The turn's replies (outbox `messageIndex` points into these). */
  messages: NewMessage[];
  events: NewEvent[];
  /**
   * The answer to the buyer message with this client message id, written in the same transaction
   * as the replies: either both are stored or neither (see `turnReceipt`).
   */
  receipt?: { clientMessageId: string; answer: Record<string, unknown> };
  /** Events for the shop's channel (webhooks), written in the same transaction. */
  outbox?: NewOutboxEvent[];
}

export interface CommittedTurn {
  version: number;
  /** The replies as stored, in order. */
  messages: StoredMessage[];
  /** The buyer message as stored, when the commit carried one. */
  buyer?: StoredMessage;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; safe to run on every start and from several instances. */
  migrate(): Promise<void>;
  /** Throws when the database cannot answer. */
  health(): Promise<void>;
  close(): Promise<void>;

  /** Stores the SHA-256 hex of an API key for a shop (idempotent); the role defaults to admin. */
  putApiKey(shopId: string, keyHash: string, label?: string, access?: KeyAccess): Promise<void>;
  /** The shop of a key that is not revoked. */
  shopForKeyHash(keyHash: string): Promise<string | undefined>;
  /** A key that is not revoked, with its role. */
  apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  /** Every key of a shop (or of all shops), revoked ones included, oldest first. */
  listApiKeys(shopId?: string): Promise<ApiKeyRecord[]>;
  /** Revokes the keys whose id (hash prefix, KEY_ID_LENGTH hex digits) is `id`; how many were revoked now. */
  revokeApiKey(id: string, at: string): Promise<number>;

  /** The conversation, creating it for `buyerId` if new. Never changes the buyer of an existing one. */
  openConversation(shopId: string, id: string, buyerId: string, at: string): Promise<ConversationRecord>;
  getConversation(shopId: string, id: string): Promise<ConversationRecord | undefined>;
  /** Most recently updated first; `updatedSince` is inclusive (updatedAt >= updatedSince). */
  listConversations(shopId: string, filter?: { owner?: StoredOwner; updatedSince?: string }): Promise<ConversationRecord[]>;

  /**
   * Appends one message on its own (a buyer's message is stored before the turn runs). Leaves the
   * conversation's version, state and updatedAt alone. StoreConflictError for an unknown conversation.
   */
  appendMessage(shopId: string, conversationId: string, message: NewMessage, also?: { events?: NewEvent[]; outbox?: NewOutboxEvent[] }): Promise<StoredMessage>;
  /**
   * One transaction: the buyer message, the replies, the events, the new state/owner, version + 1,
   * the turn's receipt (idempotency) and its outbox rows. Everything a turn leaves behind goes
   * through this one method, so batching (group commit: several turns in one transaction, a
   * savepoint each) carries all of it over together. Resolves only once the commit is durable.
   */
  commitTurn(turn: CommitTurn): Promise<CommittedTurn>;
  /** The stored answer of a committed turn for this client message id, if any. */
  turnReceipt(shopId: string, conversationId: string, clientMessageId: string): Promise<TurnReceipt | undefined>;
  /** The buyer message stored with this client message id (stored, maybe not yet answered), if any. */
  messageByClientId(shopId: string, conversationId: string, clientMessageId: string): Promise<StoredMessage | undefined>;
  /** Appends events outside a turn (agent replies, promises kept, owner changes). StoreConflictError for an unknown conversation. */
  appendEvents(shopId: string, conversationId: string, events: NewEvent[]): Promise<void>;

  /** Adds outbox events on their own (skipping event ids already there for the same target). */
  enqueueOutbox(shopId: string, events: NewOutboxEvent[]): Promise<void>;
  /**
   * Up to `limit` pending outbox rows due at `now`, oldest first, leased until `leaseUntil` (their
   * nextAttemptAt moves there, so another worker does not take them meanwhile).
   */
  claimOutbox(now: string, leaseUntil: string, limit: number): Promise<OutboxRecord[]>;
  /** Records an attempt: delivered, or failed with the next attempt's time, or dead (given up). */
  settleOutbox(id: number, outcome: { state: OutboxState; at: string; nextAttemptAt?: string; error?: string }): Promise<void>;
  /** A shop's outbox rows in one state, newest first. */
  listOutbox(shopId: string, state: OutboxState, limit: number): Promise<OutboxRecord[]>;
  /** Puts a shop's dead event (every target) back in line, due at `at` with fresh attempts; how many rows. */
  requeueOutbox(shopId: string, eventId: string, at: string): Promise<number>;
  /** Whether an event id is already in the outbox (for any target). */
  hasOutboxEvent(shopId: string, eventId: string): Promise<boolean>;

  /** In seq order: the first `limit` messages with seq > afterSeq (default: all). */
  messages(shopId: string, conversationId: string, options?: { afterSeq?: number; limit?: number }): Promise<StoredMessage[]>;
  /** In insertion order (id). `from` inclusive, `to` exclusive, on `at`; `kinds: []` matches nothing. */
  events(shopId: string, filter?: { kinds?: EventKind[]; from?: string; to?: string; conversationId?: string }): Promise<StoredEvent[]>;

  /** A new practice session at version 0 with no replies; StoreConflictError if the id is taken. */
  createTrainingSession(session: NewTrainingSession): Promise<TrainingSessionRecord>;
  getTrainingSession(shopId: string, id: string): Promise<TrainingSessionRecord | undefined>;
  /** Replaces the replies (and the score once over), version + 1; StoreConflictError when stale or unknown. */
  saveTrainingSession(save: SaveTrainingSession): Promise<TrainingSessionRecord>;
  /** A trainee's sessions, oldest first (for the trend). */
  listTrainingSessions(shopId: string, trainee: string): Promise<TrainingSessionRecord[]>;
}

/**
 * Turns of one conversation run one at a time, in arrival order. In one process a queue per key
 * does it; across instances a Redis lock wraps the queue.
 */
export interface ConversationLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Live notifications across instances (a new message in a conversation, an owner change). */
export interface EventBus {
  publish(channel: string, message: string): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
