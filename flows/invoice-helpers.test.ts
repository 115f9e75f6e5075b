import { describe, expect, it } from 'vitest';
import { invoiceRemark, invoiceTitleFrom, noteAsksForInvoice } from './invoice-helpers.ts';
import type { Order } from '../src/orders/schema.ts';

describe('invoiceTitleFrom', () => {
  it.each([
    ['发票抬头是杭州暖阳贸易有限公司', '杭州暖阳贸易有限公司', null],
    ['抬头：杭州暖阳贸易有限公司，税号91330100MA2XXXX12Q', '杭州暖阳贸易有限公司', '91330100MA2XXXX12Q'],
    ['要开发票，抬头写个人就行', '个人', null],
    ['發票抬頭是上海晨光文具店', '上海晨光文具店', null],
    ['抬头开给北京星河科技有限公司吧', '北京星河科技有限公司', null],
  ])('%s → %s', (text, title, taxId) => {
    expect(invoiceTitleFrom(text)).toEqual({ title, taxId });
  });

  it('full-width tax ids are read as ASCII', () => {
    expect(invoiceTitleFrom('抬头是杭州暖阳贸易有限公司 税号９１３３０１００ＭＡ２ＸＸＸＸ１２Ｑ')?.taxId).toBe('91330100MA2XXXX12Q');
  });

  it('a question about invoices or titles is no title', () => {
    for (const text of ['能开发票吗', '抬头可以写公司吗', '发票抬头怎么写', '可以开专票吗']) expect(invoiceTitleFrom(text), text).toBeNull();
  });

  it('bare answers to "抬头写什么" count only when asked', () => {
    expect(invoiceTitleFrom('杭州暖阳贸易有限公司')).toBeNull();
    expect(invoiceTitleFrom('杭州暖阳贸易有限公司', true)).toEqual({ title: '杭州暖阳贸易有限公司', taxId: null });
    expect(invoiceTitleFrom('个人', true)).toEqual({ title: '个人', taxId: null });
    expect(invoiceTitleFrom('好', true)).toBeNull();
    expect(invoiceTitleFrom('这个怎么弄啊', true)).toBeNull();
  });
});

const order = (extra: Partial<Order>): Order => ({
  id: '100000000000000001',
  buyerId: 'buyer-1',
  state: 'paid',
  items: [{ productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }],
  total: 569,
  createdAt: '2026-11-23T08:00:00+08:00',
  tracking: [],
  receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号', region: '浙江' },
  ...extra,
});

describe('noteAsksForInvoice / invoiceRemark', () => {
  it('reads 发票 or 抬头 in the buyer note (traditional too)', () => {
    expect(noteAsksForInvoice(order({ buyerNote: '需要发票，抬头个人' }))).toBe(true);
    expect(noteAsksForInvoice(order({ buyerNote: '請開發票' }))).toBe(true);
    expect(noteAsksForInvoice(order({ buyerNote: '请尽快发货' }))).toBe(false);
    expect(noteAsksForInvoice(order({}))).toBe(false);
  });

  it('remarks title, tax id and the amount actually paid', () => {
    expect(invoiceRemark({ title: '杭州暖阳贸易有限公司', taxId: '91330100MA2XXXX12Q' }, order({}), '请开发票负责人补开并寄出')).toBe(
      '开发票：抬头“杭州暖阳贸易有限公司”，税号：91330100MA2XXXX12Q，金额569元（按实付金额），请开发票负责人补开并寄出',
    );
  });
});
