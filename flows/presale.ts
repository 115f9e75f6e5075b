import { normalizeSameLength } from '../src/text/normalize.ts';
import { assign, setup } from 'xstate';
import type { IntentId } from '../src/nlu/intents.ts';
import { productsNamedTogether, purchaseLabel, purchaseTotal, severalItems } from '../src/shop/basket.ts';
import { promotionsFor, promotionsForCategoryNamed, promotionsNamed } from '../src/shop/promotions.ts';
import type { Product, Promotion, Shop, SizeRow } from '../src/shop/schema.ts';
import {
  adviseSize,
  askedAttributes,
  aboutToOrder,
  saysPaid,
  anotherProductAsked,
  correctionTarget,
  asksAboutReviewNotContact,
  asksReturnPolicy,
  asksSizeEnd,
  ASKS_RESTOCK,
  askedVariant,
  asksVariantList,
  asksExtraCharge,
  asksWhichVariant,
  bodyDataFromBareNumber,
  bodyDataOf,
  dayRange,
  findRegion,
  followUpDueInHours,
  formatDate,
  hasBodyData,
  heightInSizeQuestion,
  dispatchDayIfPaidNow,
  isFreeShippingRegion,
  joinList,
  lookUpStock,
  maskPhone,
  mergeBodyData,
  orderForCourier,
  speaksOfOrderToCome,
  orderToConfirm,
  paymentTopics,
  plausibleBodyData,
  sizeChartOf,
  sizeLabel,
  sizeLabelOf,
  variantWordsOf,
  type BodyData,
  type Alternative,
  type StockAnswer,
  purchaseQuantity,
  returnPolicyCategories,
  giftThresholdCheck,
  asksRestockNotice,
} from './presale-helpers.ts';
import { ordersHolding } from './logistics-helpers.ts';
import { asksWhichOfProduct, coloursCompared, coloursSetAside, coloursToRecommend } from './recommend-helpers.ts';
import { emptyOutput, type FlowOutput, type PromiseItem, type Remark, replyIn, type ReplyPlan, type TurnEvent } from './protocol.ts';

/**
 * Pre-sale questions (seed 000 售前客服手册, seed 002 客服标准用语, seed 004 售前工作流程):
 * greeting, stock, product info, size advice, recommendations, courier / shipping time / fee,
 * invoice, payment, installments, authenticity, review cashback, gifts, promotions, hesitation,
 * order placed (核对地址) and contact requests. Every answer comes from the turn's facts (shop,
 * product, the buyer's own orders); the machine only remembers what the buyer told it.
 *
 * States:
 * - `idle`: answers each question.
 * - `awaitingBodyData`: size advice asked for the height and/or weight (or the product) it
 *   lacks. A message with body data (whatever its intent, even `other`) goes on with the size
 *   advice; another pre-sale question is answered with one gentle reminder of what is missing,
 *   and if the buyer moves on again the machine stops waiting (what was given is kept for later).
 * - `hesitant`: the buyer said they will think about it and was asked what the doubt is. The
 *   next answer carries no invitation to order and ends with a gentle follow-up; a second
 *   hesitation (right away, or in `idle` after other questions) is respected without questions.
 *   No invitation to order is made again until the buyer orders.
 */

export interface PresaleContext {
  /** What this turn decided (replaced every turn). */
  out: FlowOutput;
  /** Height and weight the buyer has given so far (size advice). */
  body: BodyData;
  /** The province the buyer named last (shipping time and fee). */
  region: string | null;
  /** Welcomed already (a later 在吗 gets a shorter answer). */
  greeted: boolean;
  /** The after-hours follow-up was promised already (recorded once). */
  followUpPromised: boolean;
  /** The buyer hesitated and has not ordered since: no invitation to order. */
  hesitated: boolean;
  /** Reminders of the missing body data while waiting for it. */
  bodyReminders: number;
  /** The variant of the last stock question ("啥时候补货" right after is about it); absent in older snapshots. */
  stockAsked?: { productId: string; color: string | null; size: string | null } | null;
  /** The last question about a product ("有什么颜色"): a correction of the product ("不对 我说的是女款") asks it again; absent in older snapshots. */
  lastQuestion?: { intent: IntentId; text: string; productId?: string } | null;
  /** The courier at an extra fee the buyer asked for ("能发sf吗"): "要加多少钱" afterwards is its fee; absent in older snapshots. */
  courierAsked?: string | null;
  /** The buyer spoke of an order still to place ("今天下单今天能发吗"), none placed since; absent in older snapshots. */
  orderToCome?: boolean;
}

/**
 * Optional start values. xstate infers the input type without `undefined` (the `input` slot of
 * setup's types is optional), so typed callers pass `{ input: {} }`; the engine starts the
 * machine without input, which the context factory accepts.
 */
export interface PresaleInput {
  /** Body data and region already known (e.g. from an earlier conversation). */
  body?: Partial<BodyData>;
  region?: string;
}

/** The intents this machine answers (ids of intents.md); anything else is `unhandled`. */
export const PRESALE_INTENTS: readonly IntentId[] = [
  'greeting', 'stock', 'product_info', 'size_advice', 'recommend', 'shipping_courier', 'shipping_time', 'shipping_fee',
  'invoice', 'payment_method', 'installment', 'authenticity', 'review_cashback', 'gift', 'promotion', 'hesitation',
  'order_placed', 'contact_request',
];

/** Reminders of missing body data before the machine stops waiting for it. */
export const BODY_REMINDERS = 1;

const isPresaleIntent = (intent: IntentId): boolean => PRESALE_INTENTS.includes(intent);

const reply = replyIn('presale');

/** One intent's answer. */
interface Answer {
  replies: ReplyPlan[];
  remarks?: Remark[];
  promises?: PromiseItem[];
  /** An in-stock or size answer: the buyer could order now (a gentle invitation may follow). */
  readyToBuy?: boolean;
  /** Further asks this answer already answers (a gift's threshold checked answers 送试吃装吗 too). */
  covers?: IntentId[];
}

/** What an answer may read from the turn: the event, the context and what this turn adds to it. */
interface Turn {
  context: PresaleContext;
  event: TurnEvent;
  body: BodyData;
  region: string | null;
}

const productOf = (turn: Turn): Product | undefined => turn.event.facts.product;
/** What agents call a product in chat (the engine already passes the current product so). */
const displayName = (p: Product): string => p.shortName ?? p.name;
function shopReturnPolicy(turn: Turn): Answer {
  const { included, excluded } = returnPolicyCategories(turn.event.facts.shop);
  if (included.length === 0) return askProduct(turn);
  const categories = joinList(included);
  return {
    replies: [excluded.length === 0 ? reply('product_info.return_policy_shop_all', { categories }) : reply('product_info.return_policy_shop', { categories, excludedCategories: joinList(excluded) })],
  };
}

