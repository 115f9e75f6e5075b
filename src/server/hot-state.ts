import type { ConversationState } from '../dialogue/engine.ts';

/**
 * Conversation state kept hot between turns: after a turn commits, the state it wrote (the
 * engine's object, already valid) is remembered with the version it got, so the next turn of the
 * conversation neither reads nor parses the state row. Only read and written inside the
 * conversation's lock. The store's version check on commit still guards every turn: when another
 * instance (or an agent action) moved the conversation on, the commit is refused as stale and the
 * turn runs again from the store. After a restart the cache is empty and the store is read.
 */

export interface HotConversation {
  buyerId: string;
  version: number;
  state: ConversationState;
}

export interface HotConversations {
  get(key: string): HotConversation | undefined;
  set(key: string, entry: HotConversation): void;
  forget(key: string): void;
}

/** The least recently used conversations leave first once there are `limit`. */
export function createHotConversations(limit = 10_000): HotConversations {
  const entries = new Map<string, HotConversation>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry !== undefined) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },
    set(key, entry) {
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
    forget(key) {
      entries.delete(key);
    },
  };
}

const perApp = new WeakMap<object, HotConversations>();

/** The cache of one app (keyed by its deps object, so two apps in one process never share one). */
export function hotConversationsOf(owner: object): HotConversations {
  let hot = perApp.get(owner);
  if (hot === undefined) perApp.set(owner, (hot = createHotConversations()));
  return hot;
}
