import { Redis } from 'ioredis';
import { createLocalBus } from '../store/local-bus.ts';
import { createLocalLock } from '../store/queue.ts';
import { createRedisBus, createRedisLock } from '../store/redis.ts';
import type { ConversationLock, EventBus } from '../store/types.ts';

/** Raised when the Redis given to `kefu serve` cannot be reached (the message is for the shop owner). */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

/** What instances share: the conversation lock and the event bus. */
export interface Coordination {
  lock: ConversationLock;
  bus: EventBus;
  /** Waits for the queued turns, then closes the bus and Redis. */
  close(): Promise<void>;
}

/** In one process without Redis; with Redis, a lock and a bus every instance shares. */
export async function openCoordination(redisUrl: string | undefined): Promise<Coordination> {
  if (redisUrl === undefined) {
    const lock = createLocalLock();
    const bus = createLocalBus();
    return {
      lock,
      bus,
      async close() {
        await lock.close();
        await bus.close();
      },
    };
  }
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
  const bus = createRedisBus(redisUrl);
  return {
    lock,
    bus,
    async close() {
      await lock.close();
      await bus.close();
      await redis.quit();
    },
  };
}
