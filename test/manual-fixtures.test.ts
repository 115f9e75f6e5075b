import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { fix, getRule, lint } from '../src/compliance/linter.ts';
import { LintContextSchema } from '../src/compliance/schema.ts';

const FixturesSchema = z.object({
  forbidden: z.array(
    z.object({
      source: z.string(),
      text: z.string(),
      context: LintContextSchema.optional(),
      rules: z.array(z.string()).min(1),
      severity: z.enum(['error', 'warning']).default('error'),
    }),
  ),
  correct: z.array(z.object({ source: z.string(), text: z.string(), context: LintContextSchema.optional() })),
});

const fixtures = FixturesSchema.parse(parse(readFileSync(new URL('./fixtures/manuals.yaml', import.meta.url), 'utf8')));

describe('the manuals’ forbidden statements and 错误案例 are flagged by the tmall profile', () => {
  it('covers all 14 forbidden statements of seed 000 三', () => {
    const numbers = new Set(fixtures.forbidden.flatMap((f) => /^seed 000 三\((\d+)\)/.exec(f.source)?.[1] ?? []));
    expect([...numbers].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });

  for (const f of fixtures.forbidden) {
    it(`${f.source}: ${f.text}`, () => {
      for (const id of f.rules) expect(getRule(id), `unknown rule ${id}`).toBeDefined();
      const result = lint(f.text, { profile: 'tmall', context: f.context ?? {} });
      const hits = result.violations.filter((v) => f.rules.includes(v.ruleId) && v.severity === f.severity);
      expect(hits.map((v) => v.ruleId), JSON.stringify(result.violations.map((v) => [v.ruleId, f.text.slice(v.start, v.end)]))).not.toEqual([]);
    });
  }
});

describe('the manuals’ correct answers pass', () => {
  for (const c of fixtures.correct) {
    it(`${c.source}: ${c.text}`, () => {
      const context = c.context ?? {};
      const relaxed = lint(c.text, { profile: 'taobao', context });
      expect(relaxed.violations.filter((v) => v.severity === 'error').map((v) => `${v.ruleId}: ${c.text.slice(v.start, v.end)}`)).toEqual([]);
      const strictAfterFix = fix(c.text, { profile: 'tmall', context });
      expect(strictAfterFix.violations.filter((v) => v.severity === 'error').map((v) => `${v.ruleId}: ${strictAfterFix.output.slice(v.start, v.end)}`)).toEqual([]);
    });
  }
});
