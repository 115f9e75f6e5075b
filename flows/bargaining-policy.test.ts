import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { Order } from '../src/orders/schema.ts';
import { ShopSchema, type Product, type Shop } from '../src/shop/schema.ts';
import {
  GIFT_ASK_KINDS,
  KINDS_BY_TYPE,
  budgetOf,
  concessionReason,
  counterOfferAmount,
  defersPurchase,
  asksBareRemark,
  asksForRemark,
  demandsGift,
  asksFreeShipping,
  planFreeShipping,
  postageFor,
  finalPriceOf,
  offerFromEntities,
  openOrderFor,
  planConcession,
  remainingBasketBudget,
  remainingBudget,
  requestedDiscount,
  sharingProducts,
  spentOn,
  type BuyerOffer,
} from './bargaining-policy.ts';
import type { Concession } from './protocol.ts';
import { testShop } from './test-fixtures.ts';

const coat = testShop.products[0]!;
const scarf = testShop.products[1]!;

const money = (text: string, amount: number, reduction = false): Entity => ({ type: 'money', text, start: 0, end: text.length, amount, reduction });
const rate = (text: string, r: number): Entity => ({ type: 'discount', text, start: 0, end: text.length, rate: r });
const offer = (kind: BuyerOffer['kind'], value: number, productId: string | null = coat.id): BuyerOffer => ({ productId, kind, value, text: '' });

function shopWith(patch: Partial<Shop>): Shop {
  return ShopSchema.parse({ ...testShop, ...patch });
}

describe('budgetOf', () => {
  it('is bounded by the max discount rate', () => {
    // 5% of 599 = 29.95 < 599 − 560 = 39
    expect(budgetOf(coat, testShop.bargaining)).toBe(29.95);
  });
  it('is bounded by the floor price', () => {
    expect(budgetOf({ price: 100, floorPrice: 97 }, { maxDiscountRate: 0.05 })).toBe(3);
  });
  it('is never negative, even for a floor above the price', () => {
    expect(budgetOf({ price: 100, floorPrice: 120 }, { maxDiscountRate: 0.05 })).toBe(0);
    expect(budgetOf({ price: 100, floorPrice: 90 }, { maxDiscountRate: 0 })).toBe(0);
  });
});

describe('offers', () => {
  it('reads reductions, target prices and rates from entities (the last one wins)', () => {
    expect(offerFromEntities([money('少10块', 10, true)], coat)).toEqual({ productId: 'coat-01', kind: 'reduction', value: 10, text: '少10块' });
    expect(offerFromEntities([money('580', 580)], coat)).toMatchObject({ kind: 'target', value: 580 });
    expect(offerFromEntities([rate('95折', 0.95)], coat)).toMatchObject({ kind: 'rate', value: 0.95 });
    expect(offerFromEntities([money('少10块', 10, true), money('580', 580)], coat)).toMatchObject({ kind: 'target' });
    expect(offerFromEntities([], coat)).toBeNull();
    expect(offerFromEntities([{ type: 'discount', text: '打个折', start: 0, end: 3 }], coat)).toBeNull();
    expect(offerFromEntities([money('少10块', 10, true)], undefined)).toMatchObject({ productId: null });
  });

  it('turns an offer into the discount it asks for', () => {
    expect(requestedDiscount(offer('reduction', 10), coat)).toBe(10);
    expect(requestedDiscount(offer('target', 570), coat)).toBe(29);
    expect(requestedDiscount(offer('rate', 0.95), coat)).toBe(29.95);
    expect(requestedDiscount(offer('target', 599), coat)).toBeNull();
    expect(requestedDiscount(offer('target', 650), coat)).toBeNull();
    expect(requestedDiscount(null, coat)).toBeNull();
    // An offer made about another product does not apply.
    expect(requestedDiscount(offer('reduction', 10, scarf.id), coat)).toBeNull();
    expect(requestedDiscount(offer('reduction', 10, null), coat)).toBe(10);
  });
});

