import { assign, setup } from 'xstate';
import type { IntentId } from '../src/nlu/intents.ts';
import { NUMERAL, parseNumeral } from '../src/nlu/numbers.ts';
import { giftNamed, promotionAppliesTo, promotionReached, promotionsFor } from '../src/shop/promotions.ts';
import { purchaseLabel, purchaseTotal, severalItems, type PurchaseLine } from '../src/shop/basket.ts';
import type { Gift, Product, Promotion } from '../src/shop/schema.ts';
import {
  GIFT_ASK_KINDS,
  KINDS_BY_TYPE,
  finalPriceOf,
  asReduction,
  asksFreeShipping,
  asksForRemark,
  defersPurchase,
  demandsGift,
  offerFromEntities,
  openOrderFor,
  planConcession,
  planFreeShipping,
  sharingProducts,
  postageFor,
  priceCutOn,
  round2,
  type BargainType,
  type BuyerOffer,
  type DeclineReason,
  type Plan,
  type Postage,
} from './bargaining-policy.ts';
import { findRegion } from './presale-helpers.ts';
import { type Concession, emptyOutput, type Remark, type FlowOutput, type PromiseItem, replyIn, type ReplyPlan, type TurnEvent } from './protocol.ts';

/**
 * Bargaining (seed 002 讨价还价: 允诺型, 对比型, 武断干脆型, 借口型; seed 004 第四章): the first
 * request of the conversation is declined politely with the type's strategy; later ones may get
 * one concession each, within the shop's policy (bargaining-policy.ts), recorded in the ledger
 * and proposed as a remark with a promise to honour it. When nothing is left within policy the
 * buyer is declined politely, and at the third such request the chat goes to a human.
 */

/** Requests beyond policy (per product) after which the conversation is handed to a human. */
export const HANDOFF_AFTER_BEYOND_POLICY = 3;
/** Hours within which a promised gift or remark must be honoured. */
export const PROMISE_DUE_HOURS = 24;

export interface BargainingContext {
  out: FlowOutput;
  /** Bargaining requests answered so far (the first one is always declined). */
  requests: number;
  /** Concessions granted in this conversation, never granted twice. */
  ledger: Concession[];
  /** The buyer's latest offer (少10块, 580我就拍, 只剩580了, 打95折), kept across turns. */
  offer: BuyerOffer | null;
  /** Requests declined because nothing was left within policy, by product id. */
  beyondPolicy: Record<string, number>;
  /** The buyer's province, once named ("我在西藏"): remote postage depends on it. */
  region: string | null;
  /** The gift the buyer named ("送个试吃装呗"), for later asks that do not name it again ("就一小袋 送吧"). */
  askedGift: string | null;
  /** Remarks proposed so far: a later "给我备注一下" confirms them. */
  noted: Remark[];
  /** The products haggled over together ("大衣和围巾一起"), by id, kept across turns: one budget for them all. */
  basket?: string[];
  /** The haggling type the buyer's words set (允诺型…), kept for later plain asks ("真的不能少吗"). Absent in older snapshots. */
  framing?: BargainType | null;
}

const TYPE_OF: Partial<Record<IntentId, BargainType>> = {
  bargain_promise: 'promise',
  bargain_comparison: 'comparison',
  bargain_decisive: 'decisive',
  bargain_excuse: 'excuse',
  bargain_generic: 'generic',
};

const isBargainIntent = (intent: IntentId): boolean => TYPE_OF[intent] !== undefined;

/** A bargaining turn: a bargain_* intent, a gift asked for as a concession while bargaining, or a remark asked for what was agreed. */
function isBargainingTurn(context: BargainingContext, event: TurnEvent): boolean {
  if (isBargainIntent(event.intent)) return true;
  if (asksForRemarkOfAgreed(context, event)) return true;
  return event.intent === 'gift' && (context.requests > 0 || event.secondary.some(isBargainIntent) || demandsGift(event.text));
}

/** "那你给我备注一下 别漏了": the remark of what was agreed in this conversation. */
const asksForRemarkOfAgreed = (context: BargainingContext, event: TurnEvent): boolean => context.noted.length > 0 && asksForRemark(event.text);

