import pg from 'pg';
import { Redis } from 'ioredis';
import { it } from 'vitest';

/**
 * The real PostgreSQL and Redis the adapter tests run against. When a server cannot be reached the
 * suite is skipped on a developer machine, but FAILS when KEFU_REQUIRE_SERVICES=1 (CI), with a test
 * that names the service and the address.
 */
export const TEST_DATABASE_URL = process.env.KEFU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.KEFU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const required = process.env.KEFU_REQUIRE_SERVICES === '1';

/** Drops the scratch schemas a PostgreSQL test created (each test file uses schemas of its own). */
export async function dropSchemas(schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export async function postgresAvailable(): Promise<boolean> {
  return gate('PostgreSQL', TEST_DATABASE_URL, async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

export async function redisAvailable(): Promise<boolean> {
  return gate('Redis', TEST_REDIS_URL, async () => {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  });
}

async function gate(service: string, url: string, probe: () => Promise<void>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (required) {
      it(`${service} is reachable at ${url}`, () => {
        throw new Error(
          `${service} is required (KEFU_REQUIRE_SERVICES=1) but unreachable at ${url}: ${reason}. ` +
            `Start it (see .ci/run) or point the tests elsewhere with KEFU_TEST_${service === 'Redis' ? 'REDIS' : 'DATABASE'}_URL.`,
        );
      });
    }
    return false;
  }
}
