import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, type Snapshot } from 'xstate';
import { createLinter } from '../src/compliance/linter.ts';
import { parseScriptsFile, PLACEHOLDERS, renderVariant } from '../src/dialogue/scripts.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { IntentId } from '../src/nlu/intents.ts';
import type { Order } from '../src/orders/schema.ts';
import { ShopSchema, type Product, type Shop } from '../src/shop/schema.ts';
import { bareTargetPrice, bargainingMachine, HANDOFF_AFTER_BEYOND_POLICY, type BargainingContext } from './bargaining.ts';
import { budgetOf } from './bargaining-policy.ts';
import { ConcessionSchema, PromiseSchema, RemarkSchema, type FlowOutput, type TurnEvent, type TurnFacts } from './protocol.ts';
import { testOrder, testShop, turn } from './test-fixtures.ts';

const SCRIPTS_FILE = new URL('../scripts-library/bargaining.yaml', import.meta.url).pathname;
const scripts = parseScriptsFile(readFileSync(SCRIPTS_FILE, 'utf8'), SCRIPTS_FILE);
const scriptsById = new Map(scripts.map((s) => [s.id, s]));

const coat = testShop.products[0]!; // 599, floor 560: budget 29.95 (5%)
const scarf = testShop.products[1]!; // 199, floor 180: budget 9.95 (5%)

const money = (text: string, amount: number, reduction = false): Entity => ({ type: 'money', text, start: 0, end: text.length, amount, reduction });
const rate = (text: string, r: number): Entity => ({ type: 'discount', text, start: 0, end: text.length, rate: r });

function shopWith(patch: Partial<Shop>): Shop {
  return ShopSchema.parse({ ...testShop, ...patch });
}

/** Every reply the tests see: each must name a script of the file and fill all of its variants. */
const seenReplies: FlowOutput['replies'] = [];

function start(snapshot?: Snapshot<unknown>) {
  const actor = createActor(bargainingMachine, snapshot === undefined ? {} : { snapshot }).start();
  const send = (event: TurnEvent): FlowOutput => {
    actor.send(event);
    const { out } = actor.getSnapshot().context;
    seenReplies.push(...out.replies);
    return out;
  };
  return { actor, send, state: () => actor.getSnapshot().value, context: (): BargainingContext => actor.getSnapshot().context };
}

const ids = (out: FlowOutput) => out.replies.map((r) => r.scriptId);

describe('bargainingMachine: a basket haggled over together', () => {
  // One concession per product (the demo shop's rule), a 5元 coupon within both budgets.
  const shop = shopWith({ bargaining: { ...testShop.bargaining, concessionsPerProduct: 1, couponAmount: 5 } });
  it('one concession for the basket, carried across turns: the other product asked later wins nothing new', () => {
    const { send, context } = start();
    const together = { facts: { shop, product: coat, basket: [coat, scarf] } };
    send(turn('bargain_generic', '两样一起拿 算便宜点', together));
    const granted = send(turn('bargain_generic', '一起买的 再少点呗', together));
    expect(granted.concessions).toHaveLength(1);
    expect(context().basket).toEqual([coat.id, scarf.id]);
    // The scarf alone, a turn later (the engine names no basket now): the basket's concession counts.
    const again = send(turn('bargain_generic', '那条围巾也少点嘛', { facts: { shop, product: scarf } }));
    expect(again.concessions).toEqual([]);
    expect(ids(again)).toEqual(['bargaining.already_granted']);
    expect(again.replies[0]!.params.product).toContain(scarf.shortName ?? scarf.name);
  });

  it('near miss: two products haggled over one by one, never together, each keep their own concession', () => {
    const { send } = start();
    send(turn('bargain_generic', '大衣便宜点', { facts: { shop, product: coat } }));
    expect(send(turn('bargain_generic', '大衣再少点', { facts: { shop, product: coat } })).concessions).toHaveLength(1);
    expect(send(turn('bargain_generic', '围巾也少点', { facts: { shop, product: scarf } })).concessions).toHaveLength(1);
  });
});

describe('bargainingMachine: scope', () => {
  it('leaves other intents unhandled, with no replies, in every state', () => {
    const { send, state } = start();
    for (const intent of ['greeting', 'stock', 'promotion', 'shipping_fee', 'complaint', 'other'] as IntentId[]) {
      expect(send(turn(intent, '在吗'))).toEqual({ replies: [], remarks: [], promises: [], concessions: [], unhandled: true });
    }
    expect(state()).toBe('opening');
    send(turn('bargain_generic', '能便宜点吗'));
    expect(send(turn('stock', '有货吗'))).toMatchObject({ replies: [], unhandled: true });
    expect(state()).toBe('negotiating');
  });

  it('leaves a plain gift question to the pre-sale flow, but takes one asked while bargaining', () => {
    const { send, state } = start();
    expect(send(turn('gift', '有赠品吗'))).toMatchObject({ unhandled: true, replies: [] });
    expect(state()).toBe('opening');
    const out = send(turn('gift', '送点东西吧 不然太贵了', { secondary: ['bargain_generic'] }));
    expect(out.unhandled).toBeUndefined();
    expect(ids(out)).toEqual(['bargaining.gift_ask_decline']);
    expect(state()).toBe('negotiating');
  });

  it('replaces out every turn rather than appending', () => {
    const { send } = start();
    send(turn('bargain_excuse', '钱不够'));
    const second = send(turn('bargain_excuse', '真的只剩这么多了'));
    expect(second.concessions).toHaveLength(1);
    const third = send(turn('greeting', '你好'));
    expect(third).toEqual({ replies: [], remarks: [], promises: [], concessions: [], unhandled: true });
  });
});

