import { Router } from 'express';
import { z } from 'zod';
import { OwnerSchema } from '../store/types.ts';
import { answerUnanswered, changeOwner, keepConversationPromise, recordAgentReply } from './agent-actions.ts';
import { checkAgentName, shopOf } from './auth.ts';
import type { AppDeps } from './context.ts';
import { loadViewPage, MESSAGES_PAGE } from './conversation-view.ts';
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
  /** The marketplace's id of the message: retries with the same id are answered once. */
  clientMessageId: z.string().regex(/^[\w.:@-]{1,128}$/).optional(),
});
export const AgentReplyBodySchema = z.strictObject({
  agent: AgentName,
  text: MessageText,
  /** Sending a draft with errors anyway: why (stored, shown in the problem log). */
  override: z.strictObject({ reason: z.string().trim().min(2).max(200) }).optional(),
  /** The bot's suggestion this reply answers: its message seq, and which candidate the agent took (none: ignored). */
  suggestion: z.strictObject({ seq: z.number().int().positive(), candidate: z.number().int().min(0).max(9).optional() }).optional(),
});
export const OwnerBodySchema = z.strictObject({ action: z.enum(['join', 'leave']), agent: AgentName });
export const KeptBodySchema = z.strictObject({ agent: AgentName });
const ViewQuerySchema = z.object({
  buyerId: BuyerIdSchema,
  /** Only messages after this seq (an agent's screen polling for new ones). */
  afterSeq: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(MESSAGES_PAGE.max).optional(),
});
const ListQuerySchema = z.object({
  owner: OwnerSchema.optional(),
  updatedSince: z.iso.datetime({ offset: true }).optional(),
});
const PromiseParamsSchema = ConversationParamsSchema.extend({ promiseId: z.string().regex(/^[\w.-]{1,64}$/) });

export function conversationRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/:id/messages', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const body = parseBody(BuyerMessageBodySchema, req.body);
    res.json(await runBuyerTurn(deps, shopOf(req), id, body));
  });

  // The shop's conversations for the agents' list (e.g. ?owner=pending: waiting for a human), newest first.
  router.get('/', async (req, res) => {
    const { owner, updatedSince } = parseQuery(ListQuerySchema, req.query);
    const filter = { ...(owner ? { owner } : {}), ...(updatedSince ? { updatedSince: new Date(updatedSince).toISOString() } : {}) };
    const records = await deps.store.listConversations(shopOf(req).shop.id, filter);
    res.json({ conversations: records.map(({ id, buyerId, owner: o, createdAt, updatedAt, version }) => ({ id, buyerId, owner: o, createdAt, updatedAt, version })) });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const { buyerId, afterSeq, limit } = parseQuery(ViewQuerySchema, req.query);
    const view = await loadViewPage(deps.store, shopOf(req).shop.id, id, { afterSeq, limit });
    if (!view || view.buyerId !== buyerId) throw notFound();
    res.json(view);
  });

  router.post('/:id/agent-replies', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const body = parseBody(AgentReplyBodySchema, req.body);
    checkAgentName(req, body.agent);
    res.json(await recordAgentReply(deps, shopOf(req), id, body));
  });

  router.post('/:id/owner', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const body = parseBody(OwnerBodySchema, req.body);
    checkAgentName(req, body.agent);
    const changed = await changeOwner(deps, shopOf(req), id, body);
    // Handed back: the bot answers what the buyer wrote meanwhile instead of leaving it unanswered.
    const answer = body.action === 'leave' ? await answerUnanswered(deps, shopOf(req), id) : undefined;
    res.json({ ...changed, ...(answer ? { answer } : {}) });
  });

  router.post('/:id/promises/:promiseId/kept', async (req, res) => {
    const { id, promiseId } = parseParams(PromiseParamsSchema, req.params);
    const { agent } = parseBody(KeptBodySchema, req.body);
    checkAgentName(req, agent);
    res.json(await keepConversationPromise(deps, shopOf(req), id, { promiseId, agent }));
  });

  return router;
}
