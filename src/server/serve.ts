import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { loadScripts } from '../dialogue/scripts.ts';
import type { LlmConfig } from '../llm/config.ts';
import { defaultClassifier } from '../nlu/default-classifier.ts';
import { loadDemoOrderProvider } from '../orders/demo-provider.ts';
import { DEMO_SHOP_PATH, loadDemoShop, loadShop } from '../shop/load.ts';
import type { Shop } from '../shop/schema.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/types.ts';
import { createApp, type AppOptions } from './app.ts';
import { webAppOptions } from './web-app.ts';
import { DEMO_API_KEY, hashApiKey } from './auth.ts';
import type { Logger } from './context.ts';
import { openCoordination, type Coordination } from './coordination.ts';
import { createPresence } from './presence.ts';
import { createLiveFeed, withLiveEvents } from './live.ts';
import { createMetrics } from './metrics.ts';
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from './webhooks.ts';
import { noOrders, shopsById, type ShopRuntime } from './shop-runtime.ts';

/**
 * `kefu serve`: the store, the lock (in-process, or Redis across instances), one shop, the app on
 * an HTTP server, and a graceful close (stop accepting, finish in-flight turns, close the store).
 */

export interface ServeOptions {
  port: number;
  host: string;
  /** `sqlite:./data/kefu.db` or `postgres://…`. */
  databaseUrl: string;
  redisUrl?: string | undefined;
  /** A shop.yaml; without it the demo shop with its demo orders and demo key. */
  shopPath?: string | undefined;
  dataDir: string;
  /** The LLM endpoint's settings (loadLlmConfig); without them replies are the scripts as written. */
  llm?: LlmConfig | undefined;
  /** `kefu serve --llm`: rephrase even if the shop's config leaves it off (it needs `llm`). */
  llmOn?: boolean;
  logger: Logger;
  app?: AppOptions;
  /** In-flight requests get this long to finish on close before their connections are cut. */
  drainMs?: number;
  /** Webhook delivery tuning (poll interval, backoff, timeout); the defaults suit production. */
  webhookWorker?: Pick<WebhookWorkerOptions, 'intervalMs' | 'backoff' | 'timeoutMs' | 'overdueEveryMs'>;
  /** Time to receive a whole request (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  shop: Shop;
  store: Store;
  /** The demo key when the demo shop is served. */
  demoKey?: string;
  /** The model rephrasing replies, when the rephraser is on. */
  llmModel?: string;
  close(): Promise<void>;
}

/** Time to receive a request's headers, and the whole request (a JSON body is at most 64 KB). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;

export const defaultDatabaseUrl = (dataDir: string): string => `sqlite:${join(dataDir, 'kefu.db')}`;

const isDemoShop = (shopPath: string | undefined): boolean => shopPath === undefined || shopPath === DEMO_SHOP_PATH;

/** The rephraser is off by default: `--llm` or the shop's `llm.enabled` turns it on, given an endpoint. */
export class LlmSetupError extends Error {
  override readonly name = 'LlmSetupError';
}

/** `now` dates the demo orders (relative in demo/orders.yaml): the server's clock at start. */
function shopRuntime(shopPath: string | undefined, dataDir: string, llm: LlmConfig | undefined, llmOn: boolean, now: Date): ShopRuntime {
  const demo = isDemoShop(shopPath);
  const shop = shopPath === undefined || demo ? loadDemoShop() : loadShop(shopPath);
  const wanted = llmOn || shop.llm.enabled;
  if (wanted && llm === undefined) {
    throw new LlmSetupError(`${llmOn ? '--llm' : `店铺配置 llm.enabled`} 需要先设置 OPENAI_BASE_URL 和 KEFU_LLM_MODEL（见 .env.example）`);
  }
  return {
    shop,
    scripts: loadScripts(),
    orders: demo ? loadDemoOrderProvider(shop, now) : noOrders,
    classifier: defaultClassifier({ cacheDir: join(dataDir, 'cache') }),
    ...(wanted && llm ? { llm: { config: llm, tone: shop.llm.tone } } : {}),
  };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  // The database address first: a wrong one fails before the classifier is loaded.
  const logError = (message: string, fields: Record<string, unknown>): void => options.logger.error(message, fields);
  const store = await openStore(options.databaseUrl, { onError: logError });
  let shared: Coordination | undefined;
  let webhooks: WebhookWorker | undefined;
  try {
    const clock = () => new Date();
    const runtime = shopRuntime(options.shopPath, options.dataDir, options.llm, options.llmOn === true, clock());
    const isDemo = isDemoShop(options.shopPath);
    if (isDemo) await store.putApiKey(runtime.shop.id, hashApiKey(DEMO_API_KEY), 'demo');
    shared = await openCoordination(options.redisUrl, logError);
    const presence = await createPresence(shared.bus, clock);
    const shops = shopsById([runtime]);
    const metrics = createMetrics({ processMetrics: true });
    // Delivers the outbox to the shop's webhooks (nothing to do for a shop without any).
    webhooks = startWebhookWorker({ store, shops, clock, logger: options.logger, onOutcome: (outcome) => metrics.webhookDeliveries.inc({ outcome }), ...options.webhookWorker });
    const worker = webhooks;
    const live = await createLiveFeed(shared.bus);
    const app = createApp(
      { store: withLiveEvents(store, live), live, lock: shared.lock, shops, clock, metrics, logger: options.logger, presence, ...(shared.health ? { redisHealth: shared.health } : {}) },
      // The agent page, the notebooks and the inbox come with every server unless a test passes its own routers.
      options.app ?? webAppOptions,
    );
    // A client that sends less than its Content-Length, or its headers byte by byte, is cut off
    // (408) instead of holding a connection for Node's default five minutes.
    const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    const server = createServer(
      {
        requestTimeout,
        headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
        // Node checks the timeouts only this often (default 30 s).
        connectionsCheckingInterval: Math.min(1000, Math.ceil(requestTimeout / 2)),
      },
      app,
    );
    const address = await listen(server, options.port, options.host);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const coordination = shared;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      shop: runtime.shop,
      store,
      ...(isDemo ? { demoKey: DEMO_API_KEY } : {}),
      ...(runtime.llm ? { llmModel: runtime.llm.config.model } : {}),
      close() {
        closing ??= (async () => {
          // Event streams never finish by themselves: end them first so the drain is not held up.
          await live.close();
          const drained = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          const cut = setTimeout(() => server.closeAllConnections(), options.drainMs ?? 10_000);
          await drained;
          clearTimeout(cut);
          await worker.close();
          await presence.close();
          await coordination.close();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await webhooks?.close();
    await shared?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
