import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres.ts';
import { postgresAvailable, dropSchemas, TEST_DATABASE_URL } from '../helpers/services.ts';
import { createGroupCommitter, type Outcome } from '../../src/store/group-commit.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { StoreConflictError, type CommitTurn, type CommittedTurn } from '../../src/store/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'kefu-group-commit-'));
const schema = `kefu_group_${randomBytes(4).toString('hex')}`;
const withPostgres = await postgresAvailable();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!withPostgres) return;
  await dropSchemas([schema]);
});

function deferred(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** Lets every pending callback (setImmediate included) run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('group committer', () => {
  it('flushes what is submitted in one event-loop pass as one batch, and answers only after the flush', async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const committer = createGroupCommitter<number, number>(async (items) => {
      batches.push([...items]);
      await gate.promise;
      return items.map((n): Outcome<number> => ({ ok: true, value: n * 10 }));
    });
    const answered: number[] = [];
    const answers = [1, 2, 3].map((n) => committer.submit(n).then((v) => void answered.push(v)));
    await settle();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(answered).toEqual([]); // the flush has not finished: nothing is released
    gate.release();
    await Promise.all(answers);
    expect(answered).toEqual([10, 20, 30]);
  });

  it('a failing item rejects alone; items submitted during a flush go in the next batch', async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const committer = createGroupCommitter<number, number>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await gate.promise;
      return items.map((n): Outcome<number> => (n === 2 ? { ok: false, error: new Error('two') } : { ok: true, value: n }));
    });
    const first = [1, 2, 3].map((n) => committer.submit(n));
    await settle();
    const late = [4, 5].map((n) => committer.submit(n));
    await settle();
    expect(batches).toEqual([[1, 2, 3]]);
    gate.release();
    const results = await Promise.allSettled([...first, ...late]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
    await committer.drain();
  });

  it('a flush that throws fails every item of its batch, and the next batch still runs', async () => {
    let calls = 0;
    const committer = createGroupCommitter<number, number>(async (items) => {
      calls += 1;
      if (calls === 1) throw new Error('disk gone');
      return items.map((n): Outcome<number> => ({ ok: true, value: n }));
    });
    const failed = await Promise.allSettled([committer.submit(1), committer.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await committer.submit(3)).toBe(3);
  });

  it('keeps batches within maxBatch', async () => {
    const sizes: number[] = [];
    const committer = createGroupCommitter<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items.map((n): Outcome<number> => ({ ok: true, value: n }));
      },
      { maxBatch: 4 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => committer.submit(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });
});

const at = '2025-11-20T06:00:00.000Z';
const turn = (conversationId: string, expectedVersion: number, text: string): CommitTurn => ({
  shopId: 's',
  conversationId,
  expectedVersion,
  state: { text },
  owner: 'bot',
  updatedAt: at,
  buyer: { role: 'buyer', text: `问 ${text}`, at, clientMessageId: `m-${conversationId}-${expectedVersion}` },
  messages: [{ role: 'bot', text: `答 ${text}`, at }],
  events: [{ kind: 'turn', at, data: { text } }],
  receipt: { clientMessageId: `m-${conversationId}-${expectedVersion}`, answer: { text } },
  outbox: [{ eventId: `e-${conversationId}`, type: 'reply.created', target: 'http://hook', conversationId, data: {}, createdAt: at, messageIndex: 0 }],
});

describe.skipIf(!withPostgres)('PostgreSQL group commit', () => {
  it('turns committing together: a stale one and a duplicate client id roll back alone, the others are stored whole', async () => {
    const store = new PostgresStore(TEST_DATABASE_URL, { schema });
    await store.migrate();
    try {
      for (const id of ['a', 'b', 'c', 'd']) await store.openConversation('s', id, 'buyer', at);
      await store.appendMessage('s', 'd', { role: 'buyer', text: '已存', at, clientMessageId: 'm-d-0' });
      const results = await Promise.allSettled([turn('a', 0, 'A'), turn('b', 7, 'B'), turn('c', 0, 'C'), turn('d', 0, 'D')].map((t) => store.commitTurn(t)));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
      expect(await store.messages('s', 'b')).toEqual([]);
      expect((await store.messages('s', 'd')).map((m) => m.text)).toEqual(['已存']);
      expect(await store.hasOutboxEvent('s', 'e-b')).toBe(false);
      expect(await store.hasOutboxEvent('s', 'e-d')).toBe(false);
      for (const [index, id] of [[0, 'a'], [2, 'c']] as const) {
        const committed = results[index] as PromiseFulfilledResult<CommittedTurn>;
        expect(committed.value).toMatchObject({ version: 1, buyer: { seq: 1 }, messages: [{ seq: 2 }] });
        expect((await store.messages('s', id)).map((m) => `${m.seq}:${m.role}`)).toEqual(['1:buyer', '2:bot']);
        expect(await store.turnReceipt('s', id, `m-${id}-0`)).toMatchObject({ replySeqs: [2] });
        expect((await store.listOutbox('s', 'pending', 10)).find((r) => r.eventId === `e-${id}`)?.data.seq).toBe(2);
      }
    } finally {
      await store.close();
    }
  });
});

