import pg from 'pg';
import { createGroupCommitter, type GroupCommitter, type Outcome } from './group-commit.ts';
import { postgresMigrations } from './migrations/postgres.ts';
import { conversationWhere, eventWhere, type ConversationFilter, type EventFilter } from './filters.ts';
import {
  checkEvent,
  checkMessage,
  conversationFromRow,
  eventFromRow,
  messageFromRow,
  staleTrainingSession,
  receiptFromRow,
  apiKeyFromRow,
  isKeyId,
  outboxFromRow,
  outboxWithSeqs,
  type ApiKeyRow,
  type OutboxRow,
  staleVersion,
  trainingSessionFromRow,
  unknownConversation,
  unknownTrainingSession,
  type TrainingSessionRow,
  type ConversationRow,
  type EventRow,
  type MessageRow,
  type ReceiptRow,
} from './records.ts';
import {
  KEY_ID_LENGTH,
  stderrSink,
  UnavailableError,
  type ApiKeyRecord,
  type KeyAccess,
  type CommitTurn,
  type CommittedTurn,
  type ConversationRecord,
  type ErrorSink,
  type NewEvent,
  type NewMessage,
  type Store,
  type StoredEvent,
  type StoredMessage,
  type TurnReceipt,
  type NewOutboxEvent,
  type OutboxRecord,
  type OutboxState,
  StoreConflictError,
  type NewTrainingSession,
  type SaveTrainingSession,
  type TrainingSessionRecord,
} from './types.ts';

/** A turn as kefu_commit_turns reads it (see migration 6). */
interface TurnPayload {
  shop: string;
  conversation: string;
  expected: number;
  state?: unknown;
  owner: string;
  updatedAt: string;
  hasBuyer: boolean;
  messages: ReturnType<typeof checkMessage>[];
  events: ReturnType<typeof checkEvent>[];
  receipt?: { clientMessageId: string; answer: Record<string, unknown> };
  outbox: NewOutboxEvent[];
}

type TurnOutcome = { ok: true; version: number; seqs: number[] } | { ok: false; code: string; message: string; current: number | null };

function turnPayload(turn: CommitTurn): TurnPayload {
  const buyer = turn.buyer === undefined ? [] : [checkMessage(turn.buyer)];
  const replies = turn.messages.map(checkMessage);
  for (const e of turn.outbox ?? []) {
    if (e.messageIndex !== undefined && replies[e.messageIndex] === undefined) throw new Error(`outbox event ${e.eventId} refers to message ${e.messageIndex} of ${replies.length}`);
  }
  return {
    shop: turn.shopId,
    conversation: turn.conversationId,
    expected: turn.expectedVersion,
    ...(turn.state === undefined ? {} : { state: turn.state }),
    owner: turn.owner,
    updatedAt: turn.updatedAt,
    hasBuyer: buyer.length > 0,
    messages: [...buyer, ...replies],
    events: turn.events.map(checkEvent),
    ...(turn.receipt ? { receipt: turn.receipt } : {}),
    outbox: turn.outbox ?? [],
  };
}

/** The stored messages of a committed turn, or the error it failed with. */
function committedTurn(turn: CommitTurn, payload: TurnPayload, outcome: TurnOutcome): CommittedTurn {
  if (!outcome.ok) {
    if (outcome.code === 'KF404') throw unknownConversation(turn.shopId, turn.conversationId);
    if (outcome.code === 'KF409') throw staleVersion(turn.shopId, turn.conversationId, turn.expectedVersion, outcome.current ?? -1);
    throw Object.assign(new Error(outcome.message), { code: outcome.code });
  }
  const stored = payload.messages.map((m, i): StoredMessage => ({ ...m, shopId: turn.shopId, conversationId: turn.conversationId, seq: outcome.seqs[i]! }));
  const [buyer, ...replies] = stored;
  return payload.hasBuyer ? { version: outcome.version, messages: replies, buyer: buyer! } : { version: outcome.version, messages: stored };
}

const dollar = (index: number): string => `$${index}`;

export interface PostgresStoreOptions {
  /** Schema holding kefu's tables (created by migrate); tests use a private one. Default `public`. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  /** Shown in pg_stat_activity (default `kefu`); tests use their own to find their backends. */
  applicationName?: string;
  /** Errors outside any query (an idle or busy connection lost); default a JSON line on stderr. */
  onError?: ErrorSink;
}