const askProduct = (turn?: Turn): Answer => {
  const candidates = turn?.event.facts.productCandidates ?? [];
  return { replies: [candidates.length > 1 ? reply('ask_product_among', { candidates: joinList(candidates) }) : reply('ask_product')] };
};

// ---------------------------------------------------------------- greeting

function greetingAnswer({ context, event }: Turn): Answer {
  const { shop, agent, withinWorkingHours, now } = event.facts;
  if (withinWorkingHours) return { replies: [reply(context.greeted ? 'greeting.again' : 'greeting.welcome', { shop: shop.name, agent })] };
  const promises: PromiseItem[] = context.followUpPromised
    ? []
    : [{ kind: 'follow_up', text: '非工作时间的留言，由客服同事在工作时间跟进回复', dueInHours: followUpDueInHours(shop, now) }];
  return { replies: [reply('greeting.after_hours', { shop: shop.name })], promises };
}

// ---------------------------------------------------------------- stock

function alternativeReply(alternative: Alternative, stockReply: (scriptId: string, params: ReplyPlan['params']) => ReplyPlan, label: (size: string) => string): ReplyPlan {
  switch (alternative.kind) {
    case 'color_in_stock':
      return stockReply('stock.alternative_sizes', { color: alternative.color, sizes: joinList(alternative.sizes.map(label)) });
    case 'size_in_stock':
      return stockReply('stock.alternative_colors', { size: label(alternative.size), colors: joinList(alternative.colors) });
    case 'overview':
      return stockReply('stock.alternative_overview', { colors: joinList(alternative.colors), sizes: joinList(alternative.sizes.map(label)) });
  }
}

function stockReplies(product: Product, answer: StockAnswer): Answer {
  const name = displayName(product);
  // Snacks and the like: 口味/规格 instead of 颜色/尺码, and no 码 after "250g袋装".
  const words = variantWordsOf(product);
  const sizeLabel = (size: string): string => sizeLabelOf(product, size);
  const stockReply = (scriptId: string, params: ReplyPlan['params']): ReplyPlan => reply(scriptId, { ...params, ...words });
  switch (answer.kind) {
    case 'in_stock':
      return { replies: [stockReply('stock.in_stock', { product: name, color: answer.color, size: sizeLabel(answer.size) })], readyToBuy: true };
    case 'size_in_stock':
      return { replies: [stockReply('stock.size_in_stock', { product: name, size: sizeLabel(answer.size), colors: joinList(answer.colors) })], readyToBuy: true };
    case 'color_in_stock':
      return { replies: [stockReply('stock.color_in_stock', { product: name, color: answer.color, sizes: joinList(answer.sizes.map(sizeLabel)) })], readyToBuy: true };
    case 'overview':
      return { replies: [stockReply('stock.overview', { product: name, colors: joinList(answer.colors), sizes: joinList(answer.sizes.map(sizeLabel)) })] };
    case 'all_out':
      return {
        replies: [
          answer.restockDate === null
            ? stockReply('stock.all_out_no_date', { product: name })
            : stockReply('stock.all_out_with_date', { product: name, restockDate: formatDate(answer.restockDate) }),
        ],
      };
    case 'unknown_variant':
      return {
        replies: [
          stockReply('stock.unknown_variant', {
            product: name,
            color: answer.color ?? '',
            size: answer.size === null ? '' : sizeLabel(answer.size),
            colors: joinList(answer.colors),
            sizes: joinList(answer.sizes.map(sizeLabel)),
          }),
        ],
      };
    case 'out': {
      const variant = { product: name, color: answer.color ?? '', size: answer.size === null ? '' : sizeLabel(answer.size) };
      const out =
        answer.restockDate === null
          ? stockReply('stock.out_no_date', variant)
          : stockReply('stock.out_with_date', { ...variant, restockDate: formatDate(answer.restockDate) });
      return { replies: answer.alternative === null ? [out] : [out, alternativeReply(answer.alternative, stockReply, sizeLabel)] };
    }
  }
}


const FOLLOW_UP = /^(?:那|那么|那麼|还有|還有)|呢[？?]*$/u;

/** "深蓝33有吗": a size of the product written without 码 (jeans sizes are numbers). */
function withBareSize(named: { color: string | null; size: string | null }, product: Product, text: string): { color: string | null; size: string | null } {
  if (named.size !== null) return named;
  const sizes = [...new Set(product.skus.map((s) => s.size))].filter((size) => /^\d{2,3}$/.test(size));
  const bare = sizes.find((size) => new RegExp(`(?<!\\d)${size}(?!\\d|元|块|斤|kg|cm|天|件)`, 'u').test(text));
  return bare === undefined ? named : { ...named, size: bare };
}

/** The variant a stock question is about: the one named, else — for a restock follow-up — the one asked just before. */
function stockVariant(turn: Turn, product: Product): { color: string | null; size: string | null } {
  // Colours are matched on the simplified text ("燕麥色" is 燕麦色); a bare size counts as named ("浅蓝29呢").
  const named = withBareSize(askedVariant(turn.event.entities, product, normalizeSameLength(turn.event.text)), product, turn.event.text);
  const before = turn.context.stockAsked;
  if (before == null || before.productId !== product.id) return named;
  // "那XL呢" after "黑色有吗": the colour stays, the size is new (and the other way round).
  // ("那XXL啥颜色有货": the colours are what is asked — the colour before does not stay.)
  if (FOLLOW_UP.test(turn.event.text.trim()) && (named.color === null) !== (named.size === null)) {
    const which = asksWhichVariant(normalizeSameLength(turn.event.text));
    return { color: named.color ?? (which.color ? null : before.color), size: named.size ?? (which.size ? null : before.size) };
  }
  if (named.color !== null || named.size !== null) return named;
  return ASKS_RESTOCK.test(normalizeSameLength(turn.event.text)) ? { color: before.color, size: before.size } : named;
}

/** A question about the product's colours or sizes: one named, or which there are. */
function asksAboutVariants(turn: Turn, product: Product): boolean {
  const named = askedVariant(turn.event.entities, product, normalizeSameLength(turn.event.text));
  return named.color !== null || named.size !== null || asksVariantList(normalizeSameLength(turn.event.text));
}

