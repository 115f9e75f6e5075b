import { Router, type Request } from 'express';
import { shopOf } from './auth.ts';
import type { AppDeps } from './context.ts';
import type { LiveEvent } from './live.ts';

/**
 * GET /api/v1/events: the shop's live updates as Server-Sent Events (text/event-stream). Each
 * event has an id, a type (`buyer_message`, `reply`, `suggestion`, `handoff`, `owner`) and JSON
 * data; a `reset` event says the missed events are gone and the screen should reload. A comment
 * line every `heartbeatMs` keeps proxies from closing an idle stream.
 *
 * EventSource cannot send headers, so besides `Authorization: Bearer` this route also takes the
 * key as `?key=` or the `kefu_key` cookie (see `streamKey` in auth.ts).
 */

export const HEARTBEAT_MS = 15_000;
/** How long EventSource waits before reconnecting. */
export const RETRY_MS = 2_000;

const frame = (event: LiveEvent): string =>
  `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ conversationId: event.conversationId, at: event.at, ...event.data })}\n\n`;

function lastEventId(req: Request): string | undefined {
  const header = req.headers['last-event-id'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const fromQuery = typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined;
  return fromHeader ?? fromQuery;
}

export function eventsRoutes(deps: AppDeps, heartbeatMs = HEARTBEAT_MS): Router {
  const router = Router();

  router.get('/events', (req, res) => {
    const shopId = shopOf(req).shop.id;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    const { replay, stop } = deps.live.listen(
      shopId,
      lastEventId(req),
      (event) => res.write(frame(event)),
      () => res.end(),
    );
    if (replay.kind === 'reset') res.write(`event: reset\ndata: {}\n\n`);
    else for (const event of replay.events) res.write(frame(event));
    const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
    req.on('close', () => {
      clearInterval(heartbeat);
      stop();
    });
  });

  return router;
}
