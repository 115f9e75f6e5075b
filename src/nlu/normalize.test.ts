import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeMessage, originalSpan } from './normalize.ts';

describe('normalizeMessage', () => {
  it.each([
    ['親，這個還有嗎？？？', '亲,这个还有吗'],
    ['在吗😊😊 能便宜点吗🙏', '在吗 能便宜点吗'],
    ['ＸＬ码　有吗！！', 'xl码 有吗'],
    ['   ...在吗', '在吗'],
    ['顺丰SF到付 ~~~ 行吗', '顺丰sf到付~行吗'],
    ['👍🏻', ''],
    ['', ''],
    // The homophone of 在吗 standing alone is the greeting; 再 inside a question keeps its meaning.
    ['再吗亲', '在吗亲'],
    ['亲 再么？', '亲 在么'],
    ['亲再嘛 我想问下', '亲在嘛 我想问下'],
    ['能再便宜点吗', '能再便宜点吗'],
    ['还会再补货吗', '还会再补货吗'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeMessage(input).text).toBe(expected);
  });

  it('maps every normalised character back to the original', () => {
    const m = normalizeMessage('😊親 ＸＬ碼');
    const at = m.text.indexOf('xl');
    expect(originalSpan(m, at, at + 2)).toEqual({ start: 4, end: 6 });
    expect(m.original.slice(4, 6)).toBe('ＸＬ');
  });

  it('keeps offsets increasing and inside the original, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const m = normalizeMessage(s);
        expect(m.offsets).toHaveLength(m.text.length);
        m.offsets.forEach((o, i) => {
          expect(o).toBeLessThan(s.length);
          if (i > 0) expect(o).toBeGreaterThan(m.offsets[i - 1]!);
        });
      }),
      { numRuns: 300 },
    );
  });
});
