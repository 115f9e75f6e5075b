import { describe, expect, it } from 'vitest';
import { loadDemoShop } from '../shop/load.ts';
import { courierAgreedTo } from './courier-consent.ts';

const shop = loadDemoShop();

describe('courierAgreedTo', () => {
  it('the extra postage agreed to right after a courier at an extra fee was asked: that courier', () => {
    expect(courierAgreedTo('行 差价我补', '可以走顺丰吗 贵多少', shop)?.name).toBe('顺丰');
    expect(courierAgreedTo('好的就这样, 补差价', '能不能发顺丰? 要加多少钱', shop)?.name).toBe('顺丰');
    // Named now: that one, whatever was asked before.
    expect(courierAgreedTo('那就发顺丰吧 运费我来出', '包邮吗', shop)?.name).toBe('顺丰');
  });

  it('near misses: no postage agreed to, or no extra-fee courier asked about', () => {
    expect(courierAgreedTo('好的谢谢', '能发顺丰吗 加多少', shop)).toBeUndefined();
    expect(courierAgreedTo('运费谁出', '能发顺丰吗', shop)).toBeUndefined();
    expect(courierAgreedTo('差价我补', '大衣有黑色吗', shop)).toBeUndefined();
  });
});
