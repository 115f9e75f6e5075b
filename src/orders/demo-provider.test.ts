import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemoShop } from '../shop/load.ts';
import { DEMO_NOW, DEMO_ORDERS_PATH, DemoOrderProvider, loadDemoOrderProvider, OrdersError, parseOrders } from './demo-provider.ts';
import { OrderStateSchema, type Order } from './schema.ts';

const shop = loadDemoShop();
const provider = loadDemoOrderProvider(shop);
const { orders: all } = parseOrders(readFileSync(DEMO_ORDERS_PATH, 'utf8'), DEMO_ORDERS_PATH, shop, DEMO_NOW);
const MINUTE = 60_000;

describe('the demo orders', () => {
  it('have an order in every state', () => {
    expect(new Set(all.map((o) => o.state))).toEqual(new Set(OrderStateSchema.options));
  });

  it('have at least 5 buyers, one with 3 or more orders', () => {
    expect(provider.buyers().length).toBeGreaterThanOrEqual(5);
    expect(provider.buyers().every((b) => b.startsWith('tb_buyer_'))).toBe(true);
    const counts = provider.buyers().map((b) => all.filter((o) => o.buyerId === b).length);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(3);
  });

  it('load at DEMO_NOW by default, with one order paid 10 minutes before and one 2 hours before', () => {
    expect(provider.now?.toISOString()).toBe(DEMO_NOW.toISOString());
    const paidAgo = all.filter((o) => o.state === 'paid' && o.paidAt !== undefined).map((o) => (DEMO_NOW.getTime() - Date.parse(o.paidAt ?? '')) / MINUTE);
    expect(paidAgo).toContain(10);
    expect(paidAgo).toContain(120);
    for (const o of all) expect(Date.parse(o.createdAt), o.id).toBeLessThanOrEqual(DEMO_NOW.getTime());
  });

  it('have 18–19 digit ids, all different', () => {
    for (const o of all) expect(o.id).toMatch(/^\d{18,19}$/);
    expect(new Set(all.map((o) => o.id)).size).toBe(all.length);
  });

  it('ship shipped orders with a courier, a tracking number and tracking events', () => {
    for (const o of all.filter((x) => ['shipped', 'delivered', 'completed'].includes(x.state))) {
      expect(o.courier, o.id).toBeDefined();
      expect(o.trackingNumber, o.id).toBeDefined();
      expect(o.tracking.length, o.id).toBeGreaterThan(0);
      const times = o.tracking.map((t) => Date.parse(t.at));
      expect(times, o.id).toEqual([...times].sort((a, b) => a - b));
    }
    expect(all.find((o) => o.state === 'refunding')?.refund).toBeDefined();
  });

  it('send to several provinces, one of them remote', () => {
    const regions = new Set(all.map((o) => o.receiver.region));
    expect(regions.size).toBeGreaterThanOrEqual(5);
    expect([...regions].some((r) => !shop.shipping.freeShippingRegions.includes(r))).toBe(true);
    for (const o of all) expect(o.receiver.address.startsWith(o.receiver.region), o.id).toBe(true);
  });

  it('add up: items at prices between floor and list, plus the postage the shop charges', () => {
    const extraFee = new Map(shop.shipping.otherCouriers.map((c) => [c.courier, c.extraFee]));
    for (const o of all) {
      let items = 0;
      for (const item of o.items) {
        const product = shop.products.find((p) => p.id === item.productId);
        expect(product, `${o.id} ${item.productId}`).toBeDefined();
        expect(item.price, `${o.id} ${item.productId}`).toBeLessThanOrEqual(product?.price ?? 0);
        expect(item.price, `${o.id} ${item.productId}`).toBeGreaterThanOrEqual(product?.floorPrice ?? Infinity);
        items += item.price * item.quantity;
      }
      const remote = !shop.shipping.freeShippingRegions.includes(o.receiver.region) && items < shop.bargaining.freeShippingThreshold;
      const postage = (o.courier === undefined ? 0 : (extraFee.get(o.courier) ?? 0)) + (remote ? shop.shipping.remoteFee : 0);
      expect(o.total, o.id).toBeCloseTo(items + postage, 2);
    }
  });

  it('loads with the demo shop by default', () => {
    expect(loadDemoOrderProvider().buyers()).toEqual(provider.buyers());
  });
});

