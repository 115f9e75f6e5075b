import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { getRule, lint } from '../src/compliance/linter.ts';

/** Seller replies as agents really type them (issue 12): the classes the strict profile used to miss. */
const RepliesSchema = z.object({
  violating: z.array(z.object({ class: z.string(), rules: z.array(z.string()).min(1), text: z.string() })).min(60),
  fine: z.array(z.string()).min(40),
});
const replies = RepliesSchema.parse(parse(readFileSync(new URL('./fixtures/real-replies.yaml', import.meta.url), 'utf8')));

describe('real seller replies that break a rule are errors in the tmall profile', () => {
  for (const v of replies.violating) {
    it(`${v.class}: ${v.text}`, () => {
      for (const id of v.rules) expect(getRule(id), `unknown rule ${id}`).toBeDefined();
      const found = lint(v.text, { profile: 'tmall', context: {} }).violations;
      const hits = found.filter((f) => v.rules.includes(f.ruleId) && f.severity === 'error');
      expect(hits, JSON.stringify(found.map((f) => [f.ruleId, v.text.slice(f.start, f.end)]))).not.toEqual([]);
    });
  }
});

describe('polite, correct replies close to those classes get no finding at all', () => {
  for (const text of replies.fine) {
    it(text, () => {
      const found = lint(text, { profile: 'tmall', context: {} }).violations;
      expect(found.map((f) => [f.ruleId, text.slice(f.start, f.end)])).toEqual([]);
    });
  }
});
