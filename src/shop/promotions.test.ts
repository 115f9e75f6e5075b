import { describe, expect, it } from 'vitest';
import { loadDemoShop } from './load.ts';
import { promotionAppliesTo, promotionsFor } from './promotions.ts';

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
