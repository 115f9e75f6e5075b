import { stateLabel } from '../dialogue/state-labels.ts';
import type { Shop } from '../shop/schema.ts';
import type { ConversationRecord, StoredEvent, StoredMessage } from '../store/types.ts';
import { storedState } from './engine-state.ts';

/**
 * The agents' queue: each conversation as the list shows it (buyer nickname, the product talked
 * about, the state in Chinese, since when the buyer waits) and the order that puts what needs a
 * human on top: waiting for an agent first, then the longest wait, then the most recent.
 */

export interface QueueItem {
  id: string;
  /** The buyer's Taobao nickname (the buyer id is the nickname on the platform). */
  buyerId: string;
  owner: ConversationRecord['owner'];
  /** The agent who took the conversation over, while an agent owns it. */
  agent: string | null;
  /** The product the conversation is about (its short name), when known. */
  product: string | null;
  /** The last turn's state ("pending/escalation.waitingForAgent") and the same in Chinese. */
  state: string | null;
  stateLabel: string;
  updatedAt: string;
  /** The buyer's oldest message nobody has answered yet (a human for handed-over chats). */
  waitingSince: string | null;
  /** Sequence numbers of the buyer's messages (the latest 50): the page counts unread ones. */
  buyerSeqs: number[];
  lastMessage: Pick<StoredMessage, 'role' | 'text' | 'at'> | null;
}

const BUYER_SEQS_KEPT = 50;

/** A reply that answers the buyer: a human's always; the bot's only while the bot owns the chat and only when sent. */
function answers(message: StoredMessage, owner: QueueItem['owner']): boolean {
  if (message.role === 'agent') return true;
  return message.role === 'bot' && owner === 'bot' && message.meta.delivery !== 'suggest';
}

export function waitingSince(messages: readonly StoredMessage[], owner: QueueItem['owner']): string | null {
  let since: string | null = null;
  for (const m of messages) {
    if (m.role === 'buyer') since ??= m.at;
    else if (answers(m, owner)) since = null;
  }
  return since;
}

export function queueItem(
  record: ConversationRecord,
  messages: readonly StoredMessage[],
  events: readonly StoredEvent[],
  shop: Shop,
): QueueItem {
  const state = storedState(record);
  const product = shop.products.find((p) => p.id === state?.productId);
  const lastTurn = events.findLast((e) => e.kind === 'turn');
  const turnState = typeof lastTurn?.data.state === 'string' ? lastTurn.data.state : null;
  const lastOwner = events.findLast((e) => e.kind === 'owner');
  const last = messages.at(-1);
  return {
    id: record.id,
    buyerId: record.buyerId,
    owner: record.owner,
    agent: record.owner === 'agent' && typeof lastOwner?.data.agent === 'string' ? lastOwner.data.agent : null,
    product: product ? (product.shortName ?? product.name) : null,
    state: turnState,
    // The owner may have changed since the last turn (an agent joined): it leads the label.
    stateLabel: stateLabel(turnState ? `${record.owner}/${turnState.split('/')[1] ?? ''}` : record.owner),
    updatedAt: record.updatedAt,
    waitingSince: waitingSince(messages, record.owner),
    buyerSeqs: messages.filter((m) => m.role === 'buyer').map((m) => m.seq).slice(-BUYER_SEQS_KEPT),
    lastMessage: last ? { role: last.role, text: last.text, at: last.at } : null,
  };
}

const RANK: Record<QueueItem['owner'], number> = { pending: 0, agent: 1, bot: 2 };

/** Waiting for an agent first, then whoever has waited longest, then the most recently updated. */
export function compareQueue(a: QueueItem, b: QueueItem): number {
  if (RANK[a.owner] !== RANK[b.owner]) return RANK[a.owner] - RANK[b.owner];
  if (a.waitingSince !== b.waitingSince) {
    if (a.waitingSince === null) return 1;
    if (b.waitingSince === null) return -1;
    return a.waitingSince < b.waitingSince ? -1 : 1;
  }
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}
