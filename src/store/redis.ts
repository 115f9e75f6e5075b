import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { deliver } from './deliver.ts';
import { createLocalLock } from './queue.ts';
import { stderrSink, UnavailableError, type ConversationLock, type ErrorSink, type EventBus } from './types.ts';

export interface RedisLockOptions {
  /** Lock lifetime; renewed every ttl/3 while the task runs, so only a crashed holder lets it expire. Default 10 s. */
  ttlMs?: number;
  /** Pause between attempts while another instance holds the lock. Default 25 ms. */
  retryMs?: number;
  /** Give up (LockTimeoutError) after waiting this long for the lock. Default 30 s. */
  waitMs?: number;
  /** Prepended to every lock key. Default `kefu:lock:`. */
  prefix?: string;
  /** This instance's id, written into every lock it holds. Default a random UUID per process. */
  instanceId?: string;
  /**
   * How long an instance counts as alive after its last heartbeat (renewed every third of it).
   * A lock whose owner is no longer alive (killed with -9) is taken over at once instead of
   * blocking its conversation until the lock's lifetime ends. Default 3 s.
   */
  instanceTtlMs?: number;
  /** Problems outside any caller (renewal, release after the task finished). */
  onError?: ErrorSink;
}

/** Prepended to the instance id for the heartbeat key. */
export const INSTANCE_PREFIX = 'kefu:instance:';

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

/**
 * Take the lock if it is free, or if its owner (the instance id before `|` in its value) has no
 * heartbeat any more: that instance died holding it. ARGV: value, ttl, instance key prefix.
 */
const ACQUIRE = `local held = redis.call('get', KEYS[1])
if held then
  local owner = string.match(held, '^(.-)|')
  if (not owner) or redis.call('exists', ARGV[3] .. owner) == 1 then return 0 end
end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
if held then return 2 end
return 1`;

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
  const instanceId = options.instanceId ?? randomUUID();
  const instanceTtlMs = options.instanceTtlMs ?? 3000;
  const onError = options.onError ?? stderrSink;
  const local = createLocalLock();

  // The heartbeat says "this instance is alive"; its locks are safe from takeover while it lasts.
  const instanceKey = INSTANCE_PREFIX + instanceId;
  let beatFailing = false;
  // Reported once per outage (the connection's own errors are logged by watchConnection).
  const beat = (): Promise<unknown> =>
    redis.set(instanceKey, String(process.pid), 'PX', instanceTtlMs).then(
      () => void (beatFailing = false),
      (error: unknown) => {
        if (!beatFailing) onError('redis heartbeat failed', { error: errorText(error) });
        beatFailing = true;
      },
    );
  let alive = beat();
  const heartbeat = setInterval(() => {
    alive = beat();
  }, Math.max(1, Math.floor(instanceTtlMs / 3)));
  heartbeat.unref();

  async function acquire(lockKey: string, value: string): Promise<void> {
    await alive;
    const deadline = Date.now() + waitMs;
    for (;;) {
      const taken = await redisCall(() => redis.eval(ACQUIRE, 1, lockKey, value, String(ttlMs), INSTANCE_PREFIX));
      if (taken === 2) onError('redis lock taken over from an instance without heartbeat', { level: 'warn', lock: lockKey });
      if (taken !== 0) return;
      if (Date.now() + retryMs > deadline) throw new LockTimeoutError(lockKey, waitMs);
      await sleep(retryMs);
    }
  }

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      return local.run(key, async () => {
        const lockKey = prefix + key;
        const token = `${instanceId}|${randomUUID()}`;
        await acquire(lockKey, token);
        let finished = false;
        const renewal = setInterval(() => {
          redis.eval(EXTEND, 1, lockKey, token, String(ttlMs)).then(
            (extended) => {
              // The version check in commitTurn still refuses a lost update; this says why it happened.
              if (extended !== 1 && !finished) onError('redis lock was lost while its task was running', { lock: lockKey });
            },
            (error: unknown) => onError('redis lock could not be extended', { lock: lockKey, error: errorText(error) }),
          );
        }, Math.max(1, Math.floor(ttlMs / 3)));
        try {
          return await task();
        } finally {
          finished = true;
          clearInterval(renewal);
          // The task's work is done (a turn is committed): a failed release must not turn it into
          // an error the client would retry. The lock then expires by itself after ttlMs.
          await redis.eval(RELEASE, 1, lockKey, token).catch((error: unknown) => onError('redis lock release failed', { lock: lockKey, error: errorText(error) }));
        }
      });
    },

    async close() {
      await local.close();
      clearInterval(heartbeat);
      await redis.del(instanceKey).catch(() => undefined);
    },
  };
}

/** A Redis command whose failure means "Redis is not there" becomes UnavailableError (503). */
export async function redisCall<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    // Script errors are bugs and stay as they are; everything else here is connection trouble.
    if (error instanceof Error && error.name === 'ReplyError') throw error;
    throw new UnavailableError('redis', `Redis unavailable: ${errorText(error)}`, { cause: error });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Event bus across instances over Redis pub/sub (a subscribed connection can do nothing else, hence two). */
export function createRedisBus(url: string, onError: ErrorSink = stderrSink): EventBus {
  const publisher = new Redis(url, { maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url);
  // Without a listener ioredis prints every reconnection failure as plain text on stderr.
  watchConnection(publisher, 'publisher', onError);
  watchConnection(subscriber, 'subscriber', onError);
  // `ready` settles when Redis confirmed SUBSCRIBE, so no caller returns before messages can arrive.
  const channels = new Map<string, { handlers: Set<(message: string) => void>; ready: Promise<unknown> }>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of channels.get(channel)?.handlers ?? []) deliver(handler, message);
  });

  return {
    async publish(channel, message) {
      await redisCall(() => publisher.publish(channel, message));
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

/**
 * Connection errors of one Redis client to the JSON log: the first of a run of failures, then at
 * most one every 10 s, and one line when the connection is back.
 */
export function watchConnection(redis: Redis, name: string, onError: ErrorSink): void {
  let lastReported = 0;
  let failing = false;
  redis.on('error', (error: unknown) => {
    failing = true;
    const now = Date.now();
    if (now - lastReported < 10_000) return;
    lastReported = now;
    onError('redis connection error', { connection: name, error: errorText(error) });
  });
  redis.on('ready', () => {
    if (!failing) return;
    failing = false;
    lastReported = 0;
    onError('redis connection restored', { level: 'info', connection: name });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
