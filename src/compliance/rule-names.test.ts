import { describe, expect, it } from 'vitest';
import { RULE_NAMES_ZH, ruleName } from './rule-names.ts';
import { allRules } from './rules/index.ts';

describe('Chinese rule names', () => {
  it('names every rule, and only rules that exist', () => {
    expect(Object.keys(RULE_NAMES_ZH).sort()).toEqual(allRules.map((r) => r.meta.id).sort());
  });

  it('names are Chinese, short and distinct', () => {
    const names = Object.values(RULE_NAMES_ZH);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/\p{Script=Han}/u);
      expect(name.length).toBeLessThanOrEqual(14);
    }
  });

  it('an unknown id shows as it is', () => {
    expect(ruleName('polite-you')).toBe('称呼用“您”');
    expect(ruleName('gone-rule')).toBe('gone-rule');
  });
});
