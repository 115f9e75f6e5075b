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

export const MessageRoleSchema = z.enum(['buyer', 'bot', 'agent']);
export type MessageRole = z.infer<typeof MessageRoleSchema>;

export const NewMessageSchema = z.object({
  role: MessageRoleSchema,
  text: z.string(),
  at: z.string(),
  /** The agent's name for `agent` messages. */
  agent: z.string().optional(),
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

/** Raised when a commit carries a stale version or the conversation is unknown. */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}

export interface CommitTurn {
  shopId: string;
  conversationId: string;
  /** The version read before the turn; the commit fails with StoreConflictError if it moved. */
  expectedVersion: number;
  state: unknown;
  owner: StoredOwner;
  updatedAt: string;
  messages: NewMessage[];
  events: NewEvent[];
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; safe to run on every start and from several instances. */
  migrate(): Promise<void>;
  /** Throws when the database cannot answer. */
  health(): Promise<void>;
  close(): Promise<void>;

  /** Stores the SHA-256 hex of an API key for a shop (idempotent). */
  putApiKey(shopId: string, keyHash: string, label?: string): Promise<void>;
  shopForKeyHash(keyHash: string): Promise<string | undefined>;

  /** The conversation, creating it for `buyerId` if new. Never changes the buyer of an existing one. */
  openConversation(shopId: string, id: string, buyerId: string, at: string): Promise<ConversationRecord>;
  getConversation(shopId: string, id: string): Promise<ConversationRecord | undefined>;
  /** Most recently updated first; `updatedSince` is inclusive (updatedAt >= updatedSince). */
  listConversations(shopId: string, filter?: { owner?: StoredOwner; updatedSince?: string }): Promise<ConversationRecord[]>;

  /**
   * Appends one message on its own (a buyer's message is stored before the turn runs). Leaves the
   * conversation's version, state and updatedAt alone. StoreConflictError for an unknown conversation.
   */
  appendMessage(shopId: string, conversationId: string, message: NewMessage): Promise<StoredMessage>;
  /** One transaction: the replies, the events, the new state/owner, version + 1. */
  commitTurn(turn: CommitTurn): Promise<{ version: number; messages: StoredMessage[] }>;
  /** Appends events outside a turn (agent replies, promises kept, owner changes). StoreConflictError for an unknown conversation. */
  appendEvents(shopId: string, conversationId: string, events: NewEvent[]): Promise<void>;

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