describe('bargainingMachine: the first request is always declined with the type’s strategy', () => {
  const cases: [IntentId, string, string][] = [
    ['bargain_promise', '第一次买便宜点，以后常来', 'bargaining.promise_decline'],
    ['bargain_comparison', '别家才卖500', 'bargaining.comparison_decline'],
    ['bargain_decisive', '少20块我就拍', 'bargaining.decisive_decline'],
    ['bargain_excuse', '支付宝里只剩580了', 'bargaining.excuse_decline'],
  ];
  it.each(cases)('%s → %s', (intent, text, scriptId) => {
    const { send, state, context } = start();
    const out = send(turn(intent, text));
    expect(out).toEqual({ replies: [{ scriptId, params: { shop: '暖阳旗舰店' } }], remarks: [], promises: [], concessions: [] });
    expect(state()).toBe('negotiating');
    expect(context().requests).toBe(1);
    expect(context().ledger).toEqual([]);
  });

  it('generic points to the current promotion, or to the shop’s activities when none runs', () => {
    expect(start().send(turn('bargain_generic', '能便宜点吗')).replies).toEqual([
      { scriptId: 'bargaining.generic_decline_promotion', params: { shop: '暖阳旗舰店', promotion: '双十二', promotionDetail: '12月12日全店满300减30' } },
    ]);
    const quiet = shopWith({ promotions: [] });
    expect(start().send(turn('bargain_generic', '能便宜点吗', { facts: { shop: quiet } })).replies).toEqual([
      { scriptId: 'bargaining.generic_decline', params: { shop: '暖阳旗舰店' } },
    ]);
  });

  it('generic cites a promotion that applies to the product, or none', () => {
    const coat = testShop.products[0]!;
    const shop = shopWith({
      promotions: [
        { name: '零食满赠', description: '零食实付满99元加赠试吃装一袋', appliesTo: ['零食'] },
        { name: '冬装礼', description: '买大衣随单赠送袜子一双', appliesTo: [coat.id] },
      ],
    });
    expect(start().send(turn('bargain_generic', '能便宜点吗', { facts: { shop, product: shop.products[0] } })).replies).toEqual([
      { scriptId: 'bargaining.generic_decline_promotion', params: { shop: '暖阳旗舰店', promotion: '冬装礼', promotionDetail: '买大衣随单赠送袜子一双' } },
    ]);
    expect(start().send(turn('bargain_generic', '能便宜点吗', { facts: { shop, product: shop.products[1] } })).replies).toEqual([
      { scriptId: 'bargaining.generic_decline', params: { shop: '暖阳旗舰店' } },
    ]);
  });

  it('a gift asked for names the gift the product\'s promotion brings, nothing beyond it', () => {
    const coat = testShop.products[0]!;
    const shop = shopWith({
      promotions: [
        { name: '双十二', description: '12月12日全店满300减30' },
        { name: '冬装礼', description: '买大衣随单赠送防尘袋一个。', appliesTo: [coat.id], giftId: 'bag' },
      ],
    });
    for (const text of ['买大衣送点啥 送个毛球修剪器呗', '送点东西吧', '有啥赠品送我不']) {
      const out = start().send(turn('gift', text, { secondary: ['bargain_generic'], facts: { shop, product: shop.products[0] } }));
      expect(out.replies).toEqual([
        { scriptId: 'bargaining.gift_ask_decline_promotion', params: { shop: '暖阳旗舰店', product: coat.name, promotion: '冬装礼', promotionDetail: '买大衣随单赠送防尘袋一个' } },
      ]);
    }
    // A product with no gift promotion: the plain decline.
    expect(ids(start().send(turn('gift', '送点东西吧', { secondary: ['bargain_generic'], facts: { shop, product: shop.products[1] } })))).toEqual(['bargaining.gift_ask_decline']);
  });

  it('declines even when the buyer names an amount well within policy', () => {
    const out = start().send(turn('bargain_decisive', '少5块我就拍', { entities: [money('少5块', 5, true)] }));
    expect(ids(out)).toEqual(['bargaining.decisive_decline']);
    expect(out.concessions).toEqual([]);
  });

  it('declines the first request even without a known product', () => {
    const { send, context } = start();
    expect(ids(send(turn('bargain_promise', '便宜点吧', { facts: { product: undefined } })))).toEqual(['bargaining.promise_decline']);
    expect(context().requests).toBe(1);
  });
});

