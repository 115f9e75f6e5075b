import { EventEmitter } from 'node:events';
import type { EventBus } from './types.ts';
import { deliver } from './deliver.ts';

/** Single-instance event bus (the default without Redis): delivers to this process's subscribers. */
export function createLocalBus(): EventBus {
  const emitter = new EventEmitter();
  // Every open conversation view may subscribe; the default limit of 10 would warn spuriously.
  emitter.setMaxListeners(0);
  return {
    async publish(channel, message) {
      emitter.emit(channel, message);
    },
    async subscribe(channel, onMessage) {
      const listener = (message: string): void => deliver(onMessage, message);
      emitter.on(channel, listener);
      return async () => {
        emitter.off(channel, listener);
      };
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
