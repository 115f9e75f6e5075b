import { Router } from 'express';
import { z } from 'zod';
import { OutboxStateSchema } from '../store/types.ts';
import { shopOf } from './auth.ts';
import type { AppDeps } from './context.ts';
import { notFound } from './errors.ts';
import { parseParams, parseQuery } from './validate.ts';

const RetryParamsSchema = z.object({ eventId: z.string().regex(/^evt_[0-9a-f]{1,64}$/) });

/**
 * GET /api/v1/notebooks/deliveries: the shop's webhook deliveries by state — `dead` (the
 * dead-letter list: given up after every retry, default), `pending` (waiting for a retry, with the
 * last error) or `delivered` — newest first. POST …/deliveries/:eventId/retry puts a dead event
 * back in line (once the receiver is fixed). Admin keys only (the /notebooks rule in auth.ts).
 */

export const DELIVERIES_LIMIT = { default: 100, max: 500 } as const;
const QuerySchema = z.strictObject({
  state: OutboxStateSchema.default('dead'),
  limit: z.coerce.number().int().min(1).max(DELIVERIES_LIMIT.max).default(DELIVERIES_LIMIT.default),
});

export function deliveryRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/notebooks/deliveries', async (req, res) => {
    const { state, limit } = parseQuery(QuerySchema, req.query);
    const rows = await deps.store.listOutbox(shopOf(req).shop.id, state, limit);
    res.json({
      state,
      deliveries: rows.map((r) => ({
        id: r.eventId,
        type: r.type,
        target: r.target,
        conversationId: r.conversationId,
        createdAt: r.createdAt,
        attempts: r.attempts,
        nextAttemptAt: r.nextAttemptAt,
        ...(r.lastError !== undefined ? { lastError: r.lastError } : {}),
        ...(r.deliveredAt !== undefined ? { deliveredAt: r.deliveredAt } : {}),
        data: r.data,
      })),
    });
  });
  router.post('/notebooks/deliveries/:eventId/retry', async (req, res) => {
    const { eventId } = parseParams(RetryParamsSchema, req.params);
    const requeued = await deps.store.requeueOutbox(shopOf(req).shop.id, eventId, deps.clock().toISOString());
    if (requeued === 0) throw notFound('死信列表里没有这个事件');
    res.json({ id: eventId, requeued });
  });

  return router;
}
