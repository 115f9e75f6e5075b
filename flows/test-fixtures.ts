import type { Order } from '../src/orders/schema.ts';
import { ShopSchema, type Shop } from '../src/shop/schema.ts';
import { createActor, type Actor, type AnyStateMachine, type Snapshot } from 'xstate';
import type { FlowOutput, TurnEvent, TurnFacts } from './protocol.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { IntentId } from '../src/nlu/intents.ts';
import { expect } from 'vitest';
import { createLinter } from '../src/compliance/linter.ts';
import { replyLintContext } from '../src/dialogue/lint-context.ts';
import { renderVariant, type Script } from '../src/dialogue/scripts.ts';

/** A small shop for machine tests (the demo shop for the product lives in src/shop/demo). */
export const testShop: Shop = ShopSchema.parse({
  id: 'test-shop',
  name: '暖阳旗舰店',
  agents: ['小美', '阿杰'],
  workingHours: [
    { start: '09:00', end: '16:30' },
    { start: '16:00', end: '22:30' },
  ],
  reviewActivity: '确认收货后带图评价，可以领取5元无门槛优惠券',
  shipping: {
    courier: '中通',
    otherCouriers: [{ courier: '顺丰', extraFee: 12 }],
    freeShippingRegions: ['浙江', '江苏', '上海', '广东', '北京'],
    remoteFee: 15,
    cutoff: '16:00',
    deliveryDays: { normal: '2-4', remote: '5-7' },
  },
  invoice: { category: '服装', delivery: '财务会在一个月之内统一寄出，运费我们承担' },
  products: [
    {
      id: 'coat-01',
      name: '羊毛呢大衣',
      category: '服装',
      price: 599,
      floorPrice: 560,
      attributes: { 材质: '70%羊毛，30%聚酯纤维', 洗涤方式: '建议干洗' },
      sizeChart: 'coat',
      skus: [
        { color: '驼色', size: 'S', stock: 5 },
        { color: '驼色', size: 'M', stock: 0, restockDate: '2026-12-01' },
        { color: '驼色', size: 'L', stock: 3 },
        { color: '黑色', size: 'M', stock: 8 },
      ],
      recommend: ['scarf-01'],
    },
    {
      id: 'scarf-01',
      name: '羊绒围巾',
      category: '配饰',
      price: 199,
      floorPrice: 180,
      attributes: { 材质: '100%山羊绒' },
      skus: [{ color: '米白色', size: '均码', stock: 20 }],
    },
  ],
  sizeCharts: {
    coat: [
      { size: 'S', heightMin: 150, heightMax: 160, weightMinKg: 40, weightMaxKg: 50 },
      { size: 'M', heightMin: 158, heightMax: 168, weightMinKg: 48, weightMaxKg: 58 },
      { size: 'L', heightMin: 166, heightMax: 176, weightMinKg: 56, weightMaxKg: 68 },
    ],
  },
  gifts: [
    { id: 'sample', name: '护理小样', cost: 8 },
    { id: 'bag', name: '防尘袋', cost: 5 },
  ],
  promotions: [{ name: '双十二', description: '12月12日全店满300减30' }],
  // A shop that allows several concessions per product, so the budget arithmetic (rate, floor, gifts) is exercised;
  // the default of one is tested on its own (bargaining-policy.test.ts) and by the demo shop's stories.
  bargaining: { maxDiscountRate: 0.05, couponAmount: 10, freeShippingThreshold: 300, giftIds: ['sample', 'bag'], concessionsPerProduct: 3 },
  largeOrderThreshold: 3000,
});

export const testOrders: Order[] = [];

/** An order of the test buyer ("buyer-1"): one 驼色 coat, 张三 in Hangzhou; `extra` overrides any field. */
export function testOrder(id: string, state: Order['state'], extra: Partial<Order> = {}): Order {
  return {
    id,
    buyerId: 'buyer-1',
    state,
    items: [{ productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }],
    total: 599,
    createdAt: '2026-11-23T08:00:00+08:00',
    tracking: [],
    receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号', region: '浙江' },
    ...extra,
  };
}

/** A TURN event with sensible facts, for machine tests. */
export function turn(intent: IntentId, text = '', overrides: { entities?: Entity[]; secondary?: IntentId[]; facts?: Partial<TurnFacts> } = {}): TurnEvent {
  return {
    type: 'TURN',
    text,
    intent,
    secondary: overrides.secondary ?? [],
    entities: overrides.entities ?? [],
    facts: {
      now: '2026-11-23T10:00:00+08:00',
      withinWorkingHours: true,
      agentAvailable: true,
      shop: testShop,
      agent: '小美',
      orders: testOrders,
      product: testShop.products[0],
      ...overrides.facts,
    },
  };
}

