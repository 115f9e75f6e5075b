import { DEMO_API_KEY } from '../../src/server/auth.ts';
import { webAppOptions } from '../../src/server/web-app.ts';
import { startTestServer, type TestServer } from './http-server.ts';

/**
 * The API test server (demo shop and a second shop, SQLite in memory) with the web parts mounted
 * with `webAppOptions` as `kefu serve` mounts them: notebooks and inbox under /api/v1, the pages at the root. The
 * clock is the test's to move.
 */
export interface WebTestServer {
  url: string;
  server: TestServer;
  /** The server's clock; assign `value` to move time. */
  now: { value: Date };
  /** A raw fetch under /api/v1 with the demo key (or `key`): for headers and CSV bodies. */
  api(path: string, init?: { body?: unknown; key?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startWebTestServer(now: Date): Promise<WebTestServer> {
  const clock = { value: now };
  const server = await startTestServer({ clock: () => clock.value, app: webAppOptions });
  return {
    url: server.url,
    server,
    now: clock,
    api(path, init = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${init.key ?? DEMO_API_KEY}` };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${server.url}/api/v1${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    },
    close: () => server.close(),
  };
}
