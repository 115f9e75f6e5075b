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
  // Version 6: a group of turns committed in one call (one round trip, one transaction, one WAL
  // flush); each turn in its own subtransaction (a savepoint), so a failing turn leaves only itself
  // out. Returns one outcome per turn: {ok, version, seqs} or {ok: false, code, message, current}.
  `
  CREATE OR REPLACE FUNCTION kefu_commit_turns(turns jsonb) RETURNS jsonb LANGUAGE plpgsql AS $fn$
  DECLARE
    t jsonb;
    m jsonb;
    outcomes jsonb := '[]'::jsonb;
    current_version integer;
    last_seq integer;
    seqs integer[];
    reply_seqs jsonb;
  BEGIN
    FOR t IN SELECT value FROM jsonb_array_elements(turns) WITH ORDINALITY ORDER BY ordinality LOOP
      current_version := NULL;
      BEGIN
        SELECT version INTO current_version FROM conversations WHERE shop_id = t->>'shop' AND id = t->>'conversation' FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'unknown conversation' USING ERRCODE = 'KF404';
        END IF;
        IF current_version <> (t->>'expected')::integer THEN
          RAISE EXCEPTION 'stale version' USING ERRCODE = 'KF409';
        END IF;
        SELECT COALESCE(MAX(seq), 0) INTO last_seq FROM messages WHERE shop_id = t->>'shop' AND conversation_id = t->>'conversation';
        seqs := '{}';
        FOR m IN SELECT value FROM jsonb_array_elements(t->'messages') WITH ORDINALITY ORDER BY ordinality LOOP
          last_seq := last_seq + 1;
          INSERT INTO messages (shop_id, conversation_id, seq, role, text, at, agent, meta, client_message_id)
          VALUES (t->>'shop', t->>'conversation', last_seq, m->>'role', m->>'text', m->>'at', m->>'agent', m->'meta', m->>'clientMessageId');
          seqs := seqs || last_seq;
        END LOOP;
        -- The replies' seqs (the buyer message, when the turn carries one, comes first).
        reply_seqs := to_jsonb(seqs[(CASE WHEN (t->>'hasBuyer')::boolean THEN 2 ELSE 1 END):]);
        INSERT INTO events (shop_id, conversation_id, kind, at, data)
        SELECT t->>'shop', t->>'conversation', e.value->>'kind', e.value->>'at', e.value->'data'
        FROM jsonb_array_elements(t->'events') WITH ORDINALITY AS e ORDER BY e.ordinality;
        INSERT INTO outbox (shop_id, event_id, type, target, conversation_id, data, created_at, next_attempt_at)
        SELECT t->>'shop', o.value->>'eventId', o.value->>'type', o.value->>'target', o.value->>'conversationId',
               CASE WHEN o.value ? 'messageIndex' THEN (o.value->'data') || jsonb_build_object('seq', reply_seqs->((o.value->>'messageIndex')::integer))
                    ELSE o.value->'data' END,
               o.value->>'createdAt', o.value->>'createdAt'
        FROM jsonb_array_elements(t->'outbox') WITH ORDINALITY AS o ORDER BY o.ordinality
        ON CONFLICT (shop_id, event_id, target) DO NOTHING;
        IF t->'receipt' IS NOT NULL THEN
          INSERT INTO turn_receipts (shop_id, conversation_id, client_message_id, answer, reply_seqs, created_at)
          VALUES (t->>'shop', t->>'conversation', t->'receipt'->>'clientMessageId', t->'receipt'->'answer', reply_seqs, t->>'updatedAt');
        END IF;
        UPDATE conversations SET state = t->'state', owner = t->>'owner', updated_at = t->>'updatedAt', version = current_version + 1
        WHERE shop_id = t->>'shop' AND id = t->>'conversation';
        outcomes := outcomes || jsonb_build_array(jsonb_build_object('ok', true, 'version', current_version + 1, 'seqs', to_jsonb(seqs)));
      EXCEPTION WHEN OTHERS THEN
        outcomes := outcomes || jsonb_build_array(jsonb_build_object('ok', false, 'code', SQLSTATE, 'message', SQLERRM, 'current', current_version));
      END;
    END LOOP;
    RETURN outcomes;
  END
  $fn$;
  `,
];
