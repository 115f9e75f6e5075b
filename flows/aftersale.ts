import { assign, setup } from 'xstate';
import type { IntentId } from '../src/nlu/intents.ts';
import type { Order } from '../src/orders/schema.ts';
import type { Product } from '../src/shop/schema.ts';
import { giftsEarned } from '../src/shop/promotions.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';
import {
  colourSaidOrdered,
  compensationFor,
  daysIn,
  displayName,
  exchangeStock,
  hasRefund,
  isBeforeShipping,
  isInTransit,
  isOrderedVariant,
  isReceived,
  isReceivedPerBuyer,
  itemNamedByVariant,
  joinList,
  partialReturnOf,
  mentionsInsurance,
  mentionsShopFault,
  pickOrder,
  productOf,
  qualityChoice,
  requestedVariant,
  wantedVariant,
  RETURN_HOW,
  asksRefundDestination,
  saysGiftMissed,
  asksReturnNumber,
  RETURN_HASSLE,
  photosComing,
  refusesPhotos,
  tooLateToRefuse,
  asksWhyRefuse,
  returnWindow,
  saysMissing,
  saysPhotosSent,
  sizeLabel,
  type OrderPick,
} from './aftersale-helpers.ts';
import { ASKS_REFUND_REASON } from './logistics-helpers.ts';
import { type Concession, emptyOutput, type FlowOutput, type PromiseItem, type Remark, replyIn, type ReplyPlan, type TurnEvent } from './protocol.ts';

/**
 * After-sale (seed 001 售后, seed 002 售后用语/退换货流程, seed 004 退款理由/退换货流程):
 * 7-day no-reason return, exchange, quality issue (5 steps), wrong/missing item, refund of a
 * shipped order (拒收), refund status and return postage. Only the buyer's own orders
 * (facts.orders) are ever looked at; an order id that is not theirs gets a polite "not found".
 *
 * States (the step is kept in context.step too; the state value mirrors it):
 * - `idle`: answers each after-sale question.
 * - `awaitingPhotos` (step `photos_requested`): a quality issue or wrong item was apologised for
 *   and photos asked; the next message saying the photos were sent goes on (check → offer for
 *   quality; resend for a wrong/missing item), the same complaint again gets a reminder.
 * - `awaitingChoice` (step `solution_offered`): resend / refund / partial compensation was
 *   offered; the buyer's choice is carried out and remarked (step 5).
 * - `awaitingVariant` (step `variant_requested`): an exchange needs the size/colour wanted.
 * In a waiting state, another after-sale question is answered (and the wait ends unless the
 * answer waits again); a question outside after-sale is `unhandled` and the wait is kept.
 */

export type AftersaleStep = 'none' | 'photos_requested' | 'solution_offered' | 'variant_requested';
export type AftersaleIssue = 'dislike' | 'exchange' | 'quality' | 'wrong_item' | 'refund';

export interface AftersaleContext {
  /** What this turn decided (replaced every turn). */
  out: FlowOutput;
  /** Where the after-sale case is. */
  step: AftersaleStep;
  /** The case being handled (return postage depends on it). */
  issue: AftersaleIssue | null;
  /** The buyer's own order the case is about. */
  orderId: string | null;
  /** Wrong item: something is missing rather than wrong. */
  missing: boolean;
  /** Quality issue: the compensation offered (元, within policy). */
  compensation: number;
  /** Exchange: the colour the buyer asked for ("驼色XL码" out of stock → "那换M码吧" is 驼色M). */
  exchangeColor: string | null;
  /** Quality issue / wrong item: the product of the order the case is about, once known ("奶油味" names the walnuts). */
  productId?: string | null;
  /** Orders whose 7-day return was accepted in this conversation: "怎么寄回去" is about them, not a product refused since. */
  returning?: string[];
}

/** Optional start values (the engine starts the machine without input). */
export interface AftersaleInput {
  orderId?: string;
}

/** The intents this machine answers; anything else is `unhandled`. */
export const AFTERSALE_INTENTS: readonly IntentId[] = ['return_dislike', 'exchange', 'quality_issue', 'wrong_item', 'refund_shipped', 'refund_status', 'return_fee'];

/** Hours to keep a resend / follow-up promise. */
export const RESEND_DUE_HOURS = 72;
export const FOLLOW_UP_DUE_HOURS = 24;

const isAftersaleIntent = (intent: IntentId): boolean => AFTERSALE_INTENTS.includes(intent);

const reply = replyIn('aftersale');

type Patch = Partial<Omit<AftersaleContext, 'out'>>;