/** Whether a persisted bargaining snapshot holds agreed remarks (the engine routes a remark request to it). */
export function hasAgreedRemarks(persisted: unknown): boolean {
  if (persisted === null || typeof persisted !== 'object' || !('context' in persisted)) return false;
  const context: unknown = persisted.context;
  return context !== null && typeof context === 'object' && 'noted' in context && Array.isArray(context.noted) && context.noted.length > 0;
}

const giftAsk = (event: TurnEvent): boolean => event.intent === 'gift';
/** A gift asked for: the gift intent, or "送个试吃装呗" said while haggling with no amount in it. */
const asksGift = (event: TurnEvent): boolean =>
  giftAsk(event) || (demandsGift(event.text) && !asksFreeShipping(event.text) && !event.entities.some((e) => e.type === 'money' || e.type === 'discount'));

/** The gift the buyer names now, else the one named before in this haggling (only for a gift ask). */
function wantedGift(context: BargainingContext, event: TurnEvent): Gift | undefined {
  if (!asksGift(event)) return undefined;
  const { shop } = event.facts;
  return giftNamed(shop, event.text) ?? (context.askedGift === null ? undefined : shop.gifts.find((g) => g.id === context.askedGift));
}

/** The pre-sale asks a promotion's terms answer (its gift, the promotion itself). */
const PROMOTION_ASKS: IntentId[] = ['gift', 'promotion'];

interface PromotionClaim {
  promotion: Promotion;
  gift: Gift;
  /** The open order's total, else the product's price. */
  amount: number;
  reached: boolean;
}

/** "满99不是送试吃装吗": the gift named is a promotion's gift for the product — the promotion's terms decide, not haggling. */
function promotionClaim(context: BargainingContext, event: TurnEvent): PromotionClaim | null {
  const product = event.facts.product;
  const gift = wantedGift(context, event);
  if (product === undefined || gift === undefined) return null;
  const promotion = promotionsFor(event.facts.shop, product).find((p) => p.giftId === gift.id);
  if (promotion === undefined) return null;
  const purchase = purchaseWith(event, product);
  const amount = openOrderFor(event.facts.orders, product.id)?.total ?? (purchase === undefined ? product.price : purchaseTotal(event.facts.shop, purchase, (p) => promotionAppliesTo(promotion, p)));
  return { promotion, gift, amount, reached: promotionReached(promotion, amount) };
}
/** The type a message's own words give, if any beyond plain haggling. */
const ownType = (event: TurnEvent): BargainType | null => {
  const type = TYPE_OF[event.intent];
  return type === undefined || type === 'generic' ? null : type;
};
/**
 * The haggling type of this ask: its own words' type, else the one the buyer set earlier in the
 * conversation ("以后常来" then "真的一点都不能少？": still the promise, seed 002 允诺型), else generic.
 */
const typeOf = (context: Pick<BargainingContext, 'framing'>, event: TurnEvent): BargainType => ownType(event) ?? context.framing ?? 'generic';
/**
 * A gift asked for instead of a price ("送双袜子就行 送了我就拍" read as decisive haggling): the gift ask, when
 * the haggling type itself concedes no gift (a promise or an excuse gets its gift in its own words).
 */
const asksGiftInstead = (context: BargainingContext, event: TurnEvent): boolean => giftAsk(event) || (asksGift(event) && !KINDS_BY_TYPE[typeOf(context, event)].includes('gift'));
/** The prefix of the type's script ids (a gift ask has its own wording). */
const scriptTypeOf = (context: BargainingContext, event: TurnEvent): string => (asksGiftInstead(context, event) ? 'gift_ask' : typeOf(context, event));

/** The lowest plausible target price without 元, as a share of the price. */
export const BARE_TARGET_MIN_SHARE = 0.5;

const NUMBERS = new RegExp(NUMERAL, 'g');

/**
 * A price the buyer names without 元 ("680行就拍"): the one number in the text that lies between
 * half the product's price and the price (exclusive). Null when there is none, or more than one.
 */
export function bareTargetPrice(text: string, product: Pick<Product, 'price'>): number | null {
  const numbers = [...text.normalize('NFKC').matchAll(NUMBERS)].map((m) => parseNumeral(m[0]));
  // The same number said twice ("只有600 能不能600卖我") is one offer.
  const plausible = [...new Set(numbers.filter((n): n is number => n !== undefined && n >= product.price * BARE_TARGET_MIN_SHARE && n < product.price))];
  return plausible.length === 1 ? plausible[0]! : null;
}

