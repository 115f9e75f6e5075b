import { describe, expect, it } from 'vitest';
import { found } from './test-helpers.ts';

describe('order ids', () => {
  it.each([
    ['订单号3921000011112222333帮我查下', [{ text: '3921000011112222333', value: '3921000011112222333' }]],
    ['訂單：１２３４５６７８９０１２３４５６７８', [{ text: '１２３４５６７８９０１２３４５６７８', value: '123456789012345678' }]],
  ])('%s', (text, expected) => {
    expect(found(text, 'order_id')).toEqual(expected);
  });
  it.each(['13812345678', '快递单号75312345678901', '99元'])('no order id in %s', (text) => {
    expect(found(text, 'order_id')).toEqual([]);
  });
});

describe('phone numbers', () => {
  it.each([
    ['电话13812345678', '13812345678'],
    ['改成138 1234 5678', '13812345678'],
    ['138-1234-5678这个', '13812345678'],
    ['手機１３９１１１１２２２２', '13911112222'],
    ['座机0571-88886666', '057188886666'],
  ])('%s', (text, value) => {
    expect(found(text, 'phone').map((p) => p.value)).toEqual([value]);
  });
  it.each(['订单3921381234567812345', '12800元', '2023-11-11', '1.3812345678'])('no phone in %s', (text) => {
    expect(found(text, 'phone')).toEqual([]);
  });
});
