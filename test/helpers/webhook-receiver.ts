import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature, type WebhookPayload } from '../../src/server/webhooks.ts';

/**
 * A channel's webhook endpoint for tests: checks every signature as the README tells receivers to,
 * records what it accepted, and can be down (port closed) or failing (HTTP 500) for a while.
 */
export interface WebhookReceiver {
  url: string;
  /** Every accepted delivery, repeats included, in arrival order. */
  received: WebhookPayload[];
  /** Deliveries refused because the signature did not check out. */
  badSignatures: number;
  failWith?: number;
  up(): Promise<void>;
  down(): Promise<void>;
}

export async function startWebhookReceiver(secret: string, options: { startDown?: boolean } = {}): Promise<WebhookReceiver> {
  let server: Server | undefined;
  let port = 0;
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    badSignatures: 0,
    async up() {
      const next = createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (c: string) => (body += c));
        req.on('end', () => {
          const header = req.headers['kefu-signature'];
          if (!verifySignature(secret, Array.isArray(header) ? header[0] : header, body, Math.floor(Date.now() / 1000))) {
            receiver.badSignatures++;
            res.writeHead(401).end();
            return;
          }
          if (receiver.failWith !== undefined) {
            res.writeHead(receiver.failWith).end();
            return;
          }
          receiver.received.push(JSON.parse(body) as WebhookPayload);
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve));
      port = (next.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${port}/hook`;
      server = next;
    },
    async down() {
      const current = server;
      server = undefined;
      if (!current) return;
      current.closeAllConnections();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
  await receiver.up();
  if (options.startDown) await receiver.down();
  return receiver;
}
