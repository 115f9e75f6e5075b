import { Router } from 'express';
import { z } from 'zod';
import { shopOf } from './auth.ts';
import { loadView } from './conversation-view.ts';
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
const ListQuerySchema = z.strictObject({ owner: z.enum(['bot', 'pending', 'agent']).optional() });

export function inboxRouter(deps: NotebooksDeps): Router {
  const { store } = deps;
  const router = Router();

  router.get('/inbox', async (req, res) => {
    const { owner } = parseQuery(ListQuerySchema, req.query);
    const { shop } = shopOf(req);
    const shopId = shop.id;
    // Every conversation waiting for a human is listed, however many recent bot chats there are.
    const all = await store.listConversations(shopId, owner ? { owner } : {});
    const conversations = [...all.filter((c) => c.owner === 'pending'), ...all.filter((c) => c.owner !== 'pending').slice(0, INBOX_LIMIT)];
    const items: QueueItem[] = await Promise.all(
      conversations.map(async (c) => {
        const [messages, events] = await Promise.all([store.messages(shopId, c.id), store.events(shopId, { conversationId: c.id, kinds: ['turn', 'owner'] })]);
        return queueItem(c, messages, events, shop);
      }),
    );
    // The page shows times in the shop's zone, like the notebooks, and reminds after the response target.
    res.json({ timezone: shop.timezone, responseTargetSeconds: shop.responseTargetSeconds, conversations: items.sort(compareQueue) });
  });

  router.get('/inbox/:id', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const runtime = shopOf(req);
    const shopId = runtime.shop.id;
    const [view, record] = await Promise.all([loadView(store, shopId, id), store.getConversation(shopId, id)]);
    if (!view || !record) throw notFound();
    const [orders, events] = await Promise.all([runtime.orders.ordersOf(record.buyerId), store.events(shopId, { conversationId: id, kinds: ['handoff', 'remark', 'turn', 'owner'] })]);
    // The view with what the page shows beside the chat (orders, pinned hand-off, concessions) and the queue's words.
    res.json({ ...view, queue: queueItem(record, view.messages, events, runtime.shop), ...buyerPanel({ record, orders, events, shop: runtime.shop }) });
  });

  return router;
}
