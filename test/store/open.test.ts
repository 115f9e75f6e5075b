import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, openStore, UnsupportedDatabaseUrlError } from '../../src/store/open.ts';
import type { SqliteStore } from '../../src/store/sqlite.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../helpers/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'kefu-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pgAvailable = await postgresAvailable();

describe('openStore', () => {
  it('opens and migrates a SQLite file, creating its directory', async () => {
    const path = join(dir, 'sub', 'kefu.db');
    const store = await openStore(`sqlite:${path}`);
    expect(store.kind).toBe('sqlite');
    await store.openConversation('s', 'c1', 'b1', '2025-11-20T06:00:00.000Z');
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('SQLite fsyncs every commit by default; ?synchronous=normal opts out; other parameters are refused', async () => {
    const full = createStore(`sqlite:${join(dir, 'full.db')}`) as SqliteStore;
    const normal = createStore(`sqlite:${join(dir, 'normal.db')}?synchronous=normal`) as SqliteStore;
    expect([full.synchronous, normal.synchronous]).toEqual(['full', 'normal']);
    expect(normal.path).toBe(join(dir, 'normal.db'));
    await full.close();
    await normal.close();
    expect(() => createStore(`sqlite:${join(dir, 'x.db')}?journal=off`)).toThrow('只支持 ?synchronous=full 或 ?synchronous=normal');
  });

  it('opens an in-memory SQLite database', async () => {
    const store = await openStore('sqlite::memory:');
    await expect(store.listConversations('s')).resolves.toEqual([]);
    await store.close();
  });

  it.skipIf(!pgAvailable)('opens PostgreSQL for postgres:// and postgresql:// addresses', async () => {
    for (const url of [TEST_DATABASE_URL, TEST_DATABASE_URL.replace(/^postgres(ql)?:/, 'postgresql:')]) {
      const store = createStore(url);
      expect(store.kind).toBe('postgres');
      await store.health();
      await store.close();
    }
  });

  it('refuses other addresses with a Chinese message', async () => {
    await expect(openStore('mysql://root@localhost/kefu')).rejects.toThrow(
      '不支持的数据库地址：mysql://root@localhost/kefu（支持 sqlite:路径 或 postgres://…）',
    );
    expect(() => createStore('./data/kefu.db')).toThrow(UnsupportedDatabaseUrlError);
    expect(() => createStore('sqlite:')).toThrow('SQLite 地址缺少文件路径');
  });

  it('reports an unreachable PostgreSQL from migrate and releases the pool', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/none')).rejects.toThrow();
  });
});
