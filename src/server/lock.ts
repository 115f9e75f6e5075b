import { Redis } from 'ioredis';
import { createLocalLock } from '../store/queue.ts';
import { createRedisLock } from '../store/redis.ts';
import type { ConversationLock } from '../store/types.ts';

/** Raised when the Redis given to `kefu serve` cannot be reached (the message is for the shop owner). */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

/**
 * The conversation lock of a server: in-process without Redis; with Redis, a lock several
 * instances share. Closing it also closes the Redis connection it opened.
 */
export async function openConversationLock(redisUrl: string | undefined): Promise<ConversationLock> {
  if (redisUrl === undefined) return createLocalLock();
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined); // reported through the failing commands instead
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new RedisUnreachableError(`无法连接 Redis：${redisUrl}（${err instanceof Error ? err.message : String(err)}）`);
  }
  const lock = createRedisLock(redis);
  return {
    run: (key, task) => lock.run(key, task),
    async close() {
      await lock.close();
      await redis.quit();
    },
  };
}