const BARE_REDUCTION = /(?:少|便宜|减|減|差)(?:了|个|個)?([0-9]{1,4}|[零一二两兩三四五六七八九十百]{1,4})(?![0-9折%％])/u;

/** "少50吧", "便宜二十": a reduction without 元/块 (the money extractor needs the unit). */
export function bareReduction(text: string, product: Pick<Product, 'price'>): number | null {
  const m = BARE_REDUCTION.exec(text.normalize('NFKC'));
  const value = m ? parseNumeral(m[1]!) : undefined;
  return value !== undefined && value > 0 && value < product.price ? value : null;
}

/** A request without money or a rate may name a reduction ("少50吧") or the target price as a bare number (not a comparison: that is another shop's price). */
function bareOffer(event: TurnEvent, product: Product | undefined): BuyerOffer | null {
  if (product === undefined || giftAsk(event)) return null;
  if (event.entities.some((e) => e.type === 'money' || e.type === 'discount')) return null;
  const reduction = bareReduction(event.text, product);
  if (reduction !== null) return { productId: product.id, kind: 'reduction', value: reduction, text: String(reduction) };
  if (TYPE_OF[event.intent] === 'comparison') return null;
  const value = bareTargetPrice(event.text, product);
  return value === null ? null : { productId: product.id, kind: 'target', value, text: String(value) };
}

/** The offer this message makes, if any. */
function offerInMessage(event: TurnEvent): BuyerOffer | null {
  const product = event.facts.product;
  return asReduction(offerFromEntities(event.entities, product), event.text, product?.price) ?? bareOffer(event, product);
}

/** This message's offer, else the one remembered for this product (or for no product in particular). */
function effectiveOffer(context: BargainingContext, event: TurnEvent): BuyerOffer | null {
  const product = event.facts.product;
  const now = offerInMessage(event);
  if (now !== null) return now;
  const kept = context.offer;
  if (kept === null) return null;
  return kept.productId === null || kept.productId === (product?.id ?? null) ? kept : null;
}

/** The province named now, else earlier, else the receiver region of the buyer's newest order. */
const regionOf = (context: BargainingContext, event: TurnEvent): string | null =>
  findRegion(event.text) ?? context.region ?? event.facts.orders[0]?.receiver.region ?? null;

/** The postage a free-shipping ask is about, when the product and the region are known (else null: no postage answer). */
function postageAsked(context: BargainingContext, event: TurnEvent): Postage | null {
  const product = event.facts.product;
  const region = regionOf(context, event);
  if (product === undefined || region === null || giftAsk(event) || !asksFreeShipping(event.text)) return null;
  return postageFor(event.facts.shop, region, amountToPay(context, event, product));
}

/** The basket named now ("大衣和围巾一起"), else the one haggled over earlier in the conversation. */
function basketOf(context: BargainingContext, event: TurnEvent): Product[] | undefined {
  const named = event.facts.basket;
  if (named !== undefined && named.length > 1) return named;
  const earlier = (context.basket ?? []).map((id) => event.facts.shop.products.find((p) => p.id === id)).filter((p): p is Product => p !== undefined);
  return earlier.length > 1 ? earlier : undefined;
}

/** The products whose asks count together for this one (the basket holding it, else itself). */
const sharingOf = (context: BargainingContext, event: TurnEvent, product: Product): readonly Product[] => sharingProducts(product, basketOf(context, event));
/** The purchase the buyer describes, when it holds the product haggled over and more than one item ("两袋核桃"). */
function purchaseWith(event: TurnEvent, product: Product): PurchaseLine[] | undefined {
  const purchase = event.facts.purchase;
  return severalItems(purchase) && purchase!.some((l) => l.productId === product.id) ? purchase : undefined;
}

