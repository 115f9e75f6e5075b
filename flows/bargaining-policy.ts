import { normalizeSameLength } from '../src/text/normalize.ts';
import { NUMERAL, parseNumeral } from '../src/nlu/numbers.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { Order } from '../src/orders/schema.ts';
import type { Gift, Product, Shop } from '../src/shop/schema.ts';
import { isFreeShippingRegion } from './presale-helpers.ts';
import type { Concession } from './protocol.ts';

/**
 * Pure arithmetic of the bargaining policy (seed 002 讨价还价, seed 004 第四章): how much may still
 * be conceded on a product, what the buyer asked for, and which single concession fits. No I/O.
 *
 * The budget of a product is min(maxDiscountRate × price, price − floorPrice): every concession on
 * it (discount, coupon, and the cost of a gift) is counted against it, so the total never exceeds
 * the discount rate and the price never drops below the floor.
 */

export type BargainType = 'promise' | 'comparison' | 'decisive' | 'excuse' | 'generic';
export type ConcessionKind = Concession['kind'];

/** The manuals' name of each haggling type, used in remarks (原因). */
export const TYPE_LABEL: Record<BargainType, string> = {
  promise: '允诺型',
  comparison: '对比型',
  decisive: '武断干脆型',
  excuse: '借口型',
  generic: '普通议价',
};

/** Which concessions each type may get, in order of preference (one per request). */
export const KINDS_BY_TYPE: Record<BargainType, readonly ConcessionKind[]> = {
  promise: ['gift'],
  comparison: ['gift', 'coupon'],
  decisive: ['discount'],
  excuse: ['coupon', 'gift'],
  generic: ['coupon'],
};

/** A buyer who asks for a gift while bargaining gets a gift first, else the generic coupon. */
export const GIFT_ASK_KINDS: readonly ConcessionKind[] = ['gift', 'coupon'];