interface Decision {
  unhandled: boolean;
  out: FlowOutput;
  patch: Patch;
}

interface Answer {
  replies: ReplyPlan[];
  remarks?: Remark[];
  promises?: PromiseItem[];
  concessions?: Concession[];
  handoff?: FlowOutput['handoff'];
  /** Context changes; `step` defaults to `none` (the case is answered). */
  patch?: Patch;
}

const PRODUCT_FALLBACK = '商品';

const nameOf = (p: Product | undefined): string => (p === undefined ? PRODUCT_FALLBACK : displayName(p));
const remark = (order: Order | undefined, reason: string): Remark => (order === undefined ? { reason } : { orderId: order.id, reason });
const withOrder = <T extends object>(order: Order | undefined, item: T): T & { orderId?: string } => (order === undefined ? item : { ...item, orderId: order.id });

/** The size and colour the buyer wants ("M码有点小 能换L吗": L; "那就燕麦色吧": a colour of the product's own). */
const wantedVariantOf = (event: TurnEvent, product?: Product): { size: string | null; color: string | null } => {
  const { size, color, cut } = wantedVariant(event.text, event.entities);
  if (color !== null || product === undefined) return { size, color };
  return { size, color: requestedVariant([], product, event.text.slice(Math.max(cut, 0))).color };
};

const askOrder = (): Answer => ({ replies: [reply('ask_order')] });
const notOwn = (): Answer => ({ replies: [reply('order_not_found')] });

/** The first fitting order among the buyer's own, trying each filter in turn. */
function pickFirst(context: AftersaleContext, event: TurnEvent, ...fits: ((o: Order) => boolean)[]): OrderPick {
  let pick: OrderPick = { kind: 'none' };
  for (const fit of fits) {
    pick = pickOrder(event.facts.orders, event.entities, context.orderId, fit);
    if (pick.kind !== 'none') return pick;
  }
  return pick;
}

const orderFound = (pick: OrderPick): Order | undefined => (pick.kind === 'found' ? pick.order : undefined);

// ---------------------------------------------------------------- refund status

const REFUND_STATE_SCRIPT = {
  requested: 'refund_status.requested',
  approved: 'refund_status.approved',
  returned: 'refund_status.returned',
  refunded: 'refund_status.refunded',
  rejected: 'refund_status.rejected',
} as const;

function refundStatusOf(order: Order, event?: TurnEvent): Answer {
  const refund = order.refund;
  const plain = event === undefined ? '' : normalizeSameLength(event.text);
  // Where the money goes: back the way it was paid (seed: 原路退回), whatever the refund's state.
  if (asksRefundDestination(plain)) return { replies: [reply('refund_status.destination', { orderId: order.id })], patch: { orderId: order.id, ...(refund ? { issue: 'refund' as const } : {}) } };
  // The return parcel's number, from the refund's record (never the order's outbound number).
  if (asksReturnNumber(plain) && refund?.returnTrackingNumber !== undefined) {
    return {
      replies: [reply('refund_status.return_number', { orderId: order.id, courier: refund.returnCourier ?? '快递', trackingNumber: refund.returnTrackingNumber })],
      patch: { orderId: order.id, issue: 'refund' },
    };
  }
  if (refund === undefined) return { replies: [reply('refund_status.none', { orderId: order.id })], patch: { orderId: order.id } };
  const answer: Answer = {
    replies: [reply(REFUND_STATE_SCRIPT[refund.state], { orderId: order.id, amount: refund.amount })],
    patch: { orderId: order.id, issue: 'refund' },
  };
  if (refund.state === 'rejected') {
    answer.promises = [{ kind: 'follow_up', text: '退款申请未通过，请售后同事核实原因后回复顾客', orderId: order.id, dueInHours: FOLLOW_UP_DUE_HOURS }];
  }
  return answer;
}

function refundStatusAnswer(context: AftersaleContext, event: TurnEvent): Answer {
  const pick = pickFirst(context, event, hasRefund, () => true);
  if (pick.kind === 'not_own') return notOwn();
  const order = orderFound(pick);
  return order === undefined ? askOrder() : refundStatusOf(order, event);
}

// ---------------------------------------------------------------- refund of an order not received

function refuseDelivery(event: TurnEvent, order: Order): Answer {
  return {
    replies: [reply('refund.refuse_delivery', { courier: order.courier ?? event.facts.shop.shipping.courier })],
    remarks: [remark(order, '顾客要求退款，包裹已发出，已请顾客拒收，退回后退款；已引导退款理由选择不想要了')],
    promises: [{ kind: 'follow_up', text: '跟进拒收退回的包裹，退回后为顾客办理退款', orderId: order.id, dueInHours: RESEND_DUE_HOURS }],
    patch: { orderId: order.id, issue: 'refund' },
  };
}

