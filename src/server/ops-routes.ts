import { Router } from 'express';
import type { AppDeps } from './context.ts';
import { HttpError } from './errors.ts';
import { METRICS_CONTENT_TYPE } from './metrics.ts';

/** Unauthenticated endpoints for load balancers and Prometheus. */
export function opsRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    try {
      await deps.store.health();
    } catch (err) {
      deps.logger.error('health check failed', { error: err instanceof Error ? err.message : String(err) });
      throw new HttpError('unavailable', '数据库不可用');
    }
    res.json({ status: 'ok', store: deps.store.kind });
  });

  router.get('/metrics', (_req, res) => {
    res.type(METRICS_CONTENT_TYPE).send(deps.metrics.expose());
  });

  return router;
}