describe('a basket haggled over together', () => {
  // One concession per product (the demo shop's rule), a 5元 coupon within both budgets.
  const shop = shopWith({ bargaining: { ...testShop.bargaining, concessionsPerProduct: 1, couponAmount: 5 } });
  const base = { shop, ledger: [] as Concession[], offer: null, type: 'generic' as const, kinds: KINDS_BY_TYPE.generic };
  it('shares one count and one budget: a concession on the coat leaves nothing to ask on the scarf', () => {
    const first = planConcession({ ...base, product: coat, basket: [coat, scarf] });
    expect(first.ok).toBe(true);
    const ledger = first.ok ? [first.concession] : [];
    expect(planConcession({ ...base, ledger, product: scarf, basket: [coat, scarf] })).toEqual({ ok: false, reason: 'already_granted' });
    expect(planFreeShipping({ type: 'decisive', shop, ledger, product: scarf, basket: [coat, scarf] }, 10)).toEqual({ ok: false, reason: 'already_granted' });
    expect(remainingBasketBudget([coat, scarf], shop.bargaining, ledger)).toBeCloseTo(budgetOf(coat, shop.bargaining) + budgetOf(scarf, shop.bargaining) - spentOn(ledger, coat.id), 2);
  });
  it('near misses: a product outside the basket, or no basket, keeps its own count', () => {
    const first = planConcession({ ...base, product: coat, basket: [coat, scarf] });
    const ledger = first.ok ? [first.concession] : [];
    expect(planConcession({ ...base, ledger, product: scarf }).ok).toBe(true);
    expect(sharingProducts(scarf, [coat])).toEqual([scarf]);
    expect(sharingProducts(scarf, undefined)).toEqual([scarf]);
    expect(sharingProducts(scarf, [coat, scarf])).toEqual([coat, scarf]);
  });
});