function stockAnswer(turn: Turn): Answer {
  const product = productOf(turn);
  if (product === undefined) return askProduct(turn);
  // "到时候通知我一下" after an out-of-stock answer: how the buyer hears of it, no promise of a message.
  if (turn.context.stockAsked?.productId === product.id && asksRestockNotice(normalizeSameLength(turn.event.text))) {
    return { replies: [reply('stock.restock_notice', { product: displayName(product) })] };
  }
  return stockReplies(product, lookUpStock(product, stockVariant(turn, product), turn.event.facts.now));
}

/** Clauses of a message with their offsets in it (spaces and punctuation cut them). */
function clausesWithOffsets(text: string): { text: string; start: number }[] {
  return [...text.matchAll(/[^\s,.!?;~，。！？；、]+/gu)].map((m) => ({ text: m[0], start: m.index }));
}

/** A follow-up about another variant is short: "那M呢", "还有黑色呢". */
const FOLLOW_UP_CLAUSE_CHARS = 8;

/**
 * "那M呢，今天能发货吗" right after a stock answer: beside the other question, a short follow-up clause
 * naming another colour or size of the product just asked about — its stock is asked too.
 */
function followUpStockTurn(turn: Turn): Turn | null {
  const product = productOf(turn);
  const before = turn.context.stockAsked;
  if (product === undefined || before == null || before.productId !== product.id || turn.event.intent === 'stock') return null;
  for (const clause of clausesWithOffsets(turn.event.text)) {
    if ([...clause.text].length > FOLLOW_UP_CLAUSE_CHARS || !FOLLOW_UP.test(clause.text) || clause.text === turn.event.text.trim()) continue;
    const end = clause.start + clause.text.length;
    const entities = turn.event.entities.filter((e) => e.start >= clause.start && e.end <= end);
    const named = askedVariant(entities, product, normalizeSameLength(clause.text));
    if (named.color === null && named.size === null) continue;
    return { ...turn, event: { ...turn.event, intent: 'stock', text: clause.text, entities } };
  }
  return null;
}

// ---------------------------------------------------------------- product info

/**
 * "多少钱", "什么价", "价格多少": the list price (not haggling: nothing asks for less). A bare "多少" right
 * after a product was asked about is its price too (the message counts nothing else).
 */
export const PRICE_QUESTION = /多少钱|多少錢|什么价|什麼價|啥价|啥價|价格多少|價格多少|价钱|價錢|几块钱|幾塊錢|卖多少|賣多少|售价|售價|标价|標價|^\s*(?:那|那么|那麼)?(?:这个|這個|这件|這件|这款|這款|它)?(?:要)?多少(?:啊|呀|呢|嘞)?[？?。!！\s]*$/u;
/** "敢说全网最低吗", "是不是最便宜的": an honest answer without a superlative (广告法). */
export const LOWEST_PRICE_CLAIM = /全网最低|全網最低|最低价|最低價|最便宜|全网最便宜|全網最便宜|比别家都便宜|比別家都便宜|价格最低|價格最低/u;

/** The product's qualities the text asks about (and those it has no value for), one reply each. */
function attributeReplies(product: Product, text: string): ReplyPlan[] {
  // Attribute words are matched on the simplified text ("保質期" is 保质期).
  const { found, missing } = askedAttributes(product, normalizeSameLength(text));
  return [
    ...found.map((f) => reply('product_info.attribute', { product: displayName(product), attribute: f.attribute, value: f.value })),
    ...missing.map((attribute) => reply('product_info.missing_attribute', { product: displayName(product), attribute })),
  ];
}

function productInfoAnswer(turn: Turn): Answer {
  const product = productOf(turn);
  if (LOWEST_PRICE_CLAIM.test(turn.event.text)) return { replies: [reply('product_info.price_claim', { shop: turn.event.facts.shop.name })] };
  // "毛衣和围巾一起买多少钱": each price and the sum, not "which one?".
  const together = PRICE_QUESTION.test(turn.event.text) ? productsNamedTogether(turn.event.facts.shop, turn.event.text) : [];
  if (together.length > 1) {
    const prices = joinList(together.map((p) => `${displayName(p)}${p.price}元`));
    const amount = Math.round(together.reduce((sum, p) => sum + p.price, 0) * 100) / 100;
    return { replies: [reply('product_info.price_together', { prices, amount })] };
  }
  // "你们家支持七天无理由吗" with no product known: the shop's general policy, by category.
  if (product === undefined && asksReturnPolicy(normalizeSameLength(turn.event.text))) return shopReturnPolicy(turn);
  if (product === undefined) return askProduct(turn);
  // "围巾多长？能机洗吗？多少钱": the qualities asked beside the price are answered too.
  if (PRICE_QUESTION.test(turn.event.text)) return { replies: [...attributeReplies(product, turn.event.text), reply('product_info.price', { product: displayName(product), price: product.price })] };
  // "不合适能退吗" before ordering: the product's 7-day return policy.
  if (asksReturnPolicy(normalizeSameLength(turn.event.text))) {
    return { replies: [reply(product.sevenDayReturn === true ? 'product_info.return_policy' : 'product_info.return_policy_excluded', { product: displayName(product) })] };
  }
  const replies = attributeReplies(product, turn.event.text);
  if (replies.length > 0) return { replies };
  // "围巾有白色吗", "有什么颜色": the colours and sizes the product has, from its SKUs.
  if (asksAboutVariants(turn, product)) return stockReplies(product, lookUpStock(product, stockVariant(turn, product), turn.event.facts.now));
  const known = Object.keys(product.attributes).slice(0, 3);
  if (known.length === 0) return { replies: [reply('product_info.detail_page', { product: displayName(product) })] };
  return { replies: [reply('product_info.ask', { product: displayName(product), attribute: joinList(known) })] };
}

// ---------------------------------------------------------------- size advice

type Sizing = { status: 'waiting' | 'answered' } & Answer;

function askForBody(body: BodyData): ReplyPlan[] {
  if (body.heightCm === null && body.weightKg === null) return [reply('size_advice.ask_both')];
  if (body.weightKg === null) return [reply('size_advice.ask_weight', { height: body.heightCm! })];
  if (body.heightCm === null) return [reply('size_advice.ask_height', { weight: body.weightKg })];
  return [];
}

function remindOfBody(body: BodyData): ReplyPlan[] {
  if (body.heightCm === null && body.weightKg === null) return [reply('size_advice.remind_both')];
  if (body.weightKg === null) return [reply('size_advice.remind_weight', { height: body.heightCm! })];
  if (body.heightCm === null) return [reply('size_advice.remind_height', { weight: body.weightKg })];
  return [];
}

