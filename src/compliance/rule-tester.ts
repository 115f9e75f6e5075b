import { describe, expect, it } from 'vitest';
import { createLinter } from './linter.ts';
import type { Rule } from './rule.ts';
import { allRules } from './rules/index.ts';
import type { LintContext } from './schema.ts';

/** A text the rule must not flag. A bare string is linted without context. */
export type ValidCase = string | { text: string; context?: LintContext; name?: string };

export interface ExpectedError {
  /** The exact flagged text; its position is found in the case's text. */
  span: string;
  /** Which occurrence of `span` (0-based), when it occurs more than once. */
  occurrence?: number;
  messageId?: string;
  /** The text after applying this error's first suggestion to the original. */
  suggestion?: string;
}

export interface InvalidCase {
  text: string;
  context?: LintContext;
  name?: string;
  errors: ExpectedError[];
  /** Text after all safe fixes of this rule; required when the rule fixes anything here, else must be absent. */
  output?: string;
}

export interface RuleTests {
  valid: ValidCase[];
  /** Ordinary wording that looks like a violation but is not: the rule's precision list. */
  nearMisses: ValidCase[];
  invalid: InvalidCase[];
}

function spanStart(text: string, span: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(span, at + 1);
    if (at < 0) throw new Error(`span "${span}" (occurrence ${occurrence}) not found in "${text}"`);
  }
  return at;
}

/** A linter running this rule alone, as an error, so other rules' findings cannot mask or pad the result. */
function lintWithOnly(rule: Rule, context: LintContext | undefined) {
  const severities = Object.fromEntries(allRules.map((r) => [r.meta.id, r === rule ? 'error' : 'off'] as const));
  return createLinter({ context: context ?? {}, severities });
}

/**
 * ESLint's RuleTester for kefu rules: valid cases and near misses yield nothing; invalid
 * cases yield exactly the listed spans, and `output` pins what the safe fixes produce.
 */
export function testRule(rule: Rule, tests: RuleTests): void {
  describe(rule.meta.id, () => {
    it('has complete meta and matching message catalogues', () => {
      expect(rule.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(Object.keys(rule.meta.messages.en).sort()).toEqual(Object.keys(rule.meta.messages.zh).sort());
      for (const zh of Object.values<string>(rule.meta.messages.zh)) expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(tests.valid.length).toBeGreaterThan(0);
      expect(tests.nearMisses.length).toBeGreaterThan(0);
      expect(tests.invalid.length).toBeGreaterThan(0);
    });

    const cases = [
      ...tests.valid.map((c) => ({ kind: 'valid', c })),
      ...tests.nearMisses.map((c) => ({ kind: 'near miss', c })),
    ];
    for (const { kind, c } of cases) {
      const text = typeof c === 'string' ? c : c.text;
      const context = typeof c === 'string' ? undefined : c.context;
      it(`${kind}: ${typeof c !== 'string' && c.name ? c.name : text}`, () => {
        const result = lintWithOnly(rule, context).lint(text);
        expect(result.violations.map((v) => text.slice(v.start, v.end))).toEqual([]);
      });
    }

    for (const c of tests.invalid) {
      it(`invalid: ${c.name ?? c.text}`, () => {
        const linter = lintWithOnly(rule, c.context);
        const result = linter.lint(c.text);
        const expected = c.errors.map((e) => {
          const start = spanStart(c.text, e.span, e.occurrence);
          return { start, end: start + e.span.length, span: e.span };
        });
        const actual = result.violations.map((v) => ({ start: v.start, end: v.end, span: c.text.slice(v.start, v.end) }));
        expect(actual).toEqual(expected);
        c.errors.forEach((e, i) => {
          const v = result.violations[i]!;
          if (e.messageId) expect(v.messageId).toBe(e.messageId);
          expect(v.message.length).toBeGreaterThan(0);
          if (e.suggestion !== undefined) {
            const edit = v.suggestions?.[0]?.edit;
            expect(edit, 'a suggestion was expected').toBeDefined();
            expect(c.text.slice(0, edit!.start) + edit!.text + c.text.slice(edit!.end)).toBe(e.suggestion);
          }
        });
        const anyFix = result.violations.some((v) => v.fix);
        if (anyFix) {
          expect(c.output, 'this case is fixable: give its output').toBeDefined();
          expect(linter.fix(c.text).output).toBe(c.output);
        } else {
          expect(c.output, 'no fix was produced, so output must be absent').toBeUndefined();
        }
      });
    }
  });
}
