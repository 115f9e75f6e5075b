import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisBus, createRedisLock, LockTimeoutError } from '../../src/store/redis.ts';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/services.ts';

const available = await redisAvailable();
// Random per run: parallel runs never share lock keys or channels; everything under it is removed.
const prefix = `kefu-test:${randomBytes(6).toString('hex')}:`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)('Redis', () => {
  const connections: Redis[] = [];
  const connect = (): Redis => {
    const redis = new Redis(TEST_REDIS_URL);
    connections.push(redis);
    return redis;
  };

  afterAll(async () => {
    const admin = connections[0] ?? connect();
    const leftover = await admin.keys(`${prefix}*`);
    if (leftover.length > 0) await admin.del(...leftover);
    await Promise.all(connections.map((redis) => redis.quit()));
    // Released locks delete their keys: nothing should have been left to clean.
    expect(leftover).toEqual([]);
  });

  it('never overlaps tasks of one key across two instances, and runs them all', async () => {
    const a = createRedisLock(connect(), { prefix, ttlMs: 2000, retryMs: 5 });
    const b = createRedisLock(connect(), { prefix, ttlMs: 2000, retryMs: 5 });
    let running = 0;
    let maxRunning = 0;
    const done: number[] = [];
    const task = (n: number) => async (): Promise<number> => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(3 + (n % 4) * 3);
      running--;
      done.push(n);
      return n;
    };
    const results = await Promise.all(Array.from({ length: 16 }, (_, n) => (n % 2 === 0 ? a : b).run('conv-1', task(n))));
    expect(results).toEqual(Array.from({ length: 16 }, (_, n) => n));
    expect(maxRunning).toBe(1);
    expect(done.sort((x, y) => x - y)).toEqual(results);
    // Within one instance the arrival order holds.
    const fromA = done.filter((n) => n % 2 === 0);
    expect(fromA).toEqual([...fromA].sort((x, y) => x - y));
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps arrival order within one instance', async () => {
    const lock = createRedisLock(connect(), { prefix });
    const order: number[] = [];
    await Promise.all([30, 10, 1].map((ms, i) => lock.run('conv-order', async () => {
      await sleep(ms);
      order.push(i);
    })));
    expect(order).toEqual([0, 1, 2]);
  });

  it('extends the lock while a task runs longer than the TTL', async () => {
    const redis = connect();
    const holder = createRedisLock(redis, { prefix, ttlMs: 150, retryMs: 10 });
    const other = createRedisLock(connect(), { prefix, ttlMs: 150, retryMs: 10, waitMs: 100 });
    let otherRan = false;
    const slow = holder.run('conv-slow', async () => {
      await sleep(300); // twice the TTL: without renewal the key would have expired
      await expect(other.run('conv-slow', async () => (otherRan = true))).rejects.toBeInstanceOf(LockTimeoutError);
      expect(await redis.pttl(`${prefix}conv-slow`)).toBeGreaterThan(0);
      return 'slow done';
    });
    await expect(slow).resolves.toBe('slow done');
    expect(otherRan).toBe(false);
    expect(await redis.exists(`${prefix}conv-slow`)).toBe(0);
    await expect(other.run('conv-slow', async () => 'now free')).resolves.toBe('now free');
  });

  it('gives up with a clear error when the lock stays taken', async () => {
    const redis = connect();
    await redis.set(`${prefix}conv-taken`, 'someone-else', 'PX', 5000);
    const lock = createRedisLock(redis, { prefix, waitMs: 80, retryMs: 10 });
    let ran = false;
    const attempt = lock.run('conv-taken', async () => (ran = true));
    await expect(attempt).rejects.toThrow(LockTimeoutError);
    await expect(attempt).rejects.toThrow('会话正忙');
    expect(ran).toBe(false);
    expect(await redis.get(`${prefix}conv-taken`)).toBe('someone-else');
    await redis.del(`${prefix}conv-taken`);
  });

  it('releases only its own lock', async () => {
    const redis = connect();
    const lock = createRedisLock(redis, { prefix });
    await lock.run('conv-stolen', async () => {
      // As if our lock expired and another instance took it meanwhile.
      await redis.set(`${prefix}conv-stolen`, 'new-owner', 'PX', 5000);
    });
    expect(await redis.get(`${prefix}conv-stolen`)).toBe('new-owner');
    await redis.del(`${prefix}conv-stolen`);
  });

  it('releases the lock when a task fails, and the next task runs', async () => {
    const redis = connect();
    const lock = createRedisLock(redis, { prefix });
    await expect(lock.run('conv-fail', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await redis.exists(`${prefix}conv-fail`)).toBe(0);
    await expect(lock.run('conv-fail', async () => 'next')).resolves.toBe('next');
  });

  it('publishes and subscribes across two connections', async () => {
    const publisher = createRedisBus(TEST_REDIS_URL);
    const listener = createRedisBus(TEST_REDIS_URL);
    const channel = `${prefix}conv-1`;
    const got: string[] = [];
    const arrived = new Promise<void>((resolve) => {
      void listener.subscribe(channel, (message) => {
        got.push(message);
        if (got.length === 2) resolve();
      });
    });
    const second: string[] = [];
    const unsubscribeSecond = await listener.subscribe(channel, (message) => second.push(message));
    await publisher.publish(`${prefix}elsewhere`, 'not for us');
    await publisher.publish(channel, '新消息：在吗😀');
    await unsubscribeSecond();
    await publisher.publish(channel, JSON.stringify({ owner: 'agent' }));
    await arrived;
    expect(got).toEqual(['新消息：在吗😀', '{"owner":"agent"}']);
    expect(second.length).toBeLessThanOrEqual(1);
    expect(second.every((m) => m === '新消息：在吗😀')).toBe(true);
    await Promise.all([publisher.close(), listener.close()]);
  });
});