/** The chart's sizes, its largest (or smallest) size and the height and weight that size fits. */
function sizeEndParams(product: Product, chart: readonly SizeRow[], end: 'largest' | 'smallest'): Record<string, string> {
  const row = end === 'largest' ? chart.at(-1)! : chart[0]!;
  return {
    product: displayName(product),
    sizes: joinList(chart.map((r) => sizeLabelOf(product, r.size))),
    size: sizeLabelOf(product, row.size),
    measures: `身高${row.heightMin}-${row.heightMax}cm、体重${row.weightMinKg}-${row.weightMaxKg}kg`,
  };
}

/** Size advice from the product's size chart once height and weight are known (never a promise of fit). */
function sizing(turn: Turn): Sizing {
  const product = productOf(turn);
  const { body } = turn;
  if (product === undefined) return { status: 'waiting', replies: [reply('ask_product'), ...askForBody(body)] };
  const chart = sizeChartOf(turn.event.facts.shop, product);
  if (chart === undefined) {
    const sizes = joinList([...new Set(product.skus.map((s) => sizeLabelOf(product, s.size)))]);
    return { status: 'answered', replies: [reply('size_advice.no_chart', { product: displayName(product), sizes })] };
  }
  // "最大的码是多大": the end of the size range asked about, from the chart (a fact, no advice needed).
  const end = asksSizeEnd(normalizeSameLength(turn.event.text));
  if (end !== null) return { status: 'answered', replies: [reply(`size_advice.${end}`, sizeEndParams(product, chart, end))] };
  if (body.heightCm === null || body.weightKg === null) return { status: 'waiting', replies: askForBody(body) };
  const measures = { height: body.heightCm, weight: body.weightKg };
  const advice = adviseSize(chart, body.heightCm, body.weightKg);
  switch (advice.kind) {
    case 'fit':
      return { status: 'answered', replies: [reply('size_advice.fit', { ...measures, size: sizeLabel(advice.size) })], readyToBuy: true };
    case 'between':
      return {
        status: 'answered',
        replies: [reply('size_advice.between', { ...measures, sizes: joinList(advice.sizes.map(sizeLabel)), size: sizeLabel(advice.sizes.at(-1)!) })],
        readyToBuy: true,
      };
    case 'outside':
      // Above (or below) the chart: the nearest end of the range and what it fits, never a promise of fit.
      return { status: 'answered', replies: [reply(advice.end === 'largest' ? 'size_advice.outside_chart' : 'size_advice.below_chart', { ...measures, ...sizeEndParams(product, chart, advice.end) })] };
    case 'no_match':
      return { status: 'answered', replies: [reply('size_advice.no_match', measures)] };
  }
}

// ---------------------------------------------------------------- recommend

function recommendAnswer(turn: Turn): Answer {
  const { shop } = turn.event.facts;
  const product = productOf(turn);
  const variants = product === undefined ? undefined : variantsRecommended(product, turn.event.text);
  if (variants !== undefined) return { replies: [variants] };
  const related = (product?.recommend ?? []).flatMap((id) => shop.products.filter((p) => p.id === id && p.id !== product?.id).map(displayName));
  if (product !== undefined && related.length > 0) {
    return { replies: [reply('recommend.related', { product: displayName(product), recommendation: joinList(related) })] };
  }
  const others = shop.products.filter((p) => p.id !== product?.id).map(displayName);
  const names = (others.length > 0 ? others : shop.products.map(displayName)).slice(0, 3);
  return { replies: [reply('recommend.general', { recommendation: joinList(names) })] };
}

/** "配什么围巾好看": the product's colours in stock; "燕麦色的买过了 还有呢": the others. Undefined when neither is asked. */
/**
 * "配什么围巾好看", "酒红色和格纹灰哪个好看", "燕麦色的买过了 还有呢": which of the product to pick — its
 * colours in stock (those compared, or all but those set aside), the choice left to the buyer.
 */
function variantsRecommended(product: Product, text: string): ReplyPlan | undefined {
  const setAside = coloursSetAside(product, text);
  const compared = coloursCompared(product, text);
  const inStock = coloursToRecommend(product, setAside);
  const params = { product: displayName(product), colorWord: variantWordsOf(product).colorWord };
  if (compared.length > 0) {
    const both = inStock.filter((c) => compared.includes(c));
    return both.length === 0 ? undefined : reply('recommend.colors', { ...params, colors: joinList(both) });
  }
  if (inStock.length === 0) return undefined;
  if (setAside.length > 0) return reply('recommend.other_variants', { ...params, colors: joinList(inStock), color: joinList(setAside) });
  return asksWhichOfProduct(product, text) ? reply('recommend.variants', { ...params, colors: joinList(inStock) }) : undefined;
}

// ---------------------------------------------------------------- shipping

const sameCourier = (a: string, b: string): boolean => a === b || a.includes(b) || b.includes(a);
const askedCourier = (event: TurnEvent): string | null => event.entities.find((e) => e.type === 'courier')?.name ?? null;

function courierOptions(event: TurnEvent): string {
  return joinList(event.facts.shop.shipping.otherCouriers.map((c) => `${c.courier}（需补${c.extraFee}元运费）`));
}

/**
 * Another courier the shop offers: its fee told before payment, and a remark on the order meant —
 * unpaid (the fee told before payment), or paid and not shipped yet (the change and the fee to make up).
 */
function otherCourierAnswer({ event, context }: Turn, courier: string, fee: number): Answer {
  const order = orderForCourier(event.text, event.facts.orders, event.facts.orderCues, context.orderToCome === true || speaksOfOrderToCome(event.text));
  if (order === undefined) return { replies: [reply('shipping_courier.other', { courier, fee })] };
  if (order.state === 'unpaid') {
    return { replies: [reply('shipping_courier.other', { courier, fee })], remarks: [{ orderId: order.id, reason: `顾客指定${courier}，需补运费${fee}元，已在付款前告知` }] };
  }
  return {
    replies: [reply('shipping_courier.other_paid', { orderId: order.id, courier, fee })],
    remarks: [{ orderId: order.id, reason: `顾客要求改发${courier}，同意补运费${fee}元，补齐后请仓库改发${courier}` }],
  };
}

function courierAnswer(turn: Turn): Answer {
  const { event } = turn;
  const { shipping } = event.facts.shop;
  const asked = askedCourier(event);
  if (asked === null || sameCourier(asked, shipping.courier)) {
    const replies = [reply('shipping_courier.default', { courier: shipping.courier })];
    if (asked === null && shipping.otherCouriers.length > 0) replies.push(reply('shipping_courier.options', { couriers: courierOptions(event) }));
    return { replies };
  }
  const other = shipping.otherCouriers.find((c) => sameCourier(asked, c.courier));
  if (other !== undefined) return otherCourierAnswer(turn, other.courier, other.extraFee);
  const couriers = joinList([shipping.courier, ...shipping.otherCouriers.map((c) => c.courier)]);
  return { replies: [reply('shipping_courier.unavailable', { courier: asked, couriers })] };
}