describe('bargainingMachine: each type over several turns', () => {
  it('promise: decline, then a gift (remark + gift promise), then no second gift on the same product', () => {
    const { send, state, context } = start();
    send(turn('bargain_promise', '第一次买，便宜点以后还来'));
    const second = send(turn('bargain_promise', '我会介绍朋友来买的'));
    expect(second.replies).toEqual([{ scriptId: 'bargaining.promise_gift', params: { product: '羊毛呢大衣', price: 599, finalPrice: 599, gift: '护理小样' } }]);
    expect(second.concessions).toEqual([{ kind: 'gift', amount: 8, giftId: 'sample', productId: 'coat-01', reason: '顾客议价（允诺型），赠送护理小样（羊毛呢大衣）' }]);
    expect(second.remarks).toEqual([{ reason: '顾客议价（允诺型），赠送护理小样（羊毛呢大衣）' }]);
    expect(second.promises).toEqual([{ kind: 'gift', text: '随羊毛呢大衣赠送护理小样，已备注', dueInHours: 24 }]);
    expect(context().ledger).toEqual(second.concessions);
    const third = send(turn('bargain_promise', '再送一个吧'));
    expect(third).toEqual({ replies: [{ scriptId: 'bargaining.already_granted', params: { product: '羊毛呢大衣' } }], remarks: [], promises: [], concessions: [] });
    expect(context().ledger).toHaveLength(1);
    expect(state()).toBe('negotiating');
  });

  it('a plain ask after a typed one keeps the type the buyer set ("以后常来" then "真的不能少吗 送点东西呗")', () => {
    const { send, context } = start();
    send(turn('bargain_promise', '以后我们全家都来你家买 便宜点'));
    const second = send(turn('bargain_generic', '真不能少啊 给点小礼物也好嘛', { secondary: ['gift'] }));
    expect(ids(second)).toEqual(['bargaining.promise_gift']);
    expect(second.remarks[0]!.reason).toBe('顾客议价（允诺型），赠送护理小样（羊毛呢大衣）');
    expect(context().framing).toBe('promise');
    // Near miss: plain haggling from the start stays plain (a coupon, no gift).
    const plain = start();
    plain.send(turn('bargain_generic', '便宜点呗'));
    expect(ids(plain.send(turn('bargain_generic', '真的不能少吗')))).toEqual(['bargaining.generic_coupon']);
  });

  it('comparison: decline, a gift, then a coupon within budget, then nothing more', () => {
    const { send, context } = start();
    expect(ids(send(turn('bargain_comparison', '别家才卖500')))).toEqual(['bargaining.comparison_decline']);
    const second = send(turn('bargain_comparison', '人家就是比你便宜'));
    expect(second.replies[0]).toEqual({ scriptId: 'bargaining.comparison_gift', params: { product: '羊毛呢大衣', price: 599, finalPrice: 599, gift: '护理小样' } });
    expect(second.concessions).toMatchObject([{ kind: 'gift', giftId: 'sample' }]);
    const third = send(turn('bargain_comparison', '别家500，你们至少也便宜点', { entities: [money('500', 500)] }));
    // No price match below the floor: a coupon within budget (8 + 10 ≤ 29.95).
    expect(third.replies[0]).toEqual({ scriptId: 'bargaining.comparison_coupon', params: { product: '羊毛呢大衣', price: 599, finalPrice: 589, coupon: 10 } });
    expect(third.concessions).toEqual([{ kind: 'coupon', amount: 10, productId: 'coat-01', reason: '顾客议价（对比型），赠送10元优惠券（羊毛呢大衣）' }]);
    expect(third.promises).toEqual([{ kind: 'remark', text: '为羊毛呢大衣发放10元优惠券，已备注', dueInHours: 24 }]);
    expect(ids(send(turn('bargain_comparison', '还是贵')))).toEqual(['bargaining.already_granted']);
    expect(context().ledger.map((c) => c.kind)).toEqual(['gift', 'coupon']);
  });

  it('excuse: decline with empathy, then a coupon, then a small gift', () => {
    const { send, context } = start();
    expect(ids(send(turn('bargain_excuse', '支付宝里只剩580了', { entities: [money('580', 580)] })))).toEqual(['bargaining.excuse_decline']);
    expect(context().offer).toMatchObject({ kind: 'target', value: 580, productId: 'coat-01' });
    const second = send(turn('bargain_excuse', '真的钱不够'));
    expect(second).toEqual({
      replies: [{ scriptId: 'bargaining.excuse_coupon', params: { product: '羊毛呢大衣', price: 599, finalPrice: 589, coupon: 10 } }],
      remarks: [{ reason: '顾客议价（借口型），赠送10元优惠券（羊毛呢大衣）' }],
      promises: [{ kind: 'remark', text: '为羊毛呢大衣发放10元优惠券，已备注', dueInHours: 24 }],
      concessions: [{ kind: 'coupon', amount: 10, productId: 'coat-01', reason: '顾客议价（借口型），赠送10元优惠券（羊毛呢大衣）' }],
    });
    const third = send(turn('bargain_excuse', '还差一点'));
    expect(third.replies[0]).toMatchObject({ scriptId: 'bargaining.excuse_gift', params: { gift: '护理小样', finalPrice: 589 } });
    expect(third.concessions).toHaveLength(1);
    expect(ids(send(turn('bargain_excuse', '再少点吧')))).toEqual(['bargaining.already_granted']);
  });

  it('decisive: decline, then the remembered named amount, then no second discount on the same order', () => {
    const { send, context, state } = start();
    send(turn('bargain_decisive', '少20块我就拍', { entities: [money('少20块', 20, true)] }));
    expect(context().offer).toEqual({ productId: 'coat-01', kind: 'reduction', value: 20, text: '少20块' });
    const second = send(turn('bargain_decisive', '就少这么点，行就拍'));
    expect(second).toEqual({
      replies: [{ scriptId: 'bargaining.decisive_discount', params: { product: '羊毛呢大衣', price: 599, finalPrice: 579, discount: 20 } }],
      remarks: [{ reason: '顾客议价（武断干脆型），优惠20元，改价为579元（羊毛呢大衣）' }],
      promises: [{ kind: 'remark', text: '羊毛呢大衣优惠20元，按579元改价，已备注', dueInHours: 24 }],
      concessions: [{ kind: 'discount', amount: 20, productId: 'coat-01', reason: '顾客议价（武断干脆型），优惠20元，改价为579元（羊毛呢大衣）' }],
    });
    const third = send(turn('bargain_decisive', '再少5块我马上付', { entities: [money('少5块', 5, true)] }));
    expect(third.replies).toEqual([{ scriptId: 'bargaining.already_granted', params: { product: '羊毛呢大衣' } }]);
    expect(third.concessions).toEqual([]);
    expect(context().ledger).toHaveLength(1);
    expect(state()).toBe('negotiating');
  });

  it('generic: decline with the promotion, then a coupon, then polite declines, and a human at the third beyond policy', () => {
    const { send, state, context } = start();
    send(turn('bargain_generic', '能便宜点吗'));
    expect(send(turn('bargain_generic', '便宜点嘛')).concessions).toMatchObject([{ kind: 'coupon', amount: 10 }]);
    for (let i = 1; i < HANDOFF_AFTER_BEYOND_POLICY; i++) {
      const out = send(turn('bargain_generic', '再便宜点'));
      expect(ids(out)).toEqual(['bargaining.already_granted']);
      expect(out.handoff).toBeUndefined();
      expect(state()).toBe('negotiating');
    }
    const insist = send(turn('bargain_generic', '不便宜我就不买了'));
    expect(insist).toEqual({
      replies: [{ scriptId: 'bargaining.handoff', params: { product: '羊毛呢大衣' } }],
      remarks: [],
      promises: [],
      concessions: [],
      handoff: 'outside_policy',
    });
    expect(state()).toBe('escalated');
    expect(context().beyondPolicy).toEqual({ 'coat-01': 3 });
    // Still beyond policy while escalated: the handoff stands.
    expect(send(turn('bargain_generic', '就再便宜一点')).handoff).toBe('outside_policy');
    expect(state()).toBe('escalated');
  });

  it('escalated: a request within policy on another product is still answered', () => {
    const { send, state } = start();
    send(turn('bargain_generic', '能便宜点吗'));
    send(turn('bargain_generic', '便宜点嘛'));
    for (let i = 0; i < HANDOFF_AFTER_BEYOND_POLICY; i++) send(turn('bargain_generic', '再便宜点'));
    expect(state()).toBe('escalated');
    const out = send(turn('bargain_promise', '围巾送点东西吧，以后常来', { facts: { product: scarf } }));
    expect(out.replies[0]).toMatchObject({ scriptId: 'bargaining.promise_gift', params: { product: '羊绒围巾', gift: '护理小样' } });
    expect(out.handoff).toBeUndefined();
    expect(state()).toBe('negotiating');
  });

  it('gift asked as a concession: declined first, then a gift, then a coupon when the gift is used', () => {
    const { send } = start();
    send(turn('bargain_generic', '能便宜点吗'));
    const gift = send(turn('gift', '那送点东西吧'));
    expect(gift.replies[0]).toMatchObject({ scriptId: 'bargaining.gift_ask_gift', params: { gift: '护理小样' } });
    expect(gift.remarks).toEqual([{ reason: '顾客索要赠品，赠送护理小样（羊毛呢大衣）' }]);
    const again = send(turn('gift', '再送一个'));
    expect(again.replies[0]).toMatchObject({ scriptId: 'bargaining.gift_ask_coupon', params: { coupon: 10, finalPrice: 589 } });
    expect(again.concessions).toMatchObject([{ kind: 'coupon', reason: '顾客索要赠品，赠送10元优惠券（羊毛呢大衣）' }]);
  });
});