/** What the buyer offered: 少10块 (reduction), 580我就拍 / 只剩580了 (target price), 打95折 (rate). */
export interface BuyerOffer {
  productId: string | null;
  kind: 'reduction' | 'target' | 'rate';
  value: number;
  /** The buyer's own words for it (the entity text). */
  text: string;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
const floor2 = (n: number): number => Math.floor(n * 100 + 1e-6) / 100;

type Policy = Shop['bargaining'];

/** The most that may be conceded on a product in total (元, to the cent). */
export function budgetOf(product: Pick<Product, 'price' | 'floorPrice'>, policy: Pick<Policy, 'maxDiscountRate'>): number {
  const byRate = policy.maxDiscountRate * product.price;
  const byFloor = product.price - product.floorPrice;
  return Math.max(0, floor2(Math.min(byRate, byFloor)));
}

const onProduct = (ledger: readonly Concession[], productId: string) => ledger.filter((c) => c.productId === productId);

/**
 * The products one ask is about: the basket haggled over together ("大衣和围巾一起买 便宜点") when it holds
 * the product, else the product alone. They share one count of concessions and one budget, so asking
 * again product by product wins nothing the basket has had.
 */
export function sharingProducts(product: Product, basket: readonly Product[] | undefined): readonly Product[] {
  return basket !== undefined && basket.length > 1 && basket.some((p) => p.id === product.id) ? basket : [product];
}

const onProducts = (ledger: readonly Concession[], products: readonly Product[]) => ledger.filter((c) => products.some((p) => p.id === c.productId));

/** What is left to concede on the products together: their budgets summed, less everything conceded on any of them. */
export function remainingBasketBudget(products: readonly Product[], policy: Policy, ledger: readonly Concession[]): number {
  const budget = products.reduce((sum, p) => sum + budgetOf(p, policy), 0);
  const spent = onProducts(ledger, products).reduce((sum, c) => sum + c.amount, 0);
  return Math.max(0, round2(budget - spent));
}

/** Everything already conceded on a product (discounts, coupons, gift costs). */
export function spentOn(ledger: readonly Concession[], productId: string): number {
  return round2(onProduct(ledger, productId).reduce((sum, c) => sum + c.amount, 0));
}

/** What the concessions take off the price the buyer pays (discounts and coupons; gifts are extra). */
export function priceCutOn(ledger: readonly Concession[], productId: string): number {
  return round2(
    onProduct(ledger, productId)
      .filter((c) => c.kind === 'discount' || c.kind === 'coupon')
      .reduce((sum, c) => sum + c.amount, 0),
  );
}

export function remainingBudget(product: Product, policy: Policy, ledger: readonly Concession[]): number {
  return Math.max(0, round2(budgetOf(product, policy) - spentOn(ledger, product.id)));
}

/** The price the buyer pays once the concessions on the product are applied. */
export function finalPriceOf(product: Product, ledger: readonly Concession[]): number {
  return round2(product.price - priceCutOn(ledger, product.id));
}

/**
 * The buyer's offer in this message, if any: a reduction (少10块), an amount below the price (a
 * target price or the money the buyer says is left), or a discount rate (打95折). The last one wins.
 */
export function offerFromEntities(entities: readonly Entity[], product: Product | undefined): BuyerOffer | null {
  let offer: BuyerOffer | null = null;
  const productId = product?.id ?? null;
  for (const e of entities) {
    if (e.type === 'money' && e.amount > 0) {
      offer = { productId, kind: e.reduction ? 'reduction' : 'target', value: e.amount, text: e.text };
    } else if (e.type === 'discount' && e.rate !== undefined && e.rate < 1) {
      offer = { productId, kind: 'rate', value: e.rate, text: e.text };
    }
  }
  return offer;
}

/** The discount an offer asks for on a product (元), or null when it asks for nothing usable. */
export function requestedDiscount(offer: BuyerOffer | null, product: Product): number | null {
  if (offer === null || (offer.productId !== null && offer.productId !== product.id)) return null;
  let discount: number;
  if (offer.kind === 'reduction') discount = offer.value;
  else if (offer.kind === 'target') discount = product.price - offer.value;
  else discount = product.price * (1 - offer.value);
  discount = round2(discount);
  return discount > 0 && discount < product.price ? discount : null;
}

/** "送点什么小东西吧", "再送个袜子呗", "不送我就不买了": a gift demanded as a condition is haggling (seed 002), not a question about gifts. */
const GIFT_DEMAND = /(?:送|赠|贈|给|給|搭)(?:点|點|个|個|些|我|一|双|雙|份|袋|包)[^吗嗎?？]{0,8}(?:吧|呗|唄|嘛|呀|啊)|不送|送了?我就|送就|(?:送|赠|贈)(?:了|一下)?(?:吧|呗|唄|嘛)|(?:送|赠|贈)(?:点|點|个|個|些|双|雙|份|袋|包)[^，,。吗嗎?？]{0,6}(?:我就|就拍|就买|就買|马上拍|馬上拍)/u;
export const demandsGift = (text: string): boolean => GIFT_DEMAND.test(normalizeSameLength(text));

export type DeclineReason = 'already_granted' | 'gifts_exhausted' | 'budget_exhausted' | 'below_floor' | 'gift_unavailable' | 'promotion_not_reached';

export type Plan =
  | {
      ok: true;
      concession: Concession;
      /** Price after this and earlier concessions. */
      finalPrice: number;
      gift: Gift | null;
      /** Decisive buyer asked for more than allowed: this is the best allowed instead. */
      counter: boolean;
    }
  | { ok: false; reason: DeclineReason };

export interface PlanInput {
  type: BargainType;
  kinds: readonly ConcessionKind[];
  product: Product;
  shop: Shop;
  ledger: readonly Concession[];
  offer: BuyerOffer | null;
  /** True when the buyer asked for a gift (remark wording). */
  giftAsk?: boolean;
  /** The gift the buyer named ("送双袜子"): that one or none, never another in its place. */
  wantedGift?: Gift;
  /** The products bought together, haggled over as one (see sharingProducts). */
  basket?: readonly Product[];
}

/** 顾客议价（借口型），赠送10元优惠券（羊毛呢大衣）: the 原因 part of a remark (seed 002 备注规范). */
export function concessionReason(type: BargainType, giftAsk: boolean, what: string, product: Product): string {
  const who = giftAsk ? '顾客索要赠品' : type === 'generic' ? '顾客议价' : `顾客议价（${TYPE_LABEL[type]}）`;
  return `${who}，${what}（${product.name}）`;
}

type KindPlan = Plan;

function planKind(kind: ConcessionKind, input: PlanInput, remaining: number): KindPlan {
  const { product, shop, ledger, type } = input;
  const giftAsk = input.giftAsk ?? false;
  const used = onProduct(ledger, product.id).some((c) => c.kind === kind);
  if (used) return { ok: false, reason: 'already_granted' };
  const cut = priceCutOn(ledger, product.id);
  const policy = shop.bargaining;
  if (kind === 'coupon') {
    const amount = policy.couponAmount;
    if (amount <= 0 || amount > remaining) return { ok: false, reason: 'budget_exhausted' };
    const reason = concessionReason(type, giftAsk, `赠送${amount}元优惠券`, product);
    return { ok: true, concession: { kind, amount, productId: product.id, reason }, finalPrice: round2(product.price - cut - amount), gift: null, counter: false };
  }
  if (kind === 'gift') {
    const given = new Set(ledger.filter((c) => c.kind === 'gift').map((c) => c.giftId));
    const wanted = input.wantedGift;
    if (wanted !== undefined) {
      if (given.has(wanted.id)) return { ok: false, reason: 'already_granted' };
      if (!policy.giftIds.includes(wanted.id) || wanted.cost > remaining) return { ok: false, reason: 'gift_unavailable' };
      const reason = concessionReason(type, giftAsk, `赠送${wanted.name}`, product);
      return { ok: true, concession: { kind, amount: wanted.cost, giftId: wanted.id, productId: product.id, reason }, finalPrice: round2(product.price - cut), gift: wanted, counter: false };
    }
    const left = policy.giftIds
      .filter((id) => !given.has(id))
      .map((id) => shop.gifts.find((g) => g.id === id))
      .filter((g): g is Gift => g !== undefined);
    if (left.length === 0) return { ok: false, reason: 'gifts_exhausted' };
    const gift = left.find((g) => g.cost <= remaining);
    if (gift === undefined) return { ok: false, reason: 'budget_exhausted' };
    const reason = concessionReason(type, giftAsk, `赠送${gift.name}`, product);
    return { ok: true, concession: { kind, amount: gift.cost, giftId: gift.id, productId: product.id, reason }, finalPrice: round2(product.price - cut), gift, counter: false };
  }
  if (kind === 'discount') {
    const asked = requestedDiscount(input.offer, product);
    let amount: number;
    let counter = false;
    if (asked !== null && asked <= remaining) {
      amount = asked;
    } else {
      // One step at a time: the best allowed when the buyer asked for too much, else the coupon-sized step.
      const best = Math.floor(remaining + 1e-6);
      counter = asked !== null;
      amount = counter || policy.couponAmount <= 0 ? best : Math.min(policy.couponAmount, best);
    }
    if (amount <= 0 || amount < 1) return { ok: false, reason: 'budget_exhausted' };
    const finalPrice = round2(product.price - cut - amount);
    const reason = concessionReason(type, giftAsk, `优惠${amount}元，改价为${finalPrice}元`, product);
    return { ok: true, concession: { kind, amount, productId: product.id, reason }, finalPrice, gift: null, counter };
  }
  // free_shipping needs the buyer's region, which the turn facts do not carry.
  return { ok: false, reason: 'budget_exhausted' };
}

/**
 * The one concession that fits this request, trying the type's kinds in order; when none fits,
 * the reason of the type's first choice (the buyer hears why).
 */
export function planConcession(input: PlanInput): Plan {
  const sharing = sharingProducts(input.product, input.basket);
  // Within the product's own budget (its floor) and what the basket has left.
  const remaining = Math.min(remainingBudget(input.product, input.shop.bargaining, input.ledger), remainingBasketBudget(sharing, input.shop.bargaining, input.ledger));
  // A comparison names another shop's price, not an offer to this one (seed 002 对比型: explain the value).
  const asked = input.type === 'comparison' ? null : requestedDiscount(input.offer, input.product);
  // A price below the floor is not negotiable, whatever the type: no coupon or gift "instead"
  // (seed 002: 武断型 "提出的价格无理 → 遗憾", 借口型 "价格差很多 → 方便时再付款").
  if (asked !== null && priceOffered(input.offer!, input.product, input.ledger) < input.product.floorPrice) return { ok: false, reason: 'below_floor' };
  // One concession per product, or per basket: insisting wins nothing new (a polite hold, then a hand-off).
  if (onProducts(input.ledger, sharing).length >= input.shop.bargaining.concessionsPerProduct) return { ok: false, reason: 'already_granted' };
  let first: Plan | null = null;
  for (const kind of input.kinds) {
    const plan = planKind(kind, input, remaining);
    // Never more than the buyer asked for ("少3块" gets no 5元 coupon).
    if (plan.ok && asked !== null && plan.concession.kind !== 'gift' && plan.concession.amount > asked) {
      first ??= { ok: false, reason: 'budget_exhausted' };
      continue;
    }
    if (plan.ok) return plan;
    first ??= plan;
  }
  return first ?? { ok: false, reason: 'budget_exhausted' };
}

/** The price the buyer would pay: a target is that price; a reduction comes off what is already agreed. */
function priceOffered(offer: BuyerOffer, product: Product, ledger: readonly Concession[]): number {
  if (offer.kind === 'target') return offer.value;
  if (offer.kind === 'rate') return round2(product.price * offer.value);
  return round2(finalPriceOf(product, ledger) - offer.value);
}

/**
 * "就差5块钱", "差个十块": the money is what is missing, a reduction, not a target price (the
 * extractor reads only 少/便宜/减 before an amount as a reduction).
 */
export function asReduction(offer: BuyerOffer | null, text: string, price?: number): BuyerOffer | null {
  if (offer === null || offer.kind !== 'target') return offer;
  // "就3块 行不行" for a 459元 jacket: nobody offers 3元 for it — it is the 3元 off asked before.
  if (price !== undefined && offer.value < price * 0.5 && offer.value <= price * 0.2) return { ...offer, kind: 'reduction' };
  const at = text.indexOf(offer.text);
  const before = at < 0 ? '' : text.slice(Math.max(0, at - 3), at);
  return /差(?:了|个|個)?$|差[个個]?$/.test(before) ? { ...offer, kind: 'reduction' } : offer;
}

/** The buyer's newest order for the product that can still be repriced or get a gift (unpaid, or paid and not printed). */
export function openOrderFor(orders: readonly Order[], productId: string): Order | undefined {
  return orders.find((o) => (o.state === 'unpaid' || o.state === 'paid') && o.items.some((i) => i.productId === productId));
}

/**
 * "350", "那380吧", "四百行不行", "420块卖不卖", "121总可以了吧": an amount with nothing else but a short ask. Said
 * right after haggling it is the buyer's counter-offer (seed 002 武断干脆型), never a thank-you.
 */
const COUNTER_OFFER = new RegExp(
  `^(?:那|就|那就|要不|要不然|最多|顶多|頂多)?(${NUMERAL})(?:元|块|塊|块钱|塊錢|rmb)?(?:吧|呗|唄|呢|嘛|啦|行吗|行嗎|行不行|可以吗|可以嗎|可以不|卖不卖|賣不賣|卖吗|賣嗎|成吗|成嗎|成不成|好吗|好嗎|咋样|咋樣|怎么样|怎麼樣|如何|包邮|包郵|(?:总|總|总该|總該|应该|應該|该|該|也|都)(?:可以|行|成)(?:了)?(?:吧|呗|唄|吗|嗎)?)?$`,
  'iu',
);

export function counterOfferAmount(text: string): number | null {
  const plain = normalizeSameLength(text.normalize('NFKC')).replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]+/gu, '');
  const m = COUNTER_OFFER.exec(plain);
  const value = m ? parseNumeral(m[1]!) : undefined;
  return value !== undefined && value > 0 ? value : null;
}

