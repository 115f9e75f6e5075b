import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/types.ts';
import { postgresAvailable, dropSchemas, TEST_DATABASE_URL } from '../helpers/services.ts';

// kill -9 of a process whose turns meet in group commits: every acknowledged turn is stored whole,
// and every stored turn is whole (buyer message, reply, receipt, event, outbox row, version).

const dir = mkdtempSync(join(tmpdir(), 'kefu-group-commit-kill-'));
const schema = `kefu_group_kill_${randomBytes(4).toString('hex')}`;
const withPostgres = await postgresAvailable();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!withPostgres) return;
  await dropSchemas([schema]);
});

const SHOP = 'group-kill';
const script = fileURLToPath(new URL('./fixtures/group-commit-load.ts', import.meta.url));

/** Runs the load child until `acks` turns were acknowledged, kills it with SIGKILL, returns the last acknowledged version per conversation. */
async function killUnderLoad(args: string[], acks: number): Promise<Map<string, number>> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const acknowledged = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    let count = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^ack (\S+) (\d+)$/.exec(line);
        if (!match) continue;
        acknowledged.set(match[1]!, Number(match[2]));
        count += 1;
      }
      if (count >= acks && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`load child exited early (${code}): ${stderr}`));
    });
  });
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.on('exit', resolve)));
  return acknowledged;
}

async function expectWholeTurns(store: Store, acknowledged: Map<string, number>): Promise<void> {
  expect(acknowledged.size).toBeGreaterThan(1);
  const conversations = await store.listConversations(SHOP);
  for (const conversation of conversations) {
    const { id, version } = conversation;
    expect(version, id).toBeGreaterThanOrEqual(acknowledged.get(id) ?? 0);
    expect(conversation.state, id).toMatchObject(version === 0 ? {} : { turn: version });
    const messages = await store.messages(SHOP, id);
    expect(messages.map((m) => `${m.seq}:${m.text}`), id).toEqual(Array.from({ length: version }, (_, i) => [`${2 * i + 1}:问题 ${i + 1}`, `${2 * i + 2}:回答 ${i + 1}`]).flat());
    for (let turn = 1; turn <= version; turn++) expect(await store.turnReceipt(SHOP, id, `${id}-${turn}`), `${id} turn ${turn}`).toMatchObject({ replySeqs: [2 * turn] });
    expect(await store.turnReceipt(SHOP, id, `${id}-${version + 1}`)).toBeUndefined();
    expect(await store.events(SHOP, { conversationId: id, kinds: ['turn'] }), id).toHaveLength(version);
    expect(await store.hasOutboxEvent(SHOP, `${id}-${version}`)).toBe(version > 0);
    expect(await store.hasOutboxEvent(SHOP, `${id}-${version + 1}`)).toBe(false);
  }
}

describe('kill -9 during group commits (store level)', () => {
  it('SQLite (synchronous=full): no acknowledged turn lost, no turn stored in part', async () => {
    const path = join(dir, 'group.db');
    const acknowledged = await killUnderLoad(['sqlite', path], 300);
    const store = new SqliteStore(path);
    await store.migrate();
    try {
      await expectWholeTurns(store, acknowledged);
    } finally {
      await store.close();
    }
  }, 60_000);

  it.skipIf(!withPostgres)('PostgreSQL: no acknowledged turn lost, no turn stored in part', async () => {
    const acknowledged = await killUnderLoad(['postgres', TEST_DATABASE_URL, schema], 300);
    const store = new PostgresStore(TEST_DATABASE_URL, { schema });
    await store.migrate();
    try {
      await expectWholeTurns(store, acknowledged);
    } finally {
      await store.close();
    }
  }, 60_000);
});
