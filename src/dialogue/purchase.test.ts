import { describe, expect, it } from 'vitest';
import { productsNamedTogether } from '../shop/basket.ts';
import { loadDemoShop } from '../shop/load.ts';
import type { PurchaseLine } from '../shop/basket.ts';
import { findProduct } from './engine.ts';
import { purchaseAfter } from './purchase.ts';

const shop = loadDemoShop();
const byId = (id: string) => shop.products.find((p) => p.id === id);

/** The purchase after `text`, given the one before and the product talked about. */
function after(text: string, previous?: PurchaseLine[], previousProductId?: string, shopping = true): PurchaseLine[] | undefined {
  return purchaseAfter({
    shop,
    text,
    named: findProduct(shop, text, undefined),
    together: productsNamedTogether(shop, text),
    previous,
    previousProduct: previousProductId === undefined ? undefined : byId(previousProductId),
    shopping,
  });
}

describe('purchaseAfter', () => {
  it('takes the count said with the product, next to its name or apart from it', () => {
    expect(after('来三盒鲜花饼 发青海要运费吗')).toEqual([{ productId: 'NY-SN02', quantity: 3, unit: '盒' }]);
    expect(after('核桃好吃 我要拍两袋')).toEqual([{ productId: 'NY-SN01', quantity: 2, unit: '袋' }]);
    expect(after('一件毛衣和两条围巾')).toEqual([
      { productId: 'NY-WK01', quantity: 1, unit: '件' },
      { productId: 'NY-SC01', quantity: 2, unit: '条' },
    ]);
  });

  it('keeps the purchase while the buyer names nothing, and adds what is added', () => {
    const walnuts = after('两袋核桃寄西藏多少运费')!;
    expect(after('运费免了我就拍', walnuts, 'NY-SN01')).toEqual(walnuts);
    expect(after('再来一盒鲜花饼呢 凑一凑', walnuts, 'NY-SN01')).toEqual([...walnuts, { productId: 'NY-SN02', quantity: 1, unit: '盒' }]);
    // The same product again adds to its count.
    expect(after('再加一袋核桃', walnuts, 'NY-SN01')).toEqual([{ productId: 'NY-SN01', quantity: 3, unit: '袋' }]);
    // A product of the purchase asked about: the purchase stays.
    expect(after('核桃是奶油味的吗', walnuts, 'NY-SN01')).toEqual(walnuts);
  });

  it('a product talked about before joins when another is added to it', () => {
    expect(after('那再加件毛衣一起拍', undefined, 'NY-SC01')).toEqual([
      { productId: 'NY-SC01', quantity: 1 },
      { productId: 'NY-WK01', quantity: 1 },
    ]);
  });

  it('near misses: another product without adding starts nothing; after an order or invoice talk nothing is carried', () => {
    expect(after('毛衣有白色吗', [{ productId: 'NY-SN01', quantity: 2, unit: '袋' }], 'NY-SN01')).toBeUndefined();
    // "上个月买的大衣开发票" then "再买条围巾": the coat was ordered long ago, the scarf is bought alone.
    expect(after('还有 想再买条围巾 寄新疆运费多少', undefined, 'NY-WC01', false)).toBeUndefined();
    expect(after('包邮吗', [{ productId: 'NY-SN01', quantity: 2, unit: '袋' }], 'NY-SN01', false)).toBeUndefined();
  });
});
