import type { ConversationLock } from './types.ts';

/**
 * In-process conversation lock: one promise chain per key. Tasks of one key run one at a time in
 * arrival order; different keys run concurrently. A failing task rejects only its own caller. When a
 * key's last task settles its entry is removed, so the map holds only keys with work pending.
 */
export interface LocalLock extends ConversationLock {
  /** Keys with queued or running tasks (for tests and metrics). */
  readonly pendingKeys: number;
}

export function createLocalLock(): LocalLock {
  const tails = new Map<string, Promise<void>>();
  let closed = false;

  return {
    get pendingKeys() {
      return tails.size;
    },

    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('conversation lock is closed'));
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      // The chain continues whether this task succeeds or fails.
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },

    /** Refuses new tasks and waits for the queued ones (graceful shutdown). */
    async close(): Promise<void> {
      closed = true;
      await Promise.all(tails.values());
    },
  };
}
