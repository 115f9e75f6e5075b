import { Router } from 'express';
import { z } from 'zod';
import { checkAgentName, shopOf } from './auth.ts';
import type { AppDeps } from './context.ts';
import { PRESENCE_TTL_MS } from './presence.ts';
import { parseBody } from './validate.ts';

/** The agents' presence under /api/v1/agents: their screens report online/offline as a heartbeat. */

export const PresenceBodySchema = z.strictObject({ agent: z.string().trim().min(1).max(64), online: z.boolean() });

export function agentRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/presence', async (req, res) => {
    const { agent, online } = parseBody(PresenceBodySchema, req.body);
    checkAgentName(req, agent);
    const shopId = shopOf(req).shop.id;
    await deps.presence.report(shopId, agent, online);
    res.json({ online: deps.presence.onlineAgents(shopId) ?? [], ttlSeconds: PRESENCE_TTL_MS / 1000 });
  });

  router.get('/online', (req, res) => {
    // null: no agent of the shop ever reported (the engine assumes agents during working hours).
    res.json({ online: deps.presence.onlineAgents(shopOf(req).shop.id) ?? null });
  });

  return router;
}