/**
 * "先给我留着 月底发工资再买", "等发了生活费再拍", "过两天有钱了再来": the buyer puts the purchase off
 * rather than asking for a lower price again. Seed 002 借口型 (价格差很多): no price, pay when it suits.
 */
const DEFERRAL =
  /(?:先|帮我|幫我|给我|給我)(?:给我|給我|帮我|幫我)?留(?:着|著|一下|一件|下|个|個)|月底(?:再|发|發)|(?:发|發|等|领|領|到)(?:了)?(?:工资|工資|薪水|生活费|生活費)(?:了|以后|以後|之后|之後)?再|下(?:个|個)?月(?:再|初再)|过(?:几|幾|两|兩|一|些)天(?:再|有钱|有錢)|(?:有钱|有錢|钱到|錢到|方便)(?:了)?再(?:买|買|拍|付|来|來|下单|下單)|(?:回头|回頭|晚点|晚點|晚些|到时候|到時候)再(?:买|買|拍|付|下单|下單)|等.{1,6}再(?:买|買|拍|付|下单|下單)/u;

export const defersPurchase = (text: string): boolean => DEFERRAL.test(normalizeSameLength(text));

/**
 * "包邮我就拍", "就10块运费 包了吧", "运费免了呗": the buyer asks to have the postage waived (seed 002
 * 武断干脆型 "包邮我就付款了"), not for a lower price.
 */
