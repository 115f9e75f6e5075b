import { describe, expect, it } from 'vitest';
import { loadDemoShop } from './load.ts';
import { giftNamed, giftsEarned, promotionAppliesTo, promotionReached, promotionsFor, promotionsForCategoryNamed, promotionsNamed } from './promotions.ts';

describe('promotionsFor', () => {
  const shop = loadDemoShop();
  const byId = (id: string) => shop.products.find((p) => p.id === id)!;

  it('matches product ids, categories and their first part; no appliesTo means every product', () => {
    const promotion = { name: 'x', description: 'y' };
    expect(promotionAppliesTo(promotion, { id: 'a', category: '零食/糕点' })).toBe(true);
    expect(promotionAppliesTo({ ...promotion, appliesTo: ['a'] }, { id: 'a', category: '女装/大衣' })).toBe(true);
    expect(promotionAppliesTo({ ...promotion, appliesTo: ['零食'] }, { id: 'b', category: '零食/糕点' })).toBe(true);
    expect(promotionAppliesTo({ ...promotion, appliesTo: ['女装/大衣'] }, { id: 'b', category: '零食/糕点' })).toBe(false);
  });

  it('gives the demo snacks the snack promotion, not the winter-clothing one', () => {
    const walnuts = promotionsFor(shop, byId('NY-SN01')).map((p) => p.name);
    expect(walnuts).toContain('零食满赠');
    expect(walnuts).not.toContain('冬装上新礼');
    expect(promotionsFor(shop, undefined).map((p) => p.name)).toEqual(['会员复购券']);
  });
});

describe('promotionsForCategoryNamed', () => {
  const shop = loadDemoShop();
  const named = (text: string) => promotionsForCategoryNamed(shop, text).map((c) => `${c.category}:${c.promotion.name}`);
  it('a category word, or the last part of a category, names its promotions', () => {
    expect(named('零食有送的吗')).toEqual(['零食:零食满赠']);
    expect(named('羽绒服呢')).toEqual(['羽绒服:冬装上新礼']);
  });
  it('nothing for words no promotion covers, nor for shop-wide promotions', () => {
    expect(named('围巾呢')).toEqual([]);
    expect(named('有优惠券吗')).toEqual([]);
  });
});

describe('gifts and promotions a buyer names', () => {
  const shop = loadDemoShop();

  it.each([
    ['那再送双袜子', 'gift-socks'],
    ['送個試吃裝唄', 'gift-walnut-mini'],
    ['满99不是送核桃试吃装吗', 'gift-walnut-mini'],
    ['再送个毛球修剪器呗', 'gift-lint-shaver'],
    ['香薰袋也行', 'gift-sachet'],
  ])('%s names %s', (text, id) => {
    expect(giftNamed(shop, text)?.id).toBe(id);
  });
  it.each(['再送点东西吧', '送个小礼物呗', '袜套有吗'.replace('袜套', '手套')])('%s names no gift', (text) => expect(giftNamed(shop, text)).toBeUndefined());

  it.each([
    ['满299不是有减20的券吗', ['会员复购券']],
    ['满99不是送核桃试吃装吗 我这单都189了', ['零食满赠']],
    ['買大衣不是送襪子嗎', ['冬装上新礼']],
    ['冬装上新礼还有吗', ['冬装上新礼']],
  ])('%s names %j', (text, names) => {
    expect(promotionsNamed(shop, text).map((p) => p.name)).toEqual(names);
  });
  it.each(['有什么优惠活动吗', '有优惠券吗', '双十一有活动吗'])('%s names none (all are answered)', (text) => expect(promotionsNamed(shop, text)).toEqual([]));

  it('knows whether an amount reaches a promotion', () => {
    const snacks = shop.promotions.find((p) => p.name === '零食满赠')!;
    expect(promotionReached(snacks, 189)).toBe(true);
    expect(promotionReached(snacks, 99)).toBe(true);
    expect(promotionReached(snacks, 49.9)).toBe(false);
    expect(promotionReached({}, 1)).toBe(true);
  });
});

describe('giftsEarned', () => {
  const shop = loadDemoShop();
  it('an order\'s items earn the gifts of the promotions they reach (零食满99: the snacks\' own amount)', () => {
    expect(giftsEarned(shop, [{ productId: 'NY-SN01', price: 69.9, quantity: 2 }]).map((g) => g.id)).toEqual(['gift-walnut-mini']);
    expect(giftsEarned(shop, [{ productId: 'NY-WC01', price: 699, quantity: 1 }]).map((g) => g.id)).toEqual(['gift-socks']);
  });
  it('near misses: under the threshold, or a promotion without a gift', () => {
    expect(giftsEarned(shop, [{ productId: 'NY-SN01', price: 69.9, quantity: 1 }])).toEqual([]);
    expect(giftsEarned(shop, [{ productId: 'NY-SC01', price: 129, quantity: 3 }])).toEqual([]);
  });
});
