/**
 * PostgreSQL schema, one SQL script per version (index 0 = version 1). Append new versions; never edit
 * a shipped one. Tables are created in the connection's search_path (the store's schema).
 *
 * Times stay ISO-8601 text, as in SQLite, so both stores compare and return them identically.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE api_keys (
    key_hash   TEXT PRIMARY KEY,
    shop_id    TEXT NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  );

  CREATE TABLE conversations (
    shop_id    TEXT NOT NULL,
    id         TEXT NOT NULL,
    buyer_id   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT 'bot',
    state      JSONB,
    version    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, id)
  );
  CREATE INDEX conversations_updated ON conversations (shop_id, updated_at);

  CREATE TABLE messages (
    shop_id         TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    role            TEXT NOT NULL,
    text            TEXT NOT NULL,
    at              TEXT NOT NULL,
    agent           TEXT,
    meta            JSONB NOT NULL DEFAULT '{}',
    PRIMARY KEY (shop_id, conversation_id, seq)
  );

  CREATE TABLE events (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id         TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    at              TEXT NOT NULL,
    data            JSONB NOT NULL DEFAULT '{}'
  );
  CREATE INDEX events_kind_at ON events (shop_id, kind, at);
  CREATE INDEX events_conversation ON events (shop_id, conversation_id);
  `,
  // 2: idempotent turns. A buyer message may carry the channel's id; the turn's answer is kept
  // with the commit so a retry gets it back instead of a second turn.
  `
  ALTER TABLE messages ADD COLUMN client_message_id TEXT;
  CREATE UNIQUE INDEX messages_client_id ON messages (shop_id, conversation_id, client_message_id) WHERE client_message_id IS NOT NULL;

  CREATE TABLE turn_receipts (
    shop_id           TEXT NOT NULL,
    conversation_id   TEXT NOT NULL,
    client_message_id TEXT NOT NULL,
    answer            JSONB NOT NULL,
    reply_seqs        JSONB NOT NULL,
    created_at        TEXT NOT NULL,
    PRIMARY KEY (shop_id, conversation_id, client_message_id)
  );
  `,
  // 3: key roles (existing keys stay admin: they could do everything before) and revocation.
  `
  ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'admin';
  ALTER TABLE api_keys ADD COLUMN agent TEXT;
  ALTER TABLE api_keys ADD COLUMN revoked_at TEXT;
  CREATE INDEX api_keys_shop ON api_keys (shop_id);
  `,
  // 4: the outbox of events for the shops' webhooks (written in the turn's transaction).
  `
  CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id         TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    type            TEXT NOT NULL,
    target          TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    data            JSONB NOT NULL,
    created_at      TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    delivered_at    TEXT,
    UNIQUE (shop_id, event_id, target)
  );
  CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
  CREATE INDEX outbox_shop_state ON outbox (shop_id, state);
  `,
  // Version 5: the trainer's practice sessions (issue 13).
  `
  CREATE TABLE training_sessions (
    shop_id    TEXT NOT NULL,
    id         TEXT NOT NULL,
    trainee    TEXT NOT NULL,
    scenario   TEXT NOT NULL,
    persona    TEXT NOT NULL,
    seed       INTEGER NOT NULL,
    exam       BOOLEAN NOT NULL DEFAULT FALSE,
    replies    JSONB NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    total      DOUBLE PRECISION,
    scorecard  JSONB,
    version    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, id)
  );
  CREATE INDEX training_sessions_trainee ON training_sessions (shop_id, trainee, created_at);
  `,
];