const FREE_SHIPPING_ASK =
  /包(?:个|個|一下)?(?:邮|郵)|免(?:个|個|了)?(?:运费|運費|邮费|郵費|邮|郵)|(?:运费|運費|邮费|郵費)(?:就|也|都)?.{0,6}(?:包|免|算了|去掉|抹|减|減|承担|承擔|你们出|你們出|别收|別收|不收)|(?:你们|你們|店家|商家)(?:出|承担|承擔)(?:运费|運費|邮费|郵費)/u;

export const asksFreeShipping = (text: string): boolean => FREE_SHIPPING_ASK.test(normalizeSameLength(text));

/** What postage a region pays on an amount: free (template region, or the remote threshold reached), else the remote fee. */
export type Postage = { free: true; region: string } | { free: false; region: string; fee: number; threshold: number };

export function postageFor(shop: Shop, region: string, amount: number): Postage {
  const threshold = shop.bargaining.freeShippingThreshold;
  const fee = shop.shipping.remoteFee;
  if (isFreeShippingRegion(shop, region) || fee <= 0 || (threshold > 0 && amount >= threshold)) return { free: true, region };
  return { free: false, region, fee, threshold };
}

/**
 * Waiving a remote region's postage (seed 002 武断干脆型: 实在不行就答应，自作主张给您包邮): once per
 * product, as one of its concessions. The postage is no price cut — the price stays at or above the
 * floor whatever the fee — so the price budget does not bound it (a 49.9元 snack gets its 10元 postage
 * waived as the seed says); it is recorded in the ledger, so nothing more is conceded on the product
 * once the budget is spent.
 */
