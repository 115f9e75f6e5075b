import { describe, expect, it } from 'vitest';
import { found } from './test-helpers.ts';

describe('money', () => {
  it.each([
    ['12元可以吗', [{ text: '12元', amount: 12, reduction: false }]],
    ['¥12包邮吗', [{ text: '¥12', amount: 12, reduction: false }]],
    ['￥99.5', [{ text: '￥99.5', amount: 99.5, reduction: false }]],
    ['12块行不行', [{ text: '12块', amount: 12, reduction: false }]],
    ['十二块钱卖不卖', [{ text: '十二块钱', amount: 12, reduction: false }]],
    ['少10块我就拍', [{ text: '少10块', amount: 10, reduction: true }]],
    ['便宜二十块吧', [{ text: '便宜二十块', amount: 20, reduction: true }]],
    ['支付寶裡只剩８０塊了', [{ text: '８０塊', amount: 80, reduction: false }]],
    ['两百五十元', [{ text: '两百五十元', amount: 250, reduction: false }]],
  ])('%s', (text, expected) => {
    expect(found(text, 'money')).toEqual(expected);
  });

  it.each(['身高165', '买了3件', '39码', '订单123456789012345678'])('no money in %s', (text) => {
    expect(found(text, 'money')).toEqual([]);
  });
});

describe('discount', () => {
  it.each([
    ['打个9折吧', [{ text: '9折', rate: 0.9 }]],
    ['8.5折行吗', [{ text: '8.5折', rate: 0.85 }]],
    ['85折', [{ text: '85折', rate: 0.85 }]],
    ['九五折可以不', [{ text: '九五折', rate: 0.95 }]],
    ['七折', [{ text: '七折', rate: 0.7 }]],
    ['能打個折嗎', [{ text: '打個折' }]],
    ['有折扣吗', [{ text: '折扣' }]],
  ])('%s', (text, expected) => {
    expect(found(text, 'discount')).toEqual(expected);
  });
});
