import { assign, setup } from 'xstate';
import type { IntentId } from '../src/nlu/intents.ts';
import type { Handoff } from './protocol.ts';
import { routeFor, type Route } from './routing.ts';

/**
 * One per conversation. It decides where each classified turn goes, counts turns and
 * misunderstandings, and owns the question "who answers": `bot` (auto-reply may send),
 * `pending` (handed off, waiting for a human: the bot only holds the line) and `agent` (a
 * human took over: the bot only suggests, never sends). Ownership is machine state, so the
 * bot and a human can never both be the sender.
 */
export type Mode = 'auto' | 'assist';
export type HandoffReason = Handoff['reason'];

export interface OrchestratorContext {
  buyerId: string;
  mode: Mode;
  turnCount: number;
  /** Turns in a row that no flow could answer; two hand the chat to a human. */
  misunderstoodInARow: number;
  route: Route | null;
  lastIntent: IntentId | null;
  handoffReason: HandoffReason | null;
  /** The turn on which the chat was handed off (its buyer gets the hand-off notice once). */
  handoffTurn: number | null;
}

export type OrchestratorEvent =
  | { type: 'TURN'; intent: IntentId; mode?: Mode; largeOrder: boolean }
  | { type: 'FLOW_RESULT'; unhandled: boolean; handoff?: HandoffReason }
  | { type: 'AGENT_JOINED' }
  | { type: 'AGENT_LEFT' }
  /** The buyer takes back a request for a human ("算了不用了 我自己查到了") before anyone joined. */
  | { type: 'BUYER_WITHDREW' };

export const MISUNDERSTOOD_LIMIT = 2;

export const orchestratorMachine = setup({
  types: {
    context: {} as OrchestratorContext,
    events: {} as OrchestratorEvent,
    input: {} as { buyerId: string; mode?: Mode },
  },
  guards: {
    asksForHandoff: ({ event }) => event.type === 'TURN' && routeFor(event.intent) === 'handoff',
    isLargeOrder: ({ event }) => event.type === 'TURN' && event.largeOrder,
    // Only a request for a human is the buyer's to withdraw: a complaint or a large order stays with a person.
    askedForHuman: ({ context }) => context.handoffReason === 'asked_for_human',
    flowHandsOff: ({ event }) => event.type === 'FLOW_RESULT' && event.handoff !== undefined,
    misunderstoodTooOften: ({ context, event }) =>
      event.type === 'FLOW_RESULT' && event.unhandled && context.misunderstoodInARow + 1 >= MISUNDERSTOOD_LIMIT,
  },
  actions: {
    recordTurn: assign(({ context, event }) => {
      if (event.type !== 'TURN') return {};
      return {
        turnCount: context.turnCount + 1,
        route: routeFor(event.intent),
        lastIntent: event.intent,
        mode: event.mode ?? context.mode,
      };
    }),
    countFlowResult: assign(({ context, event }) => {
      if (event.type !== 'FLOW_RESULT') return {};
      return { misunderstoodInARow: event.unhandled ? context.misunderstoodInARow + 1 : 0 };
    }),
    handOffAsked: assign(({ context, event }) => ({
      handoffReason: event.type === 'TURN' && event.intent === 'complaint' ? ('complaint' as const) : ('asked_for_human' as const),
      handoffTurn: context.turnCount,
    })),
    handOffLargeOrder: assign(({ context }) => ({ handoffReason: 'large_order' as const, handoffTurn: context.turnCount })),
    handOffFromFlow: assign(({ context, event }) => ({
      handoffReason: event.type === 'FLOW_RESULT' && event.handoff ? event.handoff : ('outside_policy' as const),
      handoffTurn: context.turnCount,
    })),
    handOffMisunderstood: assign(({ context }) => ({ handoffReason: 'misunderstood' as const, handoffTurn: context.turnCount, misunderstoodInARow: 0 })),
    clearHandoff: assign({ handoffReason: null, handoffTurn: null, misunderstoodInARow: 0 }),
  },
}).createMachine({
  id: 'orchestrator',
  context: ({ input }) => ({
    buyerId: input.buyerId,
    mode: input.mode ?? 'auto',
    turnCount: 0,
    misunderstoodInARow: 0,
    route: null,
    lastIntent: null,
    handoffReason: null,
    handoffTurn: null,
  }),
  initial: 'bot',
  on: {
    AGENT_JOINED: { target: '.agent', actions: 'clearHandoff' },
  },
  states: {
    bot: {
      on: {
        TURN: [
          { guard: 'asksForHandoff', target: 'pending', actions: ['recordTurn', 'handOffAsked'] },
          { guard: 'isLargeOrder', target: 'pending', actions: ['recordTurn', 'handOffLargeOrder'] },
          { actions: 'recordTurn' },
        ],
        FLOW_RESULT: [
          { guard: 'flowHandsOff', target: 'pending', actions: ['countFlowResult', 'handOffFromFlow'] },
          { guard: 'misunderstoodTooOften', target: 'pending', actions: ['countFlowResult', 'handOffMisunderstood'] },
          { actions: 'countFlowResult' },
        ],
      },
    },
    /** Handed off: the buyer waits for a human; turns are recorded for the agent. */
    pending: {
      on: {
        TURN: { actions: 'recordTurn' },
        AGENT_LEFT: { target: 'bot', actions: 'clearHandoff' },
        BUYER_WITHDREW: { guard: 'askedForHuman', target: 'bot', actions: 'clearHandoff' },
      },
    },
    /** A human answers: the bot only suggests. */
    agent: {
      on: {
        TURN: { actions: 'recordTurn' },
        FLOW_RESULT: { actions: 'countFlowResult' },
        AGENT_LEFT: { target: 'bot', actions: 'clearHandoff' },
      },
    },
  },
});
