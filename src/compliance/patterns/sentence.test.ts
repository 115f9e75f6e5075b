import { describe, expect, it } from 'vitest';
import { createTextView } from '../text-view.ts';
import { sentenceAfter, sentenceBefore, sentenceBounds, sentenceSpan, sentenceText } from './sentence.ts';

describe('sentence look-arounds', () => {
  it('finds the sentence around an offset', () => {
    const text = '您好。亲，加我微信abc123吧！谢谢';
    const at = text.indexOf('微信');
    const { start, end } = sentenceSpan(text, at);
    expect(text.slice(start, end)).toBe('亲，加我微信abc123吧');
  });

  it('does not end a sentence at a decimal point or inside a URL', () => {
    const text = '价格是12.5元，链接www.abc.com/x 请看. 下一句';
    const { start, end } = sentenceSpan(text, text.indexOf('链接'));
    expect(text.slice(start, end)).toBe('价格是12.5元，链接www.abc.com/x 请看');
  });

  it('looks back within the sentence, optionally across line breaks', () => {
    const text = '退货地址：杭州市\n收件人：售后部\n电话：0571-88886666';
    const at = text.indexOf('0571');
    expect(sentenceBefore(text, at)).toBe('电话：');
    expect(sentenceBefore(text, at, 60, true)).toBe(text.slice(0, at));
    expect(sentenceBefore(text, at, 4, true)).toBe('\n电话：');
    expect(sentenceAfter('好的。再见', 0)).toBe('好的');
  });

  it('bounds a sentence by hard ends only (。!? and line breaks, not an ASCII .)', () => {
    const text = createTextView('您好。发票开不了, 只能开收据. 谢谢！再见').norm; // ！ is ! in norm
    const start = text.indexOf('开不了');
    const [s, e] = sentenceBounds(text, start, start + 3);
    expect(text.slice(s, e)).toBe('发票开不了, 只能开收据. 谢谢');
    expect(sentenceText(text, start)).toBe('发票开不了, 只能开收据. 谢谢');
    expect(sentenceText(text, text.indexOf('再见'))).toBe('再见');
    const [s2] = sentenceBounds(text, start, start, 2);
    expect(text.slice(s2, start)).toBe('发票');
    expect(sentenceBounds('第一句\n第二句', 4)).toEqual([4, 7]);
  });
});
