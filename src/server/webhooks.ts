import { createHmac, randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type { Shop, WebhookEventType } from '../shop/schema.ts';
import type { NewOutboxEvent, OutboxRecord, Store } from '../store/types.ts';
import type { Logger } from './context.ts';
import type { ShopRuntime } from './shop-runtime.ts';

/**
 * Signed webhooks to the shop's channel, fed by the outbox: the events are written in the same
 * transaction as what caused them (a turn's reply or hand-off, an agent's reply), then a worker
 * POSTs each to every endpoint that asked for its type, retrying with exponential backoff until
 * the endpoint answers 2xx, and after MAX_ATTEMPTS puts it on the dead-letter list. Delivery is
 * at least once; `id` is the same on every attempt, so the receiver drops repeats.
 *
 * Body: `{"id","type","createdAt","shopId","conversationId","data"}`. Headers: `Kefu-Event-Id`,
 * `Kefu-Event-Type`, `Kefu-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 */

export const SIGNATURE_HEADER = 'kefu-signature';
/** A receiver refuses signatures older than this (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
export const MAX_ATTEMPTS = 12;

export interface WebhookPayload {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  shopId: string;
  conversationId: string;
  data: Record<string, unknown>;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** What a receiver does (the README shows the same in a few lines): the signature matches and is recent. */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, timestamp, body).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

/** Delay before attempt `attempts + 1`: 2 s, 4 s, 8 s … capped at 15 minutes, with ±20 % jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random, baseMs = 2000, maxMs = 15 * 60_000): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

/** A new event id (the same for every endpoint and every attempt). */
export const newEventId = (): string => `evt_${randomUUID().replace(/-/g, '')}`;

