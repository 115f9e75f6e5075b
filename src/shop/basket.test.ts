import { describe, expect, it } from 'vitest';
import { productsNamedTogether } from './basket.ts';
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
  ])('%s names %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it.each(['毛衣多少钱', '裤子多少钱', '男款和女款牛仔裤多少钱', '毛衣和开衫哪个好', '和你说个事', '围巾配大衣好看吗', '大衣的围巾', '羊毛流苏围巾多少钱', '羽绒服牛仔裤多少钱'])('%s names no products together', (text) => {
    expect(ids(text)).toEqual([]);
  });
});
