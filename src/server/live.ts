import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CommitTurn, EventBus, NewEvent, StoredMessage, Store } from '../store/types.ts';

/**
 * Live updates for the agents' screens: what happened in a shop's conversations (a buyer message,
 * a reply, a hand-off, an owner change, a new suggestion), sent over the event bus so that every
 * instance sees what any instance wrote, and kept in a bounded replay buffer per shop so that a
 * screen reconnecting with `Last-Event-ID` misses nothing that is still in the buffer.
 *
 * Every instance receives the bus messages in the same order (one Redis channel), so the buffers
 * agree and an id given by one instance can be resumed on another.
 */

export const LIVE_CHANNEL = 'kefu:live';
export const REPLAY_BUFFER_SIZE = 500;

export const LiveEventTypeSchema = z.enum(['buyer_message', 'reply', 'suggestion', 'handoff', 'owner']);
export type LiveEventType = z.infer<typeof LiveEventTypeSchema>;

export const LiveEventSchema = z.object({
  id: z.string(),
  shopId: z.string(),
  type: LiveEventTypeSchema,
  conversationId: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type LiveEvent = z.infer<typeof LiveEventSchema>;
export type NewLiveEvent = Omit<LiveEvent, 'id'>;

/** What a screen gets on (re)connecting: the events it missed, or `reset` when they left the buffer. */
export type Replay = { kind: 'events'; events: LiveEvent[] } | { kind: 'reset' };

export interface LiveFeed {
  publish(events: NewLiveEvent[]): Promise<void>;
  /**
   * Starts delivering the shop's events; `lastEventId` asks for the ones after it first. `onEnd`
   * runs when the feed closes (the server shuts down), so open streams end instead of holding it up.
   */
  listen(shopId: string, lastEventId: string | undefined, onEvent: (event: LiveEvent) => void, onEnd?: () => void): { replay: Replay; stop(): void };
  close(): Promise<void>;
}

export interface LiveFeedOptions {
  /** Events kept per shop for reconnecting screens. Default 500. */
  bufferSize?: number;
  /** The bus channel (tests sharing one Redis use their own). Default `kefu:live`. */
  channel?: string;
}

export async function createLiveFeed(bus: EventBus, options: LiveFeedOptions = {}): Promise<LiveFeed> {
  const bufferSize = options.bufferSize ?? REPLAY_BUFFER_SIZE;
  const channel = options.channel ?? LIVE_CHANNEL;
  // Ids sort by time and stay unique across instances: milliseconds, this instance, a counter.
  const instance = randomBytes(3).toString('hex');
  let counter = 0;
  const buffers = new Map<string, LiveEvent[]>();
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  const enders = new Set<() => void>();

  const unsubscribe = await bus.subscribe(channel, (message) => {
    const parsed = LiveEventSchema.safeParse(JSON.parse(message));
    if (!parsed.success) return;
    const event = parsed.data;
    let buffer = buffers.get(event.shopId);
    if (!buffer) buffers.set(event.shopId, (buffer = []));
    buffer.push(event);
    if (buffer.length > bufferSize) buffer.splice(0, buffer.length - bufferSize);
    for (const listener of listeners.get(event.shopId) ?? []) listener(event);
  });

  return {
    async publish(events) {
      for (const event of events) {
        const id = `${Date.now().toString(36)}-${instance}-${(counter++).toString(36)}`;
        await bus.publish(channel, JSON.stringify({ ...event, id }));
      }
    },

    listen(shopId, lastEventId, onEvent, onEnd) {
      let set = listeners.get(shopId);
      if (!set) listeners.set(shopId, (set = new Set()));
      set.add(onEvent);
      const buffer = buffers.get(shopId) ?? [];
      let replay: Replay = { kind: 'events', events: [] };
      if (lastEventId !== undefined && lastEventId !== '') {
        const index = buffer.findIndex((e) => e.id === lastEventId);
        replay = index === -1 ? { kind: 'reset' } : { kind: 'events', events: buffer.slice(index + 1) };
      }
      if (onEnd) enders.add(onEnd);
      return {
        replay,
        stop() {
          set.delete(onEvent);
          if (onEnd) enders.delete(onEnd);
        },
      };
    },

    async close() {
      listeners.clear();
      for (const end of [...enders]) end();
      enders.clear();
      await unsubscribe();
    },
  };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A stored message as a live event: the buyer wrote, or a reply went out (or was suggested). */
export function messageEvent(shopId: string, message: StoredMessage): NewLiveEvent {
  const suggested = message.role === 'bot' && message.meta.delivery === 'suggest';
  const type: LiveEventType = message.role === 'buyer' ? 'buyer_message' : suggested ? 'suggestion' : 'reply';
  return {
    shopId,
    type,
    conversationId: message.conversationId,
    at: message.at,
    data: { seq: message.seq, role: message.role, text: message.text, ...(message.agent ? { agent: message.agent } : {}) },
  };
}

/** The notebook events screens react to: hand-offs and owner changes. */
export function noteEvents(shopId: string, conversationId: string, events: readonly NewEvent[]): NewLiveEvent[] {
  const out: NewLiveEvent[] = [];
  for (const e of events) {
    const data = e.data ?? {};
    if (e.kind === 'handoff') out.push({ shopId, type: 'handoff', conversationId, at: e.at, data: { reason: text(data.reason) ?? '', summary: text(data.summary) ?? '' } });
    if (e.kind === 'owner') out.push({ shopId, type: 'owner', conversationId, at: e.at, data: { from: data.from, to: data.to, ...(text(data.agent) ? { agent: text(data.agent) } : {}) } });
  }
  return out;
}

export function turnLiveEvents(turn: CommitTurn, stored: readonly StoredMessage[]): NewLiveEvent[] {
  return [...stored.map((m) => messageEvent(turn.shopId, m)), ...noteEvents(turn.shopId, turn.conversationId, turn.events)];
}

/**
 * The store with every write that screens care about published on the feed, after it succeeded.
 * A write never fails because of the feed: a lost notification only delays a screen until its
 * next reconnect (which reloads the list).
 */
export function withLiveEvents(store: Store, feed: LiveFeed): Store {
  const publish = (events: NewLiveEvent[]): void => {
    if (events.length > 0) feed.publish(events).catch(() => undefined);
  };
  const overrides: Partial<Store> = {
    async appendMessage(shopId, conversationId, message, ...rest) {
      const stored = await store.appendMessage(shopId, conversationId, message, ...rest);
      publish([messageEvent(shopId, stored)]);
      return stored;
    },
    async commitTurn(turn, ...rest) {
      const committed = await store.commitTurn(turn, ...rest);
      publish(turnLiveEvents(turn, committed.buyer ? [committed.buyer, ...committed.messages] : committed.messages));
      return committed;
    },
    async appendEvents(shopId, conversationId, events, ...rest) {
      await store.appendEvents(shopId, conversationId, events, ...rest);
      publish(noteEvents(shopId, conversationId, events));
    },
  };
  // A proxy rather than a copy of every method: methods added to the contract later pass through.
  return new Proxy(store, {
    get(target, property) {
      if (typeof property === 'string' && property in overrides) return overrides[property as keyof Store];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