/** What the buyer would pay: the open order for the product, else the purchase described, else the price after concessions. */
function amountToPay(context: BargainingContext, event: TurnEvent, product: Product): number {
  const order = openOrderFor(event.facts.orders, product.id);
  if (order !== undefined) return order.total;
  const purchase = purchaseWith(event, product);
  return purchase === undefined ? finalPriceOf(product, context.ledger) : round2(purchaseTotal(event.facts.shop, purchase) - priceCutOn(context.ledger, product.id));
}

/** "2袋手剥山核桃" for a purchase of several, else the product's name. */
const purchaseName = (event: TurnEvent, product: Product): string => {
  const purchase = purchaseWith(event, product);
  return purchase === undefined ? product.name : purchaseLabel(event.facts.shop, purchase);
};

function planFor(context: BargainingContext, event: TurnEvent): Plan | null {
  const product = event.facts.product;
  if (product === undefined) return null;
  const basket = basketOf(context, event);
  const postage = postageAsked(context, event);
  if (postage !== null && !postage.free) {
    return planFreeShipping({ type: typeOf(context, event), product, shop: event.facts.shop, ledger: context.ledger, ...(basket === undefined ? {} : { basket }) }, postage.fee);
  }
  const claim = promotionClaim(context, event);
  if (claim !== null && !claim.reached) return { ok: false, reason: 'promotion_not_reached' };
  const wanted = wantedGift(context, event);
  return planConcession({
    type: typeOf(context, event),
    kinds: asksGiftInstead(context, event) ? GIFT_ASK_KINDS : KINDS_BY_TYPE[typeOf(context, event)],
    product,
    shop: event.facts.shop,
    ledger: context.ledger,
    offer: asksGift(event) ? null : effectiveOffer(context, event),
    giftAsk: asksGiftInstead(context, event),
    ...(wanted === undefined ? {} : { wantedGift: wanted }),
    ...(basket === undefined ? {} : { basket }),
  });
}

/** Beyond-policy asks are counted for the basket as a whole (keyed by its first product), else per product. */
const beyondKey = (context: BargainingContext, event: TurnEvent, product: Product): string => sharingOf(context, event, product)[0]!.id;
const beyondCount = (context: BargainingContext, event: TurnEvent, product: Product): number => context.beyondPolicy[beyondKey(context, event, product)] ?? 0;

const reply = replyIn('bargaining');

/** The first ask for free shipping to a remote region below the threshold: declined, with the fee and the threshold said. */
function postageDeclineReply(postage: Extract<Postage, { free: false }>, context: BargainingContext, event: TurnEvent, product: Product): ReplyPlan {
  return reply('postage_decline', { region: postage.region, threshold: postage.threshold, fee: postage.fee, product: purchaseName(event, product), price: amountToPay(context, event, product) });
}

/** A promotion's gift asked for below its threshold: its terms said, no gift outside them. */
function promotionNotReachedReply(claim: PromotionClaim, product: Product): ReplyPlan {
  return reply('promotion_not_reached', {
    gift: claim.gift.name,
    promotion: claim.promotion.name,
    promotionDetail: claim.promotion.description.replace(/[。.]$/u, ''),
    threshold: claim.promotion.minAmount ?? 0,
    product: product.name,
    amount: claim.amount,
  });
}

function firstDeclineReply(context: BargainingContext, event: TurnEvent): ReplyPlan {
  const claim = promotionClaim(context, event);
  if (claim !== null && !claim.reached && event.facts.product !== undefined) return promotionNotReachedReply(claim, event.facts.product);
  const postage = postageAsked(context, event);
  if (postage !== null && !postage.free && event.facts.product !== undefined) return postageDeclineReply(postage, context, event, event.facts.product);
  const scriptType = scriptTypeOf(context, event);
  const { shop } = event.facts;
  // A promotion that applies to the product asked about (or to the whole shop), if there is one.
  const promotion = promotionsFor(shop, event.facts.product)[0];
  if (scriptType === 'generic' && promotion !== undefined) {
    return reply('generic_decline_promotion', { shop: shop.name, promotion: promotion.name, promotionDetail: promotion.description });
  }
  // "买大衣送点啥": the gift the product's promotion already brings is the answer, nothing beyond it.
  const giftPromotion = promotionsFor(shop, event.facts.product).find((p) => p.giftId !== undefined);
  if (scriptType === 'gift_ask' && giftPromotion !== undefined && event.facts.product !== undefined) {
    return reply('gift_ask_decline_promotion', { shop: shop.name, product: event.facts.product.name, promotion: giftPromotion.name, promotionDetail: giftPromotion.description.replace(/[。.]$/u, '') });
  }
  return reply(`${scriptType}_decline`, { shop: shop.name });
}

