import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSameLength } from './normalize.ts';

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
