import { describe, expect, it } from 'vitest';
import { asksLessOnPlacedOrder } from './large-order.ts';

describe('a price asked off a placed order', () => {
  it.each(['公司团建拍了五件毛衣 还没付款 能优惠一点吗 要开专票', '订单里那几件能打个折不', '我下单了还没付 给少点呗', '这五件毛衣打个折吧 公司发福利', '那四条围巾能打九折吗'])('"%s" asks less on the order', (text) => {
    expect(asksLessOnPlacedOrder(text)).toBe(true);
  });

  it.each(['大衣能便宜点吗', '我拍了三件 发票抬头写公司', '订单里写了发票抬头 帮我看下', '买三件毛衣能打折吗', '那件大衣能打折吗'])('near miss "%s": no price asked off a placed order', (text) => {
    expect(asksLessOnPlacedOrder(text)).toBe(false);
  });
});
