import { describe, expect, it } from 'vitest';
import { countsNamed, productsNamedTogether, purchaseLabel, purchaseTotal, severalItems } from './basket.ts';
import { loadDemoShop } from './load.ts';

describe('productsNamedTogether', () => {
  const shop = loadDemoShop();
  const ids = (text: string) => productsNamedTogether(shop, text).map((p) => p.id);

  it.each([
    ['毛衣和围巾一起买多少钱', ['NY-WK01', 'NY-SC01']],
    ['大衣加圍巾一共多少錢', ['NY-WC01', 'NY-SC01']],
    ['羽绒服跟男士加绒牛仔裤总共多少', ['NY-MD01', 'NY-MJ01']],
    ['山核桃、鲜花饼各一袋多少钱', ['NY-SN01', 'NY-SN02']],
    ['围巾+毛衣', ['NY-SC01', 'NY-WK01']],
    // side by side, no connector
    ['大衣围巾多少钱', ['NY-WC01', 'NY-SC01']],
    ['毛衣 围巾一起多少', ['NY-WK01', 'NY-SC01']],
    ['山核桃鲜花饼多少钱', ['NY-SN01', 'NY-SN02']],
    ['大衣，围巾，毛衣都要', ['NY-WC01', 'NY-SC01', 'NY-WK01']],
    // each with its count
    ['拍两袋山核桃三盒鲜花饼', ['NY-SN01', 'NY-SN02']],
    ['一件毛衣 一条围巾够包邮吗', ['NY-WK01', 'NY-SC01']],
  ])('%s names %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it.each(['毛衣多少钱', '裤子多少钱', '男款和女款牛仔裤多少钱', '毛衣和开衫哪个好', '和你说个事', '围巾配大衣好看吗', '大衣的围巾', '羊毛流苏围巾多少钱', '羽绒服牛仔裤多少钱', '核桃买了两袋 鲜花饼好吃吗', '毛衣一件多少 围巾呢'])('%s names no products together', (text) => {
    expect(ids(text)).toEqual([]);
  });
});

describe('countsNamed', () => {
  const shop = loadDemoShop();
  const counts = (text: string) => Object.fromEntries([...countsNamed(shop, text)].map(([id, c]) => [id, c.count]));

  it('reads the count right before or after each product', () => {
    expect(counts('拍三袋核桃两盒鲜花饼')).toEqual({ 'NY-SN01': 3, 'NY-SN02': 2 });
    expect(counts('围巾2条够包邮吗')).toEqual({ 'NY-SC01': 2 });
    expect(counts('兩件毛衣')).toEqual({ 'NY-WK01': 2 });
  });

  it('near misses: a count standing apart, or right before another product, is not the product\'s', () => {
    expect(counts('核桃买了两袋 鲜花饼好吃吗')).toEqual({});
    expect(counts('围巾两条毛衣')).toEqual({ 'NY-WK01': 2 });
    expect(counts('毛衣多少钱')).toEqual({});
  });
});

describe('purchaseTotal and purchaseLabel', () => {
  const shop = loadDemoShop();
  const lines = [
    { productId: 'NY-SN01', quantity: 2, unit: '袋' },
    { productId: 'NY-SC01', quantity: 1 },
  ];

  it('sums list prices times counts and says the counts above one', () => {
    expect(purchaseTotal(shop, lines)).toBe(268.8);
    expect(purchaseTotal(shop, lines, (p) => p.category.includes('零食'))).toBe(139.8);
    expect(purchaseLabel(shop, lines)).toBe('2袋手剥山核桃和羊毛流苏围巾');
    expect(severalItems(lines)).toBe(true);
    expect(severalItems([{ productId: 'NY-SC01', quantity: 1 }])).toBe(false);
  });
});
