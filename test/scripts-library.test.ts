import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLinter } from '../src/compliance/linter.ts';
import { PLACEHOLDERS, parseScriptsFile, renderVariant } from '../src/dialogue/scripts.ts';
import { SAMPLE_PLACEHOLDER_VALUES } from '../flows/test-fixtures.ts';

/** Every file of the scripts library, checked the same way (one test instead of one copy per flow). */
const dir = new URL('../scripts-library/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const linter = createLinter({ profile: 'tmall' });
// A list of the buyer's own order tails, as the "which order" questions render them.
const SAMPLE_PARAMS: Record<string, string | number> = { ...SAMPLE_PLACEHOLDER_VALUES, orderId: '尾号0001、尾号0002' };

describe.each(files)('scripts-library/%s', (file) => {
  const prefix = file.replace(/\.yaml$/, '');
  const scripts = parseScriptsFile(readFileSync(new URL(file, dir), 'utf8'), `scripts-library/${file}`);

  it(`has only ${prefix}.* ids, each with a description and at least two variants`, () => {
    expect(scripts.length).toBeGreaterThan(3);
    for (const s of scripts) {
      expect(s.id.startsWith(`${prefix}.`), s.id).toBe(true);
      expect(s.description.length, s.id).toBeGreaterThan(0);
      expect(s.variants.length, s.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('every variant, rendered with sample values, passes the strict linter with zero findings', () => {
    expect(Object.keys(SAMPLE_PARAMS).sort()).toEqual(Object.keys(PLACEHOLDERS).sort());
    const findings: string[] = [];
    for (const s of scripts) {
      for (const v of s.variants) {
        const text = renderVariant(v, SAMPLE_PARAMS, s.id);
        for (const f of linter.lint(text).violations) findings.push(`${s.id}: ${f.ruleId} (${f.severity}) 「${text.slice(f.start, f.end)}」 in ${text}`);
      }
    }
    expect(findings).toEqual([]);
  });

  it('every variant ends with punctuation and addresses the buyer as 您', () => {
    for (const s of scripts) {
      for (const v of s.variants) {
        expect(v, s.id).toMatch(/[。？！～]$/);
        expect(v, s.id).not.toMatch(/你/);
      }
    }
  });
});
