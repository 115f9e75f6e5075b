import type { Violation } from '../compliance/schema.ts';
import { OUTCOME_LABELS, type Outcome } from './schema.ts';
import type { Miss, Scorecard } from './scorecard.ts';

/** Scorecards and live lint as Chinese text lines (the terminal trainer; no I/O here). */

const KIND_LABELS: Record<Miss['kind'], string> = { rule: '规则', step: '步骤', fact: '事实', time: '响应', outcome: '结果' };

export function formatLint(violations: readonly Violation[]): string[] {
  const errors = violations.filter((v) => v.severity === 'error');
  if (errors.length === 0) return ['  [检查] ✓ 没有违规'];
  return errors.map((v) => `  [检查] ✗ ${v.ruleId}${v.penaltyPoints === undefined ? '' : `（扣 ${v.penaltyPoints} 分）`}：${v.message}`);
}

export function formatScorecard(card: Scorecard, outcome: Outcome): string[] {
  const lines = [
    `评分卡：${card.scenario}`,
    `  总分 ${card.total}/100 · 目标：${OUTCOME_LABELS[outcome]}（${card.outcome.reached ? '已达成' : '未达成'}）· ${card.turns} 轮 · 违规回复 ${card.ruleBreaks} 条 · 扣分（规则）${card.penaltyPoints}`,
    `  步骤：${card.steps.map((s) => `${s.hit ? '✓' : '✗'} ${s.label}`).join('；')}`,
  ];
  if (card.misses.length === 0) {
    lines.push('  没有扣分，做得很好！');
    return lines;
  }
  lines.push('  扣分明细：');
  for (const m of card.misses) {
    lines.push(`  − ${m.points} 分 [${KIND_LABELS[m.kind]} ${m.id}] ${m.label}${m.turn === undefined ? '' : `（第 ${m.turn} 轮）`}`);
    if (m.line !== undefined) lines.push(`      您的回复：${m.line}`);
    if (m.advice !== undefined) lines.push(`      参考话术：${m.advice}`);
  }
  return lines;
}
