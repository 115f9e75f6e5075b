import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { Order } from '../src/orders/schema.ts';
import { ProductSchema, ShopSchema, type Product } from '../src/shop/schema.ts';
import {
  adviseSize,
  askedAttributes,
  heightInSizeQuestion,
  dispatchDayIfPaidNow,
  askedVariant,
  bareNumberOf,
  bodyDataFromBareNumber,
  bodyDataOf,
  dayRange,
  asksForExtraFeeCourier,
  asksVariantList,
  asksWhichVariant,
  asksSizeEnd,
  anotherProductAsked,
  ASKS_RESTOCK,
  asksRestockNotice,
  correctionTarget,
  isBareVariant,
  productsOfSameKind,
  statesPurchaseOnly,
  findRegion,
  followUpDueInHours,
  isReturnPolicyBeforeOrder,
  purchaseQuantity,
  returnPolicyCategories,
  waitsForOwnOrder,
  formatDate,
  isFreeShippingRegion,
  lookUpStock,
  maskPhone,
  mergeBodyData,
  newestUnpaidOrder,
  orderForCourier,
  orderToConfirm,
  paymentTopics,
  plausibleBodyData,
  sizeChartOf,
  sizeLabel,
  maskMobileNumbers,
  waitsForParcel,
} from './presale-helpers.ts';
import { testShop } from './test-fixtures.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';

const coat = testShop.products[0]!;
const scarf = testShop.products[1]!;
const chart = testShop.sizeCharts.coat!;

