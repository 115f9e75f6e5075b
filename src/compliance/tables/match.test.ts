import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTextView, matchAll } from '../text-view.ts';
import { adlawPhrases } from './adlaw-words.ts';
import { buPhrasings } from './bu-phrasings.ts';
import { dismissivePhrases } from './dismissive-phrases.ts';
import { compilePhrases, escapeRegExp, findPhrases, longestNonOverlapping, phraseSource, tableKeywords, type TablePhrase } from './match.ts';
import { rudePhrases } from './rude-phrases.ts';

const texts = (view: ReturnType<typeof createTextView>, found: { start: number; end: number }[]) => found.map((f) => view.original.slice(f.start, f.end));

describe('longestNonOverlapping', () => {
  it('keeps the longest of overlapping spans, then the earliest, in text order', () => {
    const spans = [
      { start: 0, end: 2, id: 'a' },
      { start: 0, end: 4, id: 'b' },
      { start: 3, end: 6, id: 'c' },
      { start: 8, end: 10, id: 'd' },
      { start: 9, end: 11, id: 'e' },
    ];
    expect(longestNonOverlapping(spans).map((s) => s.id)).toEqual(['b', 'd']);
  });

  it('keeps touching spans', () => {
    expect(longestNonOverlapping([{ start: 2, end: 4 }, { start: 0, end: 2 }])).toEqual([{ start: 0, end: 2 }, { start: 2, end: 4 }]);
  });
});

describe('findPhrases', () => {
  const table: TablePhrase[] = [{ phrase: '不能' }, { phrase: '不能便宜了', pattern: '不能便宜了?' }, { phrase: '不行' }];
  const compiled = compilePhrases(table);

  it('finds entries by phrase or pattern, the longest of overlapping ones winning', () => {
    const view = createTextView('不能便宜了，这个不行，真的不能。');
    const found = findPhrases(view, compiled);
    expect(texts(view, found)).toEqual(['不能便宜了', '不行', '不能']);
    expect(found.map((f) => f.entry.phrase)).toEqual(['不能便宜了', '不行', '不能']);
  });

  it('skips quoted text and what accept rejects', () => {
    const view = createTextView('您说“不行”，我们不能。不行');
    expect(texts(view, findPhrases(view, compiled))).toEqual(['不能', '不行']);
    expect(texts(view, findPhrases(view, compiled, (m) => m.start < 12))).toEqual(['不能']);
  });

  it('matches on the normalised text and reports offsets of the original', () => {
    const view = createTextView('這個不行');
    expect(texts(view, findPhrases(view, compiled))).toEqual(['不行']);
  });

  it('finds the same as matching every entry on every text (the per-entry keyword skip changes nothing)', () => {
    const tables = [buPhrasings, dismissivePhrases, rudePhrases].map((t) => compilePhrases<TablePhrase>(t));
    const pieces = [...new Set([...buPhrasings, ...dismissivePhrases, ...rudePhrases].flatMap((e) => [e.phrase, ...e.phrase]))].concat(['“', '”', '，']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const view = createTextView(parts.join(''));
        for (const t of tables) {
          const naive = longestNonOverlapping(t.flatMap(({ entry, re }) => matchAll(view, re).map((m) => ({ ...m, entry }))));
          expect(findPhrases(view, t)).toEqual(naive);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('tableKeywords', () => {
  it('finds words for every entry of the tables, so their rules keep a prefilter', () => {
    for (const entry of [...buPhrasings, ...dismissivePhrases, ...rudePhrases, ...adlawPhrases]) {
      expect(tableKeywords([entry]), entry.phrase).toBeDefined();
    }
  });

  it('gives the words every entry needs, without those that contain another', () => {
    expect(tableKeywords([{ phrase: '不能便宜了', pattern: '不能便宜了?' }, { phrase: '不能' }, { phrase: '到不了' }])).toEqual(['不能', '到不了']);
  });

  it('gives none when an entry can match without a fixed word', () => {
    expect(tableKeywords([{ phrase: '不能' }, { phrase: '123', pattern: String.raw`\d+` }])).toBeUndefined();
  });
});

describe('phraseSource', () => {
  it('takes a phrase literally unless a pattern is given', () => {
    expect(phraseSource({ phrase: 'no.1' })).toBe('no\\.1');
    expect(new RegExp(phraseSource({ phrase: '(1+1)*' })).test('(1+1)*')).toBe(true);
    expect(phraseSource({ phrase: '不能', pattern: '不能够?' })).toBe('不能够?');
    expect(escapeRegExp('a.b')).toBe('a\\.b');
  });
});
