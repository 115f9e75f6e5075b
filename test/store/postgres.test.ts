import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../src/store/migrations/postgres.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { postgresAvailable, dropSchemas, TEST_DATABASE_URL } from '../helpers/services.ts';
import { runStoreContract } from './contract.ts';

const available = await postgresAvailable();
// A fresh schema per test file, dropped at the end: runs never see each other's rows.
const schema = `kefu_test_${randomBytes(6).toString('hex')}`;

afterAll(async () => {
  if (!available) return;
  await dropSchemas([schema]);
});

describe.skipIf(!available)('PostgreSQL', () => {
  runStoreContract('PostgreSQL', async () => new PostgresStore(TEST_DATABASE_URL, { schema }));

  it('migrates safely when several instances start at once', async () => {
    const fresh = `${schema}_m`;
    const stores = Array.from({ length: 4 }, () => new PostgresStore(TEST_DATABASE_URL, { schema: fresh, max: 2 }));
    try {
      await Promise.all(stores.map((store) => store.migrate()));
      const [first] = stores;
      await first?.openConversation('s', 'c1', 'b1', '2025-11-20T06:00:00.000Z');
      expect((await stores[3]?.getConversation('s', 'c1'))?.buyerId).toBe('b1');
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${fresh}.schema_migrations ORDER BY version`);
      await client.query(`DROP SCHEMA ${fresh} CASCADE`);
      await client.end();
      // Each version applied once, however many instances raced to migrate.
      expect(rows.map((r) => r.version)).toEqual(postgresMigrations.map((_, i) => i + 1));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() => new PostgresStore(TEST_DATABASE_URL, { schema: 'x; DROP TABLE y' })).toThrow('invalid PostgreSQL schema name');
  });
});
