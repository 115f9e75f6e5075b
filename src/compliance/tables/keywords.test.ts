import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adlawPhrases } from './adlaw-words.ts';
import { buPhrasings } from './bu-phrasings.ts';
import { dismissivePhrases } from './dismissive-phrases.ts';
import { minimalWords, requiredWords, requiredWordsOfAll } from './keywords.ts';
import { phraseSource } from './match.ts';
import { rudePhrases } from './rude-phrases.ts';

const sorted = (words: string[] | undefined) => (words === undefined ? undefined : [...words].sort());

describe('requiredWords', () => {
  it.each([
    ['不好意思', ['不好意思']],
    // the optional and repeated parts are gaps; the fixed part is required
    ['(?:我们|我)(?:也|真的)*不清楚', ['不清楚']],
    ['(?:真的|真)?不好意思了?', ['不好意思']],
    ['可以+的?', ['可以']],
    ['好+(?:的|吧)?', ['好']],
    // alternatives: the union, without words that contain another
    ['不能便宜了?|不能够?', ['不能']],
    ['亲爱的|亲亲|亲|宝贝儿(?![童子歌])|宝贝们?', ['亲', '宝贝']],
    // a few alternatives in a row are expanded (不归我管 / 不归我们管)
    ['不归我们?管', ['不归我们管', '不归我管']],
    ['(?:您|你)?自己(?:选|挑)吧', ['自己挑吧', '自己选吧']],
    // lookarounds, anchors and classes of many characters are no text of the match
    [String.raw`(?<=^|[,.!?\s])滚(?=[吧啊]?(?:[,.!?\s]|$))`, ['滚']],
    [String.raw`(?<![达做办])到不了(?=[,.，。\p{Extended_Pictographic}]|$)`, ['到不了']],
    [String.raw`仅剩\d+件`, ['仅剩']],
    [String.raw`[一二三]件`, ['一件', '三件', '二件']],
    [String.raw`no\.1|top 1`, ['no.1', 'top 1']],
    ['(?:跟|和|与)我们?(?:没有?关系|无关)', ['无关', '没关系', '没有关系']],
  ])('%s → %j', (source, words) => {
    expect(sorted(requiredWords(source))).toEqual([...words].sort());
  });

  it.each([String.raw`\d+`, '[^，。]{2,}', 'a?', '好*', '.', String.raw`(?:\p{Extended_Pictographic})+`, '滚|\\s'])(
    '%s has no required word',
    (source) => {
      expect(requiredWords(source)).toBeUndefined();
    },
  );

  it('requires words of at least two characters where the pattern has them', () => {
    expect(requiredWords('[你您]有(?:毛)?病(?![虫害毒])')).toEqual(expect.arrayContaining(['你有病', '您有毛病']));
    expect(requiredWords('(?:嫌贵|没钱)(?:就)?(?:别|不要)买')).toEqual(['别买', '不要买']);
  });

  it('rejects what it cannot read instead of guessing', () => {
    expect(() => requiredWords('(a)\\1')).toThrow(/backreference/);
    expect(() => requiredWords('(ab')).toThrow(/unclosed/);
  });

  it('is sound: every match of a random pattern contains one of its words', () => {
    // Patterns over a three-letter alphabet, with every construct the analysis knows.
    const pattern = fc.letrec<{ re: string }>((tie) => ({
      re: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('a', 'b', 'c', 'ab', 'ba', 'abc', '[ab]', '[^a]', '.', '^', '$', '(?=a)', '(?<!b)', '\\d'),
        fc.tuple(tie('re'), tie('re')).map(([x, y]) => `${x}${y}`),
        fc.tuple(tie('re'), tie('re')).map(([x, y]) => `(?:${x}|${y})`),
        fc.tuple(tie('re'), fc.constantFrom('?', '*', '+', '{2}', '{1,3}', '{0,2}', '+?')).map(([x, q]) => `(?:${x})${q}`),
      ),
    })).re;
    fc.assert(
      fc.property(pattern, fc.array(fc.stringMatching(/^[abc1]{0,6}$/), { minLength: 1, maxLength: 8 }), (source, texts) => {
        const words = requiredWords(source);
        if (words === undefined) return;
        const re = new RegExp(source, 'gu');
        for (const text of texts) {
          for (const m of text.matchAll(re)) {
            if (m[0] === '') continue;
            expect(words.some((w) => m[0].includes(w)), `/${source}/ matched "${m[0]}" without ${JSON.stringify(words)}`).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('is sound on the tables: every match in a mixture of their phrases contains a word of its entry', () => {
    const entries = [...buPhrasings, ...dismissivePhrases, ...rudePhrases, ...adlawPhrases];
    const compiled = entries.map((e) => ({ re: new RegExp(phraseSource(e), 'gu'), words: requiredWords(phraseSource(e))! }));
    const pieces = [...new Set(entries.flatMap((e) => [e.phrase, ...e.phrase]))].concat(['我们', '您', '，', '。', '了', '吧', '也', '就', '的']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        for (const { re, words } of compiled) {
          for (const m of text.matchAll(re)) expect(words.some((w) => m[0].includes(w)), `${re.source} on ${text}`).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('minimalWords', () => {
  it('drops duplicates and words that contain another', () => {
    expect(minimalWords(['不能便宜', '不能', '不行', '不能', '最优秀', '最优'])).toEqual(['不能', '不行', '最优']);
  });
});

describe('requiredWordsOfAll', () => {
  it('unites the words of several patterns, or gives none when one pattern has none', () => {
    expect(requiredWordsOfAll(['不能够?', '不能便宜', '到不了'])).toEqual(['不能', '到不了']);
    expect(requiredWordsOfAll(['不能', String.raw`\d+`])).toBeUndefined();
  });
});
