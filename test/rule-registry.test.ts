import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profiles } from '../src/compliance/profiles/index.ts';
import { renderRuleIndex } from '../src/compliance/rule-index.ts';
import { allRules } from '../src/compliance/rules/index.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';

const rulesDir = new URL('../src/compliance/rules/', import.meta.url);
const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');

describe('rule registry', () => {
  it('registers every rule file, one rule per file named after its id', () => {
    expect(allRules.map((r) => `${r.meta.id}.ts`).sort()).toEqual([...ruleFiles].sort());
  });

  it('has unique ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every rule its own test file', () => {
    for (const file of ruleFiles) expect(existsSync(new URL(file.replace(/\.ts$/, '.test.ts'), rulesDir)), file).toBe(true);
  });

  it('declares keywords as normalised text (simplified, lower-case, half-width)', () => {
    for (const rule of allRules) {
      for (const keyword of rule.meta.keywords ?? []) {
        expect(keyword.length, rule.meta.id).toBeGreaterThan(0);
        expect(normalizeSameLength(keyword), `${rule.meta.id}: ${keyword}`).toBe(keyword);
      }
    }
  });

  it('profiles only name existing rules', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    for (const profile of Object.values(profiles)) {
      for (const id of Object.keys(profile.severities)) expect(ids.has(id), `${profile.id} names unknown rule ${id}`).toBe(true);
    }
  });

  it('keeps the taobao profile strict on every rule with penalty points', () => {
    for (const rule of allRules.filter((r) => r.meta.penaltyPoints !== undefined)) {
      expect(profiles.taobao.severities[rule.meta.id] ?? rule.meta.defaultSeverity, rule.meta.id).toBe('error');
    }
  });

  it('docs/rules.md is up to date (npm run docs:rules)', () => {
    const onDisk = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderRuleIndex(allRules));
  });
});
