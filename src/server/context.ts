import type { ConversationLock, Store } from '../store/types.ts';
import type { LiveFeed } from './live.ts';
import type { Metrics } from './metrics.ts';
import type { Presence } from './presence.ts';
import type { ShopRuntime } from './shop-runtime.ts';

/** What the logs need; the server logs through pino (logger.ts), tests pass a silent one. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger adding `bindings` to every line (the request id). */
  child?(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = { info() {}, error() {} };

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
  /** Live updates for the agents' screens (GET /api/v1/events); `store` publishes its writes on it. */
  live: LiveFeed;
  /** Pings Redis when instances share one (reported by /healthz). */
  redisHealth?: () => Promise<void>;
}

/** Turns of one conversation share this key; the shop is part of it (ids are per shop). */
export const conversationKey = (shopId: string, conversationId: string): string => `${shopId}:${conversationId}`;
