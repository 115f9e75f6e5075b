import { describe, expect, it } from 'vitest';
import { createLocalLock } from '../../src/store/queue.ts';
import { createLocalBus } from '../../src/store/local-bus.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createLocalLock', () => {
  it('runs tasks of one key one at a time, in arrival order', async () => {
    const lock = createLocalLock();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    // Later tasks are faster: without the queue they would finish first.
    const results = await Promise.all([lock.run('c1', task('a', 30)), lock.run('c1', task('b', 10)), lock.run('c1', task('c', 1))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys concurrently', async () => {
    const lock = createLocalLock();
    let running = 0;
    let maxRunning = 0;
    const task = async (): Promise<void> => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(20);
      running--;
    };
    await Promise.all(['a', 'b', 'c', 'd'].map((key) => lock.run(key, task)));
    expect(maxRunning).toBe(4);
  });

  it('does not let a failing task block or fail the next one', async () => {
    const lock = createLocalLock();
    const failing = lock.run('c1', async () => {
      throw new Error('boom');
    });
    const throwingSync = lock.run('c1', () => {
      throw new Error('sync boom');
    });
    const next = lock.run('c1', async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    await expect(throwingSync).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('ok');
  });

  it('forgets a key once its queue drains (no leak)', async () => {
    const lock = createLocalLock();
    const runs = Array.from({ length: 100 }, (_, i) => lock.run(`key-${i % 10}`, async () => i));
    expect(lock.pendingKeys).toBe(10);
    await Promise.all(runs);
    await lock.run('last', async () => sleep(1));
    await sleep(0);
    expect(lock.pendingKeys).toBe(0);
    await expect(lock.run('x', async () => Promise.reject(new Error('no')))).rejects.toThrow();
    await sleep(0);
    expect(lock.pendingKeys).toBe(0);
  });

  it('waits for queued tasks on close and refuses new ones', async () => {
    const lock = createLocalLock();
    let done = false;
    void lock.run('c1', async () => {
      await sleep(20);
      done = true;
    });
    await lock.close();
    expect(done).toBe(true);
    await expect(lock.run('c1', async () => 1)).rejects.toThrow('closed');
  });
});

describe('createLocalBus', () => {
  it('delivers to the channel subscribers until they unsubscribe', async () => {
    const bus = createLocalBus();
    const got: string[] = [];
    const unsubscribe = await bus.subscribe('conv:1', (m) => got.push(m));
    await bus.subscribe('conv:2', (m) => got.push(`other ${m}`));
    await bus.subscribe('conv:1', () => {
      throw new Error('a broken subscriber');
    });
    await bus.publish('conv:1', '新消息');
    await unsubscribe();
    await bus.publish('conv:1', 'unheard');
    expect(got).toEqual(['新消息']);
    await bus.close();
  });
});
