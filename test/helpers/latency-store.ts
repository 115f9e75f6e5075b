import type { Store } from '../../src/store/types.ts';

/**
 * The SQLite store answers within the same tick, which would hide races a networked database
 * shows. This wrapper delays every store call by a few random milliseconds, like real I/O.
 */
export function withLatency(store: Store, maxMs = 3): Store {
  const wait = () => new Promise((resolve) => setTimeout(resolve, Math.random() * maxMs));
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        await wait();
        const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
        await wait();
        return result;
      };
    },
  });
}
