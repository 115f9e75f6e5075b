import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../compliance/index.ts';
import { DEMO_SHOP_PATH, loadDemoShop, parseShop, ShopError } from './load.ts';

/** A small valid shop; the tests break one thing at a time. */
const MINIMAL = `id: test-shop
name: 测试旗舰店
agents: [小禾]
workingHours:
  - { start: '09:00', end: '16:30' }
reviewActivity: 带图评价送5元无门槛券
shipping:
  courier: 中通快递
  freeShippingRegions: [浙江]
  remoteFee: 10
  cutoff: '16:00'
  deliveryDays: { normal: 2-4天, remote: 5-8天 }
invoice: { category: 服装, delivery: 电子发票 }
products:
  - id: P1
    name: 羊毛围巾
    category: 围巾
    price: 129
    floorPrice: 122
    sizeChart: tops
    skus:
      - { color: 燕麦色, size: 均码, stock: 3 }
sizeCharts:
  tops:
    - { size: M, heightMin: 155, heightMax: 165, weightMinKg: 48, weightMaxKg: 56 }
gifts:
  - { id: socks, name: 袜子, cost: 8 }
bargaining:
  maxDiscountRate: 0.05
  couponAmount: 5
  freeShippingThreshold: 299
  giftIds: [socks]
largeOrderThreshold: 2000
`;

/** MINIMAL with `from` replaced by `to` (which must occur exactly once). */
function broken(from: string, to: string): string {
  expect(MINIMAL.split(from)).toHaveLength(2);
  return MINIMAL.replace(from, to);
}

function errorOf(source: string): ShopError {
  try {
    parseShop(source, 'shop.yaml');
  } catch (e) {
    if (e instanceof ShopError) return e;
    throw e;
  }
  throw new Error('expected a ShopError');
}

describe('parseShop', () => {
  it('reads a valid shop and fills the defaults', () => {
    const shop = parseShop(MINIMAL, 'shop.yaml');
    expect(shop.profile).toBe('tmall');
    expect(shop.timezone).toBe('Asia/Shanghai');
    expect(shop.authenticityWording).toBe('自有品牌原厂正品');
    expect(shop.products[0]?.recommend).toEqual([]);
    expect(shop.products[0]?.sevenDayReturn).toBe(true);
  });

  it.each([
    ['bad YAML', broken('agents: [小禾]', 'agents: [小禾'), 'shop.yaml:4: YAML 语法有误：方括号 [ 没有闭合'],
    ['a wrong type', broken('price: 129', 'price: 一百二十九'), 'shop.yaml:18: products[0].price: 应为数字'],
    ['a missing key', broken('    category: 围巾\n', ''), 'shop.yaml:15: products[0].category: 缺少此项（应为字符串）'],
    ['a bad time', broken("cutoff: '16:00'", "cutoff: '4pm'"), 'shop.yaml:11: shipping.cutoff: 应为 HH:MM（例如 09:00）'],
    ['an empty list', broken('agents: [小禾]', 'agents: []'), 'shop.yaml:3: agents: 至少 1 项'],
    ['an unknown size chart', broken('sizeChart: tops', 'sizeChart: coats'), 'shop.yaml:20: products[0].sizeChart: 没有尺码表 "coats"（sizeCharts 中有：tops）'],
    ['a floor above the price', broken('floorPrice: 122', 'floorPrice: 139'), 'shop.yaml:19: products[0].floorPrice: 底价 139 高于售价 129'],
    ['an unknown gift', broken('giftIds: [socks]', 'giftIds: [socks, scarf]'), 'shop.yaml:32: bargaining.giftIds[1]: 没有赠品 id "scarf"（gifts 中有：socks）'],
    ['an unknown time zone', broken('agents: [小禾]', 'agents: [小禾]\ntimezone: Asia/Beijing'), 'shop.yaml:4: timezone: 未知的时区 "Asia/Beijing"（例如 Asia/Shanghai）'],
    [
      'a duplicate sku',
      broken('      - { color: 燕麦色, size: 均码, stock: 3 }', '      - { color: 燕麦色, size: 均码, stock: 3 }\n      - { color: 燕麦色, size: 均码, stock: 0 }'),
      'shop.yaml:23: products[0].skus[1]: SKU 燕麦色/均码 重复（skus[0] 也是它）',
    ],
    [
      'a duplicate product id',
      `${MINIMAL.replace(/\nsizeCharts:[\s\S]*$/, '')}\n  - id: P1\n    name: 羊毛围巾\n    category: 围巾\n    price: 129\n    floorPrice: 122\n    skus: [{ color: 燕麦色, size: 均码, stock: 3 }]\n${MINIMAL.slice(MINIMAL.indexOf('sizeCharts:'))}`,
      'shop.yaml:23: products[1].id: 商品 id "P1" 重复（products[0] 也用了它）',
    ],
    ['an unknown recommendation', broken('    sizeChart: tops', '    sizeChart: tops\n    recommend: [P9]'), 'shop.yaml:21: products[0].recommend[0]: 没有商品 id "P9"'],
    ['a restock date that is no date', broken('stock: 3 }', "stock: 0, restockDate: '下周' }"), 'shop.yaml:22: products[0].skus[0].restockDate: 补货日期 "下周" 应为 YYYY-MM-DD'],
  ])('reports %s as file:line', (_, source, message) => {
    const error = errorOf(source);
    expect(error.name).toBe('ShopError');
    expect(error.message.startsWith(message), `${error.message}\n  should start with\n${message}`).toBe(true);
    expect(error.file).toBe('shop.yaml');
    expect(error.line).toBe(Number(/^shop\.yaml:(\d+):/.exec(message)?.[1]));
  });

  it('accepts shop severities for known rules and rejects unknown rule ids with their line', () => {
    const ok = parseShop(`${MINIMAL}lintSeverities:\n  no-particle-o: off\n`, 'shop.yaml');
    expect(ok.lintSeverities).toEqual({ 'no-particle-o': 'off' });
    const bad = errorOf(`${MINIMAL}lintSeverities:\n  no-such-rule: off\n`);
    expect(bad.message).toMatch(/^shop\.yaml:\d+: lintSeverities\.no-such-rule: 没有规则 "no-such-rule"（规则列表见 docs\/rules\.md）/);
    expect(errorOf(`${MINIMAL}lintSeverities:\n  polite-you: loud\n`).message).toMatch(/lintSeverities\.polite-you: 应为 error、warning、off 之一$/);
  });

  it('reports every problem, in file order', () => {
    const source = broken('floorPrice: 122', 'floorPrice: 139').replace('sizeChart: tops', 'sizeChart: coats');
    expect(errorOf(source).message.split('\n').map((l) => l.split(':')[1])).toEqual(['19', '20']);
  });

  it('points at the item of a list and the entry of a size chart', () => {
    const source = broken('heightMax: 165', 'heightMax: -165');
    expect(errorOf(source).message).toMatch(/^shop\.yaml:25: sizeCharts\.tops\[0\]\.heightMax: 不能小于 /);
    expect(errorOf(broken('heightMin: 155', 'heightMin: 175')).message).toBe(
      'shop.yaml:25: sizeCharts.tops[0]: heightMin 175 大于 heightMax 165',
    );
  });
});

