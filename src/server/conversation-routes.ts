import { Router } from 'express';
import { z } from 'zod';
import { changeOwner, recordAgentReply } from './agent-actions.ts';
import { shopOf } from './auth.ts';
import type { AppDeps } from './context.ts';
import { loadView } from './conversation-view.ts';
import { notFound } from './errors.ts';
import { runBuyerTurn } from './turn.ts';
import { BuyerIdSchema, ConversationParamsSchema, parseBody, parseParams, parseQuery } from './validate.ts';

/** The conversation endpoints under /api/v1/conversations (the key's shop only). */

export const MAX_MESSAGE_CHARS = 2000;
const MessageText = z.string().trim().min(1).max(MAX_MESSAGE_CHARS);
const AgentName = z.string().trim().min(1).max(64);

export const BuyerMessageBodySchema = z.strictObject({
  buyerId: BuyerIdSchema,
  text: MessageText,
  mode: z.enum(['auto', 'assist']).optional(),
});
export const AgentReplyBodySchema = z.strictObject({ agent: AgentName, text: MessageText });
export const OwnerBodySchema = z.strictObject({ action: z.enum(['join', 'leave']), agent: AgentName });
const ViewQuerySchema = z.object({ buyerId: BuyerIdSchema });

export function conversationRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/:id/messages', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const body = parseBody(BuyerMessageBodySchema, req.body);
    res.json(await runBuyerTurn(deps, shopOf(req), id, body));
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const { buyerId } = parseQuery(ViewQuerySchema, req.query);
    const view = await loadView(deps.store, shopOf(req).shop.id, id);
    if (!view || view.buyerId !== buyerId) throw notFound();
    res.json(view);
  });

  router.post('/:id/agent-replies', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const body = parseBody(AgentReplyBodySchema, req.body);
    res.json(await recordAgentReply(deps, shopOf(req), id, body));
  });

  router.post('/:id/owner', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const body = parseBody(OwnerBodySchema, req.body);
    res.json(await changeOwner(deps, shopOf(req), id, body));
  });

  return router;
}
