import { describe, expect, it } from 'vitest';
import { glossEnglish } from './english-gloss.ts';

describe('glossEnglish', () => {
  it('glosses whole English asks into Chinese clauses', () => {
    expect(glossEnglish('where is my package?')).toBe('我的包裹到哪了?');
    expect(glossEnglish('when will you ship it')).toBe('什么时候发货');
    expect(glossEnglish('could you ship with SF')).toBe('能不能发顺丰');
    expect(glossEnglish('I\'ll report you to taobao')).toBe('我要投诉到淘宝');
    expect(glossEnglish('the pecans taste bad, may I send them back')).toBe('山核桃不好吃, 能退货吗');
  });

  it('glosses the English words inside a Chinese message and keeps the clause breaks', () => {
    expect(glossEnglish('羽绒服有没有XL size, navy的')).toBe('羽绒服有没有XL码, 藏青色的');
    expect(glossEnglish('那个sweater呢')).toBe('那个毛衣呢');
    expect(glossEnglish('你好 any news on my jeans?')).toBe('你好 牛仔裤物流到哪了?');
  });

  it('leaves Chinese, sizes, codes and unknown words as they are', () => {
    expect(glossEnglish('羊毛大衣有XXL吗')).toBe('羊毛大衣有XXL吗');
    expect(glossEnglish('税号91110105MA01ABCD2X')).toBe('税号91110105MA01ABCD2X');
    expect(glossEnglish('收到以后iPhone上怎么确认收货')).toBe('收到以后iPhone上怎么确认收货');
    expect(glossEnglish('学生党没钱qaq')).toBe('学生党没钱qaq');
  });
});
