import { describe, expect, it } from 'vitest';
import { loadDemoShop } from '../shop/load.ts';
import { asksVariantChange, asksVariantInStock } from './stock-question.ts';

const shop = loadDemoShop();
const menJeans = shop.products.find((p) => p.id === 'NY-MJ01')!;
const coat = shop.products.find((p) => p.id === 'NY-WC01')!;

describe('asksVariantInStock', () => {
  it.each([
    ['那我重新买条小一码的 烟灰30有吗', menJeans],
    ['换大一号 深蓝32还有没', menJeans],
    ['驼色L有货么', coat],
  ] as const)('%s asks for a colour and size in stock', (text, product) => {
    expect(asksVariantInStock(text, [], product)).toBe(true);
  });
  it.each([
    ['小一码的穿多大合适', menJeans],
    ['烟灰30 我175 130斤合适吗', menJeans],
    ['烟灰有吗', menJeans],
    ['驼色XL有货么', undefined],
  ] as const)('%s does not (a fit question, no size named, or no product)', (text, product) => {
    expect(asksVariantInStock(text, [], product)).toBe(false);
  });
});

describe('asksVariantChange', () => {
  const sweater = shop.products.find((p) => p.id === 'NY-WK01')!;
  it.each(['那换成焦糖色行不行', '可以改为L码吗', '能改成米白吗'])('%s changes the colour or size', (text) => {
    expect(asksVariantChange(text, sweater)).toBe(true);
  });
  it.each(['焦糖色好看吗', '能改地址吗', '改成明天发行吗'])('%s does not (no change, or no variant of the product after it)', (text) => {
    expect(asksVariantChange(text, sweater)).toBe(false);
  });
  it('needs a product', () => expect(asksVariantChange('改成米白', undefined)).toBe(false));
});

