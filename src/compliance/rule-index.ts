import { profiles } from './profiles/index.ts';
import type { Rule } from './rule.ts';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rule index (docs/rules.md): id, severities per profile, points, fix/suggest, source. */
export function renderRuleIndex(rules: readonly Rule[]): string {
  const severityIn = (rule: Rule, profileId: 'tmall' | 'taobao') =>
    profiles[profileId].severities[rule.meta.id] ?? rule.meta.defaultSeverity;
  const lines = [
    '# Compliance rules',
    '',
    'Generated from the rules\' metadata by `npm run docs:rules`; a test fails when it is out of date.',
    'Points are the Tmall penalty points the manuals give when a violation is confirmed.',
    '`fix` = safe automatic fix (`kefu lint --fix`); `suggest` = alternatives for the agent to choose.',
    '',
    '| rule | what it checks | tmall | taobao | points | fix / suggest | source |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const rule of rules) {
    const m = rule.meta;
    const fixes = [m.fixable ? 'fix' : '', m.hasSuggestions ? 'suggest' : ''].filter(Boolean).join(', ') || '—';
    lines.push(
      `| \`${m.id}\` | ${cell(m.description)} | ${severityIn(rule, 'tmall')} | ${severityIn(rule, 'taobao')} | ${m.penaltyPoints ?? '—'} | ${fixes} | ${cell(m.source)} |`,
    );
  }
  lines.push('', `${rules.length} rules.`, '');
  return lines.join('\n');
}
