import type { ConversationLock, Store } from '../store/types.ts';
import type { Metrics } from './metrics.ts';
import type { Presence } from './presence.ts';
import type { ShopRuntime } from './shop-runtime.ts';

/** What the logs need; the server prints JSON lines, tests pass a silent one. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, error() {} };

/** One JSON object per line on stderr (stdout stays for the CLI's own output). */
export const jsonLogger: Logger = {
  info: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), message, ...fields })}\n`),
  error: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), message, ...fields })}\n`),
};

/** The app's dependencies: the store, the per-conversation lock, the shops served, a clock. */
export interface AppDeps {
  store: Store;
  lock: ConversationLock;
  shops: ReadonlyMap<string, ShopRuntime>;
  clock: () => Date;
  metrics: Metrics;
  logger: Logger;
  /** Which agents are online (hand-offs nobody can take go to the handover log). */
  presence: Presence;
  /** Pings Redis when instances share one (reported by /healthz). */
  redisHealth?: () => Promise<void>;
}

/** Turns of one conversation share this key; the shop is part of it (ids are per shop). */
export const conversationKey = (shopId: string, conversationId: string): string => `${shopId}:${conversationId}`;