/** An event id derived from what it is about, so that finding it twice enqueues it once. */
export const derivedEventId = (...parts: string[]): string => `evt_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;

/** The outbox rows of one event: one per endpoint of the shop that wants this type. */
export function outboxFor(
  shop: Shop,
  event: { type: WebhookEventType; conversationId: string; data: Record<string, unknown>; at: string; eventId?: string; messageIndex?: number },
): NewOutboxEvent[] {
  const endpoints = shop.webhooks.filter((w) => w.events.includes(event.type));
  if (endpoints.length === 0) return [];
  const eventId = event.eventId ?? newEventId();
  return endpoints.map((w) => ({
    eventId,
    type: event.type,
    target: w.url,
    conversationId: event.conversationId,
    data: event.data,
    createdAt: event.at,
    ...(event.messageIndex !== undefined ? { messageIndex: event.messageIndex } : {}),
  }));
}

export interface WebhookWorkerOptions {
  store: Store;
  shops: ReadonlyMap<string, ShopRuntime>;
  clock: () => Date;
  logger: Logger;
  /** Pause between polls of the outbox (default 500 ms). */
  intervalMs?: number;
  /** Per delivery attempt (default 5 s). */
  timeoutMs?: number;
  /** Backoff before the next attempt, from the attempts made so far (default `backoffMs`). */
  backoff?: (attempts: number) => number;
  /** How often overdue promises are looked for (default 30 s). */
  overdueEveryMs?: number;
  /** Told the outcome of every attempt (metrics). */
  onOutcome?: (outcome: 'delivered' | 'retry' | 'dead') => void;
}

export interface WebhookWorker {
  /** One poll: enqueue overdue promises when due, deliver what is due. Resolves when done. */
  runOnce(): Promise<void>;
  close(): Promise<void>;
}

const BATCH = 20;
const OVERDUE_LOOKBACK_DAYS = 30;

export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { store, shops, clock, logger } = options;
  const timeoutMs = options.timeoutMs ?? 5000;
  const backoff = options.backoff ?? ((attempts: number) => backoffMs(attempts));
  const overdueEveryMs = options.overdueEveryMs ?? 30_000;
  let lastOverdueScan = 0;
  let closed = false;
  let running: Promise<void> = Promise.resolve();

  async function deliver(row: OutboxRecord): Promise<void> {
    const shop = shops.get(row.shopId)?.shop;
    const endpoint = shop?.webhooks.find((w) => w.url === row.target);
    const at = clock().toISOString();
    if (!endpoint) {
      // Another instance serves that shop, or the endpoint was removed: leave it to the one that knows it.
      if (!shop) return;
      await store.settleOutbox(row.id, { state: 'dead', at, error: '店铺配置里已没有这个 webhook 地址' });
      return;
    }
    const payload: WebhookPayload = { id: row.eventId, type: row.type as WebhookEventType, createdAt: row.createdAt, shopId: row.shopId, conversationId: row.conversationId, data: row.data };
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(clock().getTime() / 1000);
    let error: string | undefined;
    try {
      const res = await fetch(row.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'kefu-event-id': row.eventId, 'kefu-event-type': row.type, [SIGNATURE_HEADER]: signature(endpoint.secret, timestamp, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        await store.settleOutbox(row.id, { state: 'delivered', at: clock().toISOString() });
        options.onOutcome?.('delivered');
        return;
      }
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    }
    const attempts = row.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      await store.settleOutbox(row.id, { state: 'dead', at, error });
      options.onOutcome?.('dead');
      logger.error('webhook gave up', { eventId: row.eventId, target: row.target, attempts, error });
      return;
    }
    const nextAttemptAt = new Date(clock().getTime() + backoff(attempts)).toISOString();
    await store.settleOutbox(row.id, { state: 'pending', at, nextAttemptAt, error });
    options.onOutcome?.('retry');
    logger.info('webhook delivery failed, will retry', { eventId: row.eventId, target: row.target, attempts, nextAttemptAt, error });
  }

  /** Promises past their due time and not kept: one `promise.overdue` each (the id makes it once). */
  async function enqueueOverdue(now: Date): Promise<void> {
    const since = new Date(now.getTime() - OVERDUE_LOOKBACK_DAYS * 86_400_000).toISOString();
    for (const { shop } of shops.values()) {
      if (!shop.webhooks.some((w) => w.events.includes('promise.overdue'))) continue;
      const events = await store.events(shop.id, { kinds: ['promise', 'promise_kept'], from: since });
      const kept = new Set(events.filter((e) => e.kind === 'promise_kept').map((e) => `${e.conversationId}\u0000${String(e.data.id)}`));
      for (const e of events) {
        const dueAt = typeof e.data.dueAt === 'string' ? e.data.dueAt : undefined;
        const promiseId = String(e.data.id);
        if (e.kind !== 'promise' || dueAt === undefined || dueAt > now.toISOString() || kept.has(`${e.conversationId}\u0000${promiseId}`)) continue;
        const eventId = derivedEventId(shop.id, e.conversationId, 'promise.overdue', promiseId);
        if (await store.hasOutboxEvent(shop.id, eventId)) continue;
        const data = { promiseId, kind: e.data.kind, text: e.data.text, dueAt, ...(typeof e.data.orderId === 'string' ? { orderId: e.data.orderId } : {}) };
        await store.enqueueOutbox(shop.id, outboxFor(shop, { type: 'promise.overdue', conversationId: e.conversationId, data, at: now.toISOString(), eventId }));
      }
    }
  }

  async function poll(): Promise<void> {
    const now = clock();
    if (now.getTime() - lastOverdueScan >= overdueEveryMs) {
      lastOverdueScan = now.getTime();
      await enqueueOverdue(now);
    }
    // A claimed row is leased for twice the timeout: a worker that dies mid-delivery releases it then.
    const rows = await store.claimOutbox(now.toISOString(), new Date(now.getTime() + 2 * timeoutMs).toISOString(), BATCH);
    await Promise.all(rows.map(deliver));
  }

  const runOnce = (): Promise<void> => {
    running = running.then(poll, poll);
    return running;
  };

  const timer = setInterval(() => {
    if (closed) return;
    runOnce().catch((err: unknown) => logger.error('webhook worker failed', { error: err instanceof Error ? err.message : String(err) }));
  }, options.intervalMs ?? 500);
  timer.unref();

  return {
    runOnce,
    async close() {
      closed = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