// Node's socket errors and pg's own messages when the server is gone or the connection was cut.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGE = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Client was closed/i;

/**
 * Whether a pg error means "the database is not there right now" (retry later) rather than a bug:
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now), 53300 (too
 * many connections), a socket error, or the driver's lost-connection messages.
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300' || NETWORK_CODES.has(code))) return true;
  return CONNECTION_MESSAGE.test(error.message);
}

/** Connection problems become UnavailableError (503 for the client); anything else is rethrown as is. */
function unavailableOr(error: unknown): unknown {
  return isConnectionError(error) ? new UnavailableError('store', `PostgreSQL unavailable: ${(error as Error).message}`, { cause: error }) : error;
}

/**
 * PostgreSQL store for several instances sharing one database. Each write is one transaction that
 * locks the conversation row (`SELECT … FOR UPDATE`), so seq numbers and the version check are
 * serialised per conversation while different conversations commit in parallel.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private closed = false;
  /** Group commits so far: how many groups, how many turns in them. */
  get groupCommits(): { groups: number; turns: number } {
    return { groups: this.committer.stats.groups, turns: this.committer.stats.items };
  }
  private readonly committer: GroupCommitter<TurnPayload, TurnOutcome>;

  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.schema = options.schema ?? 'public';
    // Interpolated into SQL and the connection options: only plain identifiers.
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) throw new Error(`invalid PostgreSQL schema name: ${this.schema}`);
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      options: `-c search_path=${this.schema}`,
      application_name: options.applicationName ?? 'kefu',
      // Without it a request waits forever for a connection to a database that does not answer.
      connectionTimeoutMillis: 5000,
    });
    const onError = options.onError ?? stderrSink;
    const report = (error: Error): void => onError('postgres connection error', { error: error.message, code: (error as { code?: unknown }).code });
    // A connection lost while idle in the pool, or while a transaction holds it: pg emits 'error' on
    // the client, and an 'error' event without a listener kills the process. The query in flight
    // (if any) rejects by itself and the turn answers 503.
    this.pool.on('error', report);
    this.pool.on('connect', (client) => client.on('error', report));
    // Several groups may be in flight at once (a group waiting on one conversation's row lock does
    // not hold up the others); turns of one conversation never share or race groups, the
    // conversation lock lets one turn at a time reach its commit.
    this.committer = createGroupCommitter((turns) => this.flushTurns(turns), { maxBatch: 64, concurrency: Math.max(1, Math.floor((options.max ?? 10) / 2)) });
  }

  private query<R extends pg.QueryResultRow>(sql: string | pg.QueryConfig, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.guard(() => (typeof sql === 'string' ? this.pool.query<R>(sql, params) : this.pool.query<R>(sql)));
  }

  /** Every public operation runs through here, so connection problems surface as UnavailableError. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  async migrate(): Promise<void> {
    const client = await this.guard(() => this.pool.connect());
    // A session-level advisory lock (per schema): a second instance starting at the same time waits
    // here, then finds the migrations applied.
    const lockKey = `kefu-migrate:${this.schema}`;
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
        const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
        const current = rows[0]?.v ?? 0;
        for (const [index, sql] of postgresMigrations.entries()) {
          const version = index + 1;
          if (version <= current) continue;
          await client.query('BEGIN');
          try {
            await client.query(sql);
            await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version, new Date().toISOString()]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
      }
    } finally {
      client.release();
    }
  }

  async health(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.committer.drain();
    await this.pool.end();
  }

  async putApiKey(shopId: string, keyHash: string, label = '', access: KeyAccess = { role: 'admin' }): Promise<void> {
    await this.query(
      `INSERT INTO api_keys (key_hash, shop_id, label, created_at, role, agent) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key_hash) DO UPDATE SET shop_id = excluded.shop_id, label = excluded.label, role = excluded.role, agent = excluded.agent`,
      [keyHash, shopId, label, new Date().toISOString(), access.role, access.agent ?? null],
    );
  }

  async shopForKeyHash(keyHash: string): Promise<string | undefined> {
    return (await this.apiKeyByHash(keyHash))?.shopId;
  }

  async apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const { rows } = await this.query<ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash]);
    const row = rows[0];
    return row === undefined ? undefined : apiKeyFromRow(row);
  }

  async listApiKeys(shopId?: string): Promise<ApiKeyRecord[]> {
    const { rows } =
      shopId === undefined
        ? await this.query<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, key_hash')
        : await this.query<ApiKeyRow>('SELECT * FROM api_keys WHERE shop_id = $1 ORDER BY created_at, key_hash', [shopId]);
    return rows.map(apiKeyFromRow);
  }

  async revokeApiKey(id: string, at: string): Promise<number> {
    if (!isKeyId(id)) return 0;
    const result = await this.query('UPDATE api_keys SET revoked_at = $1 WHERE substr(key_hash, 1, $2) = $3 AND revoked_at IS NULL', [at, KEY_ID_LENGTH, id]);
    return result.rowCount ?? 0;
  }

  async openConversation(shopId: string, id: string, buyerId: string, at: string): Promise<ConversationRecord> {
    await this.query(
      `INSERT INTO conversations (shop_id, id, buyer_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (shop_id, id) DO NOTHING`,
      [shopId, id, buyerId, at],
    );
    const record = await this.getConversation(shopId, id);
    if (record === undefined) throw unknownConversation(shopId, id);
    return record;
  }

  async getConversation(shopId: string, id: string): Promise<ConversationRecord | undefined> {
    const { rows } = await this.query<ConversationRow>('SELECT * FROM conversations WHERE shop_id = $1 AND id = $2', [shopId, id]);
    const row = rows[0];
    return row === undefined ? undefined : conversationFromRow(row);
  }

  async listConversations(shopId: string, filter: ConversationFilter = {}): Promise<ConversationRecord[]> {
    const where = conversationWhere(shopId, filter, dollar);
    const { rows } = await this.query<ConversationRow>(
      `SELECT * FROM conversations WHERE ${where.sql} ORDER BY updated_at DESC, id`,
      where.params,
    );
    return rows.map(conversationFromRow);
  }

  async appendMessage(shopId: string, conversationId: string, message: NewMessage, also: { events?: NewEvent[]; outbox?: NewOutboxEvent[] } = {}): Promise<StoredMessage> {
    const checked = checkMessage(message);
    const events = (also.events ?? []).map(checkEvent);
    const [stored] = await this.transaction(async (client) => {
      await lockConversation(client, shopId, conversationId);
      const messages = await insertMessages(client, shopId, conversationId, [checked]);
      await insertEvents(client, shopId, conversationId, events);
      await insertOutbox(client, shopId, outboxWithSeqs(also.outbox ?? [], messages));
      return messages;
    });
    if (stored === undefined) throw new Error('appendMessage stored nothing');
    return stored;
  }

  commitTurn(turn: CommitTurn): Promise<CommittedTurn> {
    // Checked before queueing: a malformed turn fails on its own, never inside someone's group.
    let payload: TurnPayload;
    try {
      payload = turnPayload(turn);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.committer.submit(payload).then((outcome) => committedTurn(turn, payload, outcome));
  }

  /**
   * One group commit: the turns that reached their commit together go to the database in one call
   * of kefu_commit_turns (one round trip, one transaction, one WAL flush), each in a subtransaction.
   */
  private async flushTurns(turns: readonly TurnPayload[]): Promise<Outcome<TurnOutcome>[]> {
    const { rows } = await this.query<{ outcomes: TurnOutcome[] }>({ name: 'kefu_commit_turns', text: 'SELECT kefu_commit_turns($1::jsonb) AS outcomes', values: [JSON.stringify(turns)] });
    const outcomes = rows[0]?.outcomes ?? [];
    return turns.map((_, i): Outcome<TurnOutcome> => {
      const outcome = outcomes[i];
      return outcome === undefined ? { ok: false, error: new Error('kefu_commit_turns returned no outcome') } : { ok: true, value: outcome };
    });
  }

  async appendEvents(shopId: string, conversationId: string, events: NewEvent[]): Promise<void> {
    const checked = events.map(checkEvent);
    await this.transaction(async (client) => {
      await lockConversation(client, shopId, conversationId);
      await insertEvents(client, shopId, conversationId, checked);
    });
  }

  async turnReceipt(shopId: string, conversationId: string, clientMessageId: string): Promise<TurnReceipt | undefined> {
    const { rows } = await this.query<ReceiptRow>(
      'SELECT client_message_id, answer, reply_seqs FROM turn_receipts WHERE shop_id = $1 AND conversation_id = $2 AND client_message_id = $3',
      [shopId, conversationId, clientMessageId],
    );
    const row = rows[0];
    return row === undefined ? undefined : receiptFromRow(row);
  }

  async messageByClientId(shopId: string, conversationId: string, clientMessageId: string): Promise<StoredMessage | undefined> {
    const { rows } = await this.query<MessageRow>('SELECT * FROM messages WHERE shop_id = $1 AND conversation_id = $2 AND client_message_id = $3', [
      shopId,
      conversationId,
      clientMessageId,
    ]);
    const row = rows[0];
    return row === undefined ? undefined : messageFromRow(row);
  }

  async enqueueOutbox(shopId: string, events: NewOutboxEvent[]): Promise<void> {
    await this.transaction((client) => insertOutbox(client, shopId, outboxWithSeqs(events, [])));
  }

  async claimOutbox(now: string, leaseUntil: string, limit: number): Promise<OutboxRecord[]> {
    // SKIP LOCKED: several instances claim different rows instead of waiting for each other.
    const { rows } = await this.query<OutboxRow>(
      `UPDATE outbox SET next_attempt_at = $1 WHERE id IN (
         SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $2 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
       ) RETURNING *`,
      [leaseUntil, now, limit],
    );
    return rows.map(outboxFromRow).sort((a, b) => a.id - b.id);
  }

  async settleOutbox(id: number, outcome: { state: OutboxState; at: string; nextAttemptAt?: string; error?: string }): Promise<void> {
    await this.query(
      `UPDATE outbox SET state = $1, attempts = attempts + 1, next_attempt_at = COALESCE($2, next_attempt_at), last_error = $3,
         delivered_at = CASE WHEN $1 = 'delivered' THEN $4 ELSE delivered_at END WHERE id = $5`,
      [outcome.state, outcome.nextAttemptAt ?? null, outcome.error ?? null, outcome.at, id],
    );
  }

  async listOutbox(shopId: string, state: OutboxState, limit: number): Promise<OutboxRecord[]> {
    const { rows } = await this.query<OutboxRow>('SELECT * FROM outbox WHERE shop_id = $1 AND state = $2 ORDER BY id DESC LIMIT $3', [shopId, state, limit]);
    return rows.map(outboxFromRow);
  }

  async requeueOutbox(shopId: string, eventId: string, at: string): Promise<number> {
    const result = await this.query(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $1 WHERE shop_id = $2 AND event_id = $3 AND state = 'dead'`, [at, shopId, eventId]);
    return result.rowCount ?? 0;
  }

  async hasOutboxEvent(shopId: string, eventId: string): Promise<boolean> {
    const { rows } = await this.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE shop_id = $1 AND event_id = $2', [shopId, eventId]);
    return (rows[0]?.n ?? 0) > 0;
  }

  async messages(shopId: string, conversationId: string, options: { afterSeq?: number; limit?: number } = {}): Promise<StoredMessage[]> {
    const { rows } = await this.query<MessageRow>(
      // LIMIT NULL is PostgreSQL's "no limit".
      'SELECT * FROM messages WHERE shop_id = $1 AND conversation_id = $2 AND seq > $3 ORDER BY seq LIMIT $4',
      [shopId, conversationId, options.afterSeq ?? 0, options.limit ?? null],
    );
    return rows.map(messageFromRow);
  }

  async events(shopId: string, filter: EventFilter = {}): Promise<StoredEvent[]> {
    const where = eventWhere(shopId, filter, dollar);
    const { rows } = await this.query<EventRow>(`SELECT * FROM events WHERE ${where.sql} ORDER BY id`, where.params);
    return rows.map(eventFromRow);
  }

  async createTrainingSession(session: NewTrainingSession): Promise<TrainingSessionRecord> {
    const { rows } = await this.query<TrainingSessionRow>(
      `INSERT INTO training_sessions (shop_id, id, trainee, scenario, persona, seed, exam, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (shop_id, id) DO NOTHING RETURNING *`,
      [session.shopId, session.id, session.trainee, session.scenario, session.persona, session.seed, session.exam, session.createdAt],
    );
    const row = rows[0];
    if (row === undefined) throw new StoreConflictError(`training session ${session.shopId}/${session.id} already exists`);
    return trainingSessionFromRow(row);
  }

  async getTrainingSession(shopId: string, id: string): Promise<TrainingSessionRecord | undefined> {
    const { rows } = await this.query<TrainingSessionRow>('SELECT * FROM training_sessions WHERE shop_id = $1 AND id = $2', [shopId, id]);
    const row = rows[0];
    return row === undefined ? undefined : trainingSessionFromRow(row);
  }

  async saveTrainingSession(save: SaveTrainingSession): Promise<TrainingSessionRecord> {
    // One statement: the version check and the write cannot interleave with another save.
    const { rows } = await this.query<TrainingSessionRow>(
      `UPDATE training_sessions SET replies = $1::jsonb, updated_at = $2, total = $3, scorecard = $4::jsonb, version = version + 1
       WHERE shop_id = $5 AND id = $6 AND version = $7 RETURNING *`,
      [JSON.stringify(save.replies), save.updatedAt, save.total, save.scorecard === undefined ? null : JSON.stringify(save.scorecard), save.shopId, save.id, save.expectedVersion],
    );
    const row = rows[0];
    if (row !== undefined) return trainingSessionFromRow(row);
    const current = await this.getTrainingSession(save.shopId, save.id);
    if (current === undefined) throw unknownTrainingSession(save.shopId, save.id);
    throw staleTrainingSession(save.shopId, save.id, save.expectedVersion, current.version);
  }

  async listTrainingSessions(shopId: string, trainee: string): Promise<TrainingSessionRecord[]> {
    const { rows } = await this.query<TrainingSessionRow>(
      'SELECT * FROM training_sessions WHERE shop_id = $1 AND trainee = $2 ORDER BY created_at, id',
      [shopId, trainee],
    );
    return rows.map(trainingSessionFromRow);
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.guard(() => this.inTransaction(work));
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // A connection that cannot roll back is discarded instead of going back to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** Locks the conversation row for the rest of the transaction and returns its version. */
async function lockConversation(client: pg.PoolClient, shopId: string, conversationId: string): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    'SELECT version FROM conversations WHERE shop_id = $1 AND id = $2 FOR UPDATE',
    [shopId, conversationId],
  );
  const row = rows[0];
  if (row === undefined) throw unknownConversation(shopId, conversationId);
  return row.version;
}

/** Numbers the messages after the conversation's last seq; the caller holds the row lock. */
async function insertMessages(
  client: pg.PoolClient,
  shopId: string,
  conversationId: string,
  messages: ReturnType<typeof checkMessage>[],
): Promise<StoredMessage[]> {
  const { rows } = await client.query<{ last: number }>(
    'SELECT COALESCE(MAX(seq), 0) AS last FROM messages WHERE shop_id = $1 AND conversation_id = $2',
    [shopId, conversationId],
  );
  let seq = rows[0]?.last ?? 0;
  const stored: StoredMessage[] = [];
  for (const message of messages) {
    seq += 1;
    await client.query(
      'INSERT INTO messages (shop_id, conversation_id, seq, role, text, at, agent, meta, client_message_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)',
      [shopId, conversationId, seq, message.role, message.text, message.at, message.agent ?? null, JSON.stringify(message.meta), message.clientMessageId ?? null],
    );
    stored.push({ ...message, shopId, conversationId, seq });
  }
  return stored;
}

async function insertEvents(client: pg.PoolClient, shopId: string, conversationId: string, events: ReturnType<typeof checkEvent>[]): Promise<void> {
  for (const event of events) {
    await client.query('INSERT INTO events (shop_id, conversation_id, kind, at, data) VALUES ($1, $2, $3, $4, $5::jsonb)', [
      shopId,
      conversationId,
      event.kind,
      event.at,
      JSON.stringify(event.data),
    ]);
  }
}

async function insertOutbox(client: pg.PoolClient, shopId: string, events: readonly Omit<NewOutboxEvent, 'messageIndex'>[]): Promise<void> {
  for (const e of events) {
    await client.query(
      `INSERT INTO outbox (shop_id, event_id, type, target, conversation_id, data, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $7)
       ON CONFLICT (shop_id, event_id, target) DO NOTHING`,
      [shopId, e.eventId, e.type, e.target, e.conversationId, JSON.stringify(e.data), e.createdAt],
    );
  }
}