describe('a gift asked for instead of a price while haggling', () => {
  it.each(['送个护理小样就行 送了我就拍', '送点东西我就拍', '那送我个小样吧 我马上拍'])('%s read as decisive haggling: a gift, not a price cut', (text) => {
    const { send } = start();
    send(turn('gift', '送个小礼物呗'));
    const out = send(turn('bargain_decisive', text));
    expect(out.replies[0]!.scriptId).toBe('bargaining.gift_ask_gift');
    expect(out.concessions).toMatchObject([{ kind: 'gift' }]);
    expect(out.remarks[0]!.reason).toMatch(/^顾客索要赠品/u);
  });
  it('near misses: a decisive price ask stays a price cut; a promise keeps its own words for its gift', () => {
    const { send } = start();
    send(turn('bargain_decisive', '少点我就拍'));
    expect(send(turn('bargain_decisive', '少点我就拍')).concessions).toMatchObject([{ kind: 'discount' }]);
    const promise = start();
    promise.send(turn('bargain_promise', '以后常来 送点东西吧'));
    expect(promise.send(turn('bargain_promise', '以后常来 送点东西吧')).replies[0]!.scriptId).toBe('bargaining.promise_gift');
  });
});

describe('bareTargetPrice', () => {
  it.each([
    ['680行就拍', 680],
    ['６８０行就拍', 680],
    ['六百八行就拍', 680],
    ['350行就拍', 350],
    ['349行就拍', null],
    ['699行就拍', null],
    ['买2件680行吗', 680],
    ['680或者690都行', null],
    ['行就拍', null],
  ] as const)('%s → %s (price 699)', (text, expected) => {
    expect(bareTargetPrice(text, { price: 699 })).toBe(expected);
  });
});

