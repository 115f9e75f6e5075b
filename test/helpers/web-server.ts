import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { loadScripts } from '../../src/dialogue/scripts.ts';
import { defaultClassifier } from '../../src/nlu/default-classifier.ts';
import { loadDemoOrderProvider } from '../../src/orders/demo-provider.ts';
import { createApp } from '../../src/server/app.ts';
import { DEMO_API_KEY, hashApiKey } from '../../src/server/auth.ts';
import { silentLogger } from '../../src/server/context.ts';
import { inboxRouter } from '../../src/server/inbox-routes.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { notebooksRouter } from '../../src/server/notebooks-routes.ts';
import { shopsById } from '../../src/server/shop-runtime.ts';
import { webRouter } from '../../src/server/web-routes.ts';
import { loadDemoShop } from '../../src/shop/load.ts';
import { createLocalLock } from '../../src/store/queue.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';

/**
 * A real listening kefu server for the web tests: the demo shop, SQLite in memory, the notebooks,
 * inbox and web routers mounted the way `kefu serve` mounts them, and a clock the test moves.
 */
export interface TestServer {
  url: string;
  store: SqliteStore;
  /** The server's clock; assign to move time. */
  now: { value: Date };
  api(path: string, init?: { method?: string; body?: unknown; key?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(now: Date): Promise<TestServer> {
  const shop = loadDemoShop();
  const store = new SqliteStore(':memory:');
  await store.migrate();
  await store.putApiKey(shop.id, hashApiKey(DEMO_API_KEY), 'demo');
  const runtime = { shop, scripts: loadScripts(), orders: loadDemoOrderProvider(shop), classifier: defaultClassifier() };
  const clock = { value: now };
  const deps = { store, lock: createLocalLock(), shops: shopsById([runtime]), clock: () => clock.value, metrics: createMetrics(), logger: silentLogger };
  const apiRouters: Router[] = [notebooksRouter(deps), inboxRouter(deps)];
  const app = createApp(deps, { apiRouters, routers: [webRouter()] });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    now: clock,
    api(path, init = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${init.key ?? DEMO_API_KEY}` };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${url}/api/v1${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.lock.close();
      await store.close();
    },
  };
}