describe('planConcession', () => {
  const base = { shop: testShop, ledger: [] as Concession[], offer: null };

  it('gives each type its first choice', () => {
    expect(planConcession({ ...base, type: 'promise', kinds: KINDS_BY_TYPE.promise, product: coat })).toMatchObject({
      ok: true,
      concession: { kind: 'gift', giftId: 'sample', amount: 8 },
      finalPrice: 599,
    });
    expect(planConcession({ ...base, type: 'excuse', kinds: KINDS_BY_TYPE.excuse, product: coat })).toMatchObject({
      ok: true,
      concession: { kind: 'coupon', amount: 10, reason: '顾客议价（借口型），赠送10元优惠券（羊毛呢大衣）' },
      finalPrice: 589,
    });
    expect(planConcession({ ...base, type: 'generic', kinds: KINDS_BY_TYPE.generic, product: coat })).toMatchObject({
      ok: true,
      concession: { kind: 'coupon', reason: '顾客议价，赠送10元优惠券（羊毛呢大衣）' },
    });
    expect(planConcession({ ...base, type: 'generic', kinds: GIFT_ASK_KINDS, product: coat, giftAsk: true })).toMatchObject({
      ok: true,
      concession: { kind: 'gift', reason: '顾客索要赠品，赠送护理小样（羊毛呢大衣）' },
    });
  });

  it('decisive: accepts the named amount within budget, else the best allowed, else a coupon-sized step', () => {
    const decisive = { ...base, type: 'decisive' as const, kinds: KINDS_BY_TYPE.decisive, product: coat };
    expect(planConcession({ ...decisive, offer: offer('reduction', 20) })).toMatchObject({
      ok: true,
      counter: false,
      concession: { kind: 'discount', amount: 20, reason: '顾客议价（武断干脆型），优惠20元，改价为579元（羊毛呢大衣）' },
      finalPrice: 579,
    });
    expect(planConcession({ ...decisive, offer: offer('reduction', 29.95) })).toMatchObject({ ok: true, counter: false, finalPrice: 569.05 });
    expect(planConcession({ ...decisive, offer: offer('reduction', 30) })).toMatchObject({ ok: true, counter: true, concession: { amount: 29 }, finalPrice: 570 });
    // Below the floor (560): nothing at all, not the best allowed instead (seed 002: 价格无理 → 遗憾).
    expect(planConcession({ ...decisive, offer: offer('target', 500) })).toEqual({ ok: false, reason: 'below_floor' });
    expect(planConcession({ ...base, type: 'excuse', kinds: KINDS_BY_TYPE.excuse, product: coat, offer: offer('target', 500) })).toEqual({ ok: false, reason: 'below_floor' });
    // Never more than asked: a 3元 ask gets no 10元 coupon.
    expect(planConcession({ ...base, type: 'generic', kinds: KINDS_BY_TYPE.generic, product: coat, offer: offer('reduction', 3) })).toEqual({ ok: false, reason: 'budget_exhausted' });
    // A comparison's amount is the other shop's price, not an offer.
    expect(planConcession({ ...base, type: 'comparison', kinds: KINDS_BY_TYPE.comparison, product: coat, offer: offer('target', 500) })).toMatchObject({ ok: true });
    expect(planConcession(decisive)).toMatchObject({ ok: true, counter: false, concession: { amount: 10 } });
  });

  it('by default one concession per product: insisting wins nothing new', () => {
    const oneEach = { ...testShop, bargaining: { ...testShop.bargaining, concessionsPerProduct: 1 } };
    const ledger: Concession[] = [{ kind: 'coupon', amount: 10, productId: coat.id, reason: 'x' }];
    expect(planConcession({ ...base, shop: oneEach, ledger, type: 'excuse', kinds: KINDS_BY_TYPE.excuse, product: coat })).toEqual({ ok: false, reason: 'already_granted' });
    expect(planConcession({ ...base, shop: oneEach, ledger, type: 'excuse', kinds: KINDS_BY_TYPE.excuse, product: scarf })).toMatchObject({ ok: true });
  });

  it('never grants the same kind twice on a product', () => {
    const ledger: Concession[] = [{ kind: 'coupon', amount: 10, productId: coat.id, reason: 'x' }];
    expect(planConcession({ ...base, ledger, type: 'generic', kinds: KINDS_BY_TYPE.generic, product: coat })).toEqual({ ok: false, reason: 'already_granted' });
    // …but another product is another order.
    expect(planConcession({ ...base, ledger, type: 'excuse', kinds: KINDS_BY_TYPE.excuse, product: scarf })).toMatchObject({ ok: true, concession: { kind: 'gift' } });
  });

  it('counts every concession against the budget and never goes below the floor', () => {
    const ledger: Concession[] = [
      { kind: 'gift', amount: 8, giftId: 'sample', productId: coat.id, reason: 'x' },
      { kind: 'coupon', amount: 10, productId: coat.id, reason: 'x' },
    ];
    expect(spentOn(ledger, coat.id)).toBe(18);
    expect(remainingBudget(coat, testShop.bargaining, ledger)).toBe(11.95);
    expect(finalPriceOf(coat, ledger)).toBe(589);
    const plan = planConcession({ ...base, ledger, type: 'decisive', kinds: KINDS_BY_TYPE.decisive, product: coat, offer: offer('reduction', 20) });
    expect(plan).toMatchObject({ ok: true, counter: true, concession: { amount: 11 }, finalPrice: 578 });
    const tight: Product = { ...coat, id: 'tight', price: 100, floorPrice: 97 };
    expect(planConcession({ ...base, type: 'generic', kinds: KINDS_BY_TYPE.generic, product: tight })).toEqual({ ok: false, reason: 'budget_exhausted' });
    expect(planConcession({ ...base, type: 'decisive', kinds: KINDS_BY_TYPE.decisive, product: tight, offer: offer('target', 90) })).toMatchObject({
      ok: true,
      finalPrice: 97,
    });
    const spent: Concession[] = [{ kind: 'discount', amount: 2.5, productId: 'tight', reason: 'x' }];
    expect(planConcession({ ...base, ledger: spent, type: 'excuse', kinds: KINDS_BY_TYPE.excuse, product: tight })).toEqual({ ok: false, reason: 'budget_exhausted' });
  });

  it('runs out of gifts across products, and skips gifts that cost more than is left', () => {
    const ledger: Concession[] = [
      { kind: 'gift', amount: 8, giftId: 'sample', productId: coat.id, reason: 'x' },
      { kind: 'gift', amount: 5, giftId: 'bag', productId: 'other', reason: 'x' },
    ];
    expect(planConcession({ ...base, ledger, type: 'promise', kinds: KINDS_BY_TYPE.promise, product: scarf })).toEqual({ ok: false, reason: 'gifts_exhausted' });
    const cheapFirst = [{ kind: 'coupon' as const, amount: 2, productId: scarf.id, reason: 'x' }];
    // scarf budget 9.95, 2 spent: the sample (8) no longer fits, the bag (5) still does
    expect(planConcession({ ...base, ledger: cheapFirst, type: 'promise', kinds: KINDS_BY_TYPE.promise, product: scarf })).toMatchObject({
      ok: true,
      concession: { giftId: 'bag' },
    });
    const noGifts = shopWith({ bargaining: { ...testShop.bargaining, giftIds: [] } });
    expect(planConcession({ ...base, shop: noGifts, type: 'promise', kinds: KINDS_BY_TYPE.promise, product: coat })).toEqual({ ok: false, reason: 'gifts_exhausted' });
  });

  it('words remarks in the manuals’ format', () => {
    expect(concessionReason('comparison', false, '赠送防尘袋', coat)).toBe('顾客议价（对比型），赠送防尘袋（羊毛呢大衣）');
  });
});