/**
 * "围巾是要的 只退毛衣" on a parcel on its way: refusing it would send the kept products back too, so
 * the buyer signs for it and returns the one product (7-day no-reason, buyer's postage unless 运费险).
 */
function partialReturnInTransit(order: Order, part: { returned: Product; kept: Product[] }): Answer {
  const product = displayName(part.returned);
  const keptProducts = joinList(part.kept.map(displayName));
  return {
    replies: [reply('refund.partial_in_transit', { product, keptProducts })],
    remarks: [remark(order, `顾客只退${product}，保留${keptProducts}，不拒收；签收后对${product}申请7天无理由退货，寄回运费由顾客承担（有运费险可抵扣）`)],
    patch: { orderId: order.id, issue: 'dislike' },
  };
}

function refundBeforeShipping(order: Order): Answer {
  return {
    replies: [reply('refund.before_shipping', { orderId: order.id })],
    remarks: [remark(order, '买家不要，申请退款，请勿打单')],
    patch: { orderId: order.id, issue: 'refund' },
  };
}

function refundShippedAnswer(context: AftersaleContext, event: TurnEvent): Answer {
  const pick = pickFirst(context, event, isInTransit, isBeforeShipping, isReceived, hasRefund);
  if (pick.kind === 'not_own') return notOwn();
  const order = orderFound(pick);
  if (order === undefined) return askOrder();
  if (order.refund !== undefined) return refundStatusOf(order);
  const part = isInTransit(order) ? partialReturnOf(event.text, order, event.facts.shop) : null;
  if (part !== null) return partialReturnInTransit(order, part);
  if (isInTransit(order)) return refuseDelivery(event, order);
  if (isBeforeShipping(order)) return refundBeforeShipping(order);
  if (isReceived(order)) return returnOfReceived(event, order, context);
  return askOrder();
}

/** "为啥要拒签" after refusing was advised: why (manuals: the fastest way back, refund once it is received); the remark stands. */
function whyRefuse(event: TurnEvent, order: Order): Answer {
  return { replies: [reply('refund.why_refuse', { courier: order.courier ?? event.facts.shop.shipping.courier })], patch: { orderId: order.id, issue: 'refund' } };
}

// ---------------------------------------------------------------- 7-day no-reason return

function returnOfReceived(event: TurnEvent, order: Order, context: AftersaleContext): Answer {
  const product = productOf(event.facts.shop, order, event.facts.product);
  const name = nameOf(product);
  const patch: Patch = { orderId: order.id, issue: 'dislike' };
  if (product !== undefined && !product.sevenDayReturn) return { replies: [reply('return.category_excluded', { product: name })], patch };
  switch (returnWindow(order, event.facts.now, daysIn(event.entities))) {
    case 'within':
      return {
        replies: [reply('return.seven_day', { product: name })],
        remarks: [remark(order, '顾客不喜欢，申请7天无理由退货，寄回运费由顾客承担（有运费险可抵扣）')],
        patch: { ...patch, returning: [...new Set([...(context.returning ?? []), order.id])] },
      };
    case 'passed':
      return { replies: [reply('return.window_passed', { product: name })], patch };
    case 'unknown':
      return { replies: [reply('return.ask_received', { product: name })], patch };
  }
}

function returnDislikeAnswer(context: AftersaleContext, event: TurnEvent): Answer {
  const pick = pickFirst(context, event, isReceived, isInTransit, isBeforeShipping, hasRefund);
  if (pick.kind === 'not_own') return notOwn();
  const order = orderFound(pick);
  if (order === undefined) return askOrder();
  if (order.refund !== undefined) return refundStatusOf(order);
  if (isReceived(order)) return returnOfReceived(event, order, context);
  // Too late to refuse it: sign for it, then the 7-day return.
  // (A return asked of a parcel on its way: refusing is the advice, so "来不及了" is too late for it.)
  if (isInTransit(order) && tooLateToRefuse(normalizeSameLength(event.text), true)) return returnAfterSigning(event, order);
  const part = isInTransit(order) ? partialReturnOf(event.text, order, event.facts.shop) : null;
  if (part !== null) return partialReturnInTransit(order, part);
  if (isInTransit(order)) return refuseDelivery(event, order);
  if (isBeforeShipping(order)) return refundBeforeShipping(order);
  return askOrder();
}

