import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { deliver } from './deliver.ts';
import { createLocalLock } from './queue.ts';
import type { ConversationLock, EventBus } from './types.ts';

export interface RedisLockOptions {
  /** Lock lifetime; renewed every ttl/3 while the task runs, so only a crashed holder lets it expire. Default 10 s. */
  ttlMs?: number;
  /** Pause between attempts while another instance holds the lock. Default 25 ms. */
  retryMs?: number;
  /** Give up (LockTimeoutError) after waiting this long for the lock. Default 30 s. */
  waitMs?: number;
  /** Prepended to every lock key. Default `kefu:lock:`. */
  prefix?: string;
}

/** The conversation stayed locked by another instance for longer than `waitMs`. */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  constructor(
    readonly key: string,
    readonly waitMs: number,
  ) {
    super(`会话正忙，请稍后再试（等待会话锁 ${key} 超过 ${waitMs} 毫秒）`);
  }
}

// Compare-and-delete / compare-and-extend: only the holder's token may touch the lock.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Cross-instance conversation lock. Within this instance the local queue keeps arrival order (and
 * means at most one of our tasks per key competes for Redis); around each task the instance holds
 * the Redis lock `SET key token NX PX ttl`. The caller owns `redis` and closes it after `close()`.
 */
export function createRedisLock(redis: Redis, options: RedisLockOptions = {}): ConversationLock {
  const ttlMs = options.ttlMs ?? 10_000;
  const retryMs = options.retryMs ?? 25;
  const waitMs = options.waitMs ?? 30_000;
  const prefix = options.prefix ?? 'kefu:lock:';
  const local = createLocalLock();

  async function acquire(lockKey: string, token: string): Promise<void> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if ((await redis.set(lockKey, token, 'PX', ttlMs, 'NX')) === 'OK') return;
      if (Date.now() + retryMs > deadline) throw new LockTimeoutError(lockKey, waitMs);
      await sleep(retryMs);
    }
  }

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      return local.run(key, async () => {
        const lockKey = prefix + key;
        const token = randomUUID();
        await acquire(lockKey, token);
        let finished = false;
        const renewal = setInterval(() => {
          redis.eval(EXTEND, 1, lockKey, token, String(ttlMs)).then(
            (extended) => {
              // The version check in commitTurn still refuses a lost update; this says why it happened.
              if (extended !== 1 && !finished) console.error(`redis lock ${lockKey} was lost while its task was running`);
            },
            (error: unknown) => console.error(`redis lock ${lockKey} could not be extended:`, error),
          );
        }, Math.max(1, Math.floor(ttlMs / 3)));
        try {
          return await task();
        } finally {
          finished = true;
          clearInterval(renewal);
          await redis.eval(RELEASE, 1, lockKey, token);
        }
      });
    },

    close: () => local.close(),
  };
}

/** Event bus across instances over Redis pub/sub (a subscribed connection can do nothing else, hence two). */
export function createRedisBus(url: string): EventBus {
  const publisher = new Redis(url);
  const subscriber = new Redis(url);
  // `ready` settles when Redis confirmed SUBSCRIBE, so no caller returns before messages can arrive.
  const channels = new Map<string, { handlers: Set<(message: string) => void>; ready: Promise<unknown> }>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of channels.get(channel)?.handlers ?? []) deliver(handler, message);
  });

  return {
    async publish(channel, message) {
      await publisher.publish(channel, message);
    },

    async subscribe(channel, onMessage) {
      let entry = channels.get(channel);
      if (entry === undefined) {
        const ready = subscriber.subscribe(channel).catch((error: unknown) => {
          channels.delete(channel); // let a later call try again
          throw error;
        });
        entry = { handlers: new Set(), ready };
        channels.set(channel, entry);
      }
      // A wrapper per call, so subscribing the same function twice yields two independent subscriptions.
      const handler = (message: string): void => onMessage(message);
      entry.handlers.add(handler);
      await entry.ready;
      return async () => {
        const current = channels.get(channel);
        if (current === undefined || !current.handlers.delete(handler)) return;
        if (current.handlers.size === 0) {
          channels.delete(channel);
          await subscriber.unsubscribe(channel);
        }
      };
    },

    async close() {
      channels.clear();
      await Promise.all([publisher.quit(), subscriber.quit()]);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
