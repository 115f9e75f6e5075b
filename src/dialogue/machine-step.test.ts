import { describe, expect, it } from 'vitest';
import { assign, createActor, setup, type AnyStateMachine, type EventObject, type Snapshot } from 'xstate';
import { aftersaleMachine } from '../../flows/aftersale.ts';
import { bargainingMachine } from '../../flows/bargaining.ts';
import { orchestratorMachine, type OrchestratorEvent } from '../../flows/orchestrator.ts';
import { presaleMachine } from '../../flows/presale.ts';
import { turn } from '../../flows/test-fixtures.ts';
import { persistMachine, restoreMachine, stepMachine } from './machine-step.ts';

/** The same events through an actor restored before each one (what the engine did before). */
function viaActors(machine: AnyStateMachine, events: readonly EventObject[], input?: unknown): unknown[] {
  let persisted: unknown;
  return events.map((event) => {
    const actor = createActor(machine, { input, ...(persisted === undefined ? {} : { snapshot: persisted as Snapshot<unknown> }) }).start();
    actor.send(event);
    persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    return persisted;
  });
}

function viaSteps(machine: AnyStateMachine, events: readonly EventObject[], input?: unknown): unknown[] {
  let persisted: unknown;
  return events.map((event) => {
    persisted = JSON.parse(JSON.stringify(persistMachine(machine, stepMachine(machine, restoreMachine(machine, persisted, input), event))));
    return persisted;
  });
}

describe('machine steps without actors', () => {
  it.each([
    ['bargaining', bargainingMachine, ['bargain_excuse', 'bargain_excuse', 'bargain_decisive', 'thanks_bye']],
    ['presale', presaleMachine, ['size_advice', 'stock', 'shipping_fee', 'size_advice']],
    ['aftersale', aftersaleMachine, ['quality_issue', 'quality_issue', 'return_dislike']],
  ] as const)('%s: the same persisted snapshots as an actor restored before each turn', (_name, machine, intents) => {
    const events = intents.map((intent) => turn(intent));
    const expected = viaActors(machine, events, {});
    expect(viaSteps(machine, events, {})).toEqual(expected);
    // The machine moved: the comparison is not of two initial states.
    expect(new Set(expected.map((s) => JSON.stringify(s))).size).toBeGreaterThan(1);
  });

  it('orchestrator: input reaches the initial context; owner changes as with an actor', () => {
    const events: OrchestratorEvent[] = [
      { type: 'TURN', intent: 'human', largeOrder: false },
      { type: 'FLOW_RESULT', unhandled: false, handoff: 'asked_for_human' },
      { type: 'AGENT_JOINED' },
      { type: 'AGENT_LEFT' },
    ];
    const input = { buyerId: 'tb_buyer_anna' };
    const steps = viaSteps(orchestratorMachine, events, input);
    expect(steps).toEqual(viaActors(orchestratorMachine, events, input));
    expect((steps[0] as { context: { buyerId: string } }).context.buyerId).toBe('tb_buyer_anna');
    expect(steps.map((s) => (s as { value: string }).value)).toEqual(['pending', 'pending', 'agent', 'bot']);
  });

  it('a guard that throws fails the step at once instead of crashing the process later', () => {
    const fragile = setup({
      types: { context: {} as { n: number }, events: {} as { type: 'GO' } },
      guards: {
        broken: () => {
          throw new Error('guard failed');
        },
      },
      actions: { count: assign({ n: ({ context }) => context.n + 1 }) },
    }).createMachine({ context: { n: 0 }, initial: 'a', states: { a: { on: { GO: { guard: 'broken', target: 'b' } } }, b: { entry: 'count' } } });
    expect(() => stepMachine(fragile, restoreMachine(fragile, undefined), { type: 'GO' })).toThrow('guard failed');
  });

  it('entry actions run on the initial state and on entering a state', () => {
    const counter = setup({ types: { context: {} as { n: number }, events: {} as { type: 'GO' } }, actions: { count: assign({ n: ({ context }) => context.n + 1 }) } }).createMachine({
      context: { n: 0 },
      initial: 'a',
      states: { a: { entry: 'count', on: { GO: 'b' } }, b: { entry: 'count' } },
    });
    const start = restoreMachine(counter, undefined);
    expect(start.context).toEqual({ n: 1 });
    const next = stepMachine(counter, restoreMachine(counter, JSON.parse(JSON.stringify(persistMachine(counter, start)))), { type: 'GO' });
    expect(next.value).toBe('b');
    expect(next.context).toEqual({ n: 2 });
  });
});