function returnAfterSigning(event: TurnEvent, order: Order): Answer {
  const product = productOf(event.facts.shop, order, event.facts.product);
  if (product !== undefined && !product.sevenDayReturn) return { replies: [reply('return.category_excluded', { product: nameOf(product) })], patch: { orderId: order.id, issue: 'dislike' } };
  return {
    replies: [reply('return.after_signing', { product: nameOf(product) })],
    remarks: [remark(order, '顾客来不及拒收，签收后申请7天无理由退货，寄回运费由顾客承担（有运费险可抵扣）')],
    patch: { orderId: order.id, issue: 'dislike' },
  };
}

// ---------------------------------------------------------------- exchange

/** The colours still in stock in the same size ("均码" scarves: another colour is the only exchange). */
const otherColorsInStock = (product: Product, not: readonly (string | undefined)[], size: string): string[] =>
  [...new Set(product.skus.filter((s) => !not.includes(s.color) && s.size === size && s.stock > 0).map((s) => s.color))];

function exchangeStockAnswer(event: TurnEvent, order: Order, earlierColor: string | null = null): Answer {
  const product = productOf(event.facts.shop, order, event.facts.product);
  if (product === undefined) return askOrder();
  const name = nameOf(product);
  const said = wantedVariantOf(event, product);
  const asked = { ...said, color: said.color ?? earlierColor };
  const item = order.items.find((i) => i.productId === product.id) ?? order.items[0];
  const stock = exchangeStock(product, asked, item);
  const label = (size: string): string => sizeLabel(product, size);
  const patch: Patch = { orderId: order.id, issue: 'exchange', exchangeColor: stock.kind === 'unknown_variant' ? asked.color : stock.color };
  switch (stock.kind) {
    case 'in_stock':
      return {
        replies: [reply('exchange.in_stock', { product: name, color: stock.color, size: label(stock.size) })],
        remarks: [remark(order, `顾客申请换货，换${stock.color}${label(stock.size)}，寄回运费由顾客承担`)],
        patch,
      };
    case 'out':
      return stock.sizesInStock.length > 0
        ? {
            replies: [reply('exchange.out_with_sizes', { product: name, color: stock.color, size: label(stock.size), sizes: joinList(stock.sizesInStock.map(label)) })],
            patch: { ...patch, step: 'variant_requested' },
          }
        : otherColorsInStock(product, [stock.color, item?.color], stock.size).length > 0
          ? {
              replies: [reply('exchange.out_other_colors', { product: name, color: stock.color, colors: joinList(otherColorsInStock(product, [stock.color, item?.color], stock.size)) })],
              patch: { ...patch, step: 'variant_requested' },
            }
          : { replies: [reply('exchange.out_all', { product: name, color: stock.color, size: label(stock.size) })], patch };
    case 'unknown_variant':
      return {
        replies: [reply('exchange.unknown_variant', { product: name, colors: joinList(stock.colors), sizes: joinList(stock.sizes.map(label)) })],
        patch: { ...patch, step: 'variant_requested' },
      };
  }
}

/** The size/colour the buyer wants for an exchange; naming only what they already have is no choice. */
function exchangeVariant(event: TurnEvent, order: Order, product: Product | undefined): { size: string | null; color: string | null } {
  const asked = wantedVariantOf(event, product);
  const item = order.items.find((i) => i.productId === product?.id) ?? order.items[0];
  return product !== undefined && isOrderedVariant(product, asked, item) ? { size: null, color: null } : asked;
}

const variantWords = (product: Product | undefined): { colorWord: string; sizeWord: string } =>
  product?.variantLabels === undefined ? { colorWord: '颜色', sizeWord: '尺码' } : { colorWord: product.variantLabels.color, sizeWord: product.variantLabels.size };

function exchangeAnswer(context: AftersaleContext, event: TurnEvent): Answer {
  const pick = pickFirst(context, event, isReceived, isInTransit, isBeforeShipping, hasRefund);
  if (pick.kind === 'not_own') return notOwn();
  const order = orderFound(pick);
  if (order === undefined) return askOrder();
  // Already being refunded: an exchange cannot run beside it — the refund first, then order the wanted size.
  if (order.refund !== undefined) {
    return { replies: [reply('exchange.refunding', { orderId: order.id, product: nameOf(productOf(event.facts.shop, order, event.facts.product)) })], patch: { orderId: order.id } };
  }
  const product = productOf(event.facts.shop, order, event.facts.product);
  if (!isReceivedPerBuyer(order, event.text)) return { replies: [reply('exchange.before_receipt', { product: nameOf(product) })], patch: { orderId: order.id } };
  // A size/colour exchange without a fault is part of 七天无理由退换货: past the window it is not registered.
  if (!mentionsShopFault(event.text) && returnWindow(order, event.facts.now, daysIn(event.entities)) === 'passed') {
    return { replies: [reply('exchange.window_passed', { product: nameOf(product) })], patch: { orderId: order.id } };
  }
  const asked = exchangeVariant(event, order, product);
  if (asked.size === null && asked.color === null) {
    return {
      replies: [reply('exchange.ask_variant', { product: nameOf(product), ...variantWords(product) })],
      patch: { orderId: order.id, issue: 'exchange', step: 'variant_requested' },
    };
  }
  return exchangeStockAnswer(event, order);
}

