import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'kefu-sqlite-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store on disk', () => {
  it('creates the parent directories of the database file', async () => {
    const path = join(dir, 'a', 'b', 'kefu.db');
    const store = new SqliteStore(path);
    await store.migrate();
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('keeps everything after close and reopen', async () => {
    const path = join(dir, 'reopen.db');
    const first = new SqliteStore(path);
    await first.migrate();
    await first.openConversation('s', 'c1', 'buyer-1', '2025-11-20T06:00:00.000Z');
    await first.appendMessage('s', 'c1', { role: 'buyer', text: '在吗', at: '2025-11-20T06:00:01.000Z' });
    await first.commitTurn({
      shopId: 's',
      conversationId: 'c1',
      expectedVersion: 0,
      state: { value: '售前', emoji: '🙂' },
      owner: 'agent',
      updatedAt: '2025-11-20T06:00:02.000Z',
      messages: [{ role: 'bot', text: '您好', at: '2025-11-20T06:00:02.000Z' }],
      events: [{ kind: 'owner', at: '2025-11-20T06:00:02.000Z', data: { from: 'bot', to: 'agent' } }],
    });
    await first.putApiKey('s', 'hash-1', 'demo');
    await first.close();

    const second = new SqliteStore(path);
    await second.migrate();
    expect(await second.getConversation('s', 'c1')).toMatchObject({ version: 1, owner: 'agent', state: { value: '售前', emoji: '🙂' } });
    expect((await second.messages('s', 'c1')).map((m) => `${m.seq}:${m.text}`)).toEqual(['1:在吗', '2:您好']);
    expect(await second.events('s', { kinds: ['owner'] })).toHaveLength(1);
    expect(await second.shopForKeyHash('hash-1')).toBe('s');
    await second.close();
  });

  // NORMAL only gives up durability against power cuts and OS crashes, not against a killed process.
  it.each(['full', 'normal'] as const)('keeps every acknowledged commit when the writing process is killed with SIGKILL (synchronous=%s)', async (synchronous) => {
    const path = join(dir, `killed-${synchronous}.db`);
    const script = fileURLToPath(new URL('./fixtures/commit-loop.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, path, synchronous], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    const acknowledged = await new Promise<number>((resolve, reject) => {
      let buffer = '';
      let last = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^committed (\d+)$/.exec(line);
          if (match?.[1] !== undefined) last = Number(match[1]);
        }
        // Kill mid-stream, while the child is busy writing the next turns.
        if (last >= 40 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(last);
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited early (${code}): ${stderr}`));
      });
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.on('exit', resolve)));

    const store = new SqliteStore(path);
    await store.migrate();
    const conversation = await store.getConversation('durability', 'c1');
    expect(conversation?.version).toBeGreaterThanOrEqual(acknowledged);
    const version = conversation?.version ?? 0;
    expect(conversation?.state).toEqual({ turns: version, note: '持久化✅' });
    const messages = await store.messages('durability', 'c1');
    // Every committed turn has its buyer question and bot answer, in order, with no gap.
    for (let n = 1; n <= version; n++) {
      expect(messages[2 * n - 2]?.text).toBe(`问题 ${n}`);
      expect(messages[2 * n - 1]).toMatchObject({ seq: 2 * n, text: `回答 ${n}` });
    }
    expect(await store.events('durability', { kinds: ['turn'] })).toHaveLength(version);
    await store.close();
  });
});