describe('SQLite group commit', () => {
  it('one transaction and one WAL fsync for turns committing together; a failing turn rolls back only its savepoint', async () => {
    const syncs: string[] = [];
    const gate = deferred();
    const store = new SqliteStore(join(dir, 'batch.db'), {
      wrapWalSync: async (sync) => {
        syncs.push('start');
        await gate.promise;
        await sync();
        syncs.push('done');
      },
    });
    await store.migrate();
    for (const id of ['a', 'b', 'c']) await store.openConversation('s', id, 'buyer', at);

    const answered: string[] = [];
    const commits = [turn('a', 0, 'A'), turn('b', 7, 'B'), turn('c', 0, 'C')].map((t) =>
      store.commitTurn(t).then(
        (r) => void answered.push(`${t.conversationId}:${r.version}`),
        (e: unknown) => void answered.push(`${t.conversationId}:${e instanceof StoreConflictError ? 'stale' : String(e)}`),
      ),
    );
    await settle();
    // Committed (visible to a reader) but not yet fsynced: no turn is answered yet.
    expect(syncs).toEqual(['start']);
    expect((await store.getConversation('s', 'a'))?.version).toBe(1);
    expect(answered).toEqual([]);
    gate.release();
    await Promise.all(commits);
    expect(syncs).toEqual(['start', 'done']);
    expect(answered.sort()).toEqual(['a:1', 'b:stale', 'c:1']);

    // b left nothing behind: no message, event, receipt or outbox row; a and c have all of theirs.
    expect(await store.messages('s', 'b')).toEqual([]);
    expect(await store.events('s', { conversationId: 'b' })).toEqual([]);
    expect(await store.turnReceipt('s', 'b', 'm-b-7')).toBeUndefined();
    expect(await store.hasOutboxEvent('s', 'e-b')).toBe(false);
    for (const id of ['a', 'c']) {
      expect((await store.messages('s', id)).map((m) => `${m.seq}:${m.role}`)).toEqual(['1:buyer', '2:bot']);
      expect(await store.turnReceipt('s', id, `m-${id}-0`)).toMatchObject({ replySeqs: [2] });
      expect((await store.listOutbox('s', 'pending', 10)).find((r) => r.eventId === `e-${id}`)?.data.seq).toBe(2);
    }
    await store.close();
  });

  it('a failed fsync answers no turn of the batch', async () => {
    const store = new SqliteStore(join(dir, 'fsync-fails.db'), {
      wrapWalSync: async () => {
        throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      },
    });
    await store.migrate();
    await store.openConversation('s', 'a', 'buyer', at);
    await store.openConversation('s', 'b', 'buyer', at);
    const results = await Promise.allSettled([store.commitTurn(turn('a', 0, 'A')), store.commitTurn(turn('b', 0, 'B'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await store.close();
  });
});

describe('SQLite checkpoints off the event loop', () => {
  it('keeps the WAL bounded under sustained group commits (the automatic checkpoint is off), and everything reads back after reopening', async () => {
    const path = join(dir, 'checkpoints.db');
    const store = new SqliteStore(path);
    await store.migrate();
    const chats = 16;
    const turnsEach = 200;
    const filler = '状态'.repeat(1500); // ~6 KB of state per turn, like a real conversation
    await Promise.all(
      Array.from({ length: chats }, async (_, n) => {
        const id = `w${n}`;
        let version = (await store.openConversation('s', id, 'buyer', at)).version;
        for (let i = 0; i < turnsEach; i++) {
          const result = await store.commitTurn({ ...turn(id, version, `${i}`), state: { i, filler }, receipt: undefined, outbox: [], buyer: { role: 'buyer', text: `问 ${i}`, at } });
          version = result.version;
        }
      }),
    );
    // Without checkpoints these 3,200 turns leave ~55 MB of WAL behind.
    expect(statSync(`${path}-wal`).size).toBeLessThan(30 * 1024 * 1024);
    await store.close();
    const reopened = new SqliteStore(path);
    await reopened.migrate();
    expect((await reopened.getConversation('s', 'w7'))?.version).toBe(turnsEach);
    expect(await reopened.messages('s', 'w7')).toHaveLength(2 * turnsEach);
    await reopened.close();
  }, 60_000);
});
