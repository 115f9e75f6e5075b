import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { Order } from '../src/orders/schema.ts';
import {
  colourSaidOrdered,
  deniesDefect,
  mentionsShopFault,
  saysGiftMissed,
  asksRefundDestination,
  asksReturnNumber,
  compensationFor,
  daysBetween,
  asksWhyRefuse,
  exchangeStock,
  isOrderedVariant,
  productColor,
  normaliseSize,
  pickOrder,
  qualityChoice,
  requestedVariant,
  returnWindow,
  saysMissing,
  saysPhotosSent,
  sizeLabel,
  isReceived,
  isReceivedPerBuyer,
  saysReceived,
  wantedVariant,
} from './aftersale-helpers.ts';
import { testOrder, testShop } from './test-fixtures.ts';

const coat = testShop.products[0]!;

const order = (id: string, state: Order['state'], extra: Partial<Order> = {}): Order =>
  testOrder(id, state, { buyerId: 'b1', createdAt: '2026-11-10T09:00:00+08:00', receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市', region: '浙江' }, ...extra });
const orderId = (value: string): Entity => ({ type: 'order_id', text: value, start: 0, end: value.length, value });

describe('pickOrder', () => {
  const a = order('100000000000000001', 'delivered');
  const b = order('100000000000000002', 'shipped');
  it('takes the newest fitting order', () => {
    expect(pickOrder([b, a], [], null, isReceived)).toEqual({ kind: 'found', order: a });
    expect(pickOrder([b], [], null, isReceived)).toEqual({ kind: 'none' });
  });
  it('an order id in the text must be the buyer’s own', () => {
    expect(pickOrder([a, b], [orderId('100000000000000002')], null, isReceived)).toEqual({ kind: 'found', order: b });
    expect(pickOrder([a, b], [orderId('999999999999999999')], null, isReceived)).toEqual({ kind: 'not_own' });
  });
  it('prefers the remembered order when it still fits', () => {
    const c = order('100000000000000003', 'completed');
    expect(pickOrder([a, c], [], c.id, isReceived)).toEqual({ kind: 'found', order: c });
  });
});

describe('returnWindow', () => {
  const now = '2026-11-23T10:00:00+08:00';
  it('uses the latest tracking entry as the receipt time', () => {
    expect(returnWindow(order('1', 'delivered', { tracking: [{ at: '2026-11-20T10:00:00+08:00', text: '已签收' }] }), now, null)).toBe('within');
    expect(returnWindow(order('1', 'delivered', { tracking: [{ at: '2026-11-10T10:00:00+08:00', text: '已签收' }] }), now, null)).toBe('passed');
  });
  it('shipping within 7 days means receipt within 7 days; otherwise the buyer’s days, else unknown', () => {
    expect(returnWindow(order('1', 'delivered', { shippedAt: '2026-11-19T10:00:00+08:00' }), now, null)).toBe('within');
    expect(returnWindow(order('1', 'delivered', { shippedAt: '2026-11-01T10:00:00+08:00' }), now, null)).toBe('unknown');
    expect(returnWindow(order('1', 'delivered'), now, 3)).toBe('within');
    expect(returnWindow(order('1', 'delivered'), now, 10)).toBe('passed');
  });
  it('daysBetween handles bad input', () => {
    expect(daysBetween('x', now)).toBeNull();
    expect(daysBetween('2026-11-22T10:00:00+08:00', now)).toBe(1);
  });
});

describe('exchange helpers', () => {
  const scarf = { ...coat, id: 'scarf-x', skus: [{ color: '燕麦色', size: '均码', stock: 3 }, { color: '格纹灰', size: '均码', stock: 2 }, { color: '烟灰色', size: '均码', stock: 1 }] };
  it("finds the product's own colour names the entity extractor does not know, in other wordings and 繁体", () => {
    expect(requestedVariant([], scarf, '那就燕麦色吧')).toEqual({ size: null, color: '燕麦色' });
    expect(requestedVariant([], scarf, '燕麥的吧')).toEqual({ size: null, color: '燕麦色' });
    expect(requestedVariant([], scarf, '换格纹灰')).toEqual({ size: null, color: '格纹灰' });
    // near misses: no product given, or no colour of it named
    expect(requestedVariant([], undefined, '那就燕麦色吧')).toEqual({ size: null, color: null });
    expect(requestedVariant([], scarf, '燕窝怎么卖')).toEqual({ size: null, color: null });
  });
  it('the variant the buyer already has is no exchange choice; another colour or size is', () => {
    expect(isOrderedVariant(scarf, { size: null, color: '格纹灰' }, { color: '格纹灰', size: '均码' })).toBe(true);
    expect(isOrderedVariant(coat, { size: 'S', color: '驼色' }, { color: '驼色', size: 'S' })).toBe(true);
    expect(isOrderedVariant(scarf, { size: null, color: '燕麦色' }, { color: '格纹灰', size: '均码' })).toBe(false);
    expect(isOrderedVariant(coat, { size: 'L', color: '驼色' }, { color: '驼色', size: 'S' })).toBe(false);
    expect(isOrderedVariant(coat, { size: null, color: null }, { color: '驼色', size: 'S' })).toBe(false);
  });
  it('an unknown variant lists the colours to exchange to, without the one the buyer has', () => {
    expect(exchangeStock(scarf, { size: null, color: '白色' }, { color: '格纹灰', size: '均码' })).toEqual({ kind: 'unknown_variant', colors: ['燕麦色', '烟灰色'], sizes: ['均码'] });
    // a colour the buyer has still lists when it has other sizes to exchange to
    expect(exchangeStock(coat, { size: 'XL', color: null }, { color: '驼色', size: 'S' })).toMatchObject({ colors: expect.arrayContaining(['驼色']) });
  });
  it('normalises sizes and reads entities', () => {
    expect(normaliseSize('m码')).toBe('M');
    expect(requestedVariant([{ type: 'size', text: 'L码', start: 0, end: 2, value: 'L码', system: 'letter' }, { type: 'color', text: '黑色', start: 3, end: 5, name: '黑色' }])).toEqual({ size: 'L', color: '黑色' });
  });
  it('checks stock, keeping the ordered colour when only the size changes', () => {
    expect(exchangeStock(coat, { size: 'L', color: null }, { color: '驼色', size: 'S' })).toEqual({ kind: 'in_stock', color: '驼色', size: 'L' });
    expect(exchangeStock(coat, { size: 'M', color: null }, { color: '驼色', size: 'S' })).toEqual({ kind: 'out', color: '驼色', size: 'M', sizesInStock: ['S', 'L'] });
    expect(exchangeStock(coat, { size: null, color: '黑色' }, { color: '驼色', size: 'M' })).toEqual({ kind: 'in_stock', color: '黑色', size: 'M' });
    expect(exchangeStock(coat, { size: 'XL', color: null }, { color: '驼色', size: 'S' }).kind).toBe('unknown_variant');
  });
  it('takes a hue for the one colour of the product that holds it (灰色 → 烟灰色), never a guess between two', () => {
    const jeans = { ...coat, skus: [{ color: '深蓝色', size: '32', stock: 2 }, { color: '烟灰色', size: '32', stock: 7 }, { color: '浅蓝色', size: '32', stock: 1 }] };
    expect(productColor(jeans, '灰色')).toBe('烟灰色');
    expect(productColor(jeans, '深蓝色')).toBe('深蓝色');
    expect(productColor(jeans, '蓝色')).toBe('蓝色');
    expect(exchangeStock(jeans, { size: null, color: '灰色' }, { color: '深蓝色', size: '32' })).toEqual({ kind: 'in_stock', color: '烟灰色', size: '32' });
  });
  it('wants the size or colour after 换/改成, else the one named ("M码有点小 能换L吗" wants L)', () => {
    const size = (text: string, value: string): Entity => {
      const start = text.indexOf(value);
      return { type: 'size', text: value, start, end: start + value.length, value, system: 'letter' };
    };
    const color = (text: string, name: string): Entity => ({ type: 'color', text: name, start: text.indexOf(name), end: text.indexOf(name) + name.length, name });
    const a = 'M码穿着有点小 能换L吗';
    expect(wantedVariant(a, [size(a, 'M码'), size(a, 'L')])).toMatchObject({ size: 'L', color: null });
    const b = '买的S 偏小了 想换成M码';
    expect(wantedVariant(b, [size(b, 'S'), size(b, 'M码')])).toMatchObject({ size: 'M' });
    const c = '黑色的想换驼色';
    expect(wantedVariant(c, [color(c, '黑色'), color(c, '驼色')])).toMatchObject({ color: '驼色' });
    // A bare 改 right before a size: the size after it is wanted.
    const at = (text: string, value: string, start: number): Entity => ({ type: 'size', text: value, start, end: start + value.length, value, system: 'letter' });
    const e = '羽绒服拍错码了 L改XL';
    expect(wantedVariant(e, [at(e, 'L', 8), at(e, 'XL', 10)])).toMatchObject({ size: 'XL' });
    const f = 'M码改L码吧';
    expect(wantedVariant(f, [at(f, 'M码', 0), at(f, 'L码', 3)])).toMatchObject({ size: 'L' });
    // Near miss: 改 not before a size ("改地址") leaves the first size named.
    const g = 'XL的 能改地址吗';
    expect(wantedVariant(g, [at(g, 'XL', 0)])).toMatchObject({ size: 'XL', cut: -1 });
    // Near miss: nothing after 换 — the size named stands.
    const d = 'L码的能换吗';
    expect(wantedVariant(d, [size(d, 'L码')])).toMatchObject({ size: 'L' });
  });
  it('labels sizes', () => {
    expect(sizeLabel(coat, 'M')).toBe('M码');
    expect(sizeLabel(coat, '均码')).toBe('均码');
  });
});

describe('received by the buyer’s word', () => {
  it.each([
    ['大衣刚拿到 M码穿着有点小', true],
    ['今天收到了 有点大', true],
    ['已经到手了', true],
    ['还没收到', false],
    ['收到后不合适能换吗', false],
    ['没拿到', false],
  ] as const)('%s: %s', (text, expected) => {
    expect(saysReceived(text)).toBe(expected);
  });
  it('an order out for delivery counts as received only when the buyer says so', () => {
    const shipped = order('100000000000000003', 'shipped');
    expect(isReceivedPerBuyer(shipped, '大衣刚拿到 能换L吗')).toBe(true);
    expect(isReceivedPerBuyer(shipped, '能换L吗')).toBe(false);
    expect(isReceivedPerBuyer(order('100000000000000004', 'delivered'), '能换L吗')).toBe(true);
  });
});

describe('text cues', () => {
  it('photos, missing items, choices', () => {
    expect(saysPhotosSent('拍了，您看下')).toBe(true);
    expect(saysPhotosSent('[图片]')).toBe(true);
    expect(saysPhotosSent('好的')).toBe(false);
    expect(saysMissing('少发了一条围巾')).toBe(true);
    expect(qualityChoice('给我补发一件吧')).toBe('resend');
    expect(qualityChoice('退款吧')).toBe('refund');
    expect(qualityChoice('我留下吧，补偿一点')).toBe('compensation');
    expect(qualityChoice('随便')).toBeNull();
  });
  it('compensation stays within the shop’s discount budget', () => {
    expect(compensationFor(testShop, order('1', 'delivered'), coat)).toBe(29);
    expect(compensationFor(testShop, undefined, coat)).toBe(29);
    expect(compensationFor(testShop, undefined, undefined)).toBe(0);
  });
});

describe('asksWhyRefuse', () => {
  it.each(['为啥要拒签 直接退不行吗', '干嘛非得拒收', '为什么一定要拒收啊', '拒签有什么用', '不能直接退款吗', '直接给我退钱不行吗', '為什麼要拒簽'])('"%s" asks why refuse', (text) => {
    expect(asksWhyRefuse(text)).toBe(true);
  });
  it.each(['我拒签了', '拒收了 什么时候退款', '怎么退货', '退款到哪了', '我不要了 退款吧'])('"%s" does not', (text) => {
    expect(asksWhyRefuse(text)).toBe(false);
  });
});

describe('asksReturnNumber / asksRefundDestination', () => {
  it('the return parcel\'s number asked; the outbound number is a near miss', () => {
    expect(asksReturnNumber('退货单号发我一下')).toBe(true);
    expect(asksReturnNumber('我寄回去的那个快递单号是啥')).toBe(true);
    expect(asksReturnNumber('单号是多少 就是退回去的')).toBe(true);
    expect(asksReturnNumber('快递单号多少')).toBe(false);
  });
  it('where a refund goes; when it comes is a near miss', () => {
    expect(asksRefundDestination('钱退到哪里')).toBe(true);
    expect(asksRefundDestination('会退到我支付宝吗')).toBe(true);
    expect(asksRefundDestination('退款什么时候到账')).toBe(false);
    expect(asksRefundDestination('包裹到哪里了')).toBe(false);
  });
});

describe('saysGiftMissed', () => {
  it.each(['上次买的零食赠品没收到', '之前那单的试吃装没有啊', '收到了 但是漏发了赠品'])('"%s": a gift missing from a purchase', (text) => {
    expect(saysGiftMissed(text)).toBe(true);
  });
  it.each(['现在买没有送的吗', '满99送试吃装吗', '上次买的怎么还没送到'])('near miss "%s"', (text) => {
    expect(saysGiftMissed(text)).toBe(false);
  });
});

describe('a defect ruled out', () => {
  it.each(['质量没问题 就是有点肥', '不是质量问题 我就是不喜欢', '质量挺好的 只是偏小'])('%s denies a defect and blames no one', (text) => {
    expect(deniesDefect(text)).toBe(true);
    expect(mentionsShopFault(text)).toBe(false);
  });
  it.each(['质量有问题 线头很多', '这质量太差了', '没想到质量这么差'])('%s is a fault', (text) => {
    expect(deniesDefect(text)).toBe(false);
    expect(mentionsShopFault(text)).toBe(true);
  });
  it('a fault said beside the denial of another still counts', () => {
    expect(mentionsShopFault('质量没问题 但是发错颜色了')).toBe(true);
  });
});

describe('colourSaidOrdered', () => {
  const coat = testShop.products.find((p) => p.id === 'coat-01')!;
  it.each([
    ['我要的是黑色', '黑色'],
    ['我订的是驼色的啊', '驼色'],
    ['下单的是黑 怎么来了别的', '黑色'],
  ])('%s → %s', (text, color) => expect(colourSaidOrdered(text, coat)).toBe(color));
  it.each(['发错颜色了', '我要的是大衣', '收到的是黑色'])('%s names no colour ordered', (text) => expect(colourSaidOrdered(text, coat)).toBeNull());
});