function concessionOutput(context: BargainingContext, event: TurnEvent, plan: Extract<Plan, { ok: true }>, product: Product): FlowOutput {
  const { concession, gift, finalPrice } = plan;
  const order = openOrderFor(event.facts.orders, product.id);
  const orderRef = order === undefined ? {} : { orderId: order.id };
  const params: ReplyPlan['params'] = { product: product.name, price: product.price, finalPrice };
  let step: string;
  let promise: PromiseItem;
  if (concession.kind === 'free_shipping') {
    return {
      ...emptyOutput(),
      replies: [reply('free_shipping', { product: product.name, fee: concession.amount })],
      remarks: [{ reason: concession.reason, ...orderRef }],
      promises: [{ kind: 'remark', text: `${product.name}免${concession.amount}元运费（包邮），已备注`, dueInHours: PROMISE_DUE_HOURS, ...orderRef }],
      concessions: [concession],
      covers: ['shipping_fee'],
    };
  }
  if (concession.kind === 'gift' && gift !== null) {
    params.gift = gift.name;
    step = 'gift';
    promise = { kind: 'gift', text: `随${product.name}赠送${gift.name}，已备注`, dueInHours: PROMISE_DUE_HOURS, ...orderRef };
  } else if (concession.kind === 'coupon') {
    params.coupon = concession.amount;
    step = 'coupon';
    promise = { kind: 'remark', text: `为${product.name}发放${concession.amount}元优惠券，已备注`, dueInHours: PROMISE_DUE_HOURS, ...orderRef };
  } else {
    params.discount = concession.amount;
    step = plan.counter ? 'counter' : 'discount';
    promise = { kind: 'remark', text: `${product.name}优惠${concession.amount}元，按${finalPrice}元改价，已备注`, dueInHours: PROMISE_DUE_HOURS, ...orderRef };
  }
  return {
    ...emptyOutput(),
    replies: [reply(`${scriptTypeOf(context, event)}_${step}`, params)],
    remarks: [{ reason: concession.reason, ...orderRef }],
    promises: [promise],
    concessions: [concession],
  };
}

function declineOutput(context: BargainingContext, event: TurnEvent, reason: DeclineReason, product: Product): FlowOutput {
  const postage = postageAsked(context, event);
  // Nothing left for the postage: the buyer hears the fee and the threshold again, not a price refusal.
  if (postage !== null && !postage.free && reason !== 'already_granted') return { ...emptyOutput(), replies: [postageDeclineReply(postage, context, event, product)], covers: ['shipping_fee'] };
  const claim = promotionClaim(context, event);
  if (reason === 'promotion_not_reached' && claim !== null) return { ...emptyOutput(), replies: [promotionNotReachedReply(claim, product)], covers: PROMOTION_ASKS };
  // Asked again for the other product of a basket that had its concession: the basket is named.
  const sharing = sharingOf(context, event, product);
  const params: ReplyPlan['params'] = { product: reason === 'already_granted' && sharing.length > 1 ? `一起买的${sharing.map((p) => p.shortName ?? p.name).join('和')}` : product.name };
  if (reason === 'budget_exhausted') params.finalPrice = finalPriceOf(product, context.ledger);
  if (reason === 'gift_unavailable') params.gift = wantedGift(context, event)?.name ?? '';
  return { ...emptyOutput(), replies: [reply(reason, params)] };
}

