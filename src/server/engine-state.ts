import { ConversationStateSchema, newConversation, setOwner, type ConversationState } from '../dialogue/engine.ts';
import { OwnerSchema, type ConversationRecord, type StoredOwner } from '../store/types.ts';

/**
 * The engine's conversation state as the store keeps it (opaque JSON): read back with the engine's
 * schema, and the owner read from the orchestrator's persisted snapshot.
 */

export function storedState(record: ConversationRecord): ConversationState | undefined {
  return record.state === undefined || record.state === null ? undefined : ConversationStateSchema.parse(record.state);
}

/** Who owns the conversation according to the orchestrator (bot before the first turn). */
export function ownerOf(state: ConversationState): StoredOwner {
  const snapshot = state.orchestrator;
  const value = snapshot !== null && typeof snapshot === 'object' && 'value' in snapshot ? snapshot.value : 'bot';
  const owner = OwnerSchema.safeParse(value);
  return owner.success ? owner.data : 'bot';
}

/** A human joins or leaves; a conversation without a turn yet starts from the engine's empty state. */
export function withOwnerChange(record: ConversationRecord, action: 'join' | 'leave'): ConversationState {
  const state = storedState(record) ?? newConversation(record.buyerId);
  return setOwner(state, action === 'join' ? 'AGENT_JOINED' : 'AGENT_LEFT');
}