// ---------------------------------------------------------------- quality issue and wrong item (photos first)

/**
 * A promotion gift missing from a received order that earned it (seed 004: 漏发 → 补寄 or 退差价, postage
 * ours): apologise, remark the resend, follow it up — no photos needed, the order shows it.
 */
function giftMissed(order: Order, gift: string): Answer {
  return {
    replies: [reply('wrong_item.gift_missed', { orderId: order.id, gift })],
    remarks: [remark(order, `顾客反映满赠赠品${gift}漏发，请补寄，运费由店铺承担`)],
    promises: [{ kind: 'follow_up', text: `补寄漏发的赠品${gift}并告知顾客单号`, orderId: order.id, dueInHours: FOLLOW_UP_DUE_HOURS }],
    patch: { orderId: order.id, issue: 'wrong_item' },
  };
}

function issueStart(context: AftersaleContext, event: TurnEvent, issue: 'quality' | 'wrong_item'): Answer {
  const pick = pickFirst(context, event, isReceived, isInTransit);
  if (pick.kind === 'not_own') return notOwn();
  const order = orderFound(pick);
  const earned = issue === 'wrong_item' && order !== undefined && isReceived(order) && saysGiftMissed(normalizeSameLength(event.text)) ? giftsEarned(event.facts.shop, order.items)[0] : undefined;
  if (earned !== undefined) return giftMissed(order!, earned.name);
  const byVariant = itemNamedByVariant(order, event.text);
  const named = byVariant === undefined ? undefined : event.facts.shop.products.find((p) => p.id === byVariant);
  const product = productOf(event.facts.shop, order, named ?? event.facts.product);
  // "发错颜色了 我要的是燕麦色" while the order holds another colour: the order read back before any case is opened.
  const item = order?.items.find((i) => i.productId === product?.id);
  const saidOrdered = issue === 'wrong_item' && product !== undefined ? colourSaidOrdered(event.text, product) : null;
  if (order !== undefined && item !== undefined && saidOrdered !== null && saidOrdered !== item.color) {
    return { replies: [reply('wrong_item.ordered_other', { orderId: order.id, product: nameOf(product), color: item.color })], patch: { orderId: order.id, productId: product?.id ?? null } };
  }
  const script = issue === 'quality' ? 'quality.apologise_ask_photos' : 'wrong_item.apologise_ask_photos';
  return {
    replies: [reply(script, { product: nameOf(product) })],
    patch: { step: 'photos_requested', issue, orderId: order?.id ?? null, productId: product?.id ?? null, missing: issue === 'wrong_item' && saysMissing(event.text), compensation: 0 },
  };
}

/** The product the case was opened about (a product named since, in the same order, still wins in productOf only when none was kept). */
const caseProduct = (context: AftersaleContext, event: TurnEvent): Product | undefined =>
  context.productId == null ? undefined : event.facts.shop.products.find((p) => p.id === context.productId);

const caseOrder = (context: AftersaleContext, event: TurnEvent): Order | undefined =>
  context.orderId === null ? undefined : event.facts.orders.find((o) => o.id === context.orderId);