describe('bargainingMachine: policy boundaries', () => {
  const afterDecline = () => {
    const m = start();
    m.send(turn('bargain_decisive', '便宜点我就拍'));
    return m;
  };

  it('max discount: accepts exactly up to 5% of the price, counters above it with the best whole amount', () => {
    expect(afterDecline().send(turn('bargain_decisive', '少29块就拍', { entities: [money('少29块', 29, true)] })).replies[0]).toMatchObject({
      scriptId: 'bargaining.decisive_discount',
      params: { discount: 29, finalPrice: 570 },
    });
    expect(afterDecline().send(turn('bargain_decisive', '打95折我就拍', { entities: [rate('95折', 0.95)] })).replies[0]).toMatchObject({
      scriptId: 'bargaining.decisive_discount',
      params: { discount: 29.95, finalPrice: 569.05 },
    });
    const over = afterDecline().send(turn('bargain_decisive', '少30块就拍', { entities: [money('少30块', 30, true)] }));
    expect(over.replies[0]).toEqual({ scriptId: 'bargaining.decisive_counter', params: { product: '羊毛呢大衣', price: 599, finalPrice: 570, discount: 29 } });
    expect(over.concessions).toMatchObject([{ kind: 'discount', amount: 29 }]);
    expect(over.concessions[0]!.amount).toBeLessThanOrEqual(testShop.bargaining.maxDiscountRate * coat.price);
  });

  it('a bare number without 元 is the target price when plausible (not in a comparison)', () => {
    expect(afterDecline().send(turn('bargain_decisive', '570行就拍')).replies[0]).toMatchObject({
      scriptId: 'bargaining.decisive_discount',
      params: { discount: 29, finalPrice: 570 },
    });
    const m = start();
    m.send(turn('bargain_decisive', '羊毛大衣580卖不卖，卖我就拍'));
    expect(m.context().offer).toEqual({ productId: 'coat-01', kind: 'target', value: 580, text: '580' });
    expect(start().send(turn('bargain_generic', '580可以吗')).replies).toHaveLength(1);
    // The money an excuse names is an offer too ("只剩580了": below it nothing can be given).
    const excuse = start();
    excuse.send(turn('bargain_excuse', '只剩580了'));
    expect(excuse.context().offer).toEqual({ productId: 'coat-01', kind: 'target', value: 580, text: '580' });
    // Not a price: another shop's price, or a size.
    const compared = start();
    compared.send(turn('bargain_comparison', '别家才580'));
    expect(compared.context().offer).toBeNull();
    const sized = start();
    sized.send(turn('bargain_decisive', '165的人穿就拍'));
    expect(sized.context().offer).toBeNull();
  });

  it('a target price is read against the list price', () => {
    expect(afterDecline().send(turn('bargain_decisive', '570我就拍', { entities: [money('570', 570)] })).replies[0]).toMatchObject({
      scriptId: 'bargaining.decisive_discount',
      params: { discount: 29, finalPrice: 570 },
    });
    // Below the floor: no concession of any kind (seed 002 武断型: 提出的价格无理 → 遗憾).
    expect(afterDecline().send(turn('bargain_decisive', '550我就拍', { entities: [money('550', 550)] })).replies[0]).toMatchObject({
      scriptId: 'bargaining.below_floor',
    });
    // 就差5块钱: what is missing is a reduction, not a target price of 5.
    expect(afterDecline().send(turn('bargain_excuse', '就差5块钱', { entities: [money('5块钱', 5)] })).replies[0]).toMatchObject({
      scriptId: 'bargaining.excuse_gift',
    });
    // 少8块 without 元 is still a reduction.
    expect(afterDecline().send(turn('bargain_decisive', '少8就拍')).replies[0]).toMatchObject({ scriptId: 'bargaining.decisive_discount', params: { discount: 8, finalPrice: 591 } });
  });

  it('floor price: a product whose floor is tighter than the rate', () => {
    const tight: Product = { ...coat, id: 'mug-01', name: '陶瓷杯', price: 100, floorPrice: 97 };
    const shop = shopWith({ products: [tight] });
    const at = (text: string, entities: Entity[]) => turn('bargain_decisive', text, { entities, facts: { shop, product: tight } });
    const accept = start();
    accept.send(at('少3块我就拍', []));
    expect(accept.send(at('少3块我就拍', [money('少3块', 3, true)])).replies[0]).toMatchObject({ scriptId: 'bargaining.decisive_discount', params: { discount: 3, finalPrice: 97 } });
    const counter = start();
    counter.send(at('96我就拍', [money('96', 96)]));
    expect(counter.send(at('96就拍', [])).replies[0]).toMatchObject({ scriptId: 'bargaining.below_floor' });
    const out = counter.send(at('少3块我就拍', [money('少3块', 3, true)]));
    expect(out.replies[0]).toMatchObject({ scriptId: 'bargaining.decisive_discount', params: { discount: 3, finalPrice: 97 } });
    // Budget used up: no coupon (10 > 0 left) and no gift, the price stays at the floor.
    expect(counter.send(turn('bargain_excuse', '钱不够', { facts: { shop, product: tight } })).replies).toEqual([
      { scriptId: 'bargaining.budget_exhausted', params: { product: '陶瓷杯', finalPrice: 97 } },
    ]);
  });

  it('decisive without an amount gets one coupon-sized step', () => {
    const out = afterDecline().send(turn('bargain_decisive', '少点我就付款'));
    expect(out.replies[0]).toMatchObject({ scriptId: 'bargaining.decisive_discount', params: { discount: 10, finalPrice: 589 } });
  });

  it('the coupon does not fit a small product’s budget: budget_exhausted, or a gift for the excuse type', () => {
    const g = start();
    g.send(turn('bargain_generic', '便宜点', { facts: { product: scarf } }));
    expect(g.send(turn('bargain_generic', '便宜点嘛', { facts: { product: scarf } })).replies).toEqual([
      { scriptId: 'bargaining.budget_exhausted', params: { product: '羊绒围巾', finalPrice: 199 } },
    ]);
    const e = start();
    e.send(turn('bargain_excuse', '钱不够', { facts: { product: scarf } }));
    expect(e.send(turn('bargain_excuse', '真的钱不够', { facts: { product: scarf } })).concessions).toMatchObject([{ kind: 'gift', giftId: 'sample', amount: 8 }]);
  });

  it('gifts exhausted: the shop’s only gift went with the first product', () => {
    const shop = shopWith({ bargaining: { ...testShop.bargaining, giftIds: ['bag'] } });
    const { send } = start();
    send(turn('bargain_promise', '以后常来', { facts: { shop } }));
    expect(send(turn('bargain_promise', '以后常来', { facts: { shop } })).concessions).toMatchObject([{ kind: 'gift', giftId: 'bag' }]);
    expect(send(turn('bargain_promise', '围巾也送点吧', { facts: { shop, product: shop.products[1] } })).replies).toEqual([
      { scriptId: 'bargaining.gifts_exhausted', params: { product: '羊绒围巾' } },
    ]);
  });

  it('double concession: a coupon granted to one type is not granted again to another on the same product', () => {
    const { send } = start();
    send(turn('bargain_excuse', '钱不够'));
    expect(send(turn('bargain_excuse', '钱不够')).concessions).toMatchObject([{ kind: 'coupon' }]);
    expect(ids(send(turn('bargain_comparison', '别家便宜')))).toEqual(['bargaining.comparison_gift']);
    // A plain ask after them is still no second coupon (and the one gift is given).
    expect(ids(send(turn('bargain_generic', '再便宜点')))).toEqual(['bargaining.already_granted']);
  });

  it('a ledger restored from a persisted snapshot is respected (no second discount on the same order)', () => {
    const first = start();
    first.send(turn('bargain_decisive', '少20块我就拍', { entities: [money('少20块', 20, true)] }));
    first.send(turn('bargain_decisive', '少20块我就拍'));
    const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot())) as Snapshot<unknown>;
    first.actor.stop();
    const { send, context } = start(persisted);
    expect(ids(send(turn('bargain_decisive', '少10块', { entities: [money('少10块', 10, true)] })))).toEqual(['bargaining.already_granted']);
    expect(context().ledger).toHaveLength(1);
    // The budget left (9.95) is what an excuse can still get: the coupon (10) is too much, the sample (8) fits.
    expect(send(turn('bargain_excuse', '钱不够')).concessions).toMatchObject([{ kind: 'gift', amount: 8 }]);
  });

  it('asks which product when none is known, without counting the request', () => {
    const { send, context, state } = start();
    send(turn('bargain_generic', '便宜点'));
    const out = send(turn('bargain_generic', '便宜点嘛', { entities: [money('少10块', 10, true)], facts: { product: undefined } }));
    expect(out.replies).toEqual([{ scriptId: 'bargaining.ask_product', params: { shop: '暖阳旗舰店' } }]);
    expect(context().requests).toBe(1);
    expect(context().offer).toMatchObject({ productId: null, kind: 'reduction', value: 10 });
    expect(state()).toBe('negotiating');
    // The offer made before the product was known applies to it.
    expect(send(turn('bargain_decisive', '这件大衣')).concessions).toMatchObject([{ kind: 'discount', amount: 10 }]);
  });

  it('an offer made about one product is not applied to another', () => {
    const { send } = start();
    send(turn('bargain_decisive', '少5块我就拍', { entities: [money('少5块', 5, true)], facts: { product: scarf } }));
    // Coat: no amount of its own, so the coupon-sized step (10), not the scarf's 5.
    expect(send(turn('bargain_decisive', '那大衣呢')).concessions).toMatchObject([{ kind: 'discount', amount: 10 }]);
  });

  it('remarks and promises name the buyer’s open order for the product', () => {
    const order: Order = {
      id: '260112345678901234',
      buyerId: 'tb_buyer',
      state: 'unpaid',
      items: [{ productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }],
      total: 599,
      createdAt: '2026-11-23T09:50:00+08:00',
      tracking: [],
      receiver: { name: '张三', phone: '138****0000', address: '浙江省杭州市西湖区', region: '浙江' },
    };
    const facts: Partial<TurnFacts> = { orders: [order] };
    const { send } = start();
    send(turn('bargain_excuse', '钱不够', { facts }));
    const out = send(turn('bargain_excuse', '钱不够', { facts }));
    expect(out.remarks).toEqual([{ orderId: '260112345678901234', reason: '顾客议价（借口型），赠送10元优惠券（羊毛呢大衣）' }]);
    expect(out.promises[0]).toMatchObject({ kind: 'remark', orderId: '260112345678901234' });
  });
});

