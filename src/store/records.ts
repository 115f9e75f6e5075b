import {
  NewEventSchema,
  NewMessageSchema,
  OwnerSchema,
  MessageRoleSchema,
  StoreConflictError,
  TrainingSessionRecordSchema,
  type ConversationRecord,
  type TrainingSessionRecord,
  type NewEvent,
  type NewMessage,
  type StoredEvent,
  type StoredMessage,
  type TurnReceipt,
  type ApiKeyRecord,
  type NewOutboxEvent,
  type OutboxRecord,
  OutboxStateSchema,
  KEY_ID_LENGTH,
  KeyRoleSchema,
} from './types.ts';

/**
 * Row <-> record mapping and input checks shared by the SQLite and PostgreSQL stores. Rows arrive with
 * JSON columns already decoded (PostgreSQL's jsonb does it; the SQLite store parses its text first).
 */

export interface ConversationRow {
  shop_id: string;
  id: string;
  buyer_id: string;
  created_at: string;
  updated_at: string;
  owner: string;
  state: unknown;
  version: number;
}

export interface MessageRow {
  shop_id: string;
  conversation_id: string;
  seq: number;
  role: string;
  text: string;
  at: string;
  agent: string | null;
  meta: unknown;
  client_message_id?: string | null;
}

export interface EventRow {
  id: number | string;
  shop_id: string;
  conversation_id: string;
  kind: string;
  at: string;
  data: unknown;
}

export function conversationFromRow(row: ConversationRow): ConversationRecord {
  return {
    shopId: row.shop_id,
    id: row.id,
    buyerId: row.buyer_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    owner: OwnerSchema.parse(row.owner),
    // NULL means "no turn committed yet": the contract says undefined.
    state: row.state === null ? undefined : row.state,
    version: Number(row.version),
  };
}

export function messageFromRow(row: MessageRow): StoredMessage {
  return {
    shopId: row.shop_id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    role: MessageRoleSchema.parse(row.role),
    text: row.text,
    at: row.at,
    ...(row.agent === null ? {} : { agent: row.agent }),
    ...(row.client_message_id === null || row.client_message_id === undefined ? {} : { clientMessageId: row.client_message_id }),
    meta: asObject(row.meta),
  };
}

export function eventFromRow(row: EventRow): StoredEvent {
  return {
    // PostgreSQL returns bigint as a string; ids stay far below 2^53.
    id: Number(row.id),
    shopId: row.shop_id,
    conversationId: row.conversation_id,
    kind: NewEventSchema.shape.kind.parse(row.kind),
    at: row.at,
    data: asObject(row.data),
  };
}

/** Validates a message before it is written and fills the defaults (meta = {}). */
export function checkMessage(message: NewMessage): ReturnType<typeof NewMessageSchema.parse> {
  return NewMessageSchema.parse(message);
}

export function checkEvent(event: NewEvent): ReturnType<typeof NewEventSchema.parse> {
  return NewEventSchema.parse(event);
}

export function unknownConversation(shopId: string, conversationId: string): StoreConflictError {
  return new StoreConflictError(`unknown conversation ${shopId}/${conversationId}`);
}

export function staleVersion(shopId: string, conversationId: string, expected: number, actual: number): StoreConflictError {
  return new StoreConflictError(
    `stale version for ${shopId}/${conversationId}: expected ${expected}, stored ${actual}`,
  );
}

function asObject(value: unknown): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new Error(`expected a JSON object column, got ${JSON.stringify(value)}`);
}

export interface TrainingSessionRow {
  shop_id: string;
  id: string;
  trainee: string;
  scenario: string;
  persona: string;
  seed: number | string;
  exam: boolean | number;
  replies: unknown;
  created_at: string;
  updated_at: string;
  total: number | string | null;
  scorecard: unknown;
  version: number | string;
}

export function trainingSessionFromRow(row: TrainingSessionRow): TrainingSessionRecord {
  return TrainingSessionRecordSchema.parse({
    shopId: row.shop_id,
    id: row.id,
    trainee: row.trainee,
    scenario: row.scenario,
    persona: row.persona,
    seed: Number(row.seed),
    exam: Boolean(row.exam),
    replies: row.replies,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    total: row.total === null ? null : Number(row.total),
    // NULL means "not over yet": the contract says undefined.
    scorecard: row.scorecard === null ? undefined : row.scorecard,
    version: Number(row.version),
  });
}

export function unknownTrainingSession(shopId: string, id: string): StoreConflictError {
  return new StoreConflictError(`training session ${shopId}/${id} does not exist`);
}

export function staleTrainingSession(shopId: string, id: string, expected: number, actual: number): StoreConflictError {
  return new StoreConflictError(`training session ${shopId}/${id} is at version ${actual}, not ${expected}`);
}
export interface ReceiptRow {
  client_message_id: string;
  answer: unknown;
  reply_seqs: unknown;
}

export function receiptFromRow(row: ReceiptRow): TurnReceipt {
  const seqs = row.reply_seqs;
  if (!Array.isArray(seqs) || !seqs.every((n) => typeof n === 'number')) throw new Error(`expected a list of seqs, got ${JSON.stringify(seqs)}`);
  return { clientMessageId: row.client_message_id, answer: asObject(row.answer), replySeqs: seqs };
}

export interface ApiKeyRow {
  key_hash: string;
  shop_id: string;
  label: string;
  created_at: string;
  role: string;
  agent: string | null;
  revoked_at: string | null;
}

export function apiKeyFromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.key_hash.slice(0, KEY_ID_LENGTH),
    shopId: row.shop_id,
    label: row.label,
    createdAt: row.created_at,
    role: KeyRoleSchema.parse(row.role),
    ...(row.agent === null ? {} : { agent: row.agent }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}

/** A key id as `kefu keys revoke` accepts it (the prefix of a SHA-256 hex digest). */
export const isKeyId = (id: string): boolean => new RegExp(`^[0-9a-f]{${KEY_ID_LENGTH}}$`).test(id);

export interface OutboxRow {
  id: number | string;
  shop_id: string;
  event_id: string;
  type: string;
  target: string;
  conversation_id: string;
  data: unknown;
  created_at: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  delivered_at: string | null;
}

export function outboxFromRow(row: OutboxRow): OutboxRecord {
  return {
    id: Number(row.id),
    shopId: row.shop_id,
    eventId: row.event_id,
    type: row.type,
    target: row.target,
    conversationId: row.conversation_id,
    data: asObject(row.data),
    createdAt: row.created_at,
    state: OutboxStateSchema.parse(row.state),
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.delivered_at === null ? {} : { deliveredAt: row.delivered_at }),
  };
}

/** The outbox rows of a commit: `messageIndex` resolved into `data.seq` from the stored messages. */
export function outboxWithSeqs(events: readonly NewOutboxEvent[], stored: readonly StoredMessage[]): Omit<NewOutboxEvent, 'messageIndex'>[] {
  return events.map(({ messageIndex, ...event }) => {
    if (messageIndex === undefined) return event;
    const message = stored[messageIndex];
    if (message === undefined) throw new Error(`outbox event ${event.eventId} refers to message ${messageIndex} of ${stored.length}`);
    return { ...event, data: { ...event.data, seq: message.seq } };
  });
}
