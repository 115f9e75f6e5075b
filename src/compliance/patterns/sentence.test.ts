import { describe, expect, it } from 'vitest';
import { sentenceAfter, sentenceBefore, sentenceSpan } from './sentence.ts';

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
});
