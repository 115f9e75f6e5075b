import { z } from 'zod';
import type { EventBus } from '../store/types.ts';

/**
 * Which human agents are online, per shop: the agents' screens report it (and repeat it as a
 * heartbeat); a report older than the TTL counts as offline, so a closed browser does not leave an
 * agent "online" forever. Reports travel over the event bus, so with Redis every instance knows
 * what any instance was told.
 *
 * A shop whose agents never reported anything has no presence information: the engine then
 * assumes agents are there during working hours (kefu used through the API alone keeps working).
 */

export const PRESENCE_CHANNEL = 'kefu:presence';
export const PRESENCE_TTL_MS = 90_000;

const ReportSchema = z.object({ shopId: z.string(), agent: z.string(), online: z.boolean(), at: z.number() });
type Report = z.infer<typeof ReportSchema>;

export interface Presence {
  report(shopId: string, agent: string, online: boolean): Promise<void>;
  /** The agents online now, by name; undefined when the shop's agents never reported. */
  onlineAgents(shopId: string): string[] | undefined;
  close(): Promise<void>;
}

export async function createPresence(bus: EventBus, clock: () => Date, ttlMs = PRESENCE_TTL_MS): Promise<Presence> {
  const seen = new Map<string, Map<string, { online: boolean; at: number }>>();
  const apply = (r: Report): void => {
    let agents = seen.get(r.shopId);
    if (!agents) seen.set(r.shopId, (agents = new Map()));
    const previous = agents.get(r.agent);
    // Reports can arrive out of order across instances: the newest wins.
    if (!previous || previous.at <= r.at) agents.set(r.agent, { online: r.online, at: r.at });
    expire(agents, clock().getTime());
  };
  // Entries older than the TTL say nothing any more: dropped, so names never reported again
  // (a renamed agent, a closed shift) do not pile up.
  const expire = (agents: Map<string, { at: number }>, now: number): void => {
    for (const [name, state] of agents) if (now - state.at > ttlMs) agents.delete(name);
  };
  const unsubscribe = await bus.subscribe(PRESENCE_CHANNEL, (message) => {
    const parsed = ReportSchema.safeParse(JSON.parse(message));
    if (parsed.success) apply(parsed.data);
  });
  return {
    async report(shopId, agent, online) {
      const report: Report = { shopId, agent, online, at: clock().getTime() };
      apply(report);
      await bus.publish(PRESENCE_CHANNEL, JSON.stringify(report));
    },
    onlineAgents(shopId) {
      const agents = seen.get(shopId);
      if (!agents) return undefined;
      const now = clock().getTime();
      expire(agents, now);
      return [...agents].filter(([, s]) => s.online && now - s.at <= ttlMs).map(([name]) => name).sort();
    },
    close: unsubscribe,
  };
}
