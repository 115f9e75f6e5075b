import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { runStoreContract } from './contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'kefu-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStoreContract('SQLite (file)', async () => new SqliteStore(join(dir, 'nested', 'kefu.db')));
runStoreContract('SQLite (:memory:)', async () => new SqliteStore(':memory:'), { sharedDatabase: false });
