import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadScripts } from '../../src/dialogue/scripts.ts';
import { defaultClassifier } from '../../src/nlu/default-classifier.ts';
import { DEMO_NOW, loadDemoOrderProvider } from '../../src/orders/demo-provider.ts';
import { createApp, type AppOptions } from '../../src/server/app.ts';
import { DEMO_API_KEY, hashApiKey } from '../../src/server/auth.ts';
import { silentLogger, type AppDeps } from '../../src/server/context.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { shopsById, type ShopRuntime } from '../../src/server/shop-runtime.ts';
import { loadDemoShop } from '../../src/shop/load.ts';
import { createLocalLock } from '../../src/store/queue.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { ConversationLock, EventBus, Store } from '../../src/store/types.ts';
import { createLocalBus } from '../../src/store/local-bus.ts';
import { createPresence } from '../../src/server/presence.ts';
import { createLiveFeed, withLiveEvents } from '../../src/server/live.ts';

/** A second shop (a copy of the demo shop under another id) and its key, for cross-shop tests. */
export const OTHER_SHOP_ID = 'other-shop';
export const OTHER_SHOP_KEY = 'other-shop-key';

export function demoRuntime(): ShopRuntime {
  const shop = loadDemoShop();
  return { shop, scripts: loadScripts(), orders: loadDemoOrderProvider(shop), classifier: defaultClassifier() };
}

function otherRuntime(): ShopRuntime {
  const demo = demoRuntime();
  return { ...demo, shop: { ...demo.shop, id: OTHER_SHOP_ID, name: '别家小店' } };
}

export interface TestServer {
  url: string;
  deps: AppDeps;
  store: Store;
  /** fetch with the demo key (or `key`), JSON in and out. */
  call(method: string, path: string, body?: unknown, key?: string | null): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { store?: Store; lock?: ConversationLock; bus?: EventBus; liveChannel?: string; clock?: () => Date; app?: AppOptions; redisHealth?: () => Promise<void> } = {},
): Promise<TestServer> {
  const store = options.store ?? new SqliteStore(':memory:');
  await store.migrate();
  await store.putApiKey(demoRuntime().shop.id, hashApiKey(DEMO_API_KEY), 'demo');
  await store.putApiKey(OTHER_SHOP_ID, hashApiKey(OTHER_SHOP_KEY), 'test');
  const lock = options.lock ?? createLocalLock();
  const clock = options.clock ?? (() => DEMO_NOW);
  const bus = options.bus ?? createLocalBus();
  const live = await createLiveFeed(bus, options.liveChannel ? { channel: options.liveChannel } : {});
  const deps: AppDeps = {
    store: withLiveEvents(store, live),
    live,
    lock,
    shops: shopsById([demoRuntime(), otherRuntime()]),
    // The demo orders are dated relative to DEMO_NOW (a Thursday afternoon, within working hours).
    clock,
    metrics: createMetrics(),
    logger: silentLogger,
    presence: await createPresence(bus, clock),
    ...(options.redisHealth ? { redisHealth: options.redisHealth } : {}),
  };
  const server = createServer(createApp(deps, options.app));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    store,
    async call(method, path, body, key = DEMO_API_KEY) {
      const headers: Record<string, string> = {};
      if (key !== null) headers.authorization = `Bearer ${key}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: res.headers };
    },
    async close() {
      await live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.presence.close();
      await lock.close();
      await bus.close();
      await store.close().catch(() => undefined);
    },
  };
}
