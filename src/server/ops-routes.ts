import { Router } from 'express';
import type { AppDeps } from './context.ts';
import { RETRY_AFTER_SECONDS } from './errors.ts';
import { METRICS_CONTENT_TYPE } from './metrics.ts';

/** A health check that hangs (a half-open connection) counts as down, so the load balancer gets an answer. */
const HEALTH_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Unauthenticated endpoints for load balancers and Prometheus. */
export function opsRoutes(deps: AppDeps): Router {
  const router = Router();

  // Each dependency answers for itself, so an operator sees which one is down.
  router.get('/healthz', async (_req, res) => {
    const checks: Record<string, () => Promise<void>> = { store: () => deps.store.health(), ...(deps.redisHealth ? { redis: deps.redisHealth } : {}) };
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), HEALTH_TIMEOUT_MS);
          return [name, 'ok'] as const;
        } catch (err) {
          deps.logger.error('health check failed', { dependency: name, error: err instanceof Error ? err.message : String(err) });
          return [name, 'down'] as const;
        }
      }),
    );
    const down = results.filter(([, state]) => state === 'down').map(([name]) => name);
    if (down.length > 0) {
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(503).json({
        status: 'unavailable',
        checks: Object.fromEntries(results),
        error: { code: 'unavailable', message: `${down.map((name) => (name === 'store' ? '数据库' : 'Redis')).join('、')}不可用` },
      });
      return;
    }
    res.json({ status: 'ok', store: deps.store.kind, checks: Object.fromEntries(results) });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(METRICS_CONTENT_TYPE).send(await deps.metrics.expose());
  });

  return router;
}
