import { describe, expect, it } from 'vitest';
import { turn } from '../../flows/test-fixtures.ts';
import type { Order } from '../orders/schema.ts';
import { intentForOrderState } from './reinterpret.ts';

const order = (id: string, state: Order['state'], productId = 'coat-01'): Order => ({
  id,
  buyerId: 'buyer-1',
  state,
  items: [{ productId, color: '驼色', size: 'M', quantity: 1, price: 599 }],
  total: 599,
  createdAt: '2026-11-20T08:00:00+08:00',
  tracking: [],
  receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号', region: '浙江' },
});
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
