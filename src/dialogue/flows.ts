import { createActor, type AnyStateMachine, type Snapshot } from 'xstate';
import { aftersaleMachine } from '../../flows/aftersale.ts';
import { bargainingMachine } from '../../flows/bargaining.ts';
import { invoiceMachine } from '../../flows/invoice.ts';
import { logisticsMachine } from '../../flows/logistics.ts';
import { presaleMachine } from '../../flows/presale.ts';
import type { FlowOutput, TurnEvent } from '../../flows/protocol.ts';

/** The scenario machines the engine can run, by route. */
export const FLOW_MACHINES = {
  presale: presaleMachine,
  bargaining: bargainingMachine,
  logistics: logisticsMachine,
  aftersale: aftersaleMachine,
  invoice: invoiceMachine,
} satisfies Record<string, AnyStateMachine>;
export type FlowName = keyof typeof FLOW_MACHINES;

/**
 * States in which a flow's last reply asked the buyer something (which order, the new address,
 * photos, a size). A message that no flow claims (`other`, a bare "好的") goes to the flow that
 * waits, even after the buyer asked something else in between.
 */
export const WAITING_STATES: Record<FlowName, readonly string[]> = {
  presale: ['awaitingBodyData'],
  bargaining: [],
  logistics: ['choosingOrder', 'awaitingAddress'],
  aftersale: ['awaitingPhotos', 'awaitingChoice', 'awaitingVariant'],
  invoice: ['awaitingTitle'],
};

/** Whether a flow's persisted snapshot is in one of its waiting states. */
export function isWaiting(name: FlowName, persisted: unknown): boolean {
  if (persisted === null || typeof persisted !== 'object' || !('value' in persisted)) return false;
  return WAITING_STATES[name].includes(statePath(persisted.value));
}

export function isFlowName(name: string): name is FlowName {
  return name in FLOW_MACHINES;
}

/**
 * Runs one turn of a scenario machine from its persisted snapshot (or fresh) and returns the
 * new persisted snapshot, the machine's state path and its output for the turn.
 */
export function runFlow(
  name: FlowName,
  persisted: unknown,
  event: TurnEvent,
): { snapshot: unknown; state: string; out: FlowOutput } {
  const machine: AnyStateMachine = FLOW_MACHINES[name];
  const actor = createActor(machine, persisted === undefined ? {} : { snapshot: persisted as Snapshot<unknown> });
  actor.start();
  actor.send(event);
  const snapshot = actor.getSnapshot();
  const out = (snapshot.context as { out: FlowOutput }).out;
  const state = statePath(snapshot.value);
  const next = actor.getPersistedSnapshot();
  actor.stop();
  return { snapshot: next, state: `${name}.${state}`, out };
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