function photosReceived(context: AftersaleContext, event: TurnEvent): Answer {
  const order = caseOrder(context, event);
  const product = productOf(event.facts.shop, order, caseProduct(context, event) ?? event.facts.product);
  const name = nameOf(product);
  if (context.issue === 'quality') {
    const amount = compensationFor(event.facts.shop, order, product);
    return {
      replies: [reply('quality.checked', { product: name }), amount > 0 ? reply('quality.offer', { amount }) : reply('quality.offer_basic')],
      patch: { step: 'solution_offered', compensation: amount },
    };
  }
  const missing = context.missing || saysMissing(event.text);
  const item = order?.items.find((i) => i.productId === product?.id) ?? order?.items[0];
  if (missing || item === undefined || product === undefined) {
    return {
      replies: [reply('wrong_item.resend_missing', { product: name })],
      remarks: [remark(order, `漏发${name}，已安排补发，运费由店铺承担`)],
      promises: [withOrder(order, { kind: 'resend' as const, text: `补发漏发的${name}，发出后留言告知快递单号`, dueInHours: RESEND_DUE_HOURS })],
      patch: { missing },
    };
  }
  const size = sizeLabel(product, item.size);
  return {
    replies: [reply('wrong_item.resend_wrong', { product: name, color: item.color, size })],
    remarks: [remark(order, `发错货，顾客寄回（运费由店铺承担），补发${name}${item.color}${size}`)],
    promises: [withOrder(order, { kind: 'resend' as const, text: `收到退回的错发商品后补发${name}${item.color}${size}，发出后留言告知快递单号`, dueInHours: RESEND_DUE_HOURS })],
  };
}

function photosReminder(context: AftersaleContext): Answer {
  return {
    replies: [reply(context.issue === 'quality' ? 'quality.photos_reminder' : 'wrong_item.photos_reminder')],
    patch: { step: 'photos_requested' },
  };
}

/** The largest amount the buyer asked for in this message, if any. */
const askedAmount = (event: TurnEvent): number | null => {
  const amounts = event.entities.flatMap((e) => (e.type === 'money' ? [e.amount] : []));
  return amounts.length === 0 ? null : Math.max(...amounts);
};

function qualitySolution(context: AftersaleContext, event: TurnEvent): Answer {
  const order = caseOrder(context, event);
  const product = productOf(event.facts.shop, order, event.facts.product);
  const name = nameOf(product);
  switch (qualityChoice(event.text)) {
    case 'resend':
      return {
        replies: [reply('quality.resend', { product: name })],
        remarks: [remark(order, '质量问题，顾客选择换新补发，来回运费由店铺承担')],
        promises: [withOrder(order, { kind: 'resend' as const, text: `收到退回的${name}后换新补发，发出后留言告知快递单号`, dueInHours: RESEND_DUE_HOURS })],
      };
    case 'refund':
      return { replies: [reply('quality.refund')], remarks: [remark(order, '质量问题，顾客选择退货退款，来回运费由店铺承担')] };
    case 'compensation': {
      const asked = askedAmount(event);
      if (context.compensation <= 0 || (asked !== null && asked > context.compensation)) {
        return {
          replies: [reply('quality.compensation_handoff')],
          remarks: [remark(order, `质量问题，顾客要求补偿${asked ?? ''}元，超出权限，已转主管`)],
          handoff: 'outside_policy',
        };
      }
      const amount = asked ?? context.compensation;
      return {
        replies: [reply('quality.compensation', { amount })],
        remarks: [remark(order, `质量问题，顾客保留商品，补偿${amount}元（部分退款）`)],
        concessions: [{ kind: 'discount', amount, ...(product === undefined ? {} : { productId: product.id }), reason: '质量问题部分补偿' }],
      };
    }
    case null:
      return { replies: [reply('quality.ask_choice')], patch: { step: 'solution_offered' } };
  }
}

// ---------------------------------------------------------------- return postage

function returnFeeAnswer(context: AftersaleContext, event: TurnEvent): Answer {
  const shopFault =
    context.issue === 'quality' ||
    context.issue === 'wrong_item' ||
    mentionsShopFault(event.text) ||
    event.secondary.some((i) => i === 'quality_issue' || i === 'wrong_item');
  if (shopFault) return { replies: [reply('return_fee.shop')], patch: { step: context.step } };
  // Postage of the order talked about while it is not shipped yet: cancelling refunds all that was paid, nothing goes back.
  const focus = event.facts.orderInFocus;
  if (focus !== undefined && isBeforeShipping(focus)) return { replies: [reply('return_fee.not_shipped', { orderId: focus.id })], patch: { step: context.step } };
  return { replies: [reply(mentionsInsurance(event.text) ? 'return_fee.insurance' : 'return_fee.buyer')], patch: { step: context.step } };
}

// ---------------------------------------------------------------- the turn

/**
 * The size/colour asked for is given while the exchange waits for it: the stock is checked and
 * remarked even when the message goes on to ask something else ("那就燕麦色吧 运费谁出啊"), and
 * the postage asked beside it is answered unless the stock reply already states it.
 */