describe('openOrderFor', () => {
  const order = (id: string, state: Order['state'], productId: string): Order => ({
    id,
    buyerId: 'b',
    state,
    items: [{ productId, color: '驼色', size: 'S', quantity: 1, price: 599 }],
    total: 599,
    createdAt: '2026-11-23T09:00:00+08:00',
    tracking: [],
    receiver: { name: '张三', phone: '138****0000', address: '杭州', region: '浙江' },
  });
  it('finds the newest unpaid or paid order with the product', () => {
    const orders = [order('100000000000000001', 'shipped', coat.id), order('100000000000000002', 'unpaid', scarf.id), order('100000000000000003', 'paid', coat.id)];
    expect(openOrderFor(orders, coat.id)?.id).toBe('100000000000000003');
    expect(openOrderFor(orders, scarf.id)?.id).toBe('100000000000000002');
    expect(openOrderFor(orders, 'none')).toBeUndefined();
  });
});

describe('counterOfferAmount', () => {
  it.each([
    ['350', 350],
    ['那380吧', 380],
    ['四百行不行', 400],
    ['420塊賣不賣？', 420],
    ['就 399 吧～', 399],
    ['三百五', 350],
    ['最多400元', 400],
    ['400 🙏', 400],
    ['121总可以了吧', 121],
    ['125總該行了吧', 125],
    ['那130也可以吧', 130],
  ])('reads %s as an amount offered', (text, amount) => {
    expect(counterOfferAmount(text)).toBe(amount);
  });

  it.each(['谢谢', '好的', '399卖不卖 我同事也想买', '订单号350', '3件', '身高163体重52', '满299减20吗', '121总可以了吧 我朋友也要', '那就这样吧 可以了吧', ''])('does not read %s as a bare offer', (text) => {
    expect(counterOfferAmount(text)).toBeNull();
  });
});

describe('defersPurchase', () => {
  it.each(['那你先给我留着 月底发工资再买', '帮我留一件吧 下个月再拍', '等发了生活费再买', '過兩天有錢了再來', '回头再拍吧', '等我钱到了再付款', '领了工资再说 先給我留著'])(
    'reads %s as the purchase put off',
    (text) => expect(defersPurchase(text)).toBe(true),
  );
  it.each(['再少点吧', '我再看看', '再送个袜子', '能便宜点吗 月底要用', '留个言给你', '工资不够了'])('does not read %s as a deferral', (text) =>
    expect(defersPurchase(text)).toBe(false),
  );
});

