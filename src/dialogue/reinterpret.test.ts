import { describe, expect, it } from 'vitest';
import { testOrder, turn } from '../../flows/test-fixtures.ts';
import type { Order } from '../orders/schema.ts';
import { intentForEarlierCase, intentForHurry, intentForMissedGift, intentForOrderState, intentForRestock } from './reinterpret.ts';
import { testShop } from '../../flows/test-fixtures.ts';
import { loadDemoShop } from '../shop/load.ts';
import { askBesideThreat, asksAboutSomeoneElsesOrder, buysAnew, insistsOnSomeoneElse, intentWhilePressing, intentForThreat, speaksOfSomeoneElsesPurchase, threatensReview } from './reinterpret.ts';

const order = (id: string, state: Order['state'], productId = 'coat-01'): Order =>
  testOrder(id, state, { items: [{ productId, color: '驼色', size: 'M', quantity: 1, price: 599 }] });
const about = (orders: Order[]) => turn('other', '', { facts: { orders } });

describe('intentForOrderState', () => {
  it('a cancellation of a product on its way is a refund of a shipped order; of a received one, a return', () => {
    expect(intentForOrderState('cancel_order', about([order('1', 'shipped'), order('2', 'paid', 'scarf-01')]))).toBe('refund_shipped');
    expect(intentForOrderState('cancel_order', about([order('1', 'delivered')]))).toBe('return_dislike');
  });

  it('a refund or return of an order not shipped yet is its cancellation; of one on its way it stays', () => {
    expect(intentForOrderState('refund_shipped', about([order('1', 'paid')]))).toBe('cancel_order');
    expect(intentForOrderState('return_dislike', about([order('1', 'printed')]))).toBe('cancel_order');
    expect(intentForOrderState('refund_shipped', about([order('1', 'shipped')]))).toBe('refund_shipped');
    expect(intentForOrderState('return_dislike', about([order('1', 'delivered')]))).toBe('return_dislike');
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
  it.each(['不退我20我就差评', '你给我返点钱我就把差评改了', '不赔我300就给一星', '再不发货我就投诉你们', '给你个差评', '信不信我打12315', '这服务 差评安排上', '就等着吃差评吧'])('"%s" → complaint', (text) => {
    expect(threatensReview(text)).toBe(true);
    expect(intentForThreat('bargain_decisive', text)).toBe('complaint');
  });
  it.each(['差评多吗', '差评都预定好了吗', '你们家评价怎么样', '好评返现吗', '怕买到差的', '这个一星期能到吗'])('"%s" is no threat', (text) => {
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

describe('intentForHurry', () => {
  const pointed = (orders: Order[]) => turn('other', '', { facts: { orders, orderCues: ['product'] } });

  it('a request to hurry an order pointed at is its not-shipped or slow-delivery case', () => {
    expect(intentForHurry('thanks_bye', '好吧 大衣那单麻烦催一下', pointed([order('1', 'paid')]))).toBe('not_shipped');
    expect(intentForHurry('other', '那件帮我催催仓库', pointed([order('1', 'printed')]))).toBe('not_shipped');
    expect(intentForHurry('bargain_generic', '这单快递帮我催下', pointed([order('1', 'shipped')]))).toBe('delivery_delay');
  });

  it('near misses: no order pointed at, no hurry asked, a reading of its own, or orders in mixed states', () => {
    expect(intentForHurry('thanks_bye', '帮我催催', turn('other', '', { facts: { orders: [order('1', 'paid')] } }))).toBe('thanks_bye');
    expect(intentForHurry('thanks_bye', '大衣那单好的谢谢', pointed([order('1', 'paid')]))).toBe('thanks_bye');
    expect(intentForHurry('address_change', '那单催一下 地址也改下', pointed([order('1', 'paid')]))).toBe('address_change');
    expect(intentForHurry('other', '那两单催一下', pointed([order('1', 'paid'), order('2', 'shipped')]))).toBe('other');
  });
});

describe('intentForRestock', () => {
  const coat = testShop.products[0]!;
  const soldOut = coat.skus.find((s) => coat.skus.filter((o) => o.color === s.color).every((o) => o.stock <= 0))?.color;
  const inStock = coat.skus.find((s) => s.stock > 0)!.color;
  const withSoldOut = { ...coat, skus: [...coat.skus, { color: '雾蓝色', size: 'S', stock: 0 }, { color: '雾蓝色', size: 'M', stock: 0 }] };

  it('a sold-out colour nobody ordered, asked "到了没", is its restock', () => {
    expect(intentForRestock('logistics_track', '那个呢 雾蓝色的到了没', withSoldOut, [order('1', 'delivered')])).toBe('stock');
    if (soldOut !== undefined) expect(intentForRestock('logistics_track', `${soldOut}的到货了吗`, coat, [])).toBe('stock');
  });

  it('near misses: the colour ordered, a colour in stock, no colour, or another reading', () => {
    const ordered = testOrder('2', 'shipped', { items: [{ productId: coat.id, color: '雾蓝色', size: 'S', quantity: 1, price: 599 }] });
    expect(intentForRestock('logistics_track', '雾蓝色的到了没', withSoldOut, [ordered])).toBe('logistics_track');
    expect(intentForRestock('logistics_track', `${inStock}的到了没`, withSoldOut, [])).toBe('logistics_track');
    expect(intentForRestock('logistics_track', '到了没', withSoldOut, [])).toBe('logistics_track');
    expect(intentForRestock('signed_not_received', '雾蓝色的到了没', withSoldOut, [])).toBe('signed_not_received');
  });
});

describe('buysAnew', () => {
  it('"今天拍几天到", "现在下单什么时候发" are purchases still to make; "羽绒服啥时候发" is not', () => {
    expect(buysAnew('今天拍几天能到呀')).toBe(true);
    expect(buysAnew('现在下单什么时候发')).toBe(true);
    expect(buysAnew('我就问一句 羽绒服啥时候发')).toBe(false);
  });
});

describe('speaksOfSomeoneElsesPurchase', () => {
  it('someone else bought on their own account', () => {
    for (const text of ['我老公上周在你们家买了羽绒服', '我闺蜜之前拍的那件大衣', '给女朋友查下她买的那件到哪了']) expect(speaksOfSomeoneElsesPurchase(text), text).toBe(true);
  });
  it('near misses: the buyer buying for someone ("给女朋友买的", "帮我妈挑的") is the buyer\'s own purchase', () => {
    for (const text of ['这件毛衣给男朋友买的 能便宜点吗', '帮我妈挑的围巾 她喜欢酒红', '替同事拍的 有发票吗']) expect(speaksOfSomeoneElsesPurchase(text), text).toBe(false);
  });
});

describe('intentForMissedGift', () => {
  const shop = loadDemoShop();
  const snacks = testOrder('100000000000000041', 'delivered', { items: [{ productId: 'NY-SN02', color: '玫瑰味', size: '6枚礼盒装', quantity: 2, price: 49.9 }] });
  it('a gift missing from a received order that earned one: an after-sale case of that order', () => {
    expect(intentForMissedGift('gift', '上回买的鲜花饼赠品没见着啊', [snacks], shop)).toBe('wrong_item');
  });
  it('near misses: a gift asked before buying, or no order that earned one', () => {
    expect(intentForMissedGift('gift', '现在买鲜花饼有送的吗', [snacks], shop)).toBe('gift');
    const one = testOrder('100000000000000042', 'delivered', { items: [{ productId: 'NY-SN02', color: '玫瑰味', size: '6枚礼盒装', quantity: 1, price: 49.9 }] });
    expect(intentForMissedGift('gift', '上回买的鲜花饼赠品没见着啊', [one], shop)).toBe('gift');
  });
});