describe('bargainingMachine: invariants over any conversation (property)', () => {
  const intents: IntentId[] = ['bargain_promise', 'bargain_comparison', 'bargain_decisive', 'bargain_excuse', 'bargain_generic', 'gift', 'greeting'];
  const step = fc.record({
    intent: fc.constantFrom(...intents),
    product: fc.constantFrom(0, 1),
    offer: fc.option(fc.oneof(fc.record({ reduction: fc.constant(true), amount: fc.integer({ min: 1, max: 80 }) }), fc.record({ reduction: fc.constant(false), amount: fc.integer({ min: 100, max: 700 }) }))),
  });

  it('never goes below the floor, never beyond the max discount, one concession per request, no kind twice per product', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const { send, context } = start();
        steps.forEach((s, i) => {
          const product = testShop.products[s.product]!;
          const entities = s.offer === null ? [] : [money(s.offer.reduction ? `少${s.offer.amount}` : `${s.offer.amount}`, s.offer.amount, s.offer.reduction)];
          const out = send(turn(s.intent, '', { entities, facts: { product } }));
          expect(out.concessions.length).toBeLessThanOrEqual(1);
          if (i === 0) expect(out.concessions).toEqual([]);
          for (const c of out.concessions) ConcessionSchema.parse(c);
          for (const r of out.remarks) RemarkSchema.parse(r);
          for (const p of out.promises) PromiseSchema.parse(p);
          expect(out.remarks.length).toBe(out.concessions.length);
          expect(out.promises.length).toBe(out.concessions.length);
        });
        const ledger = context().ledger;
        expect(ledger.length).toBeLessThanOrEqual(Math.max(0, steps.length - 1));
        for (const product of testShop.products) {
          const mine = ledger.filter((c) => c.productId === product.id);
          const total = mine.reduce((sum, c) => sum + c.amount, 0);
          expect(total).toBeLessThanOrEqual(budgetOf(product, testShop.bargaining) + 1e-9);
          expect(total).toBeLessThanOrEqual(testShop.bargaining.maxDiscountRate * product.price + 1e-9);
          const cut = mine.filter((c) => c.kind !== 'gift').reduce((sum, c) => sum + c.amount, 0);
          expect(product.price - cut).toBeGreaterThanOrEqual(product.floorPrice);
          expect(new Set(mine.map((c) => c.kind)).size).toBe(mine.length);
        }
        const gifts = ledger.filter((c) => c.kind === 'gift').map((c) => c.giftId);
        expect(new Set(gifts).size).toBe(gifts.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('bargainingMachine: persistence', () => {
  const conversation: TurnEvent[] = [
    turn('greeting', '在吗'),
    turn('bargain_decisive', '少20块我就拍', { entities: [money('少20块', 20, true)] }),
    turn('bargain_decisive', '就少20'),
    turn('bargain_comparison', '别家便宜'),
    turn('bargain_excuse', '钱不够'),
    turn('gift', '再送点东西'),
    turn('bargain_generic', '再便宜点'),
    turn('bargain_generic', '再便宜点'),
    turn('bargain_generic', '再便宜点'),
    turn('bargain_promise', '围巾呢，以后常来', { facts: { product: scarf } }),
    turn('bargain_generic', '大衣再便宜点'),
  ];

  it('persisting and restoring after every turn gives exactly the outputs of an uninterrupted actor', () => {
    const straight = start();
    const expected = conversation.map((e) => ({ out: straight.send(e), value: straight.state() }));

    let persisted: unknown = undefined;
    const restoredOutputs: { out: FlowOutput; value: unknown }[] = [];
    for (const event of conversation) {
      const actor = persisted === undefined ? createActor(bargainingMachine).start() : createActor(bargainingMachine, { snapshot: persisted as Snapshot<unknown> }).start();
      actor.send(event);
      const snapshot = actor.getSnapshot();
      restoredOutputs.push({ out: snapshot.context.out, value: snapshot.value });
      // through JSON, as the store keeps it
      persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
      actor.stop();
    }
    expect(restoredOutputs).toEqual(expected);
    expect(expected.map((e) => e.value)).toContain('escalated');
    expect(expected.at(-1)!.out.handoff).toBe('outside_policy');
    const final = createActor(bargainingMachine, { snapshot: persisted as Snapshot<unknown> }).start().getSnapshot().context;
    expect(final).toEqual(JSON.parse(JSON.stringify(straight.context())));
  });
});

describe('scripts-library/bargaining.yaml', () => {
  const sample: Record<string, string | number> = {
    shop: '暖阳旗舰店',
    product: '羊毛呢大衣',
    price: 599,
    finalPrice: 589,
    coupon: 10,
    discount: 20,
    gift: '护理小样',
    promotion: '双十二',
    promotionDetail: '12月12日全店满300减30',
    region: '新疆',
    threshold: 300,
    fee: 15,
    amount: 189,
  };
  const linter = createLinter({ profile: 'tmall' });

  it('has every script the machine uses, each with at least two variants', () => {
    const expectedIds = [
      'ask_product',
      'below_floor',
      'defer',
      'postage_decline',
      'free_shipping',
      'postage_free',
      'promotion_gift',
      'promotion_not_reached',
      'gift_unavailable',
      'remark_confirm',
      'promise_decline',
      'comparison_decline',
      'decisive_decline',
      'excuse_decline',
      'generic_decline',
      'generic_decline_promotion',
      'gift_ask_decline',
      'gift_ask_decline_promotion',
      'promise_gift',
      'comparison_gift',
      'comparison_coupon',
      'excuse_coupon',
      'excuse_gift',
      'decisive_discount',
      'decisive_counter',
      'generic_coupon',
      'gift_ask_gift',
      'gift_ask_coupon',
      'already_granted',
      'gifts_exhausted',
      'budget_exhausted',
      'handoff',
    ].map((id) => `bargaining.${id}`);
    expect(scripts.map((s) => s.id).sort()).toEqual([...expectedIds].sort());
    for (const s of scripts) expect(s.variants.length).toBeGreaterThanOrEqual(2);
  });

  it('every variant passes the strict tmall linter with zero errors and warnings', () => {
    for (const s of scripts) {
      for (const variant of s.variants) {
        const text = renderVariant(variant, sample, s.id);
        const result = linter.lint(text);
        expect({ id: s.id, text, violations: result.violations.map((v) => `${v.ruleId}: ${v.message}`) }).toEqual({ id: s.id, text, violations: [] });
      }
    }
  });

  it('uses only known placeholders and the polite 您', () => {
    for (const s of scripts) {
      for (const variant of s.variants) {
        for (const m of variant.matchAll(/\{([^{}]*)\}/g)) expect(Object.keys(PLACEHOLDERS)).toContain(m[1]);
        expect(variant).not.toMatch(/你|哦|亲|嗯/);
      }
    }
  });

  // Runs last in the file: the replies collected from every test above.
  it('every reply the machine produced names a script whose variants all render with its params', () => {
    expect(seenReplies.length).toBeGreaterThan(50);
    for (const r of seenReplies) {
      const script = scriptsById.get(r.scriptId);
      expect(script, r.scriptId).toBeDefined();
      for (const variant of script!.variants) expect(() => renderVariant(variant, r.params, r.scriptId)).not.toThrow();
    }
  });
});

describe('bargainingMachine: a purchase put off', () => {
  it('answers a deferral without a price or a concession, and haggling goes on afterwards', () => {
    const { send, context } = start();
    send(turn('bargain_excuse', '卡里只有500了', { entities: [money('500', 500)] }));
    const out = send(turn('bargain_excuse', '那你先给我留着 月底发工资再买'));
    expect(ids(out)).toEqual(['bargaining.defer']);
    expect(out.concessions).toEqual([]);
    expect(context().requests).toBe(1);
    // A new offer in the same breath is a price request, not only a deferral.
    expect(ids(send(turn('bargain_excuse', '先留着 少5块我月底就拍', { entities: [money('少5块', 5, true)] })))).not.toContain('bargaining.defer');
  });
});

describe('bargainingMachine: free shipping to a remote region', () => {
  // One concession per product, as in the demo shop.
  const shop = shopWith({ shipping: { ...testShop.shipping, remoteFee: 8 }, bargaining: { ...testShop.bargaining, concessionsPerProduct: 1 } });
  const facts = { shop, product: scarf };

  it('declines the first ask with the fee and threshold, then waives the fee once, noted in a remark', () => {
    const { send } = start();
    const first = send(turn('bargain_decisive', '我在西藏 围巾包邮我就拍', { facts }));
    expect(first.replies).toEqual([{ scriptId: 'bargaining.postage_decline', params: { region: '西藏', threshold: 300, fee: 8, product: scarf.name, price: 199 } }]);
    expect(first.covers).toEqual(['shipping_fee']);
    // The region said before counts; "8块" is the fee, no price offer.
    const second = send(turn('bargain_decisive', '就8块运费 包了吧', { facts, entities: [money('8块', 8)] }));
    expect(ids(second)).toEqual(['bargaining.free_shipping']);
    expect(second.concessions).toMatchObject([{ kind: 'free_shipping', amount: 8 }]);
    expect(second.remarks[0]!.reason).toContain('议价');
    expect(second.covers).toEqual(['shipping_fee']);
    expect(ids(send(turn('gift', '那再送双袜子', { facts })))).toEqual(['bargaining.already_granted']);
  });

  it('counts the purchase described (two scarves): its total against the threshold, said with the count', () => {
    const two = [{ productId: scarf.id, quantity: 2, unit: '条' }];
    // Two at 199 reach the 300 total: postage is free, nothing to concede.
    expect(ids(start().send(turn('bargain_decisive', '我在西藏 包邮我就拍', { facts: { ...facts, purchase: two } })))).toEqual(['bargaining.postage_free']);
    const cheaper = { ...scarf, price: 120 };
    const cheap = { shop: { ...shop, products: shop.products.map((p) => (p.id === scarf.id ? cheaper : p)) }, product: cheaper, purchase: two };
    const first = start().send(turn('bargain_decisive', '我在西藏 包邮我就拍', { facts: cheap }));
    expect(first.replies).toEqual([{ scriptId: 'bargaining.postage_decline', params: { region: '西藏', threshold: 300, fee: 8, product: `2条${scarf.name}`, price: 240 } }]);
    // Near miss: one scarf in the purchase is the product's own price.
    const one = start().send(turn('bargain_decisive', '我在西藏 包邮我就拍', { facts: { ...facts, purchase: [{ productId: scarf.id, quantity: 1 }] } }));
    expect(one.replies[0]!.params).toMatchObject({ product: scarf.name, price: 199 });
  });

  it('says postage is free where it is, conceding nothing', () => {
    const { send, state } = start();
    const out = send(turn('bargain_decisive', '我在浙江 包邮我就拍', { facts }));
    expect(ids(out)).toEqual(['bargaining.postage_free']);
    expect(out.concessions).toEqual([]);
    expect(state()).toBe('opening');
  });

  it('takes the region of the buyer’s newest order when none is said, and haggles as before without any', () => {
    const order = testOrder('o1', 'completed', { receiver: { name: '李四', phone: '13900000000', address: '西藏拉萨市城关区北京中路1号', region: '西藏' } });
    expect(ids(start().send(turn('bargain_decisive', '包邮我就拍', { facts: { ...facts, orders: [order] } })))).toEqual(['bargaining.postage_decline']);
    expect(ids(start().send(turn('bargain_decisive', '包邮我就拍', { facts })))).toEqual(['bargaining.decisive_decline']);
  });
});

describe('bargainingMachine: a gift the buyer names', () => {
  const walnuts = { id: 'walnut-01', name: '手剥山核桃', category: '零食/坚果', price: 69.9, floorPrice: 60, skus: [{ color: '椒盐味', size: '250g', stock: 9 }] };
  const shop = ShopSchema.parse({
    ...testShop,
    products: [...testShop.products, walnuts],
    gifts: [
      { id: 'sample', name: '护理小样', cost: 8, aliases: ['小样'] },
      { id: 'bag', name: '防尘袋', cost: 5 },
      { id: 'mini', name: '山核桃试吃装一袋（30g）', cost: 3, aliases: ['试吃装'] },
      { id: 'shaver', name: '毛球修剪器', cost: 18 },
    ],
    promotions: [{ name: '零食满赠', description: '零食实付满99元，随单加赠山核桃试吃装一袋。', appliesTo: ['零食'], minAmount: 99, giftId: 'mini' }],
    bargaining: { ...testShop.bargaining, giftIds: ['sample', 'bag', 'mini'], concessionsPerProduct: 1 },
  });
  const nuts = shop.products.find((p) => p.id === 'walnut-01')!;
  const coatOf = shop.products[0]!;

  it('below the promotion threshold, a promotion gift asked for gets the terms, every time, never another gift or a discount', () => {
    const { send } = start();
    const facts = { shop, product: nuts };
    const first = send(turn('bargain_decisive', '我就买一袋 送个试吃装呗', { facts }));
    expect(first.replies[0]).toMatchObject({ scriptId: 'bargaining.promotion_not_reached', params: { gift: '山核桃试吃装一袋（30g）', threshold: 99, amount: 69.9 } });
    expect(first.covers).toEqual(['gift', 'promotion']);
    // Not named again: the gift asked before.
    const second = send(turn('bargain_decisive', '就一小袋 送吧 求求了', { facts }));
    expect(ids(second)).toEqual(['bargaining.promotion_not_reached']);
    expect(second.concessions).toEqual([]);
  });

  it('an order reaching the threshold gets the promotion gift confirmed with a remark on it, and a later remark request confirms it', () => {
    const order = testOrder('o-nuts', 'unpaid', { items: [{ productId: 'walnut-01', color: '椒盐味', size: '250g', quantity: 3, price: 69.9 }], total: 209.7 });
    const facts = { shop, product: nuts, orders: [order] };
    const { send } = start();
    send(turn('bargain_generic', '零食那单能便宜点吗', { facts }));
    const out = send(turn('gift', '满99不是送核桃试吃装吗 我这单都200多了', { facts }));
    expect(ids(out)).toEqual(['bargaining.promotion_gift']);
    expect(out.remarks).toEqual([{ reason: '零食满赠活动：随手剥山核桃赠送山核桃试吃装一袋（30g）（订单金额209.7元）', orderId: 'o-nuts' }]);
    expect(out.promises).toMatchObject([{ kind: 'gift', orderId: 'o-nuts' }]);
    expect(out.concessions).toEqual([]);
    const again = send(turn('quality_issue', '那你给我备注一下 别漏了', { facts }));
    expect(ids(again)).toEqual(['bargaining.remark_confirm']);
    expect(again.remarks).toEqual(out.remarks);
  });

  it('a remark request with nothing agreed is not the flow’s', () => {
    expect(start().send(turn('other', '给我备注一下', { facts: { shop } })).unhandled).toBe(true);
  });

  it('a gift named outside the promotions is that gift or a decline naming it, never another gift in its place', () => {
    const facts = { shop, product: coatOf };
    const first = start();
    first.send(turn('bargain_promise', '第一次买 以后常来', { facts }));
    expect(first.send(turn('bargain_promise', '送个防尘袋吧', { facts })).concessions).toMatchObject([{ kind: 'gift', giftId: 'bag' }]);
    const second = start();
    second.send(turn('bargain_promise', '第一次买 以后常来', { facts }));
    const out = second.send(turn('bargain_promise', '送个毛球修剪器吧', { facts }));
    expect(out.replies[0]).toMatchObject({ scriptId: 'bargaining.gift_unavailable', params: { gift: '毛球修剪器' } });
    expect(out.concessions).toEqual([]);
  });
});
