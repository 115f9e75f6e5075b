import { describe, expect, it } from 'vitest';
import { ALL_MACHINES } from './flows.ts';
import { leafStates, STATE_LABELS, stateLabel } from './state-labels.ts';

describe('Chinese state names', () => {
  it('names every leaf state of every machine, in Chinese, and nothing else', () => {
    const leaves = Object.entries(ALL_MACHINES).flatMap(([name, machine]) => leafStates(machine).map((s) => `${name}.${s}`));
    expect(leaves.length).toBeGreaterThan(15);
    expect(leaves.filter((s) => STATE_LABELS[s] === undefined)).toEqual([]);
    expect(Object.keys(STATE_LABELS).filter((k) => !leaves.includes(k))).toEqual([]);
    for (const label of Object.values(STATE_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fff·\s]+$/);
  });

  it('words a turn state the way agents say it', () => {
    expect(stateLabel('pending/escalation.waitingForAgent')).toBe('等待人工');
    expect(stateLabel('bot/bargaining.negotiating')).toBe('议价中');
    expect(stateLabel('pending/bargaining.escalated')).toBe('等待人工 · 议价转人工');
    expect(stateLabel('agent/presale.idle')).toBe('人工接待中 · 售前咨询');
    expect(stateLabel('bot')).toBe('机器人接待');
    expect(stateLabel('agent/escalation.waitingForAgent')).toBe('人工接待中');
    expect(stateLabel('bot/newflow.someState')).toBe('newflow.someState');
  });
});
