import { statePath } from '../dialogue/flows.ts';
import type { ConversationRecord, StoredEvent, StoredMessage, Store } from '../store/types.ts';
import { storedState } from './engine-state.ts';

/**
 * What an agent sees of a conversation: the messages, who owns it and where each scenario stands,
 * the remarks the bot proposed and the promises made (with whether they were kept).
 */

export interface ConversationView {
  id: string;
  buyerId: string;
  createdAt: string;
  updatedAt: string;
  state: { owner: ConversationRecord['owner']; flow: string | null; flows: Record<string, string>; productId: string | null; turns: number };
  messages: StoredMessage[];
  remarks: { at: string; orderId?: string; text: string }[];
  promises: { id: string; kind: string; text: string; orderId?: string; dueAt: string; madeAt: string; kept: boolean }[];
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
  const lastBot = messages.findLast((m) => m.role === 'bot');
  const kept = new Set(events.filter((e) => e.kind === 'promise_kept').map((e) => str(e.data.id)));
  return {
    id: record.id,
    buyerId: record.buyerId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    state: {
      owner: record.owner,
      // The last answered turn's state ("bot/presale.awaitingBodyData"), as the turn reported it.
      flow: typeof lastBot?.meta.state === 'string' ? lastBot.meta.state : null,
      flows: state ? flowStates(state.flows) : {},
      productId: state?.productId ?? null,
      turns: state?.history.length ?? 0,
    },
    messages,
    remarks: events
      .filter((e) => e.kind === 'remark')
      .map((e) => ({ at: e.at, ...(typeof e.data.orderId === 'string' ? { orderId: e.data.orderId } : {}), text: str(e.data.text) })),
    promises: events
      .filter((e) => e.kind === 'promise')
      .map((e) => ({
        id: str(e.data.id),
        kind: str(e.data.kind),
        text: str(e.data.text),
        ...(typeof e.data.orderId === 'string' ? { orderId: e.data.orderId } : {}),
        dueAt: str(e.data.dueAt),
        madeAt: e.at,
        kept: kept.has(str(e.data.id)),
      })),
  };
}

export async function loadView(store: Store, shopId: string, conversationId: string): Promise<ConversationView | undefined> {
  const record = await store.getConversation(shopId, conversationId);
  if (!record) return undefined;
  const [messages, events] = await Promise.all([
    store.messages(shopId, conversationId),
    store.events(shopId, { conversationId, kinds: ['remark', 'promise', 'promise_kept'] }),
  ]);
  return buildView(record, messages, events);
}