/** The buyer's region: named now or before, else the receiver region of their newest order. */
const regionOf = (turn: Turn): string | null => turn.region ?? turn.event.facts.orders[0]?.receiver.region ?? null;

function shippingTimeAnswer(turn: Turn): Answer {
  const { shipping } = turn.event.facts.shop;
  const region = regionOf(turn);
  const days = dayRange(region !== null && !isFreeShippingRegion(turn.event.facts.shop, region) ? shipping.deliveryDays.remote : shipping.deliveryDays.normal);
  // Past today's cut-off or on a day the shop is closed: the day an order paid now leaves, not "当天".
  const dispatch = dispatchDayIfPaidNow(turn.event.facts.shop, new Date(turn.event.facts.now));
  if (dispatch.kind !== 'today') {
    const where = region === null ? 'general' : 'region';
    const params = { cutoff: shipping.cutoff, days, day: dispatch.day, ...(region === null ? {} : { region }), ...(dispatch.kind === 'closed' ? { closure: dispatch.closure } : {}) };
    return { replies: [reply(`shipping_time.${dispatch.kind}_${where}`, params)] };
  }
  if (region === null) return { replies: [reply('shipping_time.general', { cutoff: shipping.cutoff, days })] };
  return { replies: [reply('shipping_time.region', { cutoff: shipping.cutoff, region, days })] };
}

/** More free-shipping regions than this are summed up as 大部分地区 instead of listed. */
const FREE_REGIONS_LISTED = 8;

/**
 * The template's answer: free regions; elsewhere the remote fee, unless the order total reaches
 * the free-shipping threshold (0: no threshold) — which one product alone may already do.
 */
function templateFeeReply(turn: Turn): ReplyPlan {
  const { shop, product } = turn.event.facts;
  const { shipping } = shop;
  const threshold = shop.bargaining.freeShippingThreshold;
  const fee = shipping.remoteFee;
  const region = regionOf(turn);
  if (region === null) {
    const free = shipping.freeShippingRegions.length > FREE_REGIONS_LISTED ? '大部分地区' : joinList(shipping.freeShippingRegions);
    return threshold > 0 ? reply('shipping_fee.ask_region_threshold', { region: free, fee, threshold }) : reply('shipping_fee.ask_region', { region: free, fee });
  }
  if (isFreeShippingRegion(shop, region)) return reply('shipping_fee.free', { region, courier: shipping.courier });
  if (threshold <= 0) return reply('shipping_fee.remote', { region, fee });
  // "两袋核桃" … "再加一盒鲜花饼": the purchase described so far, at list prices, against the threshold.
  const purchase = turn.event.facts.purchase;
  if (purchase !== undefined && severalItems(purchase)) {
    const amount = purchaseTotal(shop, purchase);
    const items = purchaseLabel(shop, purchase);
    return amount >= threshold ? reply('shipping_fee.basket_free', { region, threshold, product: items, amount }) : reply('shipping_fee.basket_short', { region, threshold, product: items, amount, fee });
  }
  if (product !== undefined && product.price >= threshold) return reply('shipping_fee.remote_free_over', { region, threshold });
  // "买6盒鲜花饼包邮吗": the quantity said, times the list price, against the threshold.
  const quantity = product === undefined ? null : purchaseQuantity(normalizeSameLength(turn.event.text));
  if (product !== undefined && quantity !== null && quantity.count > 1) {
    const amount = Math.round(quantity.count * product.price * 100) / 100;
    const items = `${quantity.count}${quantity.unit}${product.shortName ?? product.name}`;
    return amount >= threshold
      ? reply('shipping_fee.basket_free', { region, threshold, product: items, amount })
      : reply('shipping_fee.basket_short', { region, threshold, product: items, amount, fee });
  }
  // "加个毛衣凑一下 够包邮了吧": the products bought together, at their list prices.
  const basket = turn.event.facts.basket ?? [];
  if (basket.length > 1) {
    const total = basket.reduce((sum, p) => sum + p.price, 0);
    const products = basket.map((p) => p.shortName ?? p.name).join('和');
    return total >= threshold
      ? reply('shipping_fee.basket_free', { region, threshold, product: products, amount: total })
      : reply('shipping_fee.basket_short', { region, threshold, product: products, amount: total, fee });
  }
  return reply('shipping_fee.remote_threshold', { region, fee, threshold });
}

function shippingFeeAnswer(turn: Turn): Answer {
  const { event } = turn;
  const { shop } = event.facts;
  const answer: Answer = { replies: [templateFeeReply(turn)] };
  // 「发顺丰要加钱吗」: the courier's extra fee, before payment.
  const asked = askedCourier(event);
  const other = asked === null ? undefined : shop.shipping.otherCouriers.find((c) => sameCourier(asked, c.courier));
  if (other === undefined) {
    // "要加多少钱" after "能发sf吗" (no courier, no region named): the extra fee of the courier asked for.
    const before = asked === null && findRegion(event.text) === null && asksExtraCharge(event.text) ? extraFeeCourier(event, turn.context.courierAsked) : undefined;
    return before === undefined ? answer : { replies: [reply('shipping_courier.fee', { courier: before.courier, fee: before.extraFee })] };
  }
  const extra = otherCourierAnswer(turn, other.courier, other.extraFee);
  return { replies: [...answer.replies, ...extra.replies], remarks: extra.remarks ?? [] };
}

/** The shop's courier at an extra fee of that name, if any. */
const extraFeeCourier = (event: TurnEvent, name: string | null | undefined) =>
  name == null ? undefined : event.facts.shop.shipping.otherCouriers.find((c) => sameCourier(name, c.courier));

// ---------------------------------------------------------------- invoice, payment, installments

/** 专票 / 增值税专用发票 (traditional characters too). */
export const asksSpecialInvoice = (text: string): boolean => /[专專](?:票|用[发發]票)/.test(text);

/**
 * The invoice answer before an order exists (seed 004 case 1): always available, no charge, the
 * 发票抬头 goes in the 买家留言. The invoice flow uses it too when the buyer has no order.
 */
export function preOrderInvoiceReply(event: TurnEvent): ReplyPlan {
  const { invoice } = event.facts.shop;
  const params = { category: invoice.category, delivery: invoice.delivery };
  // Asked for a 专票: say first what the shop issues, never "可以开" first.
  if (asksSpecialInvoice(event.text)) return reply('invoice.special', { ...params, invoiceKind: invoice.kind });
  return reply('invoice.available', params);
}

