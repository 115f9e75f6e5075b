import { Router } from 'express';
import { cursorQuery, newestFirstKey, paginate } from './pagination.ts';
import { z } from 'zod';
import type { StoredMessage } from '../store/types.ts';
import { shopOf } from './auth.ts';
import { loadViewPage, MESSAGES_PAGE } from './conversation-view.ts';
import { notFound } from './errors.ts';
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

export interface InboxItem {
  id: string;
  buyerId: string;
  owner: string;
  updatedAt: string;
  lastMessage: Pick<StoredMessage, 'role' | 'text' | 'at'> | null;
}

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
    const items: InboxItem[] = await Promise.all(
      conversations.map(async (c) => {
        const last = (await store.messages(shopId, c.id)).at(-1);
        return {
          id: c.id,
          buyerId: c.buyerId,
          owner: c.owner,
          updatedAt: c.updatedAt,
          lastMessage: last ? { role: last.role, text: last.text, at: last.at } : null,
        };
      }),
    );
    // The page shows times in the shop's zone, like the notebooks.
    res.json({ timezone: shop.timezone, conversations: items, nextCursor });
  });

  router.get('/inbox/:id', async (req, res) => {
    const { id } = parseParams(ConversationParamsSchema, req.params);
    const { afterSeq, limit } = parseQuery(PageQuerySchema, req.query);
    const view = await loadViewPage(store, shopOf(req).shop.id, id, { afterSeq, limit });
    if (!view) throw notFound();
    res.json(view);
  });

  return router;
}
