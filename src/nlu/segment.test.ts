import { describe, expect, it } from 'vitest';
import { wordsOf } from './segment.ts';

describe('wordsOf', () => {
  it('cuts a buyer message into words, spaces dropped', () => {
    expect(wordsOf('在吗 能便宜点吗 包邮吗')).toEqual(['在', '吗', '能', '便宜', '点', '吗', '包邮', '吗']);
  });
  it('keeps words the dictionary lacks whole (HMM)', () => {
    expect(wordsOf('咋还不发货啊木有物流信息')).toContain('木有');
  });
  it('answers nothing for an empty message', () => {
    expect(wordsOf('')).toEqual([]);
  });
});