const invoiceAnswer = ({ event }: Turn): Answer => ({ replies: [preOrderInvoiceReply(event)] });

const PAYMENT_SCRIPTS = {
  cod: 'payment.cod_declined',
  transfer: 'payment.transfer_declined',
  wechat: 'payment.wechat_declined',
  credit_card: 'payment.credit_card',
  huabei: 'payment.huabei',
  methods: 'payment.methods',
} as const;

function paymentAnswer({ event }: Turn): Answer {
  return { replies: paymentTopics(event.text).map((topic) => reply(PAYMENT_SCRIPTS[topic])) };
}

function installmentAnswer({ event }: Turn): Answer {
  const huabei = event.text.includes('花呗');
  const card = event.text.includes('信用卡') || !huabei;
  return { replies: [...(card ? [reply('installment.bank')] : []), ...(huabei ? [reply('installment.huabei')] : [])] };
}

// ---------------------------------------------------------------- authenticity, cashback, gifts, promotions

const authenticityAnswer = ({ event }: Turn): Answer => ({
  replies: [reply('authenticity.wording', { wording: event.facts.shop.authenticityWording })],
});

const reviewCashbackAnswer = ({ event }: Turn): Answer => ({
  replies: [reply('review_cashback.activity', { activity: event.facts.shop.reviewActivity })],
});

const GIFT_ASKS: IntentId[] = ['gift', 'promotion'];
/** The message speaks of a gift (送/赠/试吃…), not only of a discount. */
const GIFT_WORDS = /[赠贈送]|试吃|試吃|赠品|贈品/u;

/** A promotion that comes with a gift (its name or description says 赠/送). */
const hasGift = (promotion: Promotion): boolean => /[赠贈送]/.test(`${promotion.name}${promotion.description}`);

/**
 * Gifts follow the shop's activities: a current promotion with a gift that applies to the
 * product asked about, else the activity page. A gift as a concession is the bargaining flow's.
 */
/** "就买一袋山核桃 送试吃装吗", "那再加两盒鲜花饼呢", "我那单零食满99了吧": the amount against a gift promotion's threshold. */
function giftThresholdAnswer(turn: Turn): Answer | undefined {
  const { facts, text } = turn.event;
  const check = giftThresholdCheck({ shop: facts.shop, text, orders: facts.orders, product: productOf(turn), basket: facts.basket, purchase: facts.purchase });
  if (check === undefined) return undefined;
  const params = { promotion: check.promotion.name, threshold: check.promotion.minAmount, amount: check.amount, gift: check.gift.name };
  if (check.order !== undefined) {
    const orderId = check.order.id;
    if (!check.reached) return { replies: [reply('gift.order_short', { ...params, orderId })], covers: GIFT_ASKS };
    return {
      replies: [reply('gift.order_reached', { ...params, orderId })],
      covers: GIFT_ASKS,
      remarks: [{ orderId, reason: `${check.promotion.name}：活动商品合计${check.amount}元，满${check.promotion.minAmount}元，随单赠送${check.gift.name}` }],
    };
  }
  const product = check.label ?? (check.products ?? []).map(displayName).join('和');
  return { replies: [reply(check.reached ? 'gift.threshold_reached' : 'gift.threshold_short', { ...params, product })], covers: GIFT_ASKS };
}

function giftAnswer(turn: Turn): Answer {
  const threshold = giftThresholdAnswer(turn);
  if (threshold !== undefined) return threshold;
  const product = productOf(turn);
  const promotion = product === undefined ? undefined : promotionsFor(turn.event.facts.shop, product).find(hasGift);
  // "零食呢": a category named, no product — its gift promotion, if it has one.
  const forCategory = product === undefined ? promotionsForCategoryNamed(turn.event.facts.shop, turn.event.text).find((c) => hasGift(c.promotion)) : undefined;
  if (forCategory !== undefined) {
    const { category, promotion: p } = forCategory;
    return { replies: [reply('gift.promotion', { product: category, promotion: p.name, promotionDetail: p.description })] };
  }
  if (product === undefined || promotion === undefined) return { replies: [reply('gift.per_activity')] };
  return { replies: [reply('gift.promotion', { product: displayName(product), promotion: promotion.name, promotionDetail: promotion.description })] };
}

/**
 * The activities the buyer can join: with a product talked about, those that apply to it (and
 * the shop-wide ones) — the snack offer is no answer to "大衣有啥活动"; without one, or asked about
 * the shop ("店里有啥活动"), all of them.
 */
const SHOP_WIDE = /店铺|店鋪|店里|店裡|全店|你家|你们家|你們家/u;

function promotionAnswer(turn: Turn): Answer {
  // "我那单零食满99了吧 送试吃装吗": whether a gift's threshold is reached, when there is something to count.
  const threshold = GIFT_WORDS.test(turn.event.text) ? giftThresholdAnswer(turn) : undefined;
  if (threshold !== undefined) return threshold;
  const { shop } = turn.event.facts;
  const product = productOf(turn);
  const promotions = product === undefined || SHOP_WIDE.test(turn.event.text) ? shop.promotions : promotionsFor(shop, product);
  if (promotions.length === 0) return { replies: [reply('promotion.none')] };
  // "满299不是有减20的券吗": the promotion asked about, not the whole list.
  const named = promotionsNamed(shop, turn.event.text);
  const answered = named.length > 0 ? named : promotions;
  return { replies: answered.slice(0, 3).map((p) => reply('promotion.current', { promotion: p.name, promotionDetail: p.description })) };
}

// ---------------------------------------------------------------- hesitation, order placed, contact

function hesitationAnswer(turn: Turn): Answer {
  return { replies: [reply(productOf(turn)?.sevenDayReturn === true ? 'hesitation.ask' : 'hesitation.ask_plain')] };
}