export function planFreeShipping(input: Omit<PlanInput, 'kinds' | 'offer'>, fee: number): Plan {
  const { product, shop, ledger, type } = input;
  if (onProducts(ledger, sharingProducts(product, input.basket)).length >= shop.bargaining.concessionsPerProduct) return { ok: false, reason: 'already_granted' };
  if (ledger.some((c) => c.kind === 'free_shipping' && c.productId === product.id)) return { ok: false, reason: 'already_granted' };
  const reason = concessionReason(type, false, `免${fee}元运费（包邮）`, product);
  return { ok: true, concession: { kind: 'free_shipping', amount: fee, productId: product.id, reason }, finalPrice: finalPriceOf(product, ledger), gift: null, counter: false };
}

/** "给我备注一下", "记得備註上", "帮我记下来": the buyer asks for an order remark. */
const REMARK_ASK = /备注|備註|备个注|備個註|(?:记|記)(?:一下|下来|下來|上)|(?:写|寫)(?:一下|上)(?:订单|訂單)?|(?:标|標)(?:注|註)/u;
export const asksForRemark = (text: string): boolean => REMARK_ASK.test(normalizeSameLength(text));

/** Words around a remark ask that say nothing of what to note ("那你给我备注一下 别忘了"). */
const REMARK_FILLER = /那|就|你|您|给我|給我|帮我|幫我|麻烦|麻煩|记得|記得|一下|下|吧|哈|呗|唄|啊|呀|哦|嗯|好的|好|了|上|别忘|別忘|别漏|別漏|亲|親|[\s,，.。!！?？~～、]/gu;

/**
 * "备注一下", "那你给我备注下 别忘了": a remark asked for with nothing said to note — nothing to write
 * unless something was agreed; "备注一下要顺丰" says what to note.
 */
export const asksBareRemark = (text: string): boolean => {
  const plain = normalizeSameLength(text);
  return REMARK_ASK.test(plain) && plain.replace(REMARK_ASK, '').replace(REMARK_FILLER, '') === '';
};