/** A value for every placeholder of the scripts library, for tests that render and lint every variant. */
export const SAMPLE_PLACEHOLDER_VALUES: Readonly<Record<string, string | number>> = {
  keptProducts: '羊毛流苏围巾',
  shop: '暖阳旗舰店',
  agent: '小美',
  product: '羊毛呢大衣',
  price: 599,
  amount: 30,
  discount: 20,
  finalPrice: 579,
  gift: '护理小样',
  coupon: 10,
  color: '驼色',
  size: 'M码',
  sizes: 'S码、M码、L码',
  colors: '驼色、黑色',
  height: 165,
  weight: 52,
  measures: '身高166-176cm、体重56-68kg',
  courier: '顺丰',
  couriers: '中通、顺丰（需补12元运费）',
  fee: 15,
  region: '新疆',
  days: '5-7',
  cutoff: '16:00',
  day: '明天',
  closure: '国庆节假期',
  attribute: '材质',
  value: '70%羊毛，30%聚酯纤维',
  restockDate: '12月1日',
  wording: '自有品牌原厂正品',
  activity: '确认收货后带图评价，可以领取5元无门槛优惠券',
  promotion: '双十二',
  promotionDetail: '12月12日全店满300减30',
  colorWord: '颜色',
  sizeWord: '尺码',
  invoiceKind: '电子普通发票',
  trackingNumber: '78451203996127',
  trackingEvent: '快件已到达杭州转运中心',
  category: '服装',
  categories: '女装、男装',
  excludedCategories: '零食',
  delivery: '财务会在一个月之内统一寄出，运费我们承担',
  orderId: '100000000000000001',
  address: '浙江省杭州市西湖区文三路100号',
  receiver: '张三',
  phone: '138****5678',
  threshold: 300,
  prices: '羊毛呢大衣599元、羊绒围巾199元',
  recommendation: '羊绒围巾',
  variant: '黑色 L码',
  invoiceTitle: '杭州暖阳贸易有限公司',
  opening: '明天09:00',
  topic: '发货和到货的时间',
  candidates: '女士高腰牛仔裤、男士加绒牛仔裤',
  task: '跟进仓库修改收货地址并回复顾客',
  due: '11月21日14:30',
  otherTopic: '查询物流进度',
};

/** A machine's state value and output after one turn. */
export interface TurnTrace {
  value: unknown;
  out: FlowOutput;
}

/**
 * Sends the same turns to one running actor, and to a fresh actor restored before every turn
 * from the previous turn's persisted snapshot passed through JSON (as a store keeps it). A
 * machine that persists correctly gives identical traces.
 */
export function replayWithRestarts(machine: AnyStateMachine, events: readonly TurnEvent[]): { straight: TurnTrace[]; restored: TurnTrace[]; persisted: unknown } {
  const traceOf = (actor: Actor<AnyStateMachine>): TurnTrace => {
    const snapshot = actor.getSnapshot();
    return { value: snapshot.value, out: (snapshot.context as { out: FlowOutput }).out };
  };
  const running = createActor(machine, { input: {} }).start();
  const straight = events.map((event) => {
    running.send(event);
    return traceOf(running);
  });
  running.stop();
  let persisted: unknown = undefined;
  const restored = events.map((event) => {
    const actor = createActor(machine, persisted === undefined ? { input: {} } : { input: {}, snapshot: persisted as Snapshot<unknown> }).start();
    actor.send(event);
    const trace = traceOf(actor);
    persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    return trace;
  });
  return { straight, restored, persisted };
}

/**
 * Checks a turn's replies the way the engine uses them: each names a known script, every
 * variant renders with the plan's params, and the text lints clean under the strict profile
 * with the buyer's own orders (and, if given, someone else's) as context.
 */
export function expectLintCleanReplies(out: FlowOutput, event: TurnEvent, scriptById: ReadonlyMap<string, Script>, otherOrders: Order[] = []): void {
  const buyerId = event.facts.orders[0]?.buyerId ?? 'buyer-1';
  const linter = createLinter({ profile: 'tmall', context: replyLintContext({ shop: event.facts.shop, buyerId, ownOrders: event.facts.orders, otherOrders }) });
  for (const plan of out.replies) {
    const script = scriptById.get(plan.scriptId);
    expect(script, `unknown script ${plan.scriptId}`).toBeDefined();
    for (const v of script!.variants) {
      const text = renderVariant(v, plan.params, plan.scriptId);
      expect(linter.lint(text).violations.map((f) => `${f.ruleId}: ${text}`)).toEqual([]);
    }
  }
}
