import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateCorpusItems } from '../bench/corpus.ts';
import { createLinter } from '../src/compliance/linter.ts';
import { ProfileIdSchema } from '../src/compliance/schema.ts';
import { fixedPhrases } from '../src/compliance/tables/index.ts';

// The keyword prefilter skips rules whose keywords are absent. It must never change a result:
// lint with and without it, on the bench corpus, the manuals' fixtures and random mixtures.
const manual = parse(readFileSync(new URL('./fixtures/manuals.yaml', import.meta.url), 'utf8')) as {
  forbidden: { text: string }[];
  correct: { text: string }[];
};
const corpus = generateCorpusItems(3000, 7).map((i) => i.text);
const texts = [...corpus, ...manual.forbidden.map((f) => f.text), ...manual.correct.map((c) => c.text)];
const fragments = [...new Set([...fixedPhrases.map((p) => p.phrase), ...texts.slice(0, 300).flatMap((t) => t.split(/(?<=[，。！？])/))])];

function findings(text: string, profile: 'tmall' | 'taobao', prefilter: boolean): string[] {
  return createLinter({ profile }, { prefilter })
    .lint(text)
    .violations.map((v) => `${v.ruleId}@${v.start}-${v.end}`);
}

describe('keyword prefilter', () => {
  for (const profile of ProfileIdSchema.options) {
    it(`changes no finding on ${texts.length} corpus and manual texts (${profile})`, () => {
      const withFilter = createLinter({ profile });
      const without = createLinter({ profile }, { prefilter: false });
      const differing = texts.filter((t) => JSON.stringify(withFilter.lint(t).violations) !== JSON.stringify(without.lint(t).violations));
      expect(differing).toEqual([]);
    });
  }

  it('changes no finding on random mixtures of phrases', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 6 }), fc.constantFrom(...ProfileIdSchema.options), (parts, profile) => {
        const text = parts.join('');
        expect(findings(text, profile, true)).toEqual(findings(text, profile, false));
      }),
      { numRuns: 1500 },
    );
  });
});
