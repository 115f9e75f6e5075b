import { Router } from 'express';
import { cursorQuery, newestFirstKey, paginate } from './pagination.ts';
import { z } from 'zod';
import { shopOf } from './auth.ts';
import { loadViewPage, MESSAGES_PAGE } from './conversation-view.ts';
import { buyerPanel } from './buyer-panel.ts';
import { notFound } from './errors.ts';
import { compareQueue, queueItem, type QueueItem } from './inbox-queue.ts';
import { ConversationParamsSchema, parseParams, parseQuery } from './validate.ts';
import type { NotebooksDeps } from './notebooks-routes.ts';

/**
 * The agent's inbox under /api/v1/inbox: the shop's conversations, most recent first, and one
 * conversation in full. Unlike GET /conversations/:id (a buyer's view, checked against the buyer
 * id) the shop's own key sees every conversation of its shop, as an agent must.
 */

export const INBOX_LIMIT = 100;
const PageQuerySchema = z.strictObject({
  afterSeq: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(MESSAGES_PAGE.max).optional(),
});
const ListQuerySchema = z.strictObject({ owner: z.enum(['bot', 'pending', 'agent']).optional(), ...cursorQuery(INBOX_LIMIT) });

export function inboxRouter(deps: NotebooksDeps): Router {
  const { store } = deps;
  const router = Router();

  router.get('/inbox', async (req, res) => {
    const query = parseQuery(ListQuerySchema, req.query);
    const { owner } = query;
    const { shop } = shopOf(req);
    const shopId = shop.id;
    const keyOf = (c: { updatedAt: string; id: string }): string => newestFirstKey(c.updatedAt, c.id);
    const sorted = (await store.listConversations(shopId, owner ? { owner } : {})).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    const { rows: conversations, nextCursor } = paginate(sorted, keyOf, query, INBOX_LIMIT);
    const items: QueueItem[] = await Promise.all(
      conversations.map(async (c) => {
        const [messages, events] = await Promise.all([store.messages(shopId, c.id), store.events(shopId, { conversationId: c.id, kinds: ['turn', 'owner'] })]);
        return queueItem(c, messages, events, shop);
      }),
    );
    // The page shows times in the shop's zone, like the notebooks, and reminds after the response target; within a page, what needs a human first.
    res.json({ timezone: shop.timezone, responseTargetSeconds: shop.responseTargetSeconds, conversations: items.sort(compareQueue), nextCursor });
  });

  router.get('/inbox/:id', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const { afterSeq, limit } = parseQuery(PageQuerySchema, req.query);
    const runtime = shopOf(req);
    const shopId = runtime.shop.id;
    const [view, record] = await Promise.all([loadViewPage(store, shopId, id, { afterSeq, limit }), store.getConversation(shopId, id)]);
    if (!view || !record) throw notFound();
    const [orders, events] = await Promise.all([runtime.orders.ordersOf(record.buyerId), store.events(shopId, { conversationId: id, kinds: ['handoff', 'remark', 'turn', 'owner'] })]);
    // The view with what the page shows beside the chat (orders, pinned hand-off, concessions) and the queue's words.
    res.json({ ...view, queue: queueItem(record, view.messages, events, runtime.shop), ...buyerPanel({ record, orders, events, shop: runtime.shop }) });
  });

  return router;
}
