import { Redis } from 'ioredis';
import { createLocalBus } from '../store/local-bus.ts';
import { createLocalLock } from '../store/queue.ts';
import { createRedisBus, createRedisLock, redisCall, watchConnection } from '../store/redis.ts';
import { stderrSink, type ConversationLock, type ErrorSink, type EventBus } from '../store/types.ts';

/** Raised when the Redis given to `kefu serve` cannot be reached (the message is for the shop owner). */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

/** What instances share: the conversation lock and the event bus. */
export interface Coordination {
  lock: ConversationLock;
  bus: EventBus;
  /** Throws (UnavailableError) when Redis does not answer; undefined without Redis. */
  health?: () => Promise<void>;
  /** Waits for the queued turns, then closes the bus and Redis. */
  close(): Promise<void>;
}

/** In one process without Redis; with Redis, a lock and a bus every instance shares. */
export async function openCoordination(redisUrl: string | undefined, onError: ErrorSink = stderrSink): Promise<Coordination> {
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
  const startup = (): void => undefined; // at startup the failed connect says it, once
  redis.on('error', startup);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new RedisUnreachableError(`无法连接 Redis：${redisUrl}（${err instanceof Error ? err.message : String(err)}）`);
  }
  redis.off('error', startup);
  watchConnection(redis, 'lock', onError);
  const lock = createRedisLock(redis, { onError });
  const bus = createRedisBus(redisUrl, onError);
  return {
    lock,
    bus,
    health: async () => void (await redisCall(() => redis.ping())),
    async close() {
      await lock.close();
      await bus.close();
      await redis.quit();
    },
  };
}
