import type { StoredMessage } from '../store/types.ts';
import { BOT_NAME } from './labels.ts';

/** A bot message only answers the buyer when it was sent, not when it was merely suggested to an agent. */
export function isResponse(m: StoredMessage): boolean {
  return m.role === 'agent' || (m.role === 'bot' && m.meta.delivery !== 'suggest');
}

/** Who answered: the bot or the agent's name. */
export function responderOf(m: StoredMessage): string {
  return m.role === 'bot' ? BOT_NAME : (m.agent ?? '客服');
}

/** Messages grouped by conversation, each list in store order (seq). */
export function byConversation(messages: readonly StoredMessage[]): Map<string, StoredMessage[]> {
  const out = new Map<string, StoredMessage[]>();
  for (const m of messages) {
    const list = out.get(m.conversationId) ?? [];
    list.push(m);
    out.set(m.conversationId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.seq - b.seq);
  return out;
}
