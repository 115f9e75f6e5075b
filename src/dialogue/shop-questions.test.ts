import { describe, expect, it } from 'vitest';
import { loadDemoShop } from '../shop/load.ts';
import { hoursOf, shopQuestionReply } from './shop-questions.ts';

const shop = loadDemoShop();
const now = new Date('2025-11-20T14:30:00+08:00');

describe('questions about the shop itself', () => {
  it('the service hours span the shifts', () => {
    expect(hoursOf(shop)).toBe('9:00-22:30');
  });

  it.each(['亲 你们夜里有客服在吗', '那早上几点上班', '客服几点下班', '晚上有人吗', '營業時間是幾點'])('"%s" → the hours', (text) => {
    expect(shopQuestionReply(text, shop, now)).toEqual({ scriptId: 'common.hours', params: { hours: '9:00-22:30', shop: shop.name } });
  });

  it.each(['在吗', '几点能发货', '晚上能送到吗', '羊毛大衣有货吗'])('"%s" is no question about the hours', (text) => {
    expect(shopQuestionReply(text, shop, now)).toBeNull();
  });
});
