import { describe, expect, it } from 'vitest';
import { testOrder, testShop } from '../../flows/test-fixtures.ts';
import { orderCheckReply } from './order-check.ts';

const coat = testShop.products[0]!;
const order = testOrder('100000000000000001', 'paid', { items: [{ productId: coat.id, color: '驼色', size: 'M', quantity: 1, price: 599 }] });

describe('orderCheckReply', () => {
  it('reads what was ordered off the order, whatever the buyer remembers', () => {
    for (const text of ['大衣我拍的是M码对吧', '我买的是什么颜色来着', '我拍的是驼色吗', '我下單的是哪個碼', '刚拍的大衣我选的多大码来着', '大衣拍的啥颜色来着', '我选了的是哪个码', '我拍的大衣是27码的吧？', '我买的是驼色的吧', '我下单的大衣是什么颜色 好像拍成黑的了', '买的外套多大码 记不清了']) {
      expect(orderCheckReply(text, [order], coat, testShop), text).toEqual({ scriptId: 'logistics.order.items', params: { orderId: order.id, variant: '羊毛呢大衣 驼色 M码×1' } });
    }
  });
  it('no check asked, or no order of that product: nothing', () => {
    expect(orderCheckReply('大衣有L码吗', [order], coat, testShop)).toBeNull();
    expect(orderCheckReply('我想买L码', [order], coat, testShop)).toBeNull();
    expect(orderCheckReply('我该选多大码', [order], coat, testShop)).toBeNull();
    expect(orderCheckReply('选多大码来着 我一米六', [order], coat, testShop)).toBeNull();
    expect(orderCheckReply('大衣我买的M 想换L 能换吗', [order], coat, testShop)).toBeNull();
    expect(orderCheckReply('我拍的是L码对吧', [], coat, testShop)).toBeNull();
    expect(orderCheckReply('27码的应该合适吧', [order], coat, testShop)).toBeNull();
    expect(orderCheckReply('我拍的是L码对吧', [order], testShop.products[1], testShop)).toBeNull();
    // Near miss: a product bought asked about in general, not what the order holds.
    expect(orderCheckReply('买的大衣是什么牌子', [order], coat, testShop)).toBeNull();
  });
  it('a quality of the product asked is no check of the order', () => {
    for (const text of ['我买的那条驼色大衣是纯羊毛吗', '我拍的大衣是什么材质', '我買的大衣能機洗嗎']) {
      expect(orderCheckReply(text, [order], coat, testShop), text).toBeNull();
    }
    // Near miss: the colour ordered is still read off the order.
    expect(orderCheckReply('我买的大衣是驼色吗', [order], coat, testShop)).not.toBeNull();
    expect(orderCheckReply('刚拍的大衣我选的多大码来着', [order], coat, testShop)).not.toBeNull();
  });
  it('more ways to ask: what colour or size the order holds', () => {
    for (const text of ['大衣是什么颜色的来着 我忘了', '订单里那件大衣是多大的码', '你帮我看看我买的是什么码', '我记得我拍的是驼色']) {
      expect(orderCheckReply(text, [order], coat, testShop)?.scriptId, text).toBe('logistics.order.items');
    }
    // Near misses: the product's colours asked before buying, and a size to choose.
    expect(orderCheckReply('大衣是什么颜色的', [order], coat, testShop)).toBeNull();
    expect(orderCheckReply('大衣有什么码的', [order], coat, testShop)).toBeNull();
  });
  it('a colour or size remembered wrongly: the order\'s one, and which was wrong', () => {
    expect(orderCheckReply('我记得我拍的是黑色', [order], coat, testShop)).toEqual({
      scriptId: 'logistics.order.items_differ',
      params: { orderId: order.id, variant: '羊毛呢大衣 驼色 M码×1', value: '黑色' },
    });
    expect(orderCheckReply('大衣我拍的是L码对吧', [order], coat, testShop)?.params.value).toBe('L码');
    // Near miss: the buyer remembers right.
    expect(orderCheckReply('我记得我拍的是驼色M码', [order], coat, testShop)?.scriptId).toBe('logistics.order.items');
  });
});
