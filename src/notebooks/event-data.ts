import { z } from 'zod';
import type { EventKind, StoredEvent } from '../store/types.ts';

/**
 * The `data` of each notebook event kind (as documented on EventKindSchema). Events are read
 * leniently: a row whose data does not fit is left out of the notebooks rather than breaking them.
 */
const ViolationSchema = z.object({ ruleId: z.string(), severity: z.string().optional(), points: z.number().optional() });

export const EventDataSchemas = {
  turn: z.object({ intent: z.string(), confidence: z.number().optional(), owner: z.string().optional() }),
  unrecognised: z.object({ text: z.string(), intent: z.string().optional(), confidence: z.number().optional() }),
  handoff: z.object({ reason: z.string(), summary: z.string().default(''), withinWorkingHours: z.boolean().optional() }),
  handover: z.object({ reason: z.string().default(''), summary: z.string().default('') }),
  agent_reply: z.object({
    agent: z.string().min(1),
    errorCount: z.number().default(0),
    warningCount: z.number().default(0),
    points: z.number().default(0),
    violations: z.array(ViolationSchema).default([]),
    /** Why the agent sent a draft with errors anyway (the page's override). */
    override: z.string().optional(),
    /** What became of the bot's suggestion: used as is, edited, or ignored. */
    suggestion: z.object({ scriptId: z.string(), intent: z.string(), outcome: z.enum(['used', 'edited', 'ignored']) }).optional(),
  }),
  remark: z.object({ orderId: z.string().optional(), text: z.string() }),
  promise: z.object({ id: z.string(), kind: z.string().default(''), text: z.string(), orderId: z.string().optional(), dueAt: z.string() }),
  promise_kept: z.object({ id: z.string() }),
  owner: z.object({ from: z.string(), to: z.string(), agent: z.string().optional() }),
  problem_resolved: z.object({ problemId: z.number().int(), agent: z.string(), note: z.string() }),
} satisfies Record<EventKind, z.ZodType>;

type Schemas = typeof EventDataSchemas;
export type EventData<K extends EventKind> = z.infer<Schemas[K]>;

/** An event of one kind with its data parsed. */
export interface TypedEvent<K extends EventKind> {
  id: number;
  conversationId: string;
  at: string;
  data: EventData<K>;
}

/** The events of one kind whose data is well-formed, in the order given. */
export function eventsOf<K extends EventKind>(events: readonly StoredEvent[], kind: K): TypedEvent<K>[] {
  const schema = EventDataSchemas[kind];
  const out: TypedEvent<K>[] = [];
  for (const e of events) {
    if (e.kind !== kind) continue;
    const parsed = schema.safeParse(e.data);
    if (parsed.success) out.push({ id: e.id, conversationId: e.conversationId, at: e.at, data: parsed.data as EventData<K> });
  }
  return out;
}
