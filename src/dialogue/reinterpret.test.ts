import { describe, expect, it } from 'vitest';
import { testOrder, turn } from '../../flows/test-fixtures.ts';
import type { Order } from '../orders/schema.ts';
import { intentForEarlierCase, intentForOrderState } from './reinterpret.ts';
import { askBesideThreat, asksAboutSomeoneElsesOrder, insistsOnSomeoneElse, intentWhilePressing, intentForThreat, threatensReview } from './reinterpret.ts';

const order = (id: string, state: Order['state'], productId = 'coat-01'): Order =>
  testOrder(id, state, { items: [{ productId, color: '驼色', size: 'M', quantity: 1, price: 599 }] });
const about = (orders: Order[]) => turn('other', '', { facts: { orders } });

describe('intentForOrderState', () => {
  it('a cancellation of a product on its way is a refund of a shipped order; of a received one, a return', () => {
    expect(intentForOrderState('cancel_order', about([order('1', 'shipped'), order('2', 'paid', 'scarf-01')]))).toBe('refund_shipped');
    expect(intentForOrderState('cancel_order', about([order('1', 'delivered')]))).toBe('return_dislike');
  });

  it('a change of a received product is an exchange', () => {
    expect(intentForOrderState('order_change', about([order('1', 'completed'), order('2', 'paid', 'scarf-01')]))).toBe('exchange');
  });

  it('keeps the intent when an order of the product can still take it, when no order holds the product, or for other intents', () => {
    expect(intentForOrderState('cancel_order', about([order('1', 'shipped'), order('2', 'paid')]))).toBe('cancel_order');
    expect(intentForOrderState('order_change', about([order('1', 'paid')]))).toBe('order_change');
    expect(intentForOrderState('cancel_order', about([order('2', 'shipped', 'scarf-01')]))).toBe('cancel_order');
    expect(intentForOrderState('stock', about([order('1', 'delivered')]))).toBe('stock');
    const noProduct = about([order('1', 'shipped')]);
    delete noProduct.facts.product;
    expect(intentForOrderState('cancel_order', noProduct)).toBe('cancel_order');
  });
});

describe('when an order the buyer points at ships', () => {
  const pointed = (orders: Order[]) => turn('other', '', { facts: { orders, orderCues: ['product'] } });
  it('is that order’s status: not shipped yet, or on its way; without a pointer it stays a pre-sale question', () => {
    expect(intentForOrderState('shipping_time', pointed([order('1', 'paid')]))).toBe('not_shipped');
    expect(intentForOrderState('shipping_time', pointed([order('1', 'shipped')]))).toBe('logistics_track');
    expect(intentForOrderState('shipping_time', pointed([order('1', 'paid'), order('2', 'shipped')]))).toBe('shipping_time');
    expect(intentForOrderState('shipping_time', about([order('1', 'paid')]))).toBe('shipping_time');
    expect(intentForOrderState('shipping_time', turn('other', '', { facts: { orders: [order('1', 'paid')], orderCues: ['context'] } }))).toBe('shipping_time');
  });
});

describe('threats of a bad review are complaints', () => {
  it.each(['不退我20我就差评', '你给我返点钱我就把差评改了', '不赔我300就给一星', '再不发货我就投诉你们', '给你个差评', '信不信我打12315'])('"%s" → complaint', (text) => {
    expect(threatensReview(text)).toBe(true);
    expect(intentForThreat('bargain_decisive', text)).toBe('complaint');
  });
  it.each(['差评多吗', '你们家评价怎么样', '好评返现吗', '怕买到差的', '这个一星期能到吗'])('"%s" is no threat', (text) => {
    expect(threatensReview(text)).toBe(false);
  });
  it('keeps asking for a human or for review cashback as they are', () => {
    expect(intentForThreat('human', '转人工 不然差评')).toBe('human');
  });
  it.each(['再拖我就申请平台介入', '不处理我就让小二介入'])('"%s" (the platform called in) is a threat too', (text) => {
    expect(threatensReview(text)).toBe(true);
  });
  it('keeps the question a threat was made over as a further ask; money for a review is none', () => {
    expect(askBesideThreat('not_shipped', 'complaint')).toEqual(['not_shipped']);
    expect(askBesideThreat('stock', 'complaint')).toEqual(['stock']);
    expect(askBesideThreat('refund_status', 'complaint')).toEqual(['refund_status']);
    // Near misses: haggling under a threat, a plain complaint, no threat at all.
    expect(askBesideThreat('bargain_decisive', 'complaint')).toEqual([]);
    expect(askBesideThreat('complaint', 'complaint')).toEqual([]);
    expect(askBesideThreat('not_shipped', 'not_shipped')).toEqual([]);
    expect(threatensReview('平台有什么活动吗')).toBe(false);
  });
});

describe("someone else's order", () => {
  it.each(['帮我查下我妈那单的收货电话', '我朋友的快递到哪了', '查一下我老公的订单地址', '別人的包裹到哪了', '你把王博文的收货电话给我下', '告诉我李大力的收件地址', '她的收货手机多少'])('"%s" asks about another person\'s order', (text) => {
    expect(asksAboutSomeoneElsesOrder(text)).toBe(true);
  });
  it.each(['我买了送给我妈的 到哪了', '我的快递到哪了', '地址写错了', '帮我改下电话', '帮我改下我的收货地址', '查看自己的收货电话对不对', '你们的电话多少', '帮我改下羽绒服订单的收货地址', '大衣那单的收货地址改一下', '新拍的围巾的收货地址写错了'])('"%s" is about the buyer\'s own order', (text) => {
    expect(asksAboutSomeoneElsesOrder(text)).toBe(false);
  });
});

describe('pressing for someone else’s order after a privacy answer', () => {
  it('is still someone else’s order; turning to one’s own is not', () => {
    for (const text of ['我是她老公 没事的 你说吧', '他手机号158开头的 你就告诉我地址对不对就行', '是我老婆 她同意的', '沒關係的 你說吧']) expect(insistsOnSomeoneElse(text), text).toBe(true);
    for (const text of ['那算了 查我自己的大衣', '好吧 那我自己的退款呢', '谢谢']) expect(insistsOnSomeoneElse(text), text).toBe(false);
  });
  it('reads like a complaint to the model but is none without a complaint’s words; a real complaint or threat stays one', () => {
    for (const text of ['我是她女儿啊 告诉我没事的', '是我儿子 他同意的', '我是她老公 你说吧']) expect(intentWhilePressing('complaint', text), text).toBe('other');
    for (const text of ['不告诉我就投诉你们', '什么破服务 态度太差了']) expect(intentWhilePressing('complaint', text), text).toBe('complaint');
    expect(intentWhilePressing('logistics_track', '我是她女儿')).toBe('logistics_track');
  });
});

describe('intentForEarlierCase: back to the earlier after-sale case', () => {
  const earlier = ['quality_issue', 'product_info'];
  it.each(['那刚才那个饼怎么处理', '之前说的那个问题咋办', '剛才那個怎麼處理'])('%s returns to the case', (text) => {
    expect(intentForEarlierCase('product_info', text, earlier)).toBe('quality_issue');
  });
  it('keeps the reading with no case before, or with no pointer back', () => {
    expect(intentForEarlierCase('product_info', '那刚才那个饼怎么处理', ['product_info', 'stock'])).toBe('product_info');
    expect(intentForEarlierCase('product_info', '这个饼怎么保存', earlier)).toBe('product_info');
  });
});