function variantChosen(context: AftersaleContext, event: TurnEvent, order: Order): Answer {
  const stock = exchangeStockAnswer(event, order, context.exchangeColor);
  const asksPostage = event.intent === 'return_fee' || event.secondary.includes('return_fee');
  if (!asksPostage || stock.replies.some((r) => POSTAGE_STATED.has(r.scriptId))) return stock;
  const fee = returnFeeAnswer({ ...context, issue: 'exchange' }, event);
  return { ...stock, replies: [...stock.replies, ...fee.replies] };
}

/** Exchange replies that already say who pays the return postage. */
const POSTAGE_STATED = new Set(['aftersale.exchange.in_stock']);

/** How to send a return back (seed 001: the return address is given): in the order's return request, for the case's product. */
function howToSendBack(context: AftersaleContext, event: TurnEvent): Answer {
  const pick = pickFirst(context, event, isReceived, () => true);
  if (pick.kind === 'not_own') return notOwn();
  const shopFault = context.issue === 'quality' || context.issue === 'wrong_item';
  const found = orderFound(pick);
  const talkedAbout = productOf(event.facts.shop, found, event.facts.product);
  // The last product was refused a return ("核桃也退" → 特殊类目): a bare "怎么寄回去" is about the return accepted before.
  const accepted = !shopFault && talkedAbout !== undefined && !talkedAbout.sevenDayReturn && !event.facts.orderCues?.includes('product') ? returnUnderWay(context, event) : undefined;
  const order = accepted ?? found;
  const product = accepted === undefined ? talkedAbout : productOf(event.facts.shop, accepted, undefined);
  if (!shopFault && product !== undefined && !product.sevenDayReturn) return { replies: [reply('return.category_excluded', { product: nameOf(product) })], patch: { step: context.step } };
  return { replies: [reply(shopFault ? 'return.how_to_send_shop_fault' : 'return.how_to_send', { product: nameOf(product) })], patch: { step: context.step, ...(order ? { orderId: order.id } : {}) } };
}

/** The newest order whose 7-day return was accepted in this conversation, among the turn's orders. */
const returnUnderWay = (context: AftersaleContext, event: TurnEvent): Order | undefined =>
  [...(context.returning ?? [])].reverse().map((id) => event.facts.orders.find((o) => o.id === id)).find((o) => o !== undefined);

/** "怎么寄回去", "退货地址": the procedure. A bare "怎么退货" first gets the return's terms, once a return is under way its procedure. */
function asksHowToSendBack(context: AftersaleContext, text: string): boolean {
  const plain = normalizeSameLength(text);
  return RETURN_HOW.test(plain) && (/寄|地址/u.test(plain) || context.issue === 'dislike');
}

function freshAnswer(context: AftersaleContext, event: TurnEvent): Answer {
  if ((event.intent === 'return_dislike' || event.intent === 'return_fee' || event.intent === 'exchange') && asksHowToSendBack(context, event.text)) return howToSendBack(context, event);
  switch (event.intent) {
    case 'return_dislike':
      return returnDislikeAnswer(context, event);
    case 'exchange':
      return exchangeAnswer(context, event);
    case 'quality_issue':
      return issueStart(context, event, 'quality');
    case 'wrong_item':
      return issueStart(context, event, 'wrong_item');
    case 'refund_shipped':
      return refundShippedAnswer(context, event);
    case 'refund_status':
      return refundStatusAnswer(context, event);
    default:
      return returnFeeAnswer(context, event);
  }
}

const ISSUE_INTENT = { quality: 'quality_issue', wrong_item: 'wrong_item' } as const;

/** "退款理由选什么" once a case is open: the reason that fits the case (never 缺货 or 未按约定时间发货, seed 004). */
function refundReasonAnswer(context: AftersaleContext): Answer {
  const script = context.issue === 'quality' ? 'refund_reason.quality' : context.issue === 'wrong_item' ? 'refund_reason.wrong_item' : 'refund_reason.no_fault';
  return { replies: [reply(script)], patch: { step: context.step } };
}

