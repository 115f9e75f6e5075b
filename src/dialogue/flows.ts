import type { AnyStateMachine, EventObject } from 'xstate';
import { persistMachine, restoreMachine, stepMachine } from './machine-step.ts';
import { aftersaleMachine } from '../../flows/aftersale.ts';
import { escalationMachine } from '../../flows/escalation.ts';
import { orchestratorMachine } from '../../flows/orchestrator.ts';
import { bargainingMachine } from '../../flows/bargaining.ts';
import { invoiceMachine } from '../../flows/invoice.ts';
import { logisticsMachine } from '../../flows/logistics.ts';
import { presaleMachine } from '../../flows/presale.ts';
import type { FlowOutput, TurnEvent } from '../../flows/protocol.ts';
import { qualityChoice, saysPhotosSent } from '../../flows/aftersale-helpers.ts';
import { emailFrom, invoiceTitleFrom, titleKindOnly } from '../../flows/invoice-helpers.ts';
import { addressFromText, mentionedOrder } from '../../flows/logistics-helpers.ts';
import { bareNumberOf } from '../../flows/presale-helpers.ts';

/** The scenario machines the engine can run, by route. */
export const FLOW_MACHINES = {
  presale: presaleMachine,
  bargaining: bargainingMachine,
  logistics: logisticsMachine,
  aftersale: aftersaleMachine,
  invoice: invoiceMachine,
} satisfies Record<string, AnyStateMachine>;
export type FlowName = keyof typeof FLOW_MACHINES;

export function isFlowName(name: string): name is FlowName {
  return name in FLOW_MACHINES;
}

/** Every machine of the dialogue, by name: for diagrams and the state-coverage test. */
export const ALL_MACHINES: Record<string, AnyStateMachine> = { orchestrator: orchestratorMachine, escalation: escalationMachine, ...FLOW_MACHINES };

/**
 * States in which a flow's last reply asked the buyer something (which order, the new address,
 * photos, a choice, a size, the invoice title), each with what an answer looks like. A message
 * that answers goes to the flow that asked first, whatever it reads as ("照片发您了" reads as
 * wrong_item or order_placed, "退款吧" as refund_status); so does a message no flow claims
 * (`other`, a bare "好的"), even after the buyer asked something else in between.
 */
type AnswerTest = (event: TurnEvent) => boolean;

const hasVariant: AnswerTest = (e) => e.entities.some((x) => x.type === 'size' || x.type === 'color');

export const WAITING_STATES: Record<FlowName, Readonly<Record<string, AnswerTest>>> = {
  presale: { awaitingBodyData: (e) => e.entities.some((x) => x.type === 'height' || x.type === 'weight') || bareNumberOf(e.text) !== null },
  bargaining: {},
  logistics: {
    choosingOrder: (e) => mentionedOrder(e.text, e.entities, e.facts.orders).kind !== 'none' || e.facts.orderCues !== undefined,
    awaitingAddress: (e) => addressFromText(e.text, true) !== null,
  },
  aftersale: {
    awaitingPhotos: (e) => saysPhotosSent(e.text),
    awaitingChoice: (e) => qualityChoice(e.text) !== null,
    awaitingVariant: hasVariant,
  },
  invoice: {
    // A title, its kind alone ("开公司的") or the mailbox it goes to.
    awaitingTitle: (e) => invoiceTitleFrom(e.text, true) !== null || titleKindOnly(e.text) !== null || emailFrom(e.text) !== null,
    choosingOrder: (e) => mentionedOrder(e.text, e.entities, e.facts.orders).kind !== 'none' || e.facts.orderCues !== undefined,
  },
};

const waitingTest = (name: FlowName, persisted: unknown): AnswerTest | undefined => {
  if (persisted === null || typeof persisted !== 'object' || !('value' in persisted)) return undefined;
  return WAITING_STATES[name][statePath(persisted.value)];
};

/** Whether a flow's persisted snapshot is in one of its waiting states. */
export function isWaiting(name: FlowName, persisted: unknown): boolean {
  return waitingTest(name, persisted) !== undefined;
}

/** Whether a message answers the question a waiting flow asked. */
export function answersWaitingFlow(name: FlowName, persisted: unknown, event: TurnEvent): boolean {
  return waitingTest(name, persisted)?.(event) ?? false;
}

/**
 * Sends one event to a machine restored from its persisted snapshot (or fresh) and returns the
 * new persisted snapshot, the state path and the machine's `out` for the event.
 */
export function runMachine(machine: AnyStateMachine, persisted: unknown, event: EventObject): { snapshot: unknown; state: string; out: FlowOutput } {
  const snapshot = stepMachine(machine, restoreMachine(machine, persisted), event);
  const out = (snapshot.context as { out: FlowOutput }).out;
  return { snapshot: persistMachine(machine, snapshot), state: statePath(snapshot.value), out };
}

/** One turn of a scenario machine; the state is prefixed with the flow's name ("logistics.idle"). */
export function runFlow(name: FlowName, persisted: unknown, event: TurnEvent): { snapshot: unknown; state: string; out: FlowOutput } {
  const result = runMachine(FLOW_MACHINES[name], persisted, event);
  return { ...result, state: `${name}.${result.state}` };
}

/** "awaitingBodyData" or "a.b" for nested state values. */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key}.${statePath(inner)}`)
      .join('|');
  }
  return String(value);
}
