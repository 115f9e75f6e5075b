import { describe, expect, it } from 'vitest';
import { respell } from './spelling.ts';

describe('respell', () => {
  it.each([
    // A wave or a hand alone is hello; a thumbs-up alone is ok.
    ['🙋‍♀️', '在吗'],
    ['👋🏻 ', '在吗'],
    ['👍👍', '好的'],
    // Product emoji name the product wherever they are.
    ['这条👖有31码吗', '这条牛仔裤有31码吗'],
    ['🧥还有货吗', '大衣还有货吗'],
    // Pinyin words for products, colours and asks; particles join the word before them.
    ['maoyi you mibai de ma', '毛衣 you 米白的吗'],
    ['yurongfu 多少钱', '羽绒服 多少钱'],
    ['weijin duoshao qian', '围巾 多少钱'],
    ['heise you huo ma', '黑色 有货吗'],
    ['那zangqing的呢', '那藏青的呢'],
    ['wo 160 100jin chuan m ok ma', '我 160 100斤 穿 m ok吗'],
    // Keyboard homophones of product and size words.
    ['羽绒付有黑色吗', '羽绒服有黑色吗'],
    ['牛仔裤27马还有吗', '牛仔裤27码还有吗'],
    ['xl马有没有', 'xl码有没有'],
    ['穿几马合适', '穿几码合适'],
  ])('%j → %j', (input, expected) => {
    expect(respell(input)).toBe(expected);
  });

  it.each([
    // Near misses: an emoji beside words is no greeting, English and courier codes stay, 马上 is 马上.
    '谢谢 拜拜👋',
    '能发sf吗',
    '有black的吗',
    'ok 就这个',
    'L码马上能发吗',
    '马甲有吗',
    '我下单了 ems能到吗',
    '😡😡😡',
    '税号91110105MA01ABCD2X 抬头写公司',
    '单号SF1604829375516到哪了',
    'MA是什么意思',
  ])('%j stays as it is', (input) => {
    expect(respell(input)).toBe(input);
  });
});
