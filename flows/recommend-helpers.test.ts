import { describe, expect, it } from 'vitest';
import { loadDemoShop } from '../src/shop/load.ts';
import { asksWhichOfProduct, colorLeftOut, colorsInStock } from './recommend-helpers.ts';

const shop = loadDemoShop();
const scarf = shop.products.find((p) => p.id === 'NY-SC01')!;
const sweater = shop.products.find((p) => p.id === 'NY-WK01')!;

describe('asksWhichOfProduct', () => {
  it.each(['配哪条围巾比较好', '送妈妈的话选什么颜色的围巾', '帮我推荐一条围巾'])('%s picks among the scarves', (text) => {
    expect(asksWhichOfProduct(shop, text, scarf)).toBe(true);
  });
  it.each(['围巾配什么衣服好看', '围巾有什么颜色', '大衣配什么好看'])('%s does not (what goes with it, its colours asked, or another product)', (text) => {
    expect(asksWhichOfProduct(shop, text, scarf)).toBe(false);
  });
});

describe('colorLeftOut and colorsInStock', () => {
  it('leaves out the colour the buyer has, and lists the others in stock', () => {
    expect(colorLeftOut(sweater, '焦糖色那件已经有了 别的呢')).toBe('焦糖色');
    expect(colorLeftOut(scarf, '除了格纹灰还有啥')).toBe('格纹灰');
    expect(colorsInStock(scarf, '燕麦色')).toEqual(['酒红色', '格纹灰']);
  });
  it('near misses: a colour asked about, or none named, leaves nothing out', () => {
    expect(colorLeftOut(scarf, '燕麦色好看吗')).toBeNull();
    expect(colorLeftOut(scarf, '买过了 还有别的吗')).toBeNull();
  });
});
