import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { orchestratorMachine } from '../../flows/orchestrator.ts';
import { mermaidDiagram } from './diagram.ts';

describe('mermaidDiagram', () => {
  it('draws states, the initial state, guarded transitions and parent-level events', () => {
    const text = mermaidDiagram(orchestratorMachine);
    expect(text.split('\n')[0]).toBe('stateDiagram-v2');
    expect(text).toContain('[*] --> orchestrator_bot');
    expect(text).toContain('orchestrator_bot --> orchestrator_pending : TURN [asksForHandoff]');
    expect(text).toContain('orchestrator_pending --> orchestrator_bot : AGENT_LEFT');
    expect(text).toContain('orchestrator_bot --> orchestrator_agent : AGENT_JOINED');
    expect(text).not.toContain('orchestrator_agent --> orchestrator_agent');
  });

  it('nests compound states', () => {
    const machine = createMachine({ id: 'm', initial: 'a', states: { a: { initial: 'x', states: { x: { on: { GO: 'y' } }, y: {} } } } });
    const text = mermaidDiagram(machine);
    expect(text).toContain('state "a" as m_a {');
    expect(text).toContain('m_a_x --> m_a_y : GO');
  });
});