/** The answer for a turn in the current step, or null when the turn is not ours. */
function answerFor(context: AftersaleContext, event: TurnEvent): Answer | null {
  const ours = isAftersaleIntent(event.intent);
  if (context.step === 'photos_requested' && (context.issue === 'quality' || context.issue === 'wrong_item')) {
    const issueIntent = ISSUE_INTENT[context.issue];
    // "照片发您了" reads as many intents (wrong_item, order_placed…): while photos are awaited it is the answer.
    if (saysPhotosSent(event.text)) return photosReceived(context, event);
    // "等下 我拍一下": they will; "我不拍 你们自己去查": why the photo is needed, still asked kindly.
    if (refusesPhotos(event.text)) return { replies: [reply('quality.photos_refused')], patch: { step: 'photos_requested' } };
    if (photosComing(event.text)) return { replies: [reply('quality.photos_later')], patch: { step: 'photos_requested' } };
    if (event.intent === issueIntent) return photosReminder(context);
  }
  if (ours && context.issue !== null && ASKS_REFUND_REASON.test(normalizeSameLength(event.text))) return refundReasonAnswer(context);
  // "椒盐的还要寄回去啊 好麻烦" after our mistake: sorry, and the postage is ours.
  if (context.issue === 'wrong_item' && context.step === 'none' && RETURN_HASSLE.test(normalizeSameLength(event.text))) {
    return { replies: [reply('wrong_item.return_hassle')], patch: { step: 'none' } };
  }
  // Refusing delivery was advised for a parcel still on its way: "为啥要拒签 直接退不行吗" asks why.
  const refusing = context.issue === 'refund' ? caseOrder(context, event) : undefined;
  if (refusing !== undefined && isInTransit(refusing) && asksWhyRefuse(event.text)) return whyRefuse(event, refusing);
  if (context.step === 'solution_offered') {
    // "退款吧" reads as refund_status, "补偿50元吧" as haggling: after the offer, a clear choice is the answer.
    if (qualityChoice(event.text) !== null) return qualitySolution(context, event);
    if (event.intent === 'quality_issue' || event.intent === 'other') return qualitySolution(context, event);
  }
  if (context.step === 'variant_requested') {
    const order = caseOrder(context, event);
    const asked = order === undefined ? null : exchangeVariant(event, order, productOf(event.facts.shop, order, event.facts.product));
    if (asked !== null && order !== undefined && (asked.size !== null || asked.color !== null)) return variantChosen(context, event, order);
  }
  return ours ? freshAnswer(context, event) : null;
}

/** Decides a turn (pure; guards and actions both read it). */
export function decide(context: AftersaleContext, event: TurnEvent): Decision {
  const answer = answerFor(context, event);
  if (answer === null) return { unhandled: true, out: { ...emptyOutput(), unhandled: true }, patch: {} };
  const out: FlowOutput = {
    replies: answer.replies,
    remarks: answer.remarks ?? [],
    promises: answer.promises ?? [],
    concessions: answer.concessions ?? [],
    ...(answer.handoff === undefined ? {} : { handoff: answer.handoff }),
  };
  return { unhandled: false, out, patch: { step: 'none', ...answer.patch } };
}

const nextStep = (context: AftersaleContext, event: TurnEvent): AftersaleStep => {
  const d = decide(context, event);
  return d.unhandled ? context.step : (d.patch.step ?? 'none');
};

export const aftersaleMachine = setup({
  types: {
    context: {} as AftersaleContext,
    events: {} as TurnEvent,
    input: {} as AftersaleInput,
  },
  guards: {
    isUnhandled: ({ context, event }) => decide(context, event).unhandled,
    asksForPhotos: ({ context, event }) => nextStep(context, event) === 'photos_requested',
    offersSolutions: ({ context, event }) => nextStep(context, event) === 'solution_offered',
    asksForVariant: ({ context, event }) => nextStep(context, event) === 'variant_requested',
  },
  actions: {
    markUnhandled: assign({ out: () => ({ ...emptyOutput(), unhandled: true }) }),
    answer: assign(({ context, event }) => {
      const d = decide(context, event);
      return { ...d.patch, out: d.out };
    }),
  },
}).createMachine({
  id: 'aftersale',
  context: ({ input }: { input: AftersaleInput | undefined }) => ({
    out: emptyOutput(),
    step: 'none',
    issue: null,
    orderId: input?.orderId ?? null,
    missing: false,
    compensation: 0,
    exchangeColor: null,
  }),
  initial: 'idle',
  on: {
    TURN: [
      { guard: 'isUnhandled', actions: 'markUnhandled' },
      { guard: 'asksForPhotos', target: '.awaitingPhotos', actions: 'answer' },
      { guard: 'offersSolutions', target: '.awaitingChoice', actions: 'answer' },
      { guard: 'asksForVariant', target: '.awaitingVariant', actions: 'answer' },
      { target: '.idle', actions: 'answer' },
    ],
  },
  states: {
    idle: {},
    /** Quality issue / wrong item: apologised, photos asked (steps 1–2). */
    awaitingPhotos: {},
    /** Quality issue: checked, resend / refund / compensation offered (steps 3–4). */
    awaitingChoice: {},
    /** Exchange: the size/colour wanted is asked. */
    awaitingVariant: {},
  },
});
