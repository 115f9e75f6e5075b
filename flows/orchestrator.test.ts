import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { orchestratorMachine, type OrchestratorEvent } from './orchestrator.ts';

function start(events: OrchestratorEvent[] = []) {
  const actor = createActor(orchestratorMachine, { input: { buyerId: 'tb_buyer_anna' } }).start();
  for (const e of events) actor.send(e);
  return actor;
}

const turn = (intent: Extract<OrchestratorEvent, { type: 'TURN' }>['intent'], largeOrder = false): OrchestratorEvent => ({ type: 'TURN', intent, largeOrder });

describe('orchestrator', () => {
  it('starts with the bot owning the conversation', () => {
    const s = start().getSnapshot();
    expect(s.value).toBe('bot');
    expect(s.context).toMatchObject({ buyerId: 'tb_buyer_anna', mode: 'auto', turnCount: 0 });
  });

  it('routes turns and counts them', () => {
    const a = start([turn('stock'), { type: 'FLOW_RESULT', unhandled: false }, turn('bargain_generic')]);
    expect(a.getSnapshot().context).toMatchObject({ turnCount: 2, route: 'bargaining', lastIntent: 'bargain_generic' });
  });

  it.each([
    ['human', 'asked_for_human'],
    ['complaint', 'complaint'],
  ] as const)('hands %s to a human (%s)', (intent, reason) => {
    const s = start([turn(intent)]).getSnapshot();
    expect(s.value).toBe('pending');
    expect(s.context).toMatchObject({ handoffReason: reason, handoffTurn: 1 });
  });

  it('hands large orders to a human', () => {
    expect(start([turn('order_placed', true)]).getSnapshot().context.handoffReason).toBe('large_order');
  });

  it('hands off after two misunderstood turns in a row, not after two apart', () => {
    const apart = start([turn('other'), { type: 'FLOW_RESULT', unhandled: true }, turn('stock'), { type: 'FLOW_RESULT', unhandled: false }, turn('other'), { type: 'FLOW_RESULT', unhandled: true }]);
    expect(apart.getSnapshot().value).toBe('bot');
    const inARow = start([turn('other'), { type: 'FLOW_RESULT', unhandled: true }, turn('other'), { type: 'FLOW_RESULT', unhandled: true }]);
    expect(inARow.getSnapshot().value).toBe('pending');
    expect(inARow.getSnapshot().context.handoffReason).toBe('misunderstood');
  });

  it('hands off when a flow says it is outside policy', () => {
    const s = start([turn('bargain_generic'), { type: 'FLOW_RESULT', unhandled: false, handoff: 'outside_policy' }]).getSnapshot();
    expect(s.value).toBe('pending');
    expect(s.context.handoffReason).toBe('outside_policy');
  });

  it('gives the conversation to an agent, and back to the bot when the agent leaves', () => {
    const a = start([turn('human')]);
    a.send({ type: 'AGENT_JOINED' });
    expect(a.getSnapshot().value).toBe('agent');
    a.send(turn('stock'));
    expect(a.getSnapshot().value).toBe('agent');
    a.send({ type: 'AGENT_LEFT' });
    expect(a.getSnapshot().value).toBe('bot');
    expect(a.getSnapshot().context.handoffReason).toBeNull();
  });

  it('a request for a human withdrawn before anyone joined gives the chat back to the bot; a complaint stays handed off', () => {
    const asked = start([turn('human'), { type: 'BUYER_WITHDREW' }]).getSnapshot();
    expect(asked.value).toBe('bot');
    expect(asked.context.handoffReason).toBeNull();
    expect(start([turn('complaint'), { type: 'BUYER_WITHDREW' }]).getSnapshot().value).toBe('pending');
    expect(start([turn('stock'), { type: 'BUYER_WITHDREW' }]).getSnapshot().value).toBe('bot');
  });

  it('an agent can take over from the bot at any time', () => {
    const a = start([turn('stock')]);
    a.send({ type: 'AGENT_JOINED' });
    expect(a.getSnapshot().value).toBe('agent');
  });

  it('restores from a persisted snapshot and continues exactly', () => {
    const events: OrchestratorEvent[] = [turn('stock'), { type: 'FLOW_RESULT', unhandled: false }, turn('other'), { type: 'FLOW_RESULT', unhandled: true }];
    const straight = start([...events, turn('other'), { type: 'FLOW_RESULT', unhandled: true }]);
    const first = start(events);
    const persisted = JSON.parse(JSON.stringify(first.getPersistedSnapshot()));
    const restored = createActor(orchestratorMachine, { snapshot: persisted, input: { buyerId: 'tb_buyer_anna' } }).start();
    restored.send(turn('other'));
    restored.send({ type: 'FLOW_RESULT', unhandled: true });
    expect(restored.getSnapshot().value).toBe(straight.getSnapshot().value);
    expect(restored.getSnapshot().context).toEqual(straight.getSnapshot().context);
  });
});
