import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createGroupCommitter, type GroupCommitter, type Outcome } from './group-commit.ts';
import { createCheckpointer, type Checkpointer } from './sqlite-checkpointer.ts';
import { sqliteMigrations } from './migrations/sqlite.ts';
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
} from './records.ts';
import {
  KEY_ID_LENGTH,
  UnavailableError,
  type ApiKeyRecord,
  type KeyAccess,
  type CommitTurn,
  type CommittedTurn,
  type ConversationRecord,
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

export const DEFAULT_SQLITE_PATH = './data/kefu.db';

/** Raw rows: JSON columns are still text here. */
type RawConversationRow = Omit<ConversationRow, 'state'> & { state: string | null };
type RawMessageRow = Omit<MessageRow, 'meta'> & { meta: string };
type RawEventRow = Omit<EventRow, 'data'> & { data: string };
type RawTrainingRow = Omit<TrainingSessionRow, 'replies' | 'scorecard'> & { replies: string; scorecard: string | null };
type RawOutboxRow = Omit<OutboxRow, 'data'> & { data: string };

const parseOutbox = (row: RawOutboxRow): OutboxRecord => outboxFromRow({ ...row, data: JSON.parse(row.data) });

export interface SqliteStoreOptions {
  /** How long a write waits for another program's lock before UnavailableError (default 5 s). */
  busyTimeoutMs?: number;
  /** Durability (see SqliteStore); default full. */
  synchronous?: 'full' | 'normal';
  /** The most turns in one group commit (default 64). */
  maxBatch?: number;
  /** Tests only: wraps the WAL fsync of a group commit (to hold it, or to watch it happen). */
  wrapWalSync?: (sync: () => Promise<void>) => Promise<void>;
}

const questionMark = (): string => '?';

/** WAL size (4 KB frames) past which a checkpoint runs between two group commits (see checkpointAfterCommit). */
const WAL_LIMIT_FRAMES = 4000;

/** How long one statement may block the event loop waiting for another program's lock. */
const BUSY_SLICE_MS = 20;

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/** A turn checked before it joins a group commit. */
interface CheckedTurn {
  turn: CommitTurn;
  buyer: ReturnType<typeof checkMessage> | undefined;
  messages: ReturnType<typeof checkMessage>[];
  events: ReturnType<typeof checkEvent>[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The default store: one SQLite file (better-sqlite3, synchronous API wrapped in promises).
 *
 * Durability: WAL with `synchronous = FULL` by default. With NORMAL (opt-in:
 * `sqlite:path?synchronous=normal`), WAL commits are only fsynced at checkpoints, which survives a
 * process kill -9 but can lose the last acknowledged commits on a power cut or OS crash; FULL
 * fsyncs the WAL on every commit, so nothing the store acknowledged is lost either way.
 *
 * Turns commit as a group (src/store/group-commit.ts): the turns that reach their commit in the
 * same event-loop pass, or while the previous group is being made durable, share one transaction
 * with a savepoint each, so one fsync acknowledges them all. With FULL that fsync is the same one
 * SQLite would do at COMMIT (FULL = NORMAL + an fsync of the WAL after each commit), done by
 * ourselves on the WAL file in libuv's thread pool, so the event loop keeps serving other
 * requests while the disk works; `commitTurn` resolves only after it, so no answer leaves before
 * its turn is on disk. Other writes (keys, agent messages, outbox bookkeeping) commit on their own
 * with SQLite's own FULL fsync.
 * Every write runs in a `BEGIN IMMEDIATE` transaction so a second process waits instead of failing
 * half-way when it upgrades a read to a write.
 *
 * Waiting for a lock held by another program: better-sqlite3 is synchronous, so SQLite's own
 * busy_timeout would freeze the whole event loop (every request, /healthz included) for as long as
 * it waits. Each statement therefore waits at most BUSY_SLICE_MS inside SQLite; the store then
 * yields to the event loop and tries again, up to `busyTimeoutMs` in all (default 5 s), after which
 * the operation fails with UnavailableError (503, Retry-After).
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** The durability level in force (see the class comment). */
  readonly synchronous: 'full' | 'normal';
  private readonly busyTimeoutMs: number;
  /** Group commits so far: how many groups, how many turns in them. */
  get groupCommits(): { groups: number; turns: number } {
    return { groups: this.committer.stats.groups, turns: this.committer.stats.items };
  }
  private readonly committer: GroupCommitter<CheckedTurn, CommittedTurn>;
  /** fsyncs the WAL after a group commit (synchronous=FULL on a file); undefined otherwise. */
  private readonly walSync: (() => Promise<void>) | undefined;
  private walHandle: Promise<FileHandle> | undefined;
  private checkpointer: Checkpointer | undefined;
  private readonly onDisk: boolean;

  constructor(readonly path: string = DEFAULT_SQLITE_PATH, options: SqliteStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    // Read back from SQLite (1 = NORMAL, 2 = FULL), so what is reported is what runs.
    this.synchronous = this.db.pragma('synchronous', { simple: true }) === 1 ? 'normal' : 'full';
    this.busyTimeoutMs = Math.trunc(options.busyTimeoutMs ?? 5000);
    this.db.pragma(`busy_timeout = ${BUSY_SLICE_MS}`);
    this.db.pragma('foreign_keys = ON');
    const onDisk = path !== ':memory:' && path !== '';
    this.onDisk = onDisk;
    if (this.synchronous === 'full' && onDisk) {
      const sync = (): Promise<void> => this.syncWalNow();
      this.walSync = options.wrapWalSync ? () => options.wrapWalSync!(sync) : sync;
    }
    this.committer = createGroupCommitter((turns) => this.flushTurns(turns), { maxBatch: options.maxBatch ?? 64 });
  }

  /**
   * From the first group commit on, WAL checkpoints run in a worker thread instead of inside a
   * commit on the event loop (see sqlite-checkpointer.ts); if that worker fails, SQLite's own
   * automatic checkpoint takes over again.
   */
  private startCheckpointer(): Checkpointer {
    if (this.checkpointer === undefined) {
      this.checkpointer = createCheckpointer(this.path, {
        onFailure: () => {
          if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
        },
      });
      this.db.pragma('wal_autocheckpoint = 0');
    }
    return this.checkpointer;
  }

  /**
   * The worker checkpoints after each group commit; the WAL starts over at the first commit after
   * a checkpoint that caught up with it. Should writes keep it from ever catching up, a checkpoint
   * here between two groups (nothing is written meanwhile) finishes the job once the WAL passes
   * WAL_LIMIT_FRAMES.
   */
  private checkpointAfterCommit(): void {
    const checkpointer = this.startCheckpointer();
    if (checkpointer.last.log >= WAL_LIMIT_FRAMES) {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      checkpointer.last.log = 0;
    }
    checkpointer.request();
  }

  /** fsync of the WAL file: every frame written so far (this commit's and the ones before) is on disk. */
  private async syncWalNow(): Promise<void> {
    this.walHandle ??= open(`${this.path}-wal`, 'r');
    await (await this.walHandle).sync();
  }

  /**
   * Runs `work` (synchronous SQLite calls), and while another connection holds the lock, tries
   * again after a pause that lets other requests run (see the class comment).
   */
  private async whenFree<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (;;) {
      try {
        return work();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) throw new UnavailableError('store', `SQLite database ${this.path} stayed locked for ${this.busyTimeoutMs} ms`, { cause: error });
        await sleep(BUSY_SLICE_MS);
      }
    }
  }

  async migrate(): Promise<void> {
    return this.whenFree(() => this.migrateNow());
  }

  private migrateNow(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const upgrade = this.db.transaction(() => {
      const row = this.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get();
      const current = row?.v ?? 0;
      sqliteMigrations.forEach((sql, index) => {
        const version = index + 1;
        if (version <= current) return;
        this.db.exec(sql);
        this.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
      });
    });
    upgrade.immediate();
  }

  async health(): Promise<void> {
    this.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.committer.drain();
    const checkpointer = this.checkpointer;
    this.checkpointer = undefined;
    if (checkpointer) await checkpointer.close();
    const wal = this.walHandle;
    this.walHandle = undefined;
    if (wal) await (await wal).close().catch(() => undefined);
    if (this.db.open) this.db.close();
  }

  async putApiKey(shopId: string, keyHash: string, label = '', access: KeyAccess = { role: 'admin' }): Promise<void> {
    await this.whenFree(() => this
      .prepare(
        `INSERT INTO api_keys (key_hash, shop_id, label, created_at, role, agent) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key_hash) DO UPDATE SET shop_id = excluded.shop_id, label = excluded.label, role = excluded.role, agent = excluded.agent`,
      )
      .run(keyHash, shopId, label, new Date().toISOString(), access.role, access.agent ?? null));
  }

  async shopForKeyHash(keyHash: string): Promise<string | undefined> {
    return (await this.apiKeyByHash(keyHash))?.shopId;
  }

  async apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.whenFree(() => this.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL').get(keyHash));
    return row === undefined ? undefined : apiKeyFromRow(row);
  }

  async listApiKeys(shopId?: string): Promise<ApiKeyRecord[]> {
    const rows =
      shopId === undefined
        ? this.prepare<[], ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, key_hash').all()
        : this.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE shop_id = ? ORDER BY created_at, key_hash').all(shopId);
    return rows.map(apiKeyFromRow);
  }

  async revokeApiKey(id: string, at: string): Promise<number> {
    if (!isKeyId(id)) return 0;
    const result = await this.whenFree(() =>
      this.prepare('UPDATE api_keys SET revoked_at = ? WHERE substr(key_hash, 1, ?) = ? AND revoked_at IS NULL').run(at, KEY_ID_LENGTH, id),
    );
    return result.changes;
  }

  async openConversation(shopId: string, id: string, buyerId: string, at: string): Promise<ConversationRecord> {
    await this.whenFree(() => this
      .prepare(
        `INSERT INTO conversations (shop_id, id, buyer_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (shop_id, id) DO NOTHING`,
      )
      .run(shopId, id, buyerId, at, at));
    const record = await this.getConversation(shopId, id);
    if (record === undefined) throw unknownConversation(shopId, id);
    return record;
  }

  async getConversation(shopId: string, id: string): Promise<ConversationRecord | undefined> {
    const row = this
      .prepare<[string, string], RawConversationRow>('SELECT * FROM conversations WHERE shop_id = ? AND id = ?')
      .get(shopId, id);
    return row === undefined ? undefined : parseConversation(row);
  }

  async listConversations(shopId: string, filter: ConversationFilter = {}): Promise<ConversationRecord[]> {
    const where = conversationWhere(shopId, filter, questionMark);
    const rows = this
      .prepare<string[], RawConversationRow>(`SELECT * FROM conversations WHERE ${where.sql} ORDER BY updated_at DESC, id`)
      .all(...where.params);
    return rows.map(parseConversation);
  }

  async appendMessage(shopId: string, conversationId: string, message: NewMessage, also: { events?: NewEvent[]; outbox?: NewOutboxEvent[] } = {}): Promise<StoredMessage> {
    const checked = checkMessage(message);
    const events = (also.events ?? []).map(checkEvent);
    const append = this.db.transaction(() => {
      this.versionOf(shopId, conversationId);
      const stored = this.insertMessages(shopId, conversationId, [checked]);
      this.insertEvents(shopId, conversationId, events);
      this.insertOutbox(shopId, outboxWithSeqs(also.outbox ?? [], stored));
      return stored[0];
    });
    const stored = await this.whenFree(() => append.immediate());
    if (stored === undefined) throw new Error('appendMessage stored nothing');
    return stored;
  }

  commitTurn(turn: CommitTurn): Promise<CommittedTurn> {
    // Checked before queueing: a malformed turn fails on its own, never inside someone's batch.
    let checked: CheckedTurn;
    try {
      checked = { turn, buyer: turn.buyer === undefined ? undefined : checkMessage(turn.buyer), messages: turn.messages.map(checkMessage), events: turn.events.map(checkEvent) };
    } catch (error) {
      return Promise.reject(error);
    }
    return this.committer.submit(checked);
  }

  /**
   * One group commit: BEGIN IMMEDIATE, a savepoint per turn (a failing turn rolls back its own
   * writes only), COMMIT, then one fsync of the WAL for the whole batch before any of its turns is
   * answered (see the class comment).
   */
  private async flushTurns(turns: readonly CheckedTurn[]): Promise<Outcome<CommittedTurn>[]> {
    const outcomes = await this.whenFree(() => this.commitBatch(turns));
    if (this.onDisk) this.checkpointAfterCommit();
    if (this.walSync !== undefined && outcomes.some((o) => o.ok)) await this.walSync();
    return outcomes;
  }

  private commitBatch(turns: readonly CheckedTurn[]): Outcome<CommittedTurn>[] {
    const run = (sql: string): void => void this.prepare(sql).run();
    // The WAL is fsynced by flushTurns after COMMIT (off the event loop), so the commit itself skips it.
    if (this.walSync !== undefined) run('PRAGMA synchronous = NORMAL');
    try {
      run('BEGIN IMMEDIATE');
      try {
        const outcomes = turns.map((turn): Outcome<CommittedTurn> => {
          run('SAVEPOINT turn');
          try {
            const value = this.writeTurn(turn);
            run('RELEASE turn');
            return { ok: true, value };
          } catch (error) {
            run('ROLLBACK TO turn');
            run('RELEASE turn');
            return { ok: false, error };
          }
        });
        run('COMMIT');
        return outcomes;
      } catch (error) {
        if (this.db.inTransaction) run('ROLLBACK');
        throw error;
      }
    } finally {
      if (this.walSync !== undefined) run('PRAGMA synchronous = FULL');
    }
  }

  /** A turn's writes; call inside a transaction. */
  private writeTurn({ turn, buyer, messages, events }: CheckedTurn): CommittedTurn {
    const current = this.versionOf(turn.shopId, turn.conversationId);
    if (current !== turn.expectedVersion) {
      throw staleVersion(turn.shopId, turn.conversationId, turn.expectedVersion, current);
    }
    const all = this.insertMessages(turn.shopId, turn.conversationId, buyer === undefined ? messages : [buyer, ...messages]);
    const stored = buyer === undefined ? all : all.slice(1);
    this.insertEvents(turn.shopId, turn.conversationId, events);
    this.insertOutbox(turn.shopId, outboxWithSeqs(turn.outbox ?? [], stored));
    if (turn.receipt) {
      this.prepare(
        'INSERT INTO turn_receipts (shop_id, conversation_id, client_message_id, answer, reply_seqs, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(turn.shopId, turn.conversationId, turn.receipt.clientMessageId, JSON.stringify(turn.receipt.answer), JSON.stringify(stored.map((m) => m.seq)), turn.updatedAt);
    }
    const version = current + 1;
    const state = JSON.stringify(turn.state) ?? null; // undefined state -> NULL
    this.prepare('UPDATE conversations SET state = ?, owner = ?, updated_at = ?, version = ? WHERE shop_id = ? AND id = ?').run(
      state,
      turn.owner,
      turn.updatedAt,
      version,
      turn.shopId,
      turn.conversationId,
    );
    return buyer === undefined ? { version, messages: stored } : { version, messages: stored, buyer: all[0]! };
  }

  async appendEvents(shopId: string, conversationId: string, events: NewEvent[]): Promise<void> {
    const checked = events.map(checkEvent);
    const append = this.db.transaction(() => {
      this.versionOf(shopId, conversationId);
      this.insertEvents(shopId, conversationId, checked);
    });
    await this.whenFree(() => append.immediate());
  }

  async turnReceipt(shopId: string, conversationId: string, clientMessageId: string): Promise<TurnReceipt | undefined> {
    const row = this
      .prepare<[string, string, string], { client_message_id: string; answer: string; reply_seqs: string }>(
        'SELECT client_message_id, answer, reply_seqs FROM turn_receipts WHERE shop_id = ? AND conversation_id = ? AND client_message_id = ?',
      )
      .get(shopId, conversationId, clientMessageId);
    return row === undefined ? undefined : receiptFromRow({ ...row, answer: JSON.parse(row.answer), reply_seqs: JSON.parse(row.reply_seqs) });
  }

  async messageByClientId(shopId: string, conversationId: string, clientMessageId: string): Promise<StoredMessage | undefined> {
    const row = this
      .prepare<[string, string, string], RawMessageRow>('SELECT * FROM messages WHERE shop_id = ? AND conversation_id = ? AND client_message_id = ?')
      .get(shopId, conversationId, clientMessageId);
    return row === undefined ? undefined : messageFromRow({ ...row, meta: JSON.parse(row.meta) });
  }

  async messages(shopId: string, conversationId: string, options: { afterSeq?: number; limit?: number } = {}): Promise<StoredMessage[]> {
    const rows = this
      .prepare<[string, string, number, number], RawMessageRow>(
        'SELECT * FROM messages WHERE shop_id = ? AND conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      // LIMIT -1 is SQLite's "no limit".
      .all(shopId, conversationId, options.afterSeq ?? 0, options.limit ?? -1);
    return rows.map((row) => messageFromRow({ ...row, meta: JSON.parse(row.meta) }));
  }

  async events(shopId: string, filter: EventFilter = {}): Promise<StoredEvent[]> {
    const where = eventWhere(shopId, filter, questionMark);
    const rows = this.prepare<string[], RawEventRow>(`SELECT * FROM events WHERE ${where.sql} ORDER BY id`).all(...where.params);
    return rows.map((row) => eventFromRow({ ...row, data: JSON.parse(row.data) }));
  }

  async createTrainingSession(session: NewTrainingSession): Promise<TrainingSessionRecord> {
    const result = this
      .prepare(
        `INSERT INTO training_sessions (shop_id, id, trainee, scenario, persona, seed, exam, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shop_id, id) DO NOTHING`,
      )
      .run(session.shopId, session.id, session.trainee, session.scenario, session.persona, session.seed, session.exam ? 1 : 0, session.createdAt, session.createdAt);
    if (result.changes === 0) throw new StoreConflictError(`training session ${session.shopId}/${session.id} already exists`);
    const created = await this.getTrainingSession(session.shopId, session.id);
    if (created === undefined) throw unknownTrainingSession(session.shopId, session.id);
    return created;
  }

  async getTrainingSession(shopId: string, id: string): Promise<TrainingSessionRecord | undefined> {
    const row = this.prepare<[string, string], RawTrainingRow>('SELECT * FROM training_sessions WHERE shop_id = ? AND id = ?').get(shopId, id);
    return row === undefined ? undefined : parseTrainingSession(row);
  }

  async saveTrainingSession(save: SaveTrainingSession): Promise<TrainingSessionRecord> {
    const update = this.db.transaction(() => {
      const row = this
        .prepare<[string, string], { version: number }>('SELECT version FROM training_sessions WHERE shop_id = ? AND id = ?')
        .get(save.shopId, save.id);
      if (row === undefined) throw unknownTrainingSession(save.shopId, save.id);
      if (row.version !== save.expectedVersion) throw staleTrainingSession(save.shopId, save.id, save.expectedVersion, row.version);
      this.prepare('UPDATE training_sessions SET replies = ?, updated_at = ?, total = ?, scorecard = ?, version = ? WHERE shop_id = ? AND id = ?').run(
        JSON.stringify(save.replies),
        save.updatedAt,
        save.total,
        save.scorecard === undefined ? null : JSON.stringify(save.scorecard),
        row.version + 1,
        save.shopId,
        save.id,
      );
    });
    update.immediate();
    const saved = await this.getTrainingSession(save.shopId, save.id);
    if (saved === undefined) throw unknownTrainingSession(save.shopId, save.id);
    return saved;
  }

  async listTrainingSessions(shopId: string, trainee: string): Promise<TrainingSessionRecord[]> {
    const rows = this
      .prepare<[string, string], RawTrainingRow>('SELECT * FROM training_sessions WHERE shop_id = ? AND trainee = ? ORDER BY created_at, id')
      .all(shopId, trainee);
    return rows.map(parseTrainingSession);
  }

  /** Prepared statements are cached: the same few queries run on every turn. */
  private prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as Database.Statement<P, R>;
  }

  /** The conversation's version; StoreConflictError when it does not exist. Call inside a transaction. */
  private versionOf(shopId: string, conversationId: string): number {
    const row = this
      .prepare<[string, string], { version: number }>('SELECT version FROM conversations WHERE shop_id = ? AND id = ?')
      .get(shopId, conversationId);
    if (row === undefined) throw unknownConversation(shopId, conversationId);
    return row.version;
  }

  /** Numbers the messages after the conversation's last seq. Call inside a transaction. */
  private insertMessages(shopId: string, conversationId: string, messages: ReturnType<typeof checkMessage>[]): StoredMessage[] {
    const last = this
      .prepare<[string, string], { last: number }>(
        'SELECT COALESCE(MAX(seq), 0) AS last FROM messages WHERE shop_id = ? AND conversation_id = ?',
      )
      .get(shopId, conversationId);
    const insert = this.prepare(
      'INSERT INTO messages (shop_id, conversation_id, seq, role, text, at, agent, meta, client_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let seq = last?.last ?? 0;
    return messages.map((message) => {
      seq += 1;
      insert.run(shopId, conversationId, seq, message.role, message.text, message.at, message.agent ?? null, JSON.stringify(message.meta), message.clientMessageId ?? null);
      return { ...message, shopId, conversationId, seq };
    });
  }

  /** Outbox rows, due at once; an event id already there for the same target is skipped. */
  private insertOutbox(shopId: string, events: readonly Omit<NewOutboxEvent, 'messageIndex'>[]): void {
    const insert = this.prepare(
      `INSERT INTO outbox (shop_id, event_id, type, target, conversation_id, data, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (shop_id, event_id, target) DO NOTHING`,
    );
    for (const e of events) insert.run(shopId, e.eventId, e.type, e.target, e.conversationId, JSON.stringify(e.data), e.createdAt, e.createdAt);
  }

  async enqueueOutbox(shopId: string, events: NewOutboxEvent[]): Promise<void> {
    const enqueue = this.db.transaction(() => this.insertOutbox(shopId, outboxWithSeqs(events, [])));
    await this.whenFree(() => enqueue.immediate());
  }

  async claimOutbox(now: string, leaseUntil: string, limit: number): Promise<OutboxRecord[]> {
    const claim = this.db.transaction(() =>
      this.prepare<[string, string, number], RawOutboxRow>(
        `UPDATE outbox SET next_attempt_at = ? WHERE id IN (
           SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?
         ) RETURNING *`,
      ).all(leaseUntil, now, limit),
    );
    const rows = await this.whenFree(() => claim.immediate());
    return rows.map(parseOutbox).sort((a, b) => a.id - b.id);
  }

  async settleOutbox(id: number, outcome: { state: OutboxState; at: string; nextAttemptAt?: string; error?: string }): Promise<void> {
    await this.whenFree(() =>
      this.prepare(
        `UPDATE outbox SET state = ?, attempts = attempts + 1, next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?,
           delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE id = ?`,
      ).run(outcome.state, outcome.nextAttemptAt ?? null, outcome.error ?? null, outcome.state, outcome.at, id),
    );
  }

  async listOutbox(shopId: string, state: OutboxState, limit: number): Promise<OutboxRecord[]> {
    return this.prepare<[string, string, number], RawOutboxRow>('SELECT * FROM outbox WHERE shop_id = ? AND state = ? ORDER BY id DESC LIMIT ?')
      .all(shopId, state, limit)
      .map(parseOutbox);
  }

  async requeueOutbox(shopId: string, eventId: string, at: string): Promise<number> {
    const result = await this.whenFree(() =>
      this.prepare(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE shop_id = ? AND event_id = ? AND state = 'dead'`).run(at, shopId, eventId),
    );
    return result.changes;
  }

  async hasOutboxEvent(shopId: string, eventId: string): Promise<boolean> {
    return this.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM outbox WHERE shop_id = ? AND event_id = ?').get(shopId, eventId)!.n > 0;
  }

  private insertEvents(shopId: string, conversationId: string, events: ReturnType<typeof checkEvent>[]): void {
    const insert = this.prepare('INSERT INTO events (shop_id, conversation_id, kind, at, data) VALUES (?, ?, ?, ?, ?)');
    for (const event of events) insert.run(shopId, conversationId, event.kind, event.at, JSON.stringify(event.data));
  }
}

function parseConversation(row: RawConversationRow): ConversationRecord {
  return conversationFromRow({ ...row, state: row.state === null ? null : JSON.parse(row.state) });
}

function parseTrainingSession(row: RawTrainingRow): TrainingSessionRecord {
  return trainingSessionFromRow({ ...row, replies: JSON.parse(row.replies), scorecard: row.scorecard === null ? null : JSON.parse(row.scorecard) });
}
