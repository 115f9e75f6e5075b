import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clauseAfter, clauseBefore, createTextView, isQuoted, matchAll, normalizeSameLength } from './text-view.ts';

describe('normalizeSameLength', () => {
  it.each([
    ['親，這個商品保證明天到貨', '亲,这个商品保证明天到货'],
    ['妳好', '你好'],
    ['ＱＱ：１２３４５', 'qq:12345'],
    ['加ＶＸ　ａｂｃ', '加vx abc'],
    ['M码 XL 顺丰SF', 'm码 xl 顺丰sf'],
    ['😊👍🏻好的', '😊👍🏻好的'],
    ['裡面', '里面'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSameLength(input)).toBe(expected);
  });

  it('returns the same string object when nothing changes (fast path)', () => {
    const s = '您好。欢迎光临、谢谢';
    expect(normalizeSameLength(s)).toBe(s);
  });

  it('never changes the length, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(normalizeSameLength(s).length).toBe(s.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('quotes and clauses', () => {
  const view = createTextView('您说的“知道了”是指已经收到吗？好的，我们正常今天发货');

  it('finds quoted spans', () => {
    const at = view.original.indexOf('知道了');
    expect(isQuoted(view, at, at + 3)).toBe(true);
    expect(isQuoted(view, 0, 2)).toBe(false);
  });

  it('matchAll skips quoted matches unless asked', () => {
    expect(matchAll(view, /知道/g)).toEqual([]);
    expect(matchAll(view, /知道/g, { includeQuoted: true })).toHaveLength(1);
  });

  it('rejects a non-global regex', () => {
    expect(() => matchAll(view, /知道/)).toThrow(/global/);
  });

  it('clauseBefore stops at punctuation', () => {
    const at = view.original.indexOf('今天');
    expect(clauseBefore(view, at)).toBe('我们正常');
    expect(clauseAfter(view, at)).toBe('今天发货');
  });

  it('an unclosed quote does not hide the rest of the reply', () => {
    const open = createTextView('他说“你好');
    expect(open.quoted).toEqual([]);
  });
});