describe('DemoOrderProvider', () => {
  it('lists a buyer’s orders newest first', async () => {
    const orders = await provider.ordersOf('tb_buyer_anna');
    expect(orders.length).toBeGreaterThanOrEqual(3);
    const created = orders.map((o) => Date.parse(o.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(orders.every((o) => o.buyerId === 'tb_buyer_anna')).toBe(true);
  });

  it('never gives a buyer another buyer’s order', async () => {
    for (const buyer of provider.buyers()) {
      const own = await provider.ordersOf(buyer);
      expect(own.every((o) => o.buyerId === buyer)).toBe(true);
      for (const order of all) {
        const seen = await provider.orderOf(buyer, order.id);
        if (order.buyerId === buyer) expect(seen?.id).toBe(order.id);
        else expect(seen, `${buyer} asked for ${order.buyerId}'s ${order.id}`).toBeUndefined();
      }
    }
  });

  it('answers [] and undefined for an unknown buyer or order', async () => {
    expect(await provider.ordersOf('tb_buyer_nobody')).toEqual([]);
    expect(await provider.ordersOf('')).toEqual([]);
    const someone = all[0];
    expect(someone).toBeDefined();
    expect(await provider.orderOf('tb_buyer_nobody', someone?.id ?? '')).toBeUndefined();
    expect(await provider.orderOf('tb_buyer_anna', '1234567890123456789')).toBeUndefined();
  });

  it('hands out read-only orders: a caller cannot change what others see', async () => {
    const [first] = await provider.ordersOf('tb_buyer_bowen');
    if (first === undefined) throw new Error('bowen has orders');
    expect(() => {
      first.receiver.phone = '00000000000';
    }).toThrow(TypeError);
    expect(() => first.items.push(first.items[0]!)).toThrow(TypeError);
    const list = await provider.ordersOf('tb_buyer_bowen');
    list.length = 0;
    expect(await provider.ordersOf('tb_buyer_bowen')).not.toHaveLength(0);
    const again = await provider.orderOf('tb_buyer_bowen', first.id);
    expect(again?.receiver.phone).not.toBe('00000000000');
    expect(again?.items.length).toBeGreaterThan(0);
  });

  it('can be built from orders in code', async () => {
    const order: Order = {
      id: '123456789012345678',
      buyerId: 'b1',
      state: 'unpaid',
      items: [{ productId: 'P', color: '黑色', size: 'M', quantity: 1, price: 10 }],
      total: 10,
      createdAt: '2025-11-20T10:00:00+08:00',
      tracking: [],
      receiver: { name: '张三', phone: '13800000000', address: '浙江省杭州市', region: '浙江' },
    };
    const p = new DemoOrderProvider([order]);
    expect(p.now).toBeUndefined();
    expect(await p.ordersOf('b1')).toEqual([order]);
  });
});

describe('parseOrders errors', () => {
  const ORDER = `orders:
  - id: '4189102557306612984'
    buyerId: tb_buyer_anna
    state: paid
    items:
      - { productId: NY-WJ01, color: 深蓝色, size: '27', quantity: 1, price: 229 }
    total: 229
    createdAt: '2025-11-20T14:18:36+08:00'
    paidAt: '2025-11-20T14:20:00+08:00'
    receiver: { name: 林安娜, phone: '13867425193', address: 浙江省杭州市, region: 浙江 }
`;
  const broken = (from: string, to: string) => {
    expect(ORDER.split(from)).toHaveLength(2);
    return ORDER.replace(from, to);
  };
  const messageOf = (source: string, withShop = true): string => {
    try {
      parseOrders(source, 'orders.yaml', withShop ? shop : undefined, DEMO_NOW);
    } catch (e) {
      if (e instanceof OrdersError) return e.message;
      throw e;
    }
    return '(no error)';
  };

  it('accepts the valid file', () => {
    expect(parseOrders(ORDER, 'orders.yaml', shop, DEMO_NOW).orders).toHaveLength(1);
  });

  it.each([
    ['bad YAML', broken('state: paid', 'state: [paid'), /^orders\.yaml:5: YAML 语法有误/],
    ['an unquoted long id', broken("id: '4189102557306612984'", 'id: 4189102557306612984'), /^orders\.yaml:2: orders\[0\]\.id: 应为字符串/],
    ['an unknown state', broken('state: paid', 'state: sent'), /^orders\.yaml:4: orders\[0\]\.state: 应为 unpaid、/],
    ['an unknown product', broken('productId: NY-WJ01', 'productId: NY-XX99'), /^orders\.yaml:6: orders\[0\]\.items\[0\]\.productId: 没有商品 "NY-XX99"/],
    ['a size the product lacks', broken("size: '27'", "size: '40'"), /^orders\.yaml:6: orders\[0\]\.items\[0\]: NY-WJ01 没有 SKU 深蓝色\/40$/],
    ['a paid order without paidAt', broken("    paidAt: '2025-11-20T14:20:00+08:00'\n", ''), /^orders\.yaml:2: orders\[0\]: paid 状态的订单需要 paidAt$/],
    ['a shipped order without shipping', broken('state: paid', 'state: shipped'), /^orders\.yaml:2: orders\[0\]: shipped 状态的订单需要 shippedAt\n/],
    ['payment before creation', broken("paidAt: '2025-11-20T14:20:00+08:00'", "paidAt: '2025-11-20T14:00:00+08:00'"), /^orders\.yaml:9: orders\[0\]\.paidAt: 付款时间早于下单时间$/],
    ['a bad date', broken("createdAt: '2025-11-20T14:18:36+08:00'", 'createdAt: 昨天下午'), /^orders\.yaml:8: orders\[0\]\.createdAt: 应为相对时间（如 now、-10m、-2h30m、-3d 09:15）或带时区的 ISO 时间$/],
    ['a relative date without the minus', broken("createdAt: '2025-11-20T14:18:36+08:00'", "createdAt: '10m'"), /^orders\.yaml:8: orders\[0\]\.createdAt: 应为相对时间/],
    ['a clock time out of range', broken("createdAt: '2025-11-20T14:18:36+08:00'", "createdAt: '-1d 25:00'"), /^orders\.yaml:8: orders\[0\]\.createdAt: 应为相对时间/],
    ['a date after the load time', broken("paidAt: '2025-11-20T14:20:00+08:00'", "paidAt: '-0d 23:00'"), /^orders\.yaml:9: orders\[0\]\.paidAt: 2025-11-20T23:00:00\+08:00 晚于加载时刻/],
    ['a bad utcOffset', `utcOffset: '8'\n${ORDER}`, /^orders\.yaml:1: utcOffset: 应为 \+08:00 这样的时区偏移$/],
  ])('reports %s as file:line', (_, source, message) => {
    expect(messageOf(source)).toMatch(message);
  });

  it('checks products only when given the shop', () => {
    expect(messageOf(broken('productId: NY-WJ01', 'productId: NY-XX99'), false)).toBe('(no error)');
  });

  it('reports a duplicate id at the second order', () => {
    const twice = `${ORDER}${ORDER.slice(ORDER.indexOf('  - id:'))}`;
    expect(messageOf(twice)).toBe('orders.yaml:11: orders[1].id: 订单号 4189102557306612984 重复（orders[0] 也是它）');
  });
});

describe('dates relative to the load-time clock (issue 12: the demo lives in the present)', () => {
  const golden = JSON.parse(readFileSync(new URL('../../test/fixtures/demo-orders-at-demo-now.json', import.meta.url), 'utf8')) as Record<
    string,
    { createdAt: string; paidAt?: string; shippedAt?: string; tracking: string[] }
  >;
  const datesOf = (o: Order) => ({
    createdAt: o.createdAt,
    ...(o.paidAt === undefined ? {} : { paidAt: o.paidAt }),
    ...(o.shippedAt === undefined ? {} : { shippedAt: o.shippedAt }),
    tracking: o.tracking.map((t) => t.at),
  });

  it('loaded at DEMO_NOW, give exactly the November-2025 dates the demo always had', () => {
    expect(Object.fromEntries(all.map((o) => [o.id, datesOf(o)]))).toEqual(golden);
  });

  it('loaded at another clock, keep every order the same distance in the past', async () => {
    const now = new Date('2026-12-04T10:07:31.456+08:00');
    const later = loadDemoOrderProvider(shop, now);
    expect(later.now?.toISOString()).toBe(now.toISOString());
    const moved = (await Promise.all(later.buyers().map((b) => later.ordersOf(b)))).flat();
    const paidAgo = moved.filter((o) => o.state === 'paid').map((o) => (Date.parse('2026-12-04T10:07:31+08:00') - Date.parse(o.paidAt ?? '')) / MINUTE);
    expect(paidAgo).toContain(10);
    expect(paidAgo).toContain(120);
    for (const o of moved) expect(o.createdAt.startsWith('2026-') || o.createdAt.startsWith('2025-1'), o.createdAt).toBe(true);
    // A delivered order signed for within the last 7 days: the return flows can be tried today.
    const delivered = moved.filter((o) => o.state === 'delivered').map((o) => Date.parse(o.tracking.at(-1)?.at ?? ''));
    expect(delivered.some((at) => now.getTime() - at < 7 * 24 * 3_600_000)).toBe(true);
  });

  it('load without error at every half hour of a day (relative times never cross each other)', () => {
    for (let half = 0; half < 48; half++) {
      const now = new Date(Date.parse('2026-03-01T00:00:00+08:00') + half * 30 * MINUTE);
      expect(() => loadDemoOrderProvider(shop, now), now.toISOString()).not.toThrow();
    }
  });
});
