import { describe, expect, it } from 'vitest';
import { bj, Records } from '../../test/helpers/notebook-records.ts';
import { filterProblems, problemColumns, problemLog } from './problems.ts';
import { toTable } from './table.ts';

const day = { from: bj('2025-11-20 00:00'), to: bj('2025-11-21 00:00') };

describe('problemLog', () => {
  const r = new Records()
    .event('c1', 'unrecognised', '2025-11-20 10:00', { text: '这个能当被子吗', intent: 'other', confidence: 0.31 })
    .event('c1', 'handoff', '2025-11-20 10:01', { reason: 'misunderstood', summary: '买家 b1 连续两次未识别' })
    .event('c2', 'agent_reply', '2025-11-20 11:00', {
      agent: '小禾',
      errorCount: 2,
      warningCount: 0,
      points: 4,
      violations: [
        { ruleId: 'polite-you', severity: 'error' },
        { ruleId: 'no-certainty-words', severity: 'error', points: 4 },
      ],
    })
    .event('c3', 'agent_reply', '2025-11-20 11:05', { agent: '小禾', errorCount: 0, warningCount: 1, points: 0, violations: [{ ruleId: 'no-particle-o', severity: 'warning' }] })
    .event('c4', 'turn', '2025-11-20 12:00', { intent: 'stock' })
    .event('c5', 'unrecognised', '2025-11-21 00:00', { text: '明天的', intent: 'other' })
    .event('c6', 'handoff', '2025-11-19 23:59:59', { reason: 'complaint' });

  it('lists unrecognised messages, hand-offs and agent replies with errors, newest first, with the conversation link', () => {
    const rows = problemLog(r.events, day);
    expect(rows.map((x) => [x.kind, x.conversationId])).toEqual([
      ['agent_lint', 'c2'],
      ['handoff', 'c1'],
      ['unrecognised', 'c1'],
    ]);
    // Rules by their Chinese names (the ids stay in `rules`, what the filter matches).
    expect(rows[0]!.detail).toBe('小禾：2 处错误，扣 4 分；规则：称呼用“您”、“保证/肯定/绝对”等字样（4分）');
    expect(rows[0]).toMatchObject({ agent: '小禾', rules: ['polite-you', 'no-certainty-words'] });
    expect(rows[1]!.detail).toBe('机器人连续两次没能理解顾客：买家 b1 连续两次未识别');
    expect(rows[2]!.detail).toBe('买家：「这个能当被子吗」（识别为 other 31%）');
    expect(rows[2]!.link).toBe('/agent.html#c1');
  });

  it('filters by rule and by agent: only agent replies that match every filter', () => {
    const more = new Records().event('c7', 'agent_reply', '2025-11-20 12:30', {
      agent: '小满',
      errorCount: 1,
      warningCount: 0,
      points: 0,
      violations: [{ ruleId: 'polite-you', severity: 'error' }],
    });
    const rows = problemLog([...r.events, ...more.events.map((e) => ({ ...e, id: 1000 }))], day);
    expect(filterProblems(rows, {}).length).toBe(rows.length);
    expect(filterProblems(rows, { rule: 'polite-you' }).map((x) => x.conversationId)).toEqual(['c7', 'c2']);
    expect(filterProblems(rows, { rule: 'no-certainty-words' }).map((x) => x.conversationId)).toEqual(['c2']);
    expect(filterProblems(rows, { agent: '小满' }).map((x) => x.conversationId)).toEqual(['c7']);
    expect(filterProblems(rows, { agent: '小满', rule: 'no-certainty-words' })).toEqual([]);
    // A warning is no problem-log entry: no-particle-o (c3) never matches.
    expect(filterProblems(rows, { rule: 'no-particle-o' })).toEqual([]);
  });

  it('keeps to the window: the shop-local day in +08:00, end excluded', () => {
    const next = problemLog(r.events, { from: bj('2025-11-21 00:00'), to: bj('2025-11-22 00:00') });
    expect(next.map((x) => x.conversationId)).toEqual(['c5']);
    const before = problemLog(r.events, { from: bj('2025-11-19 00:00'), to: bj('2025-11-20 00:00') });
    expect(before.map((x) => x.conversationId)).toEqual(['c6']);
  });

  it('marks an entry resolved with the note, even when resolved after the window', () => {
    const problem = problemLog(r.events, day).find((x) => x.kind === 'handoff')!;
    const later = new Records().event('c1', 'problem_resolved', '2025-11-22 09:00', { problemId: problem.id, agent: '小禾', note: '已电话回访' });
    const rows = problemLog([...r.events, ...later.events.map((e) => ({ ...e, id: 999 }))], day);
    expect(rows.find((x) => x.id === problem.id)?.resolved).toEqual({ agent: '小禾', note: '已电话回访', at: bj('2025-11-22 09:00') });
    expect(rows.filter((x) => x.resolved === null)).toHaveLength(2);
    const table = toTable(rows, problemColumns('Asia/Shanghai'));
    expect(table.cells.map((c) => c.at(-1))).toContain('已处理（小禾）：已电话回访');
  });

  it('skips events whose data is malformed instead of failing', () => {
    const bad = new Records().event('x', 'handoff', '2025-11-20 09:00', { summary: 'no reason' });
    expect(problemLog(bad.events, day)).toEqual([]);
  });

  it('is empty for no events, and renders shop-local times with Chinese headers', () => {
    expect(problemLog([], day)).toEqual([]);
    const table = toTable(problemLog(r.events, day), problemColumns('Asia/Shanghai'));
    expect(table.headers).toEqual(['时间', '类型', '会话', '详情', '链接', '处理']);
    expect(table.cells[0]!.slice(0, 3)).toEqual(['2025-11-20 11:00', '客服回复违规', 'c2']);
  });
});

describe('hand-off details', () => {
  it('do not repeat the reason when the summary already starts with it', () => {
    const r = new Records().event('c', 'handoff', '2025-11-20 10:00', { reason: 'complaint', summary: '转人工原因：顾客投诉或表示要差评。买家 b1' });
    expect(problemLog(r.events, day)[0]!.detail).toBe('转人工原因：顾客投诉或表示要差评。买家 b1');
  });
});