/** The buyer's own order, confirmed as its state is: the receiver to check while open, the courier once shipped. */
function orderPlacedAnswer(turn: Turn): Answer {
  const { event } = turn;
  const order = orderToConfirm(event.facts.orders, event.entities, productOf(turn)?.id);
  // "好 我去拍了": nothing placed yet — thanks, and what to check when ordering.
  if (order === undefined) return { replies: [reply(aboutToOrder(normalizeSameLength(event.text)) ? 'order_placed.about_to_order' : 'order_placed.ask_order')] };
  const orderId = order.id;
  const receiver = { orderId, receiver: order.receiver.name, phone: maskPhone(order.receiver.phone), address: order.receiver.address };
  switch (order.state) {
    case 'unpaid':
      // "零食那单我付了" while the order shows no payment: say what the order says, nothing to ship yet.
      if (saysPaid(normalizeSameLength(event.text))) return { replies: [reply('order_placed.claimed_paid_unpaid', { orderId })] };
      return { replies: [reply('order_placed.confirm_unpaid', receiver)] };
    case 'paid':
      return { replies: [reply('order_placed.confirm_paid', receiver)] };
    case 'printed':
      return { replies: [reply('order_placed.preparing', receiver)] };
    case 'shipped':
    case 'delivered':
      return {
        replies: [
          order.courier !== undefined && order.trackingNumber !== undefined
            ? reply('order_placed.shipped', { orderId, courier: order.courier, trackingNumber: order.trackingNumber })
            : reply('order_placed.shipped_no_tracking', { orderId }),
        ],
      };
    case 'completed':
      return { replies: [reply('order_placed.completed', { orderId })] };
    case 'refunding':
      return { replies: [reply('order_placed.refunding', { orderId })] };
  }
}

/** Contact off the platform is declined; a review question read as one ("晒图的话给多少") gets the review activity. */
const contactAnswer = (turn: Turn): Answer =>
  asksAboutReviewNotContact(normalizeSameLength(turn.event.text)) ? reviewCashbackAnswer(turn) : { replies: [reply('contact_request.decline')] };

/** The answer of each pre-sale intent but size advice (slot filling: see sizing(), called by planTurn). */
const ANSWERS: Partial<Record<IntentId, (turn: Turn) => Answer>> = {
  greeting: greetingAnswer,
  stock: stockAnswer,
  product_info: productInfoAnswer,
  recommend: recommendAnswer,
  shipping_courier: courierAnswer,
  shipping_time: shippingTimeAnswer,
  shipping_fee: shippingFeeAnswer,
  invoice: invoiceAnswer,
  payment_method: paymentAnswer,
  installment: installmentAnswer,
  authenticity: authenticityAnswer,
  review_cashback: reviewCashbackAnswer,
  gift: giftAnswer,
  promotion: promotionAnswer,
  hesitation: hesitationAnswer,
  order_placed: orderPlacedAnswer,
  contact_request: contactAnswer,
};

// ---------------------------------------------------------------- one turn

/**
 * How the state answers: `normal` (idle), `calm` (the turn after a hesitation), `sizing`
 * (waiting for body data: body data in any message continues the size advice) and `remind`
 * (sizing, plus a reminder of what is still missing).
 */
type Mode = 'normal' | 'calm' | 'sizing' | 'remind';

const isWaitingForBody = (mode: Mode): boolean => mode === 'sizing' || mode === 'remind';

/**
 * The body data a message gives: its height/weight entities or, while waiting for body data, a
 * bare number ("163", "52") read as whichever of height and weight is missing.
 */
function bodyDataGiven(context: PresaleContext, event: TurnEvent, mode: Mode): BodyData | null {
  const given = hasBodyData(event.entities) ? bodyDataOf(event.entities) : isWaitingForBody(mode) ? bodyDataFromBareNumber(event.text, context.body) : null;
  // "毛衣我158穿什么码": a bare number in a size question that only a height can be.
  if (given?.heightCm == null && (event.intent === 'size_advice' || isWaitingForBody(mode))) {
    const heightCm = heightInSizeQuestion(event.text);
    if (heightCm !== null) return { ...(given ?? { weightKg: null }), heightCm };
  }
  return given;
}

const turnOf = (context: PresaleContext, event: TurnEvent, mode: Mode): Turn => ({
  context,
  event,
  body: plausibleBodyData(mergeBodyData(context.body, bodyDataGiven(context, event, mode) ?? { heightCm: null, weightKg: null })),
  region: findRegion(event.text) ?? context.region,
});

/** Whether this turn is (also) about size advice. */
const isSizingTurn = (context: PresaleContext, event: TurnEvent, mode: Mode): boolean =>
  event.intent === 'size_advice' || (isWaitingForBody(mode) && bodyDataGiven(context, event, mode) !== null);

function sizingStatus(context: PresaleContext, event: TurnEvent, mode: Mode): 'none' | Sizing['status'] {
  return isSizingTurn(context, event, mode) ? sizing(turnOf(context, event, mode)).status : 'none';
}

/** Questions whose answer depends on the product: a correction of the product asks them again. */
const PRODUCT_QUESTIONS: ReadonlySet<IntentId> = new Set(['stock', 'product_info', 'recommend', 'gift', 'promotion']);

/**
 * The last product question to ask again, from a persisted snapshot of this machine (the engine reads
 * it when the buyer corrects the product: "不对 我说的是女款").
 */
export function questionToRepeat(persisted: unknown): IntentId | undefined {
  if (persisted === null || typeof persisted !== 'object' || !('context' in persisted)) return undefined;
  const context = persisted.context as Partial<PresaleContext> | null;
  return context?.lastQuestion?.intent;
}

/** "不对 我说的是女款" asking the last product question again: that question's words, for the product now meant. */
// ("鲜花饼呢" right after the walnuts' shelf life: the same question about the product now named.)
function retold(context: PresaleContext, event: TurnEvent): TurnEvent {
  const last = context.lastQuestion;
  if (last == null || last.intent !== event.intent) return event;
  const another = last.productId !== undefined && event.facts.product !== undefined && event.facts.product.id !== last.productId && anotherProductAsked(event.text) !== null;
  return correctionTarget(event.text) !== null || another ? { ...event, text: last.text } : event;
}

/** The whole turn: the intent's answer, size advice, reminder, invitation or follow-up, and what to remember. */

/**
 * The conversation is about the buyer's order of this product, paid and not finished ("毛衣还没到 …
 * M码合适吗"): the product is bought already — "放心拍下" would ask them to buy it again.
 */
const BOUGHT: readonly string[] = ['paid', 'printed', 'shipped', 'delivered'];
const alreadyBought = (event: TurnEvent): boolean => {
  const focus = event.facts.orderInFocus;
  return focus !== undefined && BOUGHT.includes(focus.state) && ordersHolding([focus], event.facts.product).length > 0;
};