describe('text helpers', () => {
  it('labels sizes, formats restock dates and masks phones', () => {
    expect(sizeLabel('M')).toBe('M码');
    expect(sizeLabel('38')).toBe('38码');
    expect(sizeLabel('均码')).toBe('均码');
    expect(formatDate('2026-12-01')).toBe('12月1日');
    expect(formatDate('下月初')).toBe('下月初');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('body data', () => {
  const entities: Entity[] = [
    { type: 'height', text: '165', start: 2, end: 5, cm: 165 },
    { type: 'weight', text: '50kg', start: 7, end: 11, kg: 50 },
    { type: 'height', text: '170', start: 12, end: 15, cm: 170 },
  ];
  it('takes the first height and weight of a message and keeps what earlier messages gave', () => {
    expect(bodyDataOf(entities)).toEqual({ heightCm: 165, weightKg: 50 });
    expect(bodyDataOf([])).toEqual({ heightCm: null, weightKg: null });
    expect(mergeBodyData({ heightCm: 160, weightKg: 48 }, { heightCm: null, weightKg: 52 })).toEqual({ heightCm: 160, weightKg: 52 });
  });
});

describe('body data and units', () => {
  const none = { heightCm: null, weightKg: null };
  it('remembers a weight read as 斤 from a unit-less number', () => {
    const jin: Entity = { type: 'weight', text: '体重110', start: 0, end: 5, kg: 55, assumedUnit: 'jin' };
    expect(bodyDataOf([jin])).toEqual({ heightCm: null, weightKg: 55, weightReadAsJin: true });
    expect(mergeBodyData({ heightCm: 170, weightKg: 55, weightReadAsJin: true }, { heightCm: 172, weightKg: null })).toEqual({ heightCm: 172, weightKg: 55, weightReadAsJin: true });
    expect(mergeBodyData({ heightCm: 170, weightKg: 55, weightReadAsJin: true }, { heightCm: null, weightKg: 60 })).toEqual({ heightCm: 170, weightKg: 60 });
  });

  it.each([
    ['163', 163], [' 52。', 52], ['１６３', 163], ['一百六十', 160], ['163cm', null], ['好的', null], ['', null],
  ] as const)('bareNumberOf(%j) = %s', (text, expected) => {
    expect(bareNumberOf(text)).toBe(expected);
  });

  it.each([
    ['163', none, { heightCm: 163, weightKg: null }],
    ['52', none, { heightCm: null, weightKg: 52 }],
    ['120', none, null],
    ['120', { heightCm: 165, weightKg: null }, { heightCm: null, weightKg: 60, weightReadAsJin: true }],
    ['60', { heightCm: 165, weightKg: null }, { heightCm: null, weightKg: 60 }],
    ['120', { heightCm: null, weightKg: 50 }, { heightCm: 120, weightKg: null }],
    ['60', { heightCm: null, weightKg: 50 }, null],
    ['250', none, null],
    ['20', none, null],
    ['163', { heightCm: 160, weightKg: 50 }, null],
    ['好的', none, null],
  ] as const)('bodyDataFromBareNumber(%j, %j)', (text, known, expected) => {
    expect(bodyDataFromBareNumber(text, known)).toEqual(expected);
  });

  it('re-reads an assumed-斤 weight as kg only when the BMI would be below 16', () => {
    expect(plausibleBodyData({ heightCm: 190, weightKg: 47.5, weightReadAsJin: true })).toEqual({ heightCm: 190, weightKg: 95 });
    expect(plausibleBodyData({ heightCm: 165, weightKg: 55, weightReadAsJin: true })).toEqual({ heightCm: 165, weightKg: 55, weightReadAsJin: true });
    expect(plausibleBodyData({ heightCm: 190, weightKg: 47.5 })).toEqual({ heightCm: 190, weightKg: 47.5 });
    expect(plausibleBodyData({ heightCm: null, weightKg: 47.5, weightReadAsJin: true })).toEqual({ heightCm: null, weightKg: 47.5, weightReadAsJin: true });
  });
});

describe('adviseSize', () => {
  it('finds the one row that fits, the rows that overlap, and says when the chart has no answer', () => {
    expect(adviseSize(chart, 155, 45)).toEqual({ kind: 'fit', size: 'S' });
    expect(adviseSize(chart, 165, 52)).toEqual({ kind: 'fit', size: 'M' });
    expect(adviseSize(chart, 159, 49)).toEqual({ kind: 'between', sizes: ['S', 'M'] });
    expect(adviseSize(chart, 185, 60)).toEqual({ kind: 'outside', end: 'largest' });
    expect(adviseSize(chart, 160, 35)).toEqual({ kind: 'outside', end: 'smallest' });
    expect(adviseSize(chart, 165, 120)).toEqual({ kind: 'outside', end: 'largest' });
    expect(adviseSize(chart, 140, 45)).toEqual({ kind: 'outside', end: 'smallest' });
    expect(adviseSize(chart, 175, 45)).toEqual({ kind: 'no_match' });
  });
  it('uses the chart the product names, if the shop has it', () => {
    expect(sizeChartOf(testShop, coat)).toBe(chart);
    expect(sizeChartOf(testShop, scarf)).toBeUndefined();
    expect(sizeChartOf(testShop, { ...coat, sizeChart: 'shoes' })).toBeUndefined();
  });
});

const size = (value: string): Entity => ({ type: 'size', text: value, start: 0, end: value.length, value, system: 'letter' });

describe('lookUpStock', () => {
  const ask = (color: string | null, size: string | null) => lookUpStock(coat, { color, size });
  it('answers a colour and size in stock', () => {
    expect(ask('驼色', 'S')).toEqual({ kind: 'in_stock', color: '驼色', size: 'S' });
    expect(ask('黑', 'm')).toEqual({ kind: 'in_stock', color: '黑色', size: 'M' });
  });
  it('lists the colours of an asked size and the sizes of an asked colour that are in stock', () => {
    expect(ask(null, 'M')).toEqual({ kind: 'size_in_stock', size: 'M', colors: ['黑色'] });
    expect(ask('驼色', null)).toEqual({ kind: 'color_in_stock', color: '驼色', sizes: ['S', 'L'] });
  });
  it('says 暂时无货 with the restock date and offers other sizes of the colour', () => {
    expect(ask('驼色', 'M')).toEqual({
      kind: 'out',
      color: '驼色',
      size: 'M',
      restockDate: '2026-12-01',
      alternative: { kind: 'color_in_stock', color: '驼色', sizes: ['S', 'L'] },
    });
  });
  it('never quotes a restock date that is already past', () => {
    expect(lookUpStock(coat, { color: '驼色', size: 'M' }, '2026-11-23T10:00:00+08:00')).toMatchObject({ kind: 'out', restockDate: '2026-12-01' });
    expect(lookUpStock(coat, { color: '驼色', size: 'M' }, '2026-12-01T20:00:00+08:00')).toMatchObject({ kind: 'out', restockDate: '2026-12-01' });
    expect(lookUpStock(coat, { color: '驼色', size: 'M' }, '2026-12-03T10:00:00+08:00')).toMatchObject({ kind: 'out', restockDate: null });
  });

  it('treats a combination the product lacks (断码) as out of stock, offering the same size in other colours', () => {
    const product: Product = ProductSchema.parse({
      ...coat,
      skus: [
        { color: '黑色', size: 'M', stock: 0 },
        { color: '驼色', size: 'S', stock: 2 },
        { color: '驼色', size: 'M', stock: 1 },
      ],
    });
    expect(lookUpStock(product, { color: '黑色', size: 'S' })).toMatchObject({ kind: 'out', restockDate: null, alternative: { kind: 'size_in_stock', size: 'S', colors: ['驼色'] } });
    expect(lookUpStock(product, { color: '黑色', size: null })).toMatchObject({ kind: 'out', color: '黑色', size: null, alternative: { kind: 'overview' } });
  });
  it('lists what exists when the colour or size asked does not exist', () => {
    expect(ask('红色', null)).toEqual({ kind: 'unknown_variant', color: '红色', size: null, colors: ['驼色', '黑色'], sizes: ['S', 'M', 'L'] });
    expect(ask(null, 'XXL')).toMatchObject({ kind: 'unknown_variant', size: 'XXL' });
  });
  it('gives an overview in the product order when nothing is asked, or says everything is out', () => {
    expect(ask(null, null)).toEqual({ kind: 'overview', colors: ['驼色', '黑色'], sizes: ['S', 'M', 'L'] });
    const soldOut = ProductSchema.parse({ ...coat, skus: coat.skus.map((s) => ({ ...s, stock: 0 })) });
    expect(lookUpStock(soldOut, { color: null, size: null })).toEqual({ kind: 'all_out', restockDate: '2026-12-01' });
    const unknownDate = ProductSchema.parse({ ...scarf, skus: [{ color: '米白色', size: '均码', stock: 0 }] });
    expect(lookUpStock(unknownDate, { color: null, size: null })).toEqual({ kind: 'all_out', restockDate: null });
  });
  it('reads the asked colour and size from entities (free size as 均码)', () => {
    expect(
      askedVariant([
        { type: 'color', text: '黑色', start: 0, end: 2, name: '黑色' },
        { type: 'size', text: '均码', start: 2, end: 4, value: 'F', system: 'free' },
      ]),
    ).toEqual({ color: '黑色', size: '均码' });
    expect(askedVariant([])).toEqual({ color: null, size: null });
  });
  it('finds a colour the extractor does not know by the product’s own colour names', () => {
    const product = ProductSchema.parse({ ...coat, skus: [{ color: '燕麦色', size: 'M', stock: 0 }, { color: '驼色', size: 'M', stock: 1 }] });
    expect(askedVariant([size('M')], product, '燕麦色M有吗')).toEqual({ color: '燕麦色', size: 'M' });
    expect(askedVariant([], product, '有燕麦的吗')).toEqual({ color: '燕麦色', size: null });
    expect(askedVariant([{ type: 'color', text: '驼色', start: 0, end: 2, name: '驼色' }], product, '驼色还是燕麦色')).toEqual({ color: '驼色', size: null });
  });
});

describe('heightInSizeQuestion', () => {
  it.each([
    ['毛衣我158穿什么码', 158],
    ['我172 选哪个码', 172],
    ['身高165穿多大', 165],
    ['165的话穿什么码', 165],
  ] as const)('reads %s as a height', (text, cm) => {
    expect(heightInSizeQuestion(text)).toBe(cm);
  });
  it.each(['159元那款穿什么码', '175码是多大', '我120穿多大', '订单1589876穿什么码', '199的那款有S码吗'])('reads no height in %s', (text) => {
    expect(heightInSizeQuestion(text)).toBeNull();
  });
});

describe('askedAttributes', () => {
  it('finds a fleece lining in a value when asked whether it is lined with fleece', () => {
    const jeans = { ...coat, attributes: { 面料: '棉98% 氨纶2%，内里加绒', 弹力: '微弹' } };
    for (const text of ['里面是绒的吗 冬天冷不冷', '带绒吗', '是加绒的吗']) {
      expect(askedAttributes(jeans, text).found, text).toEqual([{ attribute: '面料', value: '棉98% 氨纶2%，内里加绒' }]);
    }
    expect(askedAttributes(jeans, '里面有赠品吗').found).toEqual([]);
  });
  it('finds the attribute named by its name or by a buyer word for it', () => {
    expect(askedAttributes(coat, '这件是什么面料的')).toEqual({ found: [{ attribute: '材质', value: '70%羊毛，30%聚酯纤维' }], missing: [] });
    expect(askedAttributes(coat, '可以机洗吗')).toEqual({ found: [{ attribute: '洗涤方式', value: '建议干洗' }], missing: [] });
    expect(askedAttributes(coat, '材质和洗涤方式说下').found.map((f) => f.attribute)).toEqual(['材质', '洗涤方式']);
    // The quality asked about before buying: the fabric; a quality complaint names no attribute.
    expect(askedAttributes(coat, '质量怎么样啊').found.map((f) => f.attribute)).toEqual(['材质']);
    expect(askedAttributes(coat, '质量太差了').found).toEqual([]);
  });
  it('finds an attribute listed under a buyer word (面料 for 材质) without calling 材质 missing', () => {
    const product = { ...coat, attributes: { 面料: '羊毛80%', 产地: '浙江桐乡' } };
    expect(askedAttributes(product, '什么面料')).toEqual({ found: [{ attribute: '面料', value: '羊毛80%' }], missing: [] });
    expect(askedAttributes(product, '什么材质')).toEqual({ found: [{ attribute: '面料', value: '羊毛80%' }], missing: [] });
    expect(askedAttributes(product, '哪里产的')).toEqual({ found: [{ attribute: '产地', value: '浙江桐乡' }], missing: [] });
  });

  it('names an attribute the product does not list, and finds none in a vague question', () => {
    expect(askedAttributes(coat, '产地是哪里')).toEqual({ found: [], missing: ['产地'] });
    expect(askedAttributes(coat, '这款怎么样')).toEqual({ found: [], missing: [] });
  });

  // Shaped like the demo shop's jeans and scarf: qualities written into a value, materials asked by name.
  const jeans = { ...coat, attributes: { 面料: '棉92% 聚酯纤维6% 氨纶2%', 弹力: '微弹', 裤长: '约98cm（27码）', 洗涤方式: '建议反面冷水手洗，首次洗涤可能轻微掉色' } };
  const wool = { ...scarf, attributes: { 面料: '羊毛100%', 尺寸: '约180cm×30cm（含流苏）', 洗涤方式: '建议手洗或干洗' } };
  const coatWithCut = { ...coat, attributes: { 面料: '羊毛80% 聚酰胺纤维20%', 版型: '宽松落肩，衣长约105cm（M码）' } };
  const attributesOf = (q: ReturnType<typeof askedAttributes>) => q.found.map((f) => f.attribute);

  it('a material named in a question is the composition question (纯羊毛, 含棉, 羊毛含量), a product name is not', () => {
    for (const text of ['是纯羊毛的吗', normalizeSameLength('這條是純羊毛的嗎'), '是羊毛的么', '羊毛含量多少', '是不是羊绒的', '有没有含羊毛']) {
      expect(attributesOf(askedAttributes(wool, text)), text).toEqual(['面料']);
    }
    for (const text of ['是纯棉的吗', '含棉量高吗', '是全棉的不', '是100%棉吗', '百分百棉的？']) expect(attributesOf(askedAttributes(jeans, text)), text).toEqual(['面料']);
    // Near misses: the product's name, or words that only look like a material.
    for (const text of ['羊毛围巾有货吗', '羊毛流苏围巾多少钱', '麻烦问一下', '有羊毛围巾吗']) expect(askedAttributes(wool, text), text).toEqual({ found: [], missing: [] });
  });

  it('a quality written into a value (掉色 under 洗涤方式) is answered by that attribute; written nowhere: neither found nor missing', () => {
    for (const text of ['会掉色吗', '褪色不', '洗了掉不掉色啊', normalizeSameLength('會串色嗎')]) {
      expect(askedAttributes(jeans, text), text).toEqual({ found: [{ attribute: '洗涤方式', value: '建议反面冷水手洗，首次洗涤可能轻微掉色' }], missing: [] });
    }
    expect(askedAttributes(wool, '会掉色吗')).toEqual({ found: [], missing: [] });
    expect(askedAttributes(wool, '起球吗')).toEqual({ found: [], missing: [] });
    expect(askedAttributes(jeans, '怎么洗')).toEqual({ found: [{ attribute: '洗涤方式', value: '建议反面冷水手洗，首次洗涤可能轻微掉色' }], missing: [] });
  });

  it('elasticity, length and cut by their buyer words; a length written into the cut answers 多长', () => {
    for (const text of ['有弹性吗', '弹不弹', '有弹力不']) expect(attributesOf(askedAttributes(jeans, text)), text).toEqual(['弹力']);
    expect(attributesOf(askedAttributes(jeans, '多长'))).toEqual(['裤长']);
    expect(askedAttributes(coatWithCut, '大衣多长')).toEqual({ found: [{ attribute: '版型', value: '宽松落肩，衣长约105cm（M码）' }], missing: [] });
    expect(attributesOf(askedAttributes(coatWithCut, '版型宽松吗'))).toEqual(['版型']);
    expect(askedAttributes(coatWithCut, '厚不厚')).toEqual({ found: [], missing: ['厚薄'] });
  });
});

describe('regions', () => {
  it('finds the first province or big city named', () => {
    expect(findRegion('发新疆要几天')).toBe('新疆');
    expect(findRegion('我在杭州')).toBe('浙江');
    expect(findRegion('黑龙江哈尔滨')).toBe('黑龙江');
    expect(findRegion('内蒙古包邮吗')).toBe('内蒙古');
    expect(findRegion('广西和广东')).toBe('广西');
    expect(findRegion('几天能到')).toBeNull();
  });
  it('matches the free-shipping template whatever the suffix', () => {
    expect(isFreeShippingRegion(testShop, '浙江')).toBe(true);
    expect(isFreeShippingRegion(testShop, '浙江省')).toBe(true);
    expect(isFreeShippingRegion(testShop, '新疆')).toBe(false);
    const shop = ShopSchema.parse({ ...testShop, shipping: { ...testShop.shipping, freeShippingRegions: ['江苏省', '上海市'] } });
    expect(isFreeShippingRegion(shop, '江苏')).toBe(true);
    expect(isFreeShippingRegion(shop, '上海')).toBe(true);
  });
});

describe('dayRange', () => {
  it('keeps the day range of a delivery-days setting, whatever words surround it', () => {
    expect(dayRange('2-4')).toBe('2-4');
    expect(dayRange('发货后一般2-4天送达')).toBe('2-4');
    expect(dayRange('3～5天')).toBe('3-5');
    expect(dayRange('3天')).toBe('3');
    expect(dayRange('很快')).toBe('很快');
  });
});

describe('paymentTopics', () => {
  it('names each topic in the order of the message, and the methods when none is named', () => {
    expect(paymentTopics('能货到付款吗')).toEqual(['cod']);
    expect(paymentTopics('信用卡可以吗，花呗呢')).toEqual(['credit_card', 'huabei']);
    expect(paymentTopics('我微信转给你')).toEqual(['wechat']);
    expect(paymentTopics('微信转账可以吗')).toEqual(['wechat']);
    expect(paymentTopics('能银行转账吗')).toEqual(['transfer']);
    expect(paymentTopics('怎么付款')).toEqual(['methods']);
  });
});

const order = (id: string, state: Order['state']): Order => ({
  id,
  buyerId: 'buyer-1',
  state,
  items: [{ productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }],
  total: 599,
  createdAt: '2026-11-23T09:00:00+08:00',
  tracking: [],
  receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号', region: '浙江' },
});

describe('orders', () => {
  const orders = [order('100000000000000003', 'shipped'), order('100000000000000002', 'unpaid'), order('100000000000000001', 'paid')];
  it('confirms the newest open order, or the open one the buyer names', () => {
    expect(orderToConfirm(orders, [])?.id).toBe('100000000000000002');
    const named: Entity[] = [{ type: 'order_id', text: '100000000000000001', start: 0, end: 18, value: '100000000000000001' }];
    expect(orderToConfirm(orders, named)?.id).toBe('100000000000000001');
    const shipped: Entity[] = [{ type: 'order_id', text: '100000000000000003', start: 0, end: 18, value: '100000000000000003' }];
    expect(orderToConfirm(orders, shipped)?.id).toBe('100000000000000003');
    const stranger: Entity[] = [{ type: 'order_id', text: '199999999999999999', start: 0, end: 18, value: '199999999999999999' }];
    expect(orderToConfirm(orders, stranger)).toBeUndefined();
    expect(orderToConfirm([], [])).toBeUndefined();
    // The product talked about picks the open order holding it, before a newer open order of something else.
    const scarfOrder = { ...order('100000000000000004', 'unpaid'), items: [{ productId: 'scarf-01', color: '红', size: '均码', quantity: 2, price: 99 }] };
    expect(orderToConfirm([...orders, scarfOrder], [], 'scarf-01')?.id).toBe('100000000000000004');
    // Near miss: a product no open order holds leaves the newest open order.
    expect(orderToConfirm([...orders, scarfOrder], [], 'hat-01')?.id).toBe('100000000000000002');
    expect(newestUnpaidOrder(orders)?.id).toBe('100000000000000002');
  });

  it('a courier request is for the order just discussed (cue context), else the newest unpaid one', () => {
    const paidOnly = [order('100000000000000001', 'paid')];
    expect(orderForCourier('能走顺丰不 加钱可以', paidOnly, ['context'], false)?.id).toBe('100000000000000001');
    // Near misses: no order discussed → the newest unpaid; the price of the courier asked → none.
    expect(orderForCourier('能走顺丰不 加钱可以', orders, undefined, false)?.id).toBe('100000000000000002');
    expect(orderForCourier('顺丰要加多少钱', paidOnly, ['context'], false)).toBeUndefined();
  });

  it('the extra postage agreed to with no unpaid order: the paid order not shipped yet', () => {
    const paidOnly = [order('100000000000000001', 'paid')];
    for (const text of ['行 运费我来出', '那就补个差价吧']) expect(orderForCourier(text, paidOnly, undefined, false)?.id, text).toBe('100000000000000001');
    // Near misses: an unpaid order comes first; nothing agreed to points at no paid order.
    expect(orderForCourier('行 运费我来出', orders, undefined, false)?.id).toBe('100000000000000002');
    expect(orderForCourier('能走顺丰吗', paidOnly, undefined, false)).toBeUndefined();
  });
});

describe('followUpDueInHours', () => {
  it('counts from the turn to the next shift, plus an hour to answer', () => {
    expect(followUpDueInHours(testShop, '2026-11-23T23:00:00+08:00')).toBe(11);
    expect(followUpDueInHours(testShop, '2026-11-23T07:30:00+08:00')).toBe(2.5);
    expect(followUpDueInHours(testShop, '2026-11-22T15:00:00Z')).toBe(11);
  });
});

/** A delivered order of one product. */
const deliveredOrderOf = (productId: string): Order => ({
  id: 'o1',
  buyerId: 'b',
  state: 'delivered',
  items: [{ productId, color: '驼色', size: 'S', quantity: 1, price: 599 }],
  total: 599,
  createdAt: '2026-11-20T08:00:00+08:00',
  tracking: [],
  receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号', region: '浙江' },
});

describe('isReturnPolicyBeforeOrder', () => {
  const order = deliveredOrderOf;
  it('a question whether returns are possible, with no order of the product: the policy', () => {
    for (const text of ['不合适的话能退不', '不喜欢可以退吗', '支持七天无理由吗', '尺码不对能换吗', '能不能退换', '包退吗', normalizeSameLength('不合適可以退嗎')]) {
      expect(isReturnPolicyBeforeOrder('return_dislike', text, [], coat), text).toBe(true);
      // Orders of other products do not make it a case.
      expect(isReturnPolicyBeforeOrder('exchange', text, [order('scarf-01')], coat), text).toBe(true);
    }
  });
  it('near misses: a return asked for, something received, an order of the product, another reading', () => {
    for (const text of ['我要退货', '收到了不合适能退吗', '这单能退吗', '穿了一次能退吗', '帮我退了吧', '申请退款']) {
      expect(isReturnPolicyBeforeOrder('return_dislike', text, [], coat), text).toBe(false);
    }
    expect(isReturnPolicyBeforeOrder('return_dislike', '不合适能退吗', [order('coat-01')], coat)).toBe(false);
    // No product talked about: only a buyer without any order.
    expect(isReturnPolicyBeforeOrder('return_dislike', '不合适能退吗', [], undefined)).toBe(true);
    expect(isReturnPolicyBeforeOrder('return_dislike', '不合适能退吗', [order('scarf-01')], undefined)).toBe(false);
    expect(isReturnPolicyBeforeOrder('quality_issue', '坏了能退吗', [], coat)).toBe(false);
  });
  it('still to buy, or only an unpaid order of the product: the policy, whatever was bought before', () => {
    for (const text of ['想买毛衣 万一不合适能退吗', '打算买一件 不合适可以换吗', '如果买了不喜欢能退不']) {
      expect(isReturnPolicyBeforeOrder('return_dislike', text, [order('coat-01')], coat), text).toBe(true);
    }
    expect(isReturnPolicyBeforeOrder('return_dislike', '吃不完能退吗', [{ ...order('coat-01'), state: 'unpaid' }], coat)).toBe(true);
    // Near misses: a received order and no word of buying; buying words with a return asked for.
    expect(isReturnPolicyBeforeOrder('return_dislike', '万一不合适能退吗', [order('coat-01')], coat)).toBe(false);
    expect(isReturnPolicyBeforeOrder('return_dislike', '上次买的毛衣我要退', [order('coat-01')], coat)).toBe(false);
  });
  it('an exchange of the order still on its way, asked ahead, is that order\'s exchange case; a return asked ahead stays the policy', () => {
    const shipping = (productId: string): Order => ({ ...order(productId), state: 'shipped' });
    for (const text of ['大衣还没收到 要是M小了到时候能换L吗', '万一到了不合身能换大一码吗', '收到后要是大了可以换S吗']) {
      expect(isReturnPolicyBeforeOrder('exchange', text, [shipping('coat-01')], coat), text).toBe(false);
    }
    // Near miss: the return asked ahead of receipt is the product's policy.
    expect(isReturnPolicyBeforeOrder('return_dislike', '还没收到 到了不合适的话能退吗', [shipping('coat-01')], coat)).toBe(true);
  });
});

describe('isReturnPolicyBeforeOrder: asked ahead of a purchase in view', () => {
  const order = deliveredOrderOf;
  it('a conditional return while the conversation is about buying the product: the policy, even with an old order of it', () => {
    for (const text of ['要是穿着不合适能退吗', '万一尺码不对的话可以换吗']) {
      expect(isReturnPolicyBeforeOrder('exchange', text, [order('coat-01')], coat, true), text).toBe(true);
    }
    // Near misses: no pre-sale topic, or no condition (the order received is meant).
    expect(isReturnPolicyBeforeOrder('exchange', '要是穿着不合适能退吗', [order('coat-01')], coat, false)).toBe(false);
    expect(isReturnPolicyBeforeOrder('return_dislike', '能退吗', [order('coat-01')], coat, true)).toBe(false);
  });
  it('a return on a condition of an order paid but not received: what might come, the policy', () => {
    const paid: Order = { ...order('coat-01'), state: 'paid' };
    for (const text of ['质量有问题能退吗', '穿着不满意可以退不']) {
      expect(isReturnPolicyBeforeOrder('return_dislike', text, [paid], coat), text).toBe(true);
    }
    // Near misses: the same once received, and a bare "能退吗" of the paid order (a refund wanted, perhaps).
    expect(isReturnPolicyBeforeOrder('return_dislike', '质量有问题能退吗', [order('coat-01')], coat)).toBe(false);
    expect(isReturnPolicyBeforeOrder('return_dislike', '能退吗', [paid], coat)).toBe(false);
  });
});

describe('isReturnPolicyBeforeOrder: the shop as a whole', () => {
  const order: Order = { id: 'o1', buyerId: 'b', state: 'delivered', items: [{ productId: 'scarf-01', color: '驼色', size: 'S', quantity: 1, price: 599 }], total: 599, createdAt: '2026-11-20T08:00:00+08:00', tracking: [], receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市', region: '浙江' } };
  it('"你们家支持七天无理由吗" with no product known is the policy even for a buyer with orders, whatever it read as', () => {
    for (const [intent, text] of [['other', '你们家支持七天无理由吗'], ['return_dislike', '店里的衣服能退换吗'], ['product_info', '貴店支持七天無理由嗎']] as const) {
      expect(isReturnPolicyBeforeOrder(intent, text, [order], undefined), text).toBe(true);
    }
  });
  it('near misses: a return case, another reading, or no shop words with orders', () => {
    expect(isReturnPolicyBeforeOrder('other', '你们家这单我要退货', [order], undefined)).toBe(false);
    expect(isReturnPolicyBeforeOrder('complaint', '你们家东西能退吗', [order], undefined)).toBe(false);
    expect(isReturnPolicyBeforeOrder('other', '支持七天无理由吗', [order], undefined)).toBe(false);
  });
});

describe('returnPolicyCategories and purchaseQuantity', () => {
  it('groups the products by top-level category; a category with any 7-day product counts as having it', () => {
    const p = (category: string, sevenDayReturn: boolean) => ({ ...coat, category, sevenDayReturn });
    expect(returnPolicyCategories({ products: [p('女装/大衣', true), p('零食/糕点', false), p('男装/裤子', true), p('女装/围巾', false)] })).toEqual({ included: ['女装', '男装'], excluded: ['零食'] });
  });
  it.each([['买6盒鲜花饼包邮吗', { count: 6, unit: '盒' }], ['拍两件', { count: 2, unit: '件' }], ['要3 袋', { count: 3, unit: '袋' }]] as const)('"%s" buys a quantity', (text, q) => {
    expect(purchaseQuantity(text)).toEqual(q);
  });
  it.each(['我们三个人一起买', '同事好几个都想买', '6枚礼盒装包邮吗', '250g的包邮吗'])('"%s" says no quantity bought', (text) => {
    expect(purchaseQuantity(text)).toBeNull();
  });
});

describe('isReturnPolicyBeforeOrder: asked ahead of receipt', () => {
  const order = deliveredOrderOf;
  it('asked ahead of receipt about an order on its way: the policy too; not once received, nor without a possibility', () => {
    const onItsWay = (state: Order['state']): Order => ({ ...order('coat-01'), state });
    for (const text of ['核桃还没收到 到了不合适的话能退吗', '万一收到后不喜欢可以退吗', '要是不合适能换吗']) {
      expect(isReturnPolicyBeforeOrder('return_dislike', text, [onItsWay('printed')], coat), text).toBe(true);
      expect(isReturnPolicyBeforeOrder('return_dislike', text, [onItsWay('shipped')], coat), text).toBe(true);
    }
    expect(isReturnPolicyBeforeOrder('return_dislike', '到了不合适的话能退吗', [onItsWay('delivered')], coat)).toBe(false);
    expect(isReturnPolicyBeforeOrder('return_dislike', '还没到 不想要了 能退吗', [onItsWay('shipped')], coat)).toBe(false);
  });
});

describe('waitsForOwnOrder', () => {
  const orderOf = (state: Order['state']): Order => ({
    id: 'o2', buyerId: 'b', state, items: [{ productId: coat.id, color: '驼色', size: 'S', quantity: 1, price: 599 }], total: 599,
    createdAt: '2026-11-20T08:00:00+08:00', tracking: [], receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号', region: '浙江' },
  });
  it('waiting for the parcel of the product talked about, closed with thanks: a close', () => {
    for (const text of ['行吧 那算了 我先等等 谢谢', '好的 那我等着吧', '那就再等一下 谢谢啦']) {
      expect(waitsForOwnOrder(text, [orderOf('printed')], coat), text).toBe(true);
      expect(waitsForOwnOrder(text, [orderOf('shipped')], coat), text).toBe(true);
    }
  });
  it('near misses: no order on its way, considering the purchase, waiting for a price', () => {
    expect(waitsForOwnOrder('行吧 我先等等 谢谢', [], coat)).toBe(false);
    expect(waitsForOwnOrder('行吧 我先等等 谢谢', [orderOf('delivered')], coat)).toBe(false);
    expect(waitsForOwnOrder('好的 我再考虑考虑', [orderOf('shipped')], coat)).toBe(false);
    expect(waitsForOwnOrder('好吧 我等等降价', [orderOf('shipped')], coat)).toBe(false);
  });
  it('the parcel named as what is waited for: a close for any order on its way, whatever product is talked about', () => {
    for (const text of ['行 那到了再看吧', '嗯嗯 拿到货再决定', '那就等签收了再说']) {
      expect(waitsForOwnOrder(text, [orderOf('shipped')], undefined), text).toBe(true);
      expect(waitsForOwnOrder(text, [orderOf('paid')], undefined), text).toBe(true);
    }
    // Near misses: nothing on its way; waiting for something else than the parcel.
    expect(waitsForOwnOrder('行 那到了再看吧', [orderOf('delivered')], undefined)).toBe(false);
    expect(waitsForOwnOrder('行 那到了再看吧', [orderOf('unpaid')], undefined)).toBe(false);
    expect(waitsForOwnOrder('等我量好尺寸再说', [orderOf('shipped')], undefined)).toBe(false);
    expect(waitsForOwnOrder('等发工资再说', [orderOf('shipped')], undefined)).toBe(false);
  });
});

describe('asksForExtraFeeCourier', () => {
  const courier = (text: string, word: string, name: string): Entity[] => [{ type: 'courier', text: word, name, start: text.indexOf(word), end: text.indexOf(word) + word.length }];
  it('a courier the shop offers at an extra fee, asked for (发/走/用/换 顺丰)', () => {
    for (const [text, word] of [['发顺丰明天能到吗 我急用', '顺丰'], ['我急用 能走顺丰吗', '顺丰'], ['急用 發順豐可以嗎', '順豐'], ['换个顺丰吧 着急', '顺丰'], ['能用SF吗', 'SF']] as const) {
      expect(asksForExtraFeeCourier(text, courier(text, word, '顺丰'), testShop), text).toBe(true);
    }
  });
  it('near misses: a courier named without asking for it, the default courier, no courier', () => {
    expect(asksForExtraFeeCourier('顺丰到哪了', courier('顺丰到哪了', '顺丰', '顺丰'), testShop)).toBe(false);
    expect(asksForExtraFeeCourier('发中通吗', courier('发中通吗', '中通', '中通'), testShop)).toBe(false);
    expect(asksForExtraFeeCourier('明天能到吗 我急用', [], testShop)).toBe(false);
  });
});

describe('asksVariantList', () => {
  it('which colours, sizes or flavours there are', () => {
    for (const text of ['牛仔裤有什么颜色', '有哪几种颜色', '几种口味', '尺码有哪些', '颜色都有啥', '啥色可选', normalizeSameLength('有幾種顏色')]) expect(asksVariantList(text), text).toBe(true);
  });
  it('near misses: advice on a colour, size advice, a variant named', () => {
    for (const text of ['什么颜色好看', '什么颜色适合我', '我穿什么码', '黑色有吗', '有货吗']) expect(asksVariantList(text), text).toBe(false);
  });
});

describe('corrections of the product', () => {
  it('the words of what the buyer meant', () => {
    expect(correctionTarget('不对 我说的是女款')).toBe('女款');
    expect(correctionTarget('不是男款 是女款')).toBe('女款');
    expect(correctionTarget('搞错了，我问的是女士的')).toBe('女士的');
    expect(correctionTarget('不对，是围巾')).toBe('围巾');
    expect(correctionTarget('不對 我說的是羽絨服')).toBe('羽絨服');
    expect(correctionTarget('不对 女款')).toBe('女款');
  });
  it('near misses: a question or a complaint is no correction', () => {
    for (const text of ['不是说包邮吗', '不对吧 怎么还没发货', '我要退货', '女款', '好的']) expect(correctionTarget(text), text).toBeNull();
  });
  it('products of the same kind: the last part of the category', () => {
    const women = { ...coat, id: 'wj', category: '女装/牛仔裤' };
    const men = { ...coat, id: 'mj', category: '男装/牛仔裤' };
    expect(productsOfSameKind([women, men, coat, scarf], women).map((p) => p.id)).toEqual(['mj']);
    expect(productsOfSameKind([women, men, coat, scarf], coat)).toEqual([]);
  });
});

describe('isBareVariant', () => {
  const jeans = { ...coat, skus: [{ color: '浅蓝色', size: '29', stock: 0 }, { color: '深蓝色', size: '27', stock: 3 }] };
  const colorAt = (text: string, word: string): Entity[] => [{ type: 'color', text: word, name: `${word}色`.replace('色色', '色'), start: text.indexOf(word), end: text.indexOf(word) + word.length }];
  it('only a colour and/or size of the product, with filler', () => {
    for (const text of ['浅蓝29', '深蓝 27码', '浅蓝色的', '27码的呢', '那就深蓝吧', '还是浅蓝29的']) expect(isBareVariant(text, [], jeans), text).toBe(true);
    expect(isBareVariant('黑色的', colorAt('黑色的', '黑色'), jeans)).toBe(true);
  });
  it('near misses: more than a variant, a bare number (it may be a height or weight), no product', () => {
    for (const text of ['浅蓝29 多少钱', '29', '好的谢谢', '浅蓝29能退吗', '深蓝就是不好看吧']) expect(isBareVariant(text, [], jeans), text).toBe(false);
    expect(isBareVariant('浅蓝29', [], undefined)).toBe(false);
  });
});

describe('statesPurchaseOnly', () => {
  it('what the buyer will buy, with no condition', () => {
    for (const text of ['我就买一盒鲜花饼', '只要一条围巾', '先拍两袋核桃', '我就買1盒']) expect(statesPurchaseOnly(normalizeSameLength(text)), text).toBe(true);
  });
  it('near misses: a condition or an ask for less is haggling', () => {
    for (const text of ['包邮我就买一盒', '便宜点就买两件', '40块我就要一盒', '送个袜子就拍一件', '我就买这个']) expect(statesPurchaseOnly(text), text).toBe(false);
  });
});

describe('asksWhichVariant', () => {
  it('the colours (or sizes) asked for as a list', () => {
    for (const text of ['那XXL啥颜色有货', 'XL有哪些颜色', '那黑色的有什么颜色', '那M码的都有哪几种色']) expect(asksWhichVariant(text), text).toEqual({ color: true, size: false });
    for (const text of ['黑色有哪些码', '那驼色啥尺码有']) expect(asksWhichVariant(text), text).toEqual({ color: false, size: true });
  });
  it('near misses: one colour or size named, or advice', () => {
    for (const text of ['那XXL呢', '黑色有吗', 'M码还有吗']) expect(asksWhichVariant(text), text).toEqual({ color: false, size: false });
  });
});

describe('ASKS_RESTOCK', () => {
  it('when an out-of-stock variant is back', () => {
    for (const text of ['啥时候能有啊', '什么时候补货', '几时会再有', '哪天才有货', '什么时候到货']) expect(ASKS_RESTOCK.test(text), text).toBe(true);
  });
  it('near misses: a case\'s result, a parcel received, another problem', () => {
    for (const text of ['什么时候能有结果', '什么时候能有回复', '收到货了', '再有问题找你']) expect(ASKS_RESTOCK.test(text), text).toBe(false);
  });
});

describe('asksRestockNotice', () => {
  it('asks to be told when it is back', () => {
    for (const text of ['到时候通知我一下', '有货了告诉我一声', '到货提醒我', '补货了跟我说一声']) expect(asksRestockNotice(text), text).toBe(true);
  });
  it('near misses: asking when, or being told something else', () => {
    for (const text of ['什么时候补货', '你说什么', '通知书']) expect(asksRestockNotice(text), text).toBe(false);
  });
});

describe('anotherProductAsked', () => {
  it('the last question asked about another product: the words naming it', () => {
    expect(anotherProductAsked('鲜花饼呢')).toBe('鲜花饼');
    expect(anotherProductAsked('那围巾的呢？')).toBe('围巾');
    expect(anotherProductAsked('还有羽绒服呢')).toBe('羽绒服');
  });
  it('near misses: a question of its own, a long message', () => {
    for (const text of ['鲜花饼有货吗', '鲜花饼呢 多少钱', '那我再加一件毛衣凑单的话呢']) expect(anotherProductAsked(text), text).toBeNull();
  });
});

describe('asksSizeEnd', () => {
  it('which end of the size range is asked about', () => {
    for (const text of ['最大的码是多大', '最大码是什么', '码最大到多少', '最大能穿多大', '有更大的码吗']) expect(asksSizeEnd(text), text).toBe('largest');
    for (const text of ['最小的码呢', '最小码是几码']) expect(asksSizeEnd(text), text).toBe('smallest');
  });
  it('near misses: a size or fit asked without an end', () => {
    for (const text of ['我穿多大码', 'XL码大吗', '最大的优惠是多少', '偏大还是偏小']) expect(asksSizeEnd(text), text).toBeNull();
  });
});

describe('purchaseQuantity: one reading of how many items are bought', () => {
  it.each([
    ['那再加两盒鲜花饼呢', 2, '盒'],
    ['就买一袋山核桃', 1, '袋'],
    ['拍一件大衣', 1, '件'],
    ['要兩雙襪子', 2, '双'], // read in simplified characters
    ['来3罐', 3, '罐'],
    ['买5瓶', 5, '瓶'],
    ['拿两包', 2, '包'],
    ['一箱', 1, '箱'],
    ['三套', 3, '套'],
    ['两条围巾', 2, '条'],
    ['四个礼盒', 4, '个'],
    ['公司要一百件', 100, '件'],
    ['两百条', 200, '条'],
    ['百件起订吗', 100, '件'],
    ['要个十几件', 11, '件'],
    ['几十盒', 20, '盒'],
    ['好几袋', 3, '袋'],
    ['两三件', 2, '件'],
  ] as const)('"%s" buys %i %s', (text, count, unit) => {
    expect(purchaseQuantity(text)).toEqual({ count, unit });
  });

  it.each([
    '三个朋友都想要', // people counted, not items
    '我们一个人一件', // the person is no item; the 一件 after it is one item (below)
    '几件包邮', // 几 alone asks how many
    '第二件半价吗', // an ordinal
    '99包邮吗', // postage, not a pack
    '山核桃送试吃装吗',
  ])('"%s" is not that many items', (text) => {
    const q = purchaseQuantity(text);
    if (text === '我们一个人一件') expect(q).toEqual({ count: 1, unit: '件' });
    else expect(q).toBeNull();
  });
});

describe('dispatchDayIfPaidNow', () => {
  it('today before the cut-off, the next working day after it, the reopening day on a holiday', () => {
    expect(dispatchDayIfPaidNow(testShop, new Date('2025-11-20T10:00:00+08:00'))).toEqual({ kind: 'today' });
    expect(dispatchDayIfPaidNow(testShop, new Date('2025-11-20T16:30:00+08:00'))).toEqual({ kind: 'after_cutoff', day: '明天' });
    expect(dispatchDayIfPaidNow(testShop, new Date('2025-10-03T10:00:00+08:00'))).toMatchObject({ kind: 'closed', day: '10月9日' });
  });
});

describe('waitsForParcel', () => {
  it('reads waiting for the parcel before deciding', () => {
    for (const text of ['收到以后再说吧', '等拿到了再说', '到了再看吧', '先等收到再说']) expect(waitsForParcel(text), text).toBe(true);
    for (const text of ['到了吗', '再说一遍', '收到了 很喜欢']) expect(waitsForParcel(text), text).toBe(false);
  });
});

describe('maskMobileNumbers', () => {
  it('masks every mobile number in a text, and nothing longer or shorter', () => {
    expect(maskMobileNumbers('跟进仓库修改收货电话为15810362749，备用13900001111')).toBe('跟进仓库修改收货电话为158****2749，备用139****1111');
    expect(maskMobileNumbers('订单4189102557306612984 单号78451203996127')).toBe('订单4189102557306612984 单号78451203996127');
  });
});
