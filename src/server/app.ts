import express, { type Express, type Router } from 'express';
import { agentRoutes } from './agent-routes.ts';
import { authenticate, authorize } from './auth.ts';
import type { AppDeps } from './context.ts';
import { conversationRoutes } from './conversation-routes.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import { errorHandler, unknownRoute } from './errors.ts';
import { eventsRoutes } from './events-routes.ts';
import { loggerOf, requestLogging } from './logger.ts';
import { opsRoutes } from './ops-routes.ts';
import { UnavailableError } from '../store/types.ts';
import { toolRoutes } from './tool-routes.ts';
import { rejectUnstorableText, requireJsonBody } from './validate.ts';

/** Builds a router from the app's dependencies (store, lock, shops, clock, metrics, logger). */
export type RouterFactory = (deps: AppDeps) => Router;

/**
 * The HTTP app (express 5: a rejected async handler reaches the error handler by itself).
 *
 * Mount points for other parts of kefu:
 * - `apiRouters` are mounted under /api/v1 after authentication and the JSON body parser, so
 *   `shopOf(req)` (src/server/auth.ts) gives the key's shop (e.g. the notebooks router);
 * - `routers` are mounted at the root without authentication (e.g. the web pages).
 * Both run before the JSON 404 and the error handler; throw `HttpError` for a JSON error answer.
 */
export interface AppOptions {
  apiRouters?: RouterFactory[];
  routers?: RouterFactory[];
}

export const API_PREFIX = '/api/v1';
export const BODY_LIMIT = '64kb';

export function createApp(deps: AppDeps, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are computed per request (a turn is never fetched twice), so hashing every JSON body
  // for an ETag only costs; static pages keep their own (express.static / sendFile).
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(requestLogging(deps.logger));
  app.use(opsRoutes(deps));

  const api = express.Router();
  api.use(authenticate(deps.store, deps.shops));
  api.use(authorize);
  api.use(requireJsonBody);
  // strict: false lets any JSON value through so that the schema, not the parser, explains what is wrong.
  api.use(express.json({ limit: BODY_LIMIT, strict: false }));
  api.use(rejectUnstorableText);
  api.use('/conversations', conversationRoutes(deps));
  api.use('/agents', agentRoutes(deps));
  api.use(toolRoutes());
  api.use(eventsRoutes(deps));
  api.use(deliveryRoutes(deps));
  for (const router of options.apiRouters ?? []) api.use(router(deps));
  app.use(API_PREFIX, api);

  for (const router of options.routers ?? []) app.use(router(deps));

  app.use(unknownRoute);
  app.use(
    errorHandler({
      onError(code, err, req) {
        deps.metrics.httpErrors.inc({ code });
        if (err === undefined) return;
        const log = loggerOf(req, deps.logger);
        // A dependency that is down is an operations warning with its reason, not a stack trace.
        if (err instanceof UnavailableError) (log.warn ?? log.error)('dependency unavailable', { service: err.service, error: err.message });
        else log.error('request failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      },
    }),
  );
  return app;
}