export const bargainingMachine = setup({
  types: {
    context: {} as BargainingContext,
    events: {} as TurnEvent,
  },
  guards: {
    isOutOfScope: ({ context, event }) => !isBargainingTurn(context, event),
    // "满99不是送试吃装吗 我这单都189了": the promotion's gift is due, no haggling about it.
    promotionGiftDue: ({ context, event }) => isBargainingTurn(context, event) && promotionClaim(context, event)?.reached === true,
    asksForRemarkOfAgreed: ({ context, event }) => asksForRemarkOfAgreed(context, event),
    // "我在新疆 包邮吗" where postage is free anyway (template region or threshold reached): nothing to concede.
    postageAlreadyFree: ({ context, event }) => isBargainingTurn(context, event) && postageAsked(context, event)?.free === true,
    // "先给我留着 月底再买": the purchase put off, no new price asked (seed 002 借口型 价格差很多).
    defers: ({ event }) => !giftAsk(event) && defersPurchase(event.text) && offerInMessage(event) === null,
    lacksProduct: ({ event }) => event.facts.product === undefined,
    canConcede: ({ context, event }) => planFor(context, event)?.ok === true,
    insistsBeyondPolicy: ({ context, event }) => {
      const product = event.facts.product;
      const plan = planFor(context, event);
      return product !== undefined && plan !== null && !plan.ok && beyondCount(context, event, product) + 1 >= HANDOFF_AFTER_BEYOND_POLICY;
    },
  },
  actions: {
    markUnhandled: assign({ out: () => ({ ...emptyOutput(), unhandled: true }) }),
    rememberBasket: assign({
      basket: ({ context, event }) => (event.facts.basket !== undefined && event.facts.basket.length > 1 ? event.facts.basket.map((p) => p.id) : context.basket),
    }),
    rememberOffer: assign({
      // A postage ask names the fee ("就10块运费"), not a price: it is no offer to keep.
      offer: ({ context, event }) => (postageAsked(context, event) === null && !asksGift(event) ? effectiveOffer(context, event) : context.offer),
      askedGift: ({ context, event }) => wantedGift(context, event)?.id ?? context.askedGift,
      region: ({ context, event }) => regionOf(context, event),
      framing: ({ context, event }) => ownType(event) ?? context.framing ?? null,
    }),
    declineFirst: assign({
      requests: ({ context }) => context.requests + 1,
      out: ({ context, event }) => {
        const first = firstDeclineReply(context, event);
        const covers: IntentId[] = first.scriptId === 'bargaining.postage_decline' ? ['shipping_fee'] : first.scriptId === 'bargaining.promotion_not_reached' ? PROMOTION_ASKS : [];
        return { ...emptyOutput(), replies: [first], ...(covers.length > 0 ? { covers } : {}) };
      },
    }),
    confirmPromotionGift: assign(({ context, event }) => {
      const product = event.facts.product;
      const claim = promotionClaim(context, event);
      if (product === undefined || claim === null) return { out: { ...emptyOutput(), unhandled: true } };
      const order = openOrderFor(event.facts.orders, product.id);
      const orderRef = order === undefined ? {} : { orderId: order.id };
      const remark: Remark = { reason: `${claim.promotion.name}活动：随${product.name}赠送${claim.gift.name}（订单金额${claim.amount}元）`, ...orderRef };
      return {
        askedGift: claim.gift.id,
        noted: [...context.noted, remark],
        out: {
          ...emptyOutput(),
          replies: [reply('promotion_gift', { gift: claim.gift.name, promotion: claim.promotion.name, amount: claim.amount, product: product.name })],
          remarks: [remark],
          covers: PROMOTION_ASKS,
          promises: [{ kind: 'gift' as const, text: `${claim.promotion.name}：随${product.name}赠送${claim.gift.name}，已备注`, dueInHours: PROMISE_DUE_HOURS, ...orderRef }],
        },
      };
    }),
    confirmRemark: assign({
      out: ({ context }) => ({
        ...emptyOutput(),
        replies: [reply('remark_confirm', { task: context.noted.at(-1)!.reason })],
        remarks: [context.noted.at(-1)!],
      }),
    }),
    answerPostageFree: assign({
      region: ({ context, event }) => regionOf(context, event),
      out: ({ context, event }) => ({
        ...emptyOutput(),
        replies: [reply('postage_free', { region: postageAsked(context, event)?.region ?? '', product: event.facts.product?.name ?? event.facts.shop.name })],
        covers: ['shipping_fee' as const],
      }),
    }),
    acceptDeferral: assign({
      out: ({ event }) => ({ ...emptyOutput(), replies: [reply('defer', { product: event.facts.product?.name ?? event.facts.shop.name })] }),
    }),
    askProduct: assign({
      out: ({ event }) => ({ ...emptyOutput(), replies: [reply('ask_product', { shop: event.facts.shop.name })] }),
    }),
    grantConcession: assign(({ context, event }) => {
      const product = event.facts.product;
      const plan = planFor(context, event);
      if (product === undefined || plan === null || !plan.ok) return { out: { ...emptyOutput(), unhandled: true } };
      return {
        requests: context.requests + 1,
        ledger: [...context.ledger, plan.concession],
        noted: [...context.noted, ...concessionOutput(context, event, plan, product).remarks],
        // The ask is met: a later "再少点" is a new ask, not the same reduction again.
        offer: null,
        out: concessionOutput(context, event, plan, product),
      };
    }),
    declineBeyondPolicy: assign(({ context, event }) => {
      const product = event.facts.product;
      const plan = planFor(context, event);
      if (product === undefined || plan === null || plan.ok) return { out: { ...emptyOutput(), unhandled: true } };
      return {
        requests: context.requests + 1,
        beyondPolicy: { ...context.beyondPolicy, [beyondKey(context, event, product)]: beyondCount(context, event, product) + 1 },
        out: declineOutput(context, event, plan.reason, product),
      };
    }),
    handOff: assign(({ context, event }) => {
      const product = event.facts.product;
      const beyondPolicy = product === undefined ? context.beyondPolicy : { ...context.beyondPolicy, [beyondKey(context, event, product)]: beyondCount(context, event, product) + 1 };
      return {
        requests: context.requests + 1,
        beyondPolicy,
        out: { ...emptyOutput(), replies: [reply('handoff', { product: product?.name ?? event.facts.shop.name })], handoff: 'outside_policy' as const },
      };
    }),
  },
}).createMachine({
  id: 'bargaining',
  context: {
    out: emptyOutput(),
    requests: 0,
    ledger: [],
    offer: null,
    beyondPolicy: {},
    region: null,
    askedGift: null,
    noted: [],
    framing: null,
  },
  initial: 'opening',
  states: {
    /** No bargaining request yet: the first one is declined with the type's strategy. */
    opening: {
      on: {
        TURN: [
          { guard: 'isOutOfScope', actions: 'markUnhandled' },
          { guard: 'asksForRemarkOfAgreed', actions: 'confirmRemark' },
          { guard: 'promotionGiftDue', actions: ['rememberBasket', 'rememberOffer', 'confirmPromotionGift'] },
          { guard: 'postageAlreadyFree', actions: 'answerPostageFree' },
          { target: 'negotiating', actions: ['rememberBasket', 'rememberOffer', 'declineFirst'] },
        ],
      },
    },
    /** Declined once: one concession per request within policy, else a polite decline. */
    negotiating: {
      on: {
        TURN: [
          { guard: 'isOutOfScope', actions: 'markUnhandled' },
          { guard: 'asksForRemarkOfAgreed', actions: 'confirmRemark' },
          { guard: 'defers', actions: 'acceptDeferral' },
          { guard: 'promotionGiftDue', actions: ['rememberBasket', 'rememberOffer', 'confirmPromotionGift'] },
          { guard: 'postageAlreadyFree', actions: 'answerPostageFree' },
          { guard: 'lacksProduct', actions: ['rememberBasket', 'rememberOffer', 'askProduct'] },
          { guard: 'canConcede', actions: ['rememberBasket', 'rememberOffer', 'grantConcession'] },
          { guard: 'insistsBeyondPolicy', target: 'escalated', actions: ['rememberBasket', 'rememberOffer', 'handOff'] },
          { actions: ['rememberBasket', 'rememberOffer', 'declineBeyondPolicy'] },
        ],
      },
    },
    /** Handed to a human for money outside policy; a request still within policy (another product) is answered. */
    escalated: {
      on: {
        TURN: [
          { guard: 'isOutOfScope', actions: 'markUnhandled' },
          { guard: 'lacksProduct', actions: ['rememberBasket', 'rememberOffer', 'askProduct'] },
          { guard: 'canConcede', target: 'negotiating', actions: ['rememberBasket', 'rememberOffer', 'grantConcession'] },
          { actions: ['rememberBasket', 'rememberOffer', 'handOff'] },
        ],
      },
    },
  },
});
