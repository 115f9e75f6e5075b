import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy the test controls, between kefu and a shared server (PostgreSQL, Redis): `down()`
 * cuts every connection and refuses new ones, as if the server went away; `up()` listens again on
 * the same port. The shared servers themselves are never stopped (other test files use them).
 */
export interface TcpProxy {
  port: number;
  /** `host:port` of the proxy. */
  address: string;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Cuts the open connections but keeps accepting new ones. */
  cut(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = async (): Promise<void> => {
    const next = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };

  const cut = (): void => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  const down = async (): Promise<void> => {
    const current = server;
    server = undefined;
    cut();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get address() {
      return `127.0.0.1:${port}`;
    },
    down,
    up: listen,
    cut,
    close: down,
  };
}