function planTurn(context: PresaleContext, told: TurnEvent, mode: Mode): Partial<PresaleContext> {
  const event = retold(context, told);
  const turn = turnOf(context, event, mode);
  const { intent } = event;
  const answers: Answer[] = [];
  const followUp = followUpStockTurn(turn);

  if (mode === 'calm' && intent === 'hesitation') {
    answers.push({ replies: [reply('hesitation.respect')] });
  } else {
    const answer = ANSWERS[intent];
    if (answer !== undefined) answers.push(answer(turn));
    if (followUp !== null) answers.push(stockAnswer(followUp));
    if (isSizingTurn(context, event, mode)) answers.push(sizing(turn));
    else if (mode === 'remind') answers.push({ replies: remindOfBody(turn.body) });
  }

  const hesitated = intent === 'hesitation' ? true : intent === 'order_placed' ? false : context.hesitated;
  const out: FlowOutput = {
    ...emptyOutput(),
    replies: answers.flatMap((a) => a.replies),
    remarks: answers.flatMap((a) => a.remarks ?? []),
    promises: answers.flatMap((a) => a.promises ?? []),
  };
  const covers = answers.flatMap((a) => a.covers ?? []);
  if (covers.length > 0) out.covers = covers;
  // Still asking for something: no invitation or follow-up yet.
  const asking = mode === 'remind' || answers.some((a) => 'status' in a && a.status === 'waiting');
  if (!asking && mode === 'calm' && intent !== 'hesitation' && intent !== 'order_placed') out.replies.push(reply('hesitation.follow_up'));
  else if (!asking && mode !== 'calm' && !hesitated && !alreadyBought(event) && answers.some((a) => a.readyToBuy === true)) out.replies.push(reply('nudge.order'));

  const product = productOf(turn);
  const asksStock = intent === 'stock' || (intent === 'product_info' && product !== undefined && asksAboutVariants(turn, product));
  const stockAsked =
    followUp !== null && product !== undefined ? { productId: product.id, ...stockVariant(followUp, product) }
    : asksStock && product !== undefined ? { productId: product.id, ...stockVariant(turn, product) }
    : (context.stockAsked ?? null);
  const named = askedCourier(event);
  return {
    out,
    stockAsked,
    courierAsked: named !== null && extraFeeCourier(event, named) !== undefined ? named : (context.courierAsked ?? null),
    lastQuestion: PRODUCT_QUESTIONS.has(intent) ? { intent, text: event.text, ...(product === undefined ? {} : { productId: product.id }) } : (context.lastQuestion ?? null),
    orderToCome: intent === 'order_placed' ? false : context.orderToCome === true || speaksOfOrderToCome(event.text),
    body: turn.body,
    region: turn.region,
    greeted: context.greeted || intent === 'greeting',
    followUpPromised: context.followUpPromised || out.promises.some((p) => p.kind === 'follow_up'),
    hesitated,
  };
}

export const presaleMachine = setup({
  types: {
    context: {} as PresaleContext,
    events: {} as TurnEvent,
    input: {} as PresaleInput,
  },
  guards: {
    isOutOfScope: ({ event }) => !isPresaleIntent(event.intent),
    /** Waiting for body data: a message that only gives height/weight (or a bare number for it) is still ours. */
    isOutOfScopeWithoutBodyData: ({ context, event }) => !isPresaleIntent(event.intent) && bodyDataGiven(context, event, 'sizing') === null,
    isHesitation: ({ event }) => event.intent === 'hesitation',
    /** Hesitated before (and has not ordered since): another hesitation is respected, not questioned again. */
    isRepeatedHesitation: ({ context, event }) => event.intent === 'hesitation' && context.hesitated,
    isOrderPlaced: ({ event }) => event.intent === 'order_placed',
    asksSizeWithDataMissing: ({ context, event }) => sizingStatus(context, event, 'normal') === 'waiting',
    stillMissingBodyData: ({ context, event }) => sizingStatus(context, event, 'sizing') === 'waiting',
    completesSizeAdvice: ({ context, event }) => sizingStatus(context, event, 'sizing') === 'answered',
    bodyReminderDue: ({ context }) => context.bodyReminders < BODY_REMINDERS,
  },
  actions: {
    markUnhandled: assign({ out: () => ({ ...emptyOutput(), unhandled: true }) }),
    answer: assign(({ context, event }) => planTurn(context, event, 'normal')),
    answerCalmly: assign(({ context, event }) => planTurn(context, event, 'calm')),
    answerWhileSizing: assign(({ context, event }) => planTurn(context, event, 'sizing')),
    answerAndRemind: assign(({ context, event }) => ({ ...planTurn(context, event, 'remind'), bodyReminders: context.bodyReminders + 1 })),
    resetBodyReminders: assign({ bodyReminders: 0 }),
  },
}).createMachine({
  id: 'presale',
  context: ({ input }: { input: PresaleInput | undefined }) => ({
    out: emptyOutput(),
    body: { heightCm: input?.body?.heightCm ?? null, weightKg: input?.body?.weightKg ?? null },
    region: input?.region ?? null,
    greeted: false,
    followUpPromised: false,
    hesitated: false,
    bodyReminders: 0,
    stockAsked: null,
    lastQuestion: null,
    courierAsked: null,
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        TURN: [
          { guard: 'isOutOfScope', actions: 'markUnhandled' },
          { guard: 'isRepeatedHesitation', actions: 'answerCalmly' },
          { guard: 'isHesitation', target: 'hesitant', actions: 'answer' },
          { guard: 'asksSizeWithDataMissing', target: 'awaitingBodyData', actions: 'answer' },
          { actions: 'answer' },
        ],
      },
    },
    /** Size advice lacks height, weight or the product; what was given is kept in context.body. */
    awaitingBodyData: {
      entry: 'resetBodyReminders',
      on: {
        TURN: [
          { guard: 'isOutOfScopeWithoutBodyData', actions: 'markUnhandled' },
          { guard: 'isHesitation', target: 'hesitant', actions: 'answerWhileSizing' },
          { guard: 'stillMissingBodyData', actions: 'answerWhileSizing' },
          { guard: 'completesSizeAdvice', target: 'idle', actions: 'answerWhileSizing' },
          { guard: 'isOrderPlaced', target: 'idle', actions: 'answerWhileSizing' },
          { guard: 'bodyReminderDue', actions: 'answerAndRemind' },
          { target: 'idle', actions: 'answerWhileSizing' },
        ],
      },
    },
    /** The buyer hesitated: the next answer is calm (no invitation, a gentle follow-up). */
    hesitant: {
      on: {
        TURN: [
          { guard: 'isOutOfScope', actions: 'markUnhandled' },
          { guard: 'isHesitation', target: 'idle', actions: 'answerCalmly' },
          { guard: 'asksSizeWithDataMissing', target: 'awaitingBodyData', actions: 'answerCalmly' },
          { target: 'idle', actions: 'answerCalmly' },
        ],
      },
    },
  },
});
