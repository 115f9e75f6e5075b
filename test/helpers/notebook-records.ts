import type { ConversationRecord, EventKind, MessageRole, StoredEvent, StoredMessage } from '../../src/store/types.ts';

/**
 * Hand-built store records for the notebook tests. Times are written in shop time (+08:00) and
 * stored as UTC ISO strings, as the store keeps them.
 */
export const SHOP_ID = 'demo';
export const shop = { timezone: 'Asia/Shanghai', workingHours: [{ start: '09:00', end: '16:30' }, { start: '16:00', end: '22:30' }] };

/** "2025-11-20 14:30:05" in Beijing time → UTC ISO. */
export function bj(local: string): string {
  return new Date(`${local.replace(' ', 'T')}+08:00`).toISOString();
}

export class Records {
  messages: StoredMessage[] = [];
  events: StoredEvent[] = [];
  conversations: ConversationRecord[] = [];
  private seqs = new Map<string, number>();
  private eventId = 0;

  message(conversationId: string, role: MessageRole, local: string, text: string, extra: { agent?: string; meta?: Record<string, unknown> } = {}): this {
    const seq = (this.seqs.get(conversationId) ?? 0) + 1;
    this.seqs.set(conversationId, seq);
    const m: StoredMessage = { shopId: SHOP_ID, conversationId, seq, role, text, at: bj(local), meta: extra.meta ?? {} };
    if (extra.agent !== undefined) m.agent = extra.agent;
    this.messages.push(m);
    return this;
  }

  event(conversationId: string, kind: EventKind, local: string, data: Record<string, unknown>): this {
    this.events.push({ id: ++this.eventId, shopId: SHOP_ID, conversationId, kind, at: bj(local), data });
    return this;
  }

  conversation(id: string, owner: ConversationRecord['owner'], local: string, buyerId = `buyer_${id}`): this {
    this.conversations.push({ shopId: SHOP_ID, id, buyerId, createdAt: bj(local), updatedAt: bj(local), owner, state: undefined, version: 1 });
    return this;
  }
}
