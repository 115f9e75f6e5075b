import { describe, expect, it } from 'vitest';
import { invoiceRemark, invoiceTitleFrom, noteAsksForInvoice } from './invoice-helpers.ts';
import type { Order } from '../src/orders/schema.ts';
import { testOrder } from './test-fixtures.ts';

describe('invoiceTitleFrom', () => {
  it.each(['就上次买的那件', '围巾那单', '那个订单', '上回买的', '多开点嘛 帮帮忙'])('"%s" names an order, not a title', (text) => {
    expect(invoiceTitleFrom(text, true)).toBeNull();
  });
  it.each([['张三', '张三'], ['浙江暖阳科技有限公司', '浙江暖阳科技有限公司'], ['个人 林安娜', '林安娜'], ['亲，刘恩雅，个人的', '刘恩雅']])('"%s" answering the question is a title', (text, title) => {
    expect(invoiceTitleFrom(text, true)?.title).toBe(title);
  });

  it.each([
    ['发票抬头是杭州暖阳贸易有限公司', '杭州暖阳贸易有限公司', null],
    ['抬头：杭州暖阳贸易有限公司，税号91330100MA2XXXX12Q', '杭州暖阳贸易有限公司', '91330100MA2XXXX12Q'],
    ['要开发票，抬头写个人就行', '个人', null],
    ['發票抬頭是上海晨光文具店', '上海晨光文具店', null],
    ['抬头开给北京星河科技有限公司吧', '北京星河科技有限公司', null],
  ])('%s → %s', (text, title, taxId) => {
    expect(invoiceTitleFrom(text)).toEqual({ title, taxId });
  });

  it('an order id is no tax id, and is not part of the title', () => {
    expect(invoiceTitleFrom('订单4187329904416728062开发票，抬头是杭州暖阳贸易有限公司')).toEqual({ title: '杭州暖阳贸易有限公司', taxId: null });
    expect(invoiceTitleFrom('抬头杭州暖阳贸易有限公司 税号 913301001234567890')?.taxId).toBe('913301001234567890');
  });

  it('keeps every character of a traditional title (成都…)', () => {
    expect(invoiceTitleFrom('抬頭是成都恩雅設計工作室')?.title).toBe('成都恩雅設計工作室');
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

const order = (extra: Partial<Order>): Order => testOrder('100000000000000001', 'paid', { total: 569, ...extra });

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
