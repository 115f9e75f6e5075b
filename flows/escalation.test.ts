import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { parseScriptsFile } from '../src/dialogue/scripts.ts';
import { CALLBACK_GRACE_HOURS, escalationMachine, handoffNotice, openingWords, type EscalationEvent, type EscalationReason } from './escalation.ts';
import type { FlowOutput, TurnFacts } from './protocol.ts';
import { expectLintCleanReplies, turn } from './test-fixtures.ts';

const scriptById = new Map(
  parseScriptsFile(readFileSync(new URL('../scripts-library/escalation.yaml', import.meta.url), 'utf8'), 'scripts-library/escalation.yaml').map((s) => [s.id, s] as const),
);

/** Facts at a time (the test shop works 09:00–16:30 and 16:00–22:30, Asia/Shanghai). */
function factsAt(now: string, agentAvailable: boolean, withinWorkingHours = agentAvailable): TurnFacts {
  return { ...turn('other').facts, now: new Date(now).toISOString(), withinWorkingHours, agentAvailable };
}
const IN_HOURS = factsAt('2026-11-23T10:00:00+08:00', true);
const NIGHT = factsAt('2026-11-23T23:30:00+08:00', false);

const ids = (out: FlowOutput) => out.replies.map((r) => r.scriptId);

function run(events: EscalationEvent[]) {
  const actor = createActor(escalationMachine, { input: {} }).start();
  return events.map((event) => {
    actor.send(event);
    const snap = actor.getSnapshot();
    if (event.type !== 'RESOLVED') expectLintCleanReplies(snap.context.out, { ...turn('other'), facts: event.facts }, scriptById);
    return { value: snap.value as string, out: snap.context.out };
  });
}

describe('hand-off notice in working hours', () => {
  it.each([
    ['asked_for_human', '转人工', 'escalation.handoff.human'],
    ['complaint', '你们这什么服务', 'escalation.handoff.complaint'],
    ['complaint', '再不处理我就给差评', 'escalation.handoff.bad_review'],
    ['complaint', '我要去12315舉報你們', 'escalation.handoff.bad_review'],
    ['large_order', '我拍好了', 'escalation.handoff.large_order'],
    ['outside_policy', '再便宜100', 'escalation.handoff.outside_policy'],
    ['misunderstood', '哈哈哈', 'escalation.handoff.misunderstood'],
  ] as const)('%s (%s) → %s, nothing promised, no handover entry', (reason: EscalationReason, text, script) => {
    const { out, opensAt } = handoffNotice(reason, text, IN_HOURS);
    expect(ids(out)).toEqual([script]);
    expect(out.promises).toEqual([]);
    expect(out.handover).toBeUndefined();
    expect(opensAt).toBeNull();
  });

  it('a bad-review threat is never met with money for the review', () => {
    for (const id of ['escalation.handoff.bad_review', 'escalation.after_hours.bad_review_apology']) {
      for (const v of scriptById.get(id)!.variants) expect(v).not.toMatch(/返现|红包|补偿|改.{0,2}评/);
    }
  });
});

describe('hand-off after hours or with no agent online', () => {
  it('promises only a follow-up when the shop opens, says the time, and goes to the handover log', () => {
    const { out, opensAt } = handoffNotice('asked_for_human', '转人工', NIGHT);
    expect(ids(out)).toEqual(['escalation.after_hours.follow_up']);
    expect(out.replies[0]!.params).toEqual({ opening: '明天09:00' });
    expect(out.handover).toBe(true);
    expect(opensAt).toBe('2026-11-24T01:00:00.000Z');
    // 23:30 → 09:00 is 9.5 h: due within the grace hour after opening.
    expect(out.promises).toEqual([{ kind: 'callback', text: '明天09:00上班后第一时间联系顾客跟进', dueInHours: 9.5 + CALLBACK_GRACE_HOURS }]);
  });

  it('a complaint after hours is apologised for first', () => {
    expect(ids(handoffNotice('complaint', '太差了', NIGHT).out)).toEqual(['escalation.after_hours.apology', 'escalation.after_hours.follow_up']);
    expect(ids(handoffNotice('complaint', '我要给差评', NIGHT).out)).toEqual(['escalation.after_hours.bad_review_apology', 'escalation.after_hours.follow_up']);
  });

  it('before opening the same day it says 今天; in hours with nobody online, the next shift', () => {
    const early = factsAt('2026-11-23T07:00:00+08:00', false);
    expect(handoffNotice('asked_for_human', '转人工', early).out.replies[0]!.params).toEqual({ opening: '今天09:00' });
    const nobody = factsAt('2026-11-23T10:00:00+08:00', false, true);
    const { out } = handoffNotice('asked_for_human', '转人工', nobody);
    expect(out.handover).toBe(true);
    expect(out.replies[0]!.params).toEqual({ opening: '今天16:00' });
  });

  it('openingWords names other days by date', () => {
    expect(openingWords(new Date('2026-11-26T01:00:00Z'), new Date('2026-11-23T15:00:00Z'), 'Asia/Shanghai')).toBe('11月26日09:00');
  });
});

describe('the machine', () => {
  it('in hours: notice, then holding lines until resolved', () => {
    const steps = run([
      { type: 'ESCALATE', reason: 'asked_for_human', text: '转人工', facts: IN_HOURS },
      { type: 'TURN', text: '人呢', facts: IN_HOURS },
      { type: 'RESOLVED' },
    ]);
    expect(steps.map((s) => s.value)).toEqual(['waitingForAgent', 'waitingForAgent', 'idle']);
    expect(ids(steps[1]!.out)).toEqual(['escalation.holding.in_hours']);
    expect(steps[2]!.out.replies).toEqual([]);
  });

  it('after hours: waits for the shift and repeats when agents are back', () => {
    const steps = run([
      { type: 'ESCALATE', reason: 'complaint', text: '我要投诉', facts: NIGHT },
      { type: 'TURN', text: '有人吗', facts: factsAt('2026-11-24T00:10:00+08:00', false) },
    ]);
    expect(steps.map((s) => s.value)).toEqual(['waitingForShift', 'waitingForShift']);
    expect(steps[1]!.out.replies).toEqual([{ scriptId: 'escalation.holding.after_hours', params: { opening: '今天09:00' } }]);
  });

  it('a TURN while idle does nothing', () => {
    const [step] = run([{ type: 'TURN', text: '在吗', facts: IN_HOURS }]);
    expect(step!.value).toBe('idle');
    expect(step!.out.replies).toEqual([]);
  });
});