describe('free shipping asked while haggling', () => {
  it.each(['我在西藏 毛衣包邮我就拍', '就10块运费 包了吧 马上付', '運費免了唄', '运费你们出呗', '包个邮吧', '邮费就算了吧', '免邮我就买'])('%s asks to waive the postage', (text) =>
    expect(asksFreeShipping(text)).toBe(true),
  );
  it.each(['能便宜点吗', '包装好看吗', '少10块我就拍', '运费险有吗', '快递费多少'])('%s does not', (text) => expect(asksFreeShipping(text)).toBe(false));

  it('knows which postage a region pays on an amount', () => {
    expect(postageFor(testShop, '浙江', 199)).toEqual({ free: true, region: '浙江' });
    expect(postageFor(testShop, '西藏', 199)).toEqual({ free: false, region: '西藏', fee: 15, threshold: 300 });
    expect(postageFor(testShop, '新疆', 300)).toEqual({ free: true, region: '新疆' });
  });

  it('waives the fee once, with a remark reason', () => {
    const plan = planFreeShipping({ type: 'decisive', product: scarf, shop: testShop, ledger: [] }, 8);
    expect(plan).toMatchObject({ ok: true, concession: { kind: 'free_shipping', amount: 8, productId: scarf.id }, finalPrice: 199 });
    expect(plan.ok && plan.concession.reason).toBe('顾客议价（武断干脆型），免8元运费（包邮）（羊绒围巾）');
    const granted = plan.ok ? [plan.concession] : [];
    expect(planFreeShipping({ type: 'decisive', product: scarf, shop: testShop, ledger: granted }, 8)).toEqual({ ok: false, reason: 'already_granted' });
    // 15元 is more than the scarf's 9.95 price budget, but postage is no price cut: the price stays 199.
    expect(planFreeShipping({ type: 'decisive', product: scarf, shop: testShop, ledger: [] }, 15)).toMatchObject({ ok: true, concession: { kind: 'free_shipping', amount: 15 }, finalPrice: 199 });
    const cheap = { ...scarf, price: 49.9, floorPrice: 47.5 };
    expect(planFreeShipping({ type: 'decisive', product: cheap, shop: testShop, ledger: [] }, 10)).toMatchObject({ ok: true, finalPrice: 49.9 });
    // Near miss: the product's concessions are used up.
    const used = [1, 2, 3].map((i) => ({ kind: 'coupon' as const, amount: 1, productId: scarf.id, reason: String(i) }));
    expect(planFreeShipping({ type: 'decisive', product: scarf, shop: testShop, ledger: used }, 8)).toEqual({ ok: false, reason: 'already_granted' });
  });
});

describe('asksBareRemark', () => {
  it.each(['备注一下', '那你给我备注一下 别忘了', '備註下吧', '麻烦帮我备注哈', '记得备注上'])('%s asks for a remark with nothing to note', (text) => expect(asksBareRemark(text)).toBe(true));
  it.each(['备注一下要顺丰', '备注XL码', '帮我备注一下地址改成杭州', '好的谢谢', '能便宜点吗'])('%s is no bare remark ask', (text) => expect(asksBareRemark(text)).toBe(false));
});

describe('asksForRemark and gift demands', () => {
  it.each(['那你给我备注一下 别漏了', '記得備註上', '帮我记下来 别忘了', '订单上标注一下', '备个注吧'])('%s asks for a remark', (text) => expect(asksForRemark(text)).toBe(true));
  it.each(['好的谢谢', '什么时候发货', '记得发顺丰', '漏了一袋'])('%s does not', (text) => expect(asksForRemark(text)).toBe(false));
  it.each(['就一小袋 送吧 求求了', '送个试吃装呗', '那再送双袜子吧', '贈了唄', '送点东西我就拍', '送双袜子就买'])('%s demands a gift', (text) => expect(demandsGift(text)).toBe(true));
  it.each(['送的袜子是什么颜色', '有赠品吗', '送货快吗', '送货快我就买'])('%s does not demand one', (text) => expect(demandsGift(text)).toBe(false));
});