describe('the demo shop', () => {
  const shop = loadDemoShop();

  it('loads', () => {
    expect(shop.name).toBe('暖阳生活旗舰店');
    expect(shop.agents).toHaveLength(3);
    expect(shop.workingHours).toEqual([
      { start: '09:00', end: '16:30' },
      { start: '16:00', end: '22:30' },
    ]);
    expect(shop.products.length).toBeGreaterThanOrEqual(6);
    expect(shop.products.length).toBeLessThanOrEqual(8);
  });

  it('has floor prices 2–8% below the list price', () => {
    for (const p of shop.products) {
      const cut = 1 - p.floorPrice / p.price;
      expect(cut, p.id).toBeGreaterThanOrEqual(0.02);
      expect(cut, p.id).toBeLessThanOrEqual(0.08);
    }
  });

  it('has a size chart for every garment, 均码 for the scarf, 保质期/配料/产地 for the snacks', () => {
    for (const p of shop.products) {
      const snack = p.category.startsWith('零食');
      if (snack) for (const key of ['保质期', '配料', '产地']) expect(p.attributes[key], `${p.id} ${key}`).toBeTruthy();
      else if (p.skus.every((s) => s.size === '均码')) expect(p.sizeChart, p.id).toBeUndefined();
      else expect(p.sizeChart, p.id).toBeDefined();
    }
    expect(shop.products.filter((p) => p.category.startsWith('零食'))).toHaveLength(2);
    expect(shop.products.some((p) => p.skus.every((s) => s.size === '均码'))).toBe(true);
  });

  it('has sold-out skus, some with a restock date', () => {
    const soldOut = shop.products.flatMap((p) => p.skus.filter((s) => s.stock === 0));
    expect(soldOut.length).toBeGreaterThan(0);
    expect(soldOut.some((s) => s.restockDate !== undefined)).toBe(true);
  });

  it('charges the remote fee only outside the free-shipping regions', () => {
    for (const region of ['新疆', '西藏', '内蒙古', '青海', '宁夏', '甘肃', '海南']) expect(shop.shipping.freeShippingRegions).not.toContain(region);
    for (const region of ['浙江', '北京', '广东', '四川']) expect(shop.shipping.freeShippingRegions).toContain(region);
    expect(shop.shipping.otherCouriers).toEqual([{ courier: '顺丰速运', extraFee: 12 }]);
  });

  it('says nothing a strict Tmall reply may not say', () => {
    const texts = [
      shop.name,
      shop.reviewActivity,
      shop.authenticityWording,
      shop.invoice.category,
      shop.invoice.delivery,
      shop.shipping.deliveryDays.normal,
      shop.shipping.deliveryDays.remote,
      ...shop.promotions.flatMap((p) => [p.name, p.description]),
      ...shop.gifts.map((g) => g.name),
      ...shop.products.flatMap((p) => [p.name, ...Object.values(p.attributes)]),
    ];
    const problems = texts.flatMap((text) => lint(text, { profile: 'tmall' }).violations.map((v) => `${text}: ${v.ruleId} ${v.message}`));
    expect(problems).toEqual([]);
    // Tmall wording by hand as well: 您 not 你, no 哦, no superlatives.
    for (const text of texts) expect(text).not.toMatch(/你|哦|最|第一|顶级/);
  });

  it('is the file at DEMO_SHOP_PATH', () => {
    expect(parseShop(readFileSync(DEMO_SHOP_PATH, 'utf8'), DEMO_SHOP_PATH)).toEqual(shop);
  });
});
