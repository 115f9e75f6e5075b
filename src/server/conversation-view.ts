import { turnsSoFar, type LedgerPromise } from '../dialogue/engine.ts';
import { statePath } from '../dialogue/flows.ts';
import type { ConversationRecord, StoredEvent, StoredMessage, Store } from '../store/types.ts';
import { storedState } from './engine-state.ts';

/**
 * What an agent sees of a conversation: the messages, who owns it and where each scenario stands,
 * the remarks the bot proposed (from the events) and the promise ledger (from the state).
 */

export interface ConversationView {
  id: string;
  buyerId: string;
  createdAt: string;
  updatedAt: string;
  state: { owner: ConversationRecord['owner']; flow: string | null; flows: Record<string, string>; productId: string | null; turns: number };
  messages: StoredMessage[];
  remarks: { at: string; orderId?: string; text: string }[];
  /** The conversation's promise ledger (kept ones carry keptAt), the earliest due first. */
  promises: LedgerPromise[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function flowStates(flows: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, snapshot] of Object.entries(flows)) {
    if (snapshot !== null && typeof snapshot === 'object' && 'value' in snapshot) out[name] = statePath(snapshot.value);
  }
  return out;
}

export function buildView(record: ConversationRecord, messages: StoredMessage[], events: StoredEvent[]): ConversationView {
  const state = storedState(record);
  const lastTurn = events.findLast((e) => e.kind === 'turn');
  return {
    id: record.id,
    buyerId: record.buyerId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    state: {
      owner: record.owner,
      // The last answered turn's state ("bot/presale.awaitingBodyData"), as the turn reported it.
      flow: typeof lastTurn?.data.state === 'string' ? lastTurn.data.state : null,
      flows: state ? flowStates(state.flows) : {},
      productId: state?.productId ?? null,
      turns: state ? turnsSoFar(state) : 0,
    },
    messages,
    remarks: events
      .filter((e) => e.kind === 'remark')
      .map((e) => ({ at: e.at, ...(typeof e.data.orderId === 'string' ? { orderId: e.data.orderId } : {}), text: str(e.data.text) })),
    promises: [...(state?.promises ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
  };
}

export async function loadView(
  store: Store,
  shopId: string,
  conversationId: string,
  page: { afterSeq?: number; limit?: number } = {},
): Promise<ConversationView | undefined> {
  const record = await store.getConversation(shopId, conversationId);
  if (!record) return undefined;
  const [messages, events] = await Promise.all([
    store.messages(shopId, conversationId, page),
    store.events(shopId, { conversationId, kinds: ['turn', 'remark'] }),
  ]);
  return buildView(record, messages, events);
}

/** A conversation's messages are paged: this many by default, at most MESSAGES_PAGE.max per call. */
export const MESSAGES_PAGE = { default: 200, max: 1000 } as const;

/**
 * The view with at most `limit` messages after `afterSeq`, and `nextAfterSeq`: the value of
 * `afterSeq` for the next page, or null when these were the last messages.
 */
export async function loadViewPage(
  store: Store,
  shopId: string,
  conversationId: string,
  page: { afterSeq?: number | undefined; limit?: number | undefined } = {},
): Promise<(ConversationView & { nextAfterSeq: number | null }) | undefined> {
  const limit = page.limit ?? MESSAGES_PAGE.default;
  // One more than asked for says whether another page follows.
  const view = await loadView(store, shopId, conversationId, { afterSeq: page.afterSeq ?? 0, limit: limit + 1 });
  if (!view) return undefined;
  const more = view.messages.length > limit;
  const messages = more ? view.messages.slice(0, limit) : view.messages;
  return { ...view, messages, nextAfterSeq: more ? (messages.at(-1)?.seq ?? null) : null };
}
