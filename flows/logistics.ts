import { assign, setup } from 'xstate';
import type { IntentId } from '../src/nlu/intents.ts';
import type { Order } from '../src/orders/schema.ts';
import {
  DIRECT_CHANGE_MINUTES,
  FOLLOW_UP_HOURS,
  addressFromText,
  correctedAddress,
  isBareAddress,
  phoneFromText,
  asksSameChange,
  ASKS_REFUND_REASON,
  complainsOfWait,
  LOST,
  SHIPPED_YET,
  ASKS_ROUTE,
  CHANGES_QUANTITY,
  SUPPOSES,
  LOCKER_CODE,
  ASKS_WHERE_LEFT,
  CODE_ASKED,
  NOT_LEFT_YET,
  isPending,
  isShipped,
  latestTracking,
  trackingStalled,
  STALLED,
  outForDeliveryEvent,
  mentionedOrder,
  ordersHolding,
  minutesBetween,
  newest,
  orderList,
  keepsVariant,
  dayWord,
} from './logistics-helpers.ts';
import { displayName, exchangeStock, joinList, normaliseSize, partialReturnOf, sizeLabel, wantedVariant } from './aftersale-helpers.ts';
import type { Product } from '../src/shop/schema.ts';
import { dispatchDayIfPaidNow, maskPhone } from './presale-helpers.ts';
import { localDate, nextShippingDate } from '../src/shop/hours.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';
import { asksReceiverData, receiverReadBack } from './receiver-info.ts';
import { emptyOutput, type FlowOutput, type PromiseItem, type Remark, replyIn, type ReplyPlan, type TurnEvent } from './protocol.ts';

/**
 * Logistics and order changes after purchase (seed 001 售后: 物流查询, 显示签收未收到, 快递延误,
 * 未发货 3 步, 急要货 3 步, 确认收货; seed 004 修改订单流程: 付款后30分钟内直接备注, 超过30分钟留言
 * 打单处修改). Every answer reads only the buyer's own orders (facts.orders): an order id that
 * is not among them is politely refused without saying anything about it (seed 004 泄露他人信息).
 *
 * States:
 * - `idle`: answers each question.
 * - `choosingOrder`: tracking or an address change found several of the buyer's orders and
 *   asked which one (their own ids, by 尾号). A message naming one of them (an order id or its
 *   last digits, whatever its intent) answers the question; someone else's id is refused and
 *   the question stays open; another logistics question is answered (and the question dropped);
 *   anything else is unhandled.
 * - `awaitingAddress`: an address change of a paid or printed order lacks the new address. A
 *   message that reads as an address completes it; another logistics question is answered;
 *   anything else is unhandled.
 */

/** The intents this machine answers (ids of intents.md); anything else is `unhandled`. */
export const LOGISTICS_INTENTS: readonly IntentId[] = [
  'logistics_track', 'not_shipped', 'urgent_delivery', 'signed_not_received', 'delivery_delay', 'address_change', 'order_change',
  'cancel_order', 'confirm_receipt',
];

type LogisticsIntent =
  | 'logistics_track'
  | 'not_shipped'
  | 'urgent_delivery'
  | 'signed_not_received'
  | 'delivery_delay'
  | 'address_change'
  | 'order_change'
  | 'cancel_order'
  | 'confirm_receipt';

const isLogisticsIntent = (intent: IntentId): intent is LogisticsIntent => LOGISTICS_INTENTS.includes(intent);

/** An open question of the machine (JSON: only the buyer's own order ids and what they wrote). */
export type PendingQuestion =
  | { kind: 'choose_order'; intent: 'logistics_track' | 'address_change' | 'cancel_order'; orderIds: string[]; address: string | null }
  | { kind: 'address'; orderId: string };

export interface LogisticsContext {
  /** What this turn decided (replaced every turn). */
  out: FlowOutput;
  /** The question the last reply asked, if any. */
  pending: PendingQuestion | null;
  /** The order whose "signed but not received" case is being checked with the courier (asked and remarked once). */
  signedCheck?: string | undefined;
  /** The variant an order's item was last changed to: "颜色也换浅蓝" keeps the size just changed, "还是29吧" the colour. */
  changed?: { orderId: string; productId: string; color: string; size: string } | undefined;
  /** The new address the buyer gave last: "那单也改一下" changes another order to it. */
  lastAddress?: string | undefined;
}

/** What an answer remembers for the next turns. */
type Memory = Pick<LogisticsContext, 'signedCheck' | 'changed' | 'lastAddress'>;

/** No start values yet; typed callers pass `{ input: {} }`, the engine starts it without input. */
export type LogisticsInput = Record<string, never>;

const reply = replyIn('logistics');

interface Answer {
  replies: ReplyPlan[];
  remarks?: Remark[];
  promises?: PromiseItem[];
  pending?: PendingQuestion | null;
}

interface Plan extends Memory {
  out: FlowOutput;
  pending: PendingQuestion | null;
}

const followUp = (text: string, orderId: string): PromiseItem => ({ kind: 'follow_up', text, orderId, dueInHours: FOLLOW_UP_HOURS });
const courierOf = (order: Order, event: TurnEvent): string => order.courier ?? event.facts.shop.shipping.courier;

const notOwn = (pending: PendingQuestion | null = null): Answer => ({ replies: [reply('order.not_own')], pending });
const askOrderId = (): Answer => ({ replies: [reply('order.ask_id')] });

/** Which order a question is about: named in the message, else the newest matching one. */
type Target = { kind: 'order'; order: Order } | { kind: 'foreign' } | { kind: 'none' } | { kind: 'several'; orders: Order[] };

function target(event: TurnEvent, candidates: (o: Order) => boolean, several: 'ask' | 'newest'): Target {
  const mention = mentionedOrder(event.text, event.entities, event.facts.orders);
  if (mention.kind === 'own') return { kind: 'order', order: mention.order };
  if (mention.kind === 'foreign') return { kind: 'foreign' };
  // "大衣我不想要了": the orders holding the product the buyer talks about come first, in any state.
  const holding = ordersHolding(event.facts.orders, event.facts.product);
  if (holding.length > 0 && !holding.some(candidates)) return { kind: 'order', order: holding[0]! };
  const matching = (holding.length > 0 ? holding : event.facts.orders).filter(candidates);
  if (matching.length === 0) return { kind: 'none' };
  if (matching.length === 1 || several === 'newest') return { kind: 'order', order: matching[0]! };
  return { kind: 'several', orders: matching };
}

// ---------------------------------------------------------------- tracking

const ASKS_FOR_NUMBER = /单号|單號|快递号|快遞號|运单|運單|面单|面單/u;
/** "物流到哪了", "在哪": where the parcel is (a label not yet collected shows nothing there). */
const ASKS_WHERE = /到哪|在哪|哪里了|哪裡了|哪儿了|哪兒了|物流/u;


/** Whether it has left, or where it is — one of the two, not both. */
const asksLeftOrWhere = (plain: string): boolean => (SHIPPED_YET.test(plain) || NOT_LEFT_YET.test(plain)) !== ASKS_WHERE.test(plain);

/** Where an order is: tracking for shipped ones, what happens next for the others. */
function trackOrder(order: Order, event: TurnEvent): Answer {
  const orderId = order.id;
  if (order.state === 'unpaid') return { replies: [reply('track.unpaid', { orderId })] };
  // 面单已打印 and the number or whether it has left asked for ("核桃发了没"): the number exists (seed 002
  // 提供单号), the courier has not collected it yet; so does "怎么还不发货" asked as a fact beside a complaint.
  // "核桃到哪了" alone gets the number too, with "waiting for pickup"; asked both whether it left and
  // where it is ("发货了吗 物流到哪了") gets "not shipped yet" (test/stories/logistics-tracking.yaml).
  const plain = normalizeSameLength(event.text);
  if (order.state === 'printed' && order.trackingNumber !== undefined && (ASKS_FOR_NUMBER.test(plain) || asksLeftOrWhere(plain))) {
    return { replies: [reply('track.printed', { orderId, courier: courierOf(order, event), trackingNumber: order.trackingNumber })] };
  }
  // "到现在也没个动静 是不是忘了发了" of a printed label: a complaint of the wait — the number and a chase of the pickup.
  if (order.state === 'printed' && order.trackingNumber !== undefined && complainsOfWait(plain)) return notShippedOrder(order, event);
  if (isPending(order)) return { replies: [reply('track.not_shipped', { orderId })] };
  if (order.trackingNumber === undefined) {
    return { replies: [reply(order.state === 'refunding' ? 'track.refunding' : 'track.no_number', { orderId })] };
  }
  const courier = courierOf(order, event);
  const latest = latestTracking(order);
  if (order.state === 'delivered' || order.state === 'completed') {
    return { replies: [reply('track.delivered', { orderId, courier, trackingNumber: order.trackingNumber, trackingEvent: latest?.text ?? '已签收' })] };
  }
  // Said to be stuck ("快递三天不动了") and stuck for days: where it stopped, never "包裹正在路上，留意查收".
  if (latest !== undefined && STALLED.test(plain) && trackingStalled(order, event.facts.now)) {
    return { replies: [reply('track.stalled', { orderId, courier, trackingNumber: order.trackingNumber, trackingEvent: latest.text })] };
  }
  return latest === undefined
    ? { replies: [reply('track.shipped_no_event', { orderId, courier, trackingNumber: order.trackingNumber })] }
    : { replies: [reply('track.shipped', { orderId, courier, trackingNumber: order.trackingNumber, trackingEvent: latest.text })] };
}

function trackAnswer(event: TurnEvent): Answer {
  const t = target(event, (o) => o.state === 'shipped', 'ask');
  switch (t.kind) {
    case 'order':
      return trackOrder(t.order, event);
    case 'foreign':
      return notOwn();
    case 'several':
      return {
        replies: [reply('track.which_order', { orderId: orderList(t.orders, 5, event.facts.shop) })],
        pending: { kind: 'choose_order', intent: 'logistics_track', orderIds: t.orders.map((o) => o.id), address: null },
      };
    case 'none': {
      // Nothing in transit: the newest unshipped order tells what happens next, else the newest one.
      const order = newest(event.facts.orders, (o) => o.state === 'unpaid' || isPending(o)) ?? event.facts.orders[0];
      return order === undefined ? askOrderId() : trackOrder(order, event);
    }
  }
}

// ---------------------------------------------------------------- not shipped (seed 001: 3 steps)


/** The shop-local date a paid order normally leaves (paid before the cut-off: that day) and today's date. */
function dispatchDates(order: Order, event: TurnEvent): { due: string; today: string } | undefined {
  if (order.paidAt === undefined) return undefined;
  const { shop } = event.facts;
  return { due: nextShippingDate(shop, new Date(order.paidAt)), today: localDate(new Date(event.facts.now), shop.timezone) };
}

/**
 * The day a paid order normally leaves, when that day has not passed: the buyer asking when it ships
 * is answered with the day, not an apology.
 */
function dispatchDayOnSchedule(order: Order, event: TurnEvent): string | undefined {
  const dates = dispatchDates(order, event);
  return dates === undefined || dates.due < dates.today ? undefined : dayWord(dates.due, dates.today);
}

/** Minutes after payment within which a complaint of the wait finds nothing late to chase. */
const JUST_PAID_MINUTES = 30;
const justPaid = (order: Order, event: TurnEvent): boolean =>
  order.paidAt !== undefined && Date.parse(event.facts.now) - Date.parse(order.paidAt) <= JUST_PAID_MINUTES * 60_000;

/** A paid order still within its normal dispatch time: the day it normally leaves (正常情况下, no promise). */
function onSchedule(order: Order, event: TurnEvent): Answer | undefined {
  const day = dispatchDayOnSchedule(order, event);
  if (day === undefined) return undefined;
  const first = event.facts.shop.products.find((p) => p.id === order.items[0]?.productId);
  const product = first === undefined ? '宝贝' : `${displayName(first)}${order.items.length > 1 ? '等' : ''}`;
  return { replies: [reply('not_shipped.on_schedule', { orderId: order.id, product, day, cutoff: event.facts.shop.shipping.cutoff })] };
}

/**
 * The shop does not ship today (a holiday, its own closing day): why, and the day shipping resumes
 * from the shop calendar — nobody is at the warehouse to chase, so no remark and no 24-hour promise.
 */
function closedToday(order: Order, event: TurnEvent, scriptId = 'not_shipped.closed'): Answer | undefined {
  const dispatch = dispatchDayIfPaidNow(event.facts.shop, new Date(event.facts.now));
  if (dispatch.kind !== 'closed') return undefined;
  return { replies: [reply(scriptId, { orderId: order.id, closure: dispatch.closure, day: dispatch.day })] };
}

/**
 * Step 3 of the chase: when the order normally leaves today (paid before the cut-off on a working day),
 * the shop's cut-off rule as a fact (seed 000: 正常今天可以发出, not 今天发货); otherwise 尽快, no date.
 */
function notShippedExpectation(order: Order, event: TurnEvent): ReplyPlan {
  const dates = dispatchDates(order, event);
  return dates !== undefined && dates.due === dates.today
    ? reply('not_shipped.expectation_today', { cutoff: event.facts.shop.shipping.cutoff })
    : reply('not_shipped.expectation');
}

function notShippedOrder(order: Order, event: TurnEvent): Answer {
  if (order.state === 'unpaid') return { replies: [reply('not_shipped.unpaid', { orderId: order.id })] };
  if (!isPending(order)) return trackOrder(order, event);
  const orderId = order.id;
  const closed = closedToday(order, event);
  if (closed !== undefined) return closed;
  const complains = complainsOfWait(normalizeSameLength(event.text));
  // The label is printed: the parcel waits for the courier, not for packing — the number, and on a
  // complaint a chase of the pickup.
  if (order.state === 'printed' && order.trackingNumber !== undefined && complains) {
    return {
      replies: [reply('not_shipped.printed', { orderId, courier: courierOf(order, event), trackingNumber: order.trackingNumber }), reply('not_shipped.expectation')],
      remarks: [{ orderId, reason: '顾客催发货，面单已打印，请仓库联系快递尽快揽收' }],
      promises: [followUp('跟进快递揽收进度并回复顾客', orderId)],
    };
  }
  // "什么时候发" while the order is within its normal dispatch time: the day, not an apology and a chase;
  // so is "怎么还没发" minutes after paying — nothing is late yet to chase.
  const asked = complains && !justPaid(order, event) ? undefined : onSchedule(order, event);
  if (asked !== undefined) return asked;
  return {
    replies: [reply('not_shipped.apologize', { orderId }), reply('not_shipped.remark'), notShippedExpectation(order, event)],
    remarks: [{ orderId, reason: '顾客催发货，请仓库优先安排发出' }],
    promises: [followUp('跟进仓库发货进度并回复顾客', orderId)],
  };
}

function notShippedAnswer(event: TurnEvent): Answer {
  const t = target(event, isPending, 'newest');
  if (t.kind === 'foreign') return notOwn();
  if (t.kind === 'order') return notShippedOrder(t.order, event);
  const order = event.facts.orders[0];
  return order === undefined ? askOrderId() : notShippedOrder(order, event);
}

// ---------------------------------------------------------------- urgent delivery (seed 001: 3 steps)

/** "今天能发吗", "当天能寄出不": whether the order leaves today, asked. */
const ASKS_TODAY_DISPATCH = /(?:今天|今日|当天|當天)(?:能|可以|会|會|就|还能|還能)?(?:发|發|寄|出)/u;

/**
 * Step 3 of the urgent case: asked whether it leaves today, a paid order that normally does says so
 * (the cut-off rule, no promise); else 尽快.
 */
function urgentExpectation(order: Order, event: TurnEvent): ReplyPlan {
  if (order.state === 'unpaid' || !ASKS_TODAY_DISPATCH.test(normalizeSameLength(event.text))) return reply('urgent.expectation');
  const expected = notShippedExpectation(order, event);
  return expected.scriptId.endsWith('expectation_today') ? expected : reply('urgent.expectation');
}

function urgentOrder(order: Order, event: TurnEvent): Answer {
  const orderId = order.id;
  if (order.state === 'shipped') {
    // Already out for delivery: say so (with the event), the courier is chased for the last leg.
    const delivering = outForDeliveryEvent(order);
    return {
      replies: [delivering === undefined ? reply('urgent.shipped', { orderId, courier: courierOf(order, event) }) : reply('urgent.out_for_delivery', { orderId, courier: courierOf(order, event), trackingEvent: delivering })],
      remarks: [{ orderId, reason: '顾客急用，已联系快递催促派送' }],
      promises: [followUp('跟进快递派送进度并回复顾客', orderId)],
    };
  }
  if (!isPending(order) && order.state !== 'unpaid') return trackOrder(order, event);
  // The warehouse closed today (holiday): the day shipping resumes; no 加急 remark nobody can act on.
  const closed = closedToday(order, event, 'urgent.closed');
  if (closed !== undefined) return closed;
  return {
    replies: [
      reply(order.state === 'unpaid' ? 'urgent.check_unpaid' : 'urgent.check', { orderId }),
      reply('urgent.remark'),
      urgentExpectation(order, event),
    ],
    remarks: [{ orderId, reason: '顾客急用，加急，请仓库优先安排发出' }],
    promises: [
      { kind: 'remark', text: '订单备注加急', orderId, dueInHours: 1 },
      followUp('跟进加急发货进度并回复顾客', orderId),
    ],
  };
}

function urgentAnswer(event: TurnEvent): Answer {
  const t = target(event, (o) => o.state === 'unpaid' || isPending(o), 'newest');
  if (t.kind === 'foreign') return notOwn();
  if (t.kind === 'order') return urgentOrder(t.order, event);
  const order = event.facts.orders[0];
  return order === undefined ? { replies: [reply('urgent.before_order')] } : urgentOrder(order, event);
}

// ---------------------------------------------------------------- signed but not received

/** "问过前台了 没有", "取件码没收到短信": the buyer already looked where the first answer sends them. */
const ALREADY_LOOKED = /问过|問過|找过|找過|看过|看過|问了|問了|找了|都没有|都沒有|没找到|沒找到|不在|没人收|沒人收/u;

/**
 * "取件码多少啊", "取件码短信删了", "没收到取件码", "取件码呢", "到底怎么取": the code asked for, its SMS lost or
 * never come, or how to take the parcel out — where the code is found, the courier asked to resend it.
 */
const PICKUP_CODE_ASKED =
  /(?:取件码|取件碼|取货码|取貨碼)(?:是)?(?:多少|几|幾|啥|什么|什麼|呢|在哪)|(?:取件码|取件碼|取货码|取貨碼|短信|簡訊).{0,6}(?:找不到|忘了|忘记|忘記|删了|刪了|弄丢|弄丟)|(?:没|沒|没有|沒有)(?:收到|看到|找到)?(?:取件码|取件碼|取货码|取貨碼)|(?:怎么|怎麼|咋|如何)(?:才能)?(?:取|拿)(?:件|出来|出來|出|呢|啊)?[？?]*$|取不出(?:来|來)?/u;

/**
 * Signed but not received (seed 001): the tracking record says who signed; the buyer checks nearby
 * while we ask the courier (remarked and promised once). Asked again, or after looking already, the
 * buyer hears that the courier is being asked — not the same list of places again.
 */
function signedAnswer(event: TurnEvent, checking: string | undefined): Answer & Memory {
  const t = target(event, isShipped, 'newest');
  if (t.kind === 'foreign') return notOwn();
  if (t.kind !== 'order') return askOrderId();
  const order = t.order;
  if (!isShipped(order)) return trackOrder(order, event);
  const courier = courierOf(order, event);
  const taken = checking === order.id;
  const latest = latestTracking(order);
  const record = taken || latest === undefined ? [] : [reply('signed.record', { orderId: order.id, trackingEvent: latest.text })];
  // "取件码多少啊 短信找不到了": the code is the locker's SMS to the receiver's phone — where to find it, the courier asked to resend.
  const said = normalizeSameLength(event.text);
  if (PICKUP_CODE_ASKED.test(said) || LOCKER_CODE.test(said) || CODE_ASKED.test(said)) {
    return {
      replies: [...record, reply('signed.pickup_code', { orderId: order.id, courier })],
      promises: [followUp('联系快递为顾客重新发送取件码并回复顾客', order.id)],
      signedCheck: order.id,
    };
  }
  // "锦绣路那个柜子吗": where it was left, confirmed from the tracking record (nothing new promised).
  if (taken && latest !== undefined && ASKS_WHERE_LEFT.test(said) && !LOST.test(said)) {
    return { replies: [reply('signed.where_left', { orderId: order.id, trackingEvent: latest.text })], signedCheck: order.id };
  }
  // "要是找不着了给不给重新发": a parcel signed for and not found is resent or refunded once checked (as a lost one).
  const plain = normalizeSameLength(event.text);
  if (LOST.test(plain) && SUPPOSES.test(plain) && !PICKUP_CODE_ASKED.test(plain)) {
    return { replies: [reply('signed.if_lost', { orderId: order.id, courier })], signedCheck: order.id };
  }
  if (taken || ALREADY_LOOKED.test(normalizeSameLength(event.text))) {
    return {
      replies: [...record, reply('signed.checking', { orderId: order.id, courier })],
      ...(taken ? {} : { remarks: [{ orderId: order.id, reason: '顾客反馈物流显示签收但未收到，已查看附近仍未找到，已联系快递核实' }], promises: [followUp('联系快递核实签收情况并回复顾客', order.id)] }),
      signedCheck: order.id,
    };
  }
  return {
    replies: [
      ...record,
      reply('signed.check_nearby'),
      reply('signed.contact_courier', { orderId: order.id, courier }),
    ],
    remarks: [{ orderId: order.id, reason: '顾客反馈物流显示签收但未收到，已联系快递核实' }],
    promises: [followUp('联系快递核实签收情况并回复顾客', order.id)],
    signedCheck: order.id,
  };
}

// ---------------------------------------------------------------- delivery delay

function delayAnswer(event: TurnEvent): Answer {
  const t = target(event, (o) => o.state === 'shipped', 'newest');
  if (t.kind === 'foreign') return notOwn();
  const order = t.kind === 'order' ? t.order : event.facts.orders[0];
  if (order === undefined) return askOrderId();
  if (order.state !== 'shipped') return order.state === 'unpaid' || isPending(order) ? notShippedOrder(order, event) : trackOrder(order, event);
  // "要是寄丢了呢": what happens if it is lost — checked with the courier, resent or refunded; no promise it arrives.
  if (LOST.test(normalizeSameLength(event.text))) return { replies: [reply('delay.if_lost', { orderId: order.id, courier: courierOf(order, event) })] };
  // "怎么跑西安去了": the courier's transit hubs on the way, with where it is now; the chase stays as it was.
  if (ASKS_ROUTE.test(normalizeSameLength(event.text))) return { replies: [reply('delay.route', { courier: courierOf(order, event), trackingEvent: latestTracking(order)?.text ?? '已发出' })] };
  // "物流三天没动了": where the parcel is stuck, read off its tracking, before the chase.
  const latest = latestTracking(order);
  return {
    replies: [reply('delay.apologize'), ...(latest === undefined ? [] : [reply('delay.stuck_at', { trackingEvent: latest.text })]), reply('delay.chase', { orderId: order.id, courier: courierOf(order, event) })],
    remarks: [{ orderId: order.id, reason: '顾客反馈物流延误，已联系快递催促' }],
    promises: [followUp('跟进快递物流进度并回复顾客', order.id)],
  };
}

// ---------------------------------------------------------------- address change (seed 004)

/** Shipped: no change in the order; the redirect offered, or asked of the courier when the new address is already given. */
function shippedAddressChange(order: Order, address: string | null, event: TurnEvent): Answer {
  const orderId = order.id;
  const courier = courierOf(order, event);
  const shipped = reply('address_change.shipped', { orderId, courier });
  if (address === null) return { replies: [shipped, reply('address_change.redirect_offer')] };
  return {
    replies: [shipped, reply('address_change.redirect_asked', { courier, address })],
    promises: [followUp('联系快递改派到新地址并回复顾客', orderId)],
  };
}

const canTakeAddressChange = (o: Order): boolean => o.state === 'unpaid' || isPending(o) || o.state === 'shipped';

function addressChangeOrder(order: Order, address: string | null, event: TurnEvent): Answer {
  const orderId = order.id;
  switch (order.state) {
    case 'unpaid':
      return { replies: [reply('address_change.unpaid', { orderId })] };
    case 'shipped':
      return shippedAddressChange(order, address, event);
    case 'delivered':
    case 'completed':
      return { replies: [reply('address_change.delivered', { orderId })] };
    case 'refunding':
      return { replies: [reply('address_change.refunding', { orderId })] };
    case 'paid':
    case 'printed': {
      const phone = address === null ? phoneFromText(event.text) : null;
      if (phone !== null) return phoneChangeOrder(order, phone, event);
      // "门牌号是480号不是478": the order's own address with that number corrected is the new one.
      const corrected = address === null ? correctedAddress(event.text, order.receiver.address) : null;
      if (corrected !== null) return addressChangeOrder(order, corrected, event);
      if (address === null) return { replies: [reply('address_change.ask_address', { orderId })], pending: { kind: 'address', orderId } };
      const minutes = minutesBetween(order.paidAt, event.facts.now);
      if (order.state === 'paid' && minutes !== null && minutes <= DIRECT_CHANGE_MINUTES) {
        return {
          replies: [reply('address_change.remarked', { orderId, address })],
          remarks: [{ orderId, reason: `顾客申请修改收货地址为：${address}` }],
        };
      }
      return {
        replies: [reply('address_change.warehouse', { orderId, address })],
        remarks: [{ orderId, reason: `付款超过30分钟，请打单处修改收货地址为：${address}` }],
        promises: [followUp('跟进仓库修改收货地址并回复顾客', orderId)],
      };
    }
  }
}

/** Only the receiver's phone changes (paid or printed order): remarked like an address (seed 004 修改订单流程). */
function phoneChangeOrder(order: Order, phone: string, event: TurnEvent): Answer {
  const orderId = order.id;
  // The full number goes on the remark only: a reply never carries a phone number (offplatform-phone rule).
  const shown = maskPhone(phone);
  const minutes = minutesBetween(order.paidAt, event.facts.now);
  if (order.state === 'paid' && minutes !== null && minutes <= DIRECT_CHANGE_MINUTES) {
    return { replies: [reply('address_change.phone_remarked', { orderId, phone: shown })], remarks: [{ orderId, reason: `顾客申请修改收货电话为：${phone}` }] };
  }
  return {
    replies: [reply('address_change.phone_warehouse', { orderId, phone: shown })],
    remarks: [{ orderId, reason: `付款超过30分钟，请打单处修改收货电话为：${phone}` }],
    // (The change named, masked: "改好了吗" is answered with what is being changed.)
    promises: [followUp(`跟进仓库修改收货电话为${shown}并回复顾客`, orderId)],
  };
}

function addressChangeAnswer(event: TurnEvent, lastAddress?: string): Answer & Memory {
  // (An address sent on its own — "浙江省杭州市…路699号" after the redirect offer — is the new one too.)
  const given = addressFromText(event.text) ?? (isBareAddress(event.text) ? addressFromText(event.text, true) : null);
  // "牛仔裤那单也改一下": the address just given, for another order.
  const address = given ?? (lastAddress !== undefined && asksSameChange(event.text) ? lastAddress : null);
  return { ...addressChangeTo(event, address), ...(given === null ? {} : { lastAddress: given }) };
}

function addressChangeTo(event: TurnEvent, address: string | null): Answer {
  const t = target(event, canTakeAddressChange, 'ask');
  switch (t.kind) {
    case 'order':
      return addressChangeOrder(t.order, address, event);
    case 'foreign':
      return notOwn();
    case 'several':
      return {
        replies: [reply('address_change.which_order', { orderId: orderList(t.orders, 5, event.facts.shop) })],
        pending: { kind: 'choose_order', intent: 'address_change', orderIds: t.orders.map((o) => o.id), address },
      };
    case 'none': {
      const order = event.facts.orders[0];
      return order === undefined ? askOrderId() : addressChangeOrder(order, address, event);
    }
  }
}

// ---------------------------------------------------------------- order change (seed 004 修改订单流程)

/** The size and colour the buyer wants: those after the last 改成/换成, else any in the message. */
function wantedVariantOf(event: TurnEvent, product: Product | undefined): { size: string | null; color: string | null } {
  const { cut, ...wanted } = wantedVariant(event.text, event.entities);
  return wanted.size === null && product !== undefined ? { ...wanted, size: bareSizeOf(event.text, cut, product) } : wanted;
}

/** "27改28", "还是29吧": a bare number that is one of the product's sizes (the last one, after 改/换 when said). */
function bareSizeOf(text: string, cut: number, product: Product): string | null {
  const sizes = new Set(product.skus.map((s) => normaliseSize(s.size)));
  const numbers = [...text.matchAll(/(?<![0-9])([0-9]{2,3})(?![0-9])/gu)].filter((m) => sizes.has(m[1]!));
  const after = numbers.filter((m) => m.index >= cut);
  return (after.at(-1) ?? numbers.at(-1))?.[1] ?? null;
}

/** The product of an order the change is about: the one talked about if the order holds it, else the first. */
function changedItem(order: Order, event: TurnEvent): { product: Product | undefined; ordered: { size: string; color: string } | undefined } {
  const talkedAbout = event.facts.product;
  const item = order.items.find((i) => i.productId === talkedAbout?.id) ?? order.items[0];
  return { product: event.facts.shop.products.find((p) => p.id === item?.productId), ordered: item };
}

/** Size/colour change before shipping: checked against the product's SKUs; remark within 30 minutes of payment, a warehouse note later. */
function orderChangeOrder(order: Order, event: TurnEvent, changed?: Memory['changed']): Answer & Memory {
  const orderId = order.id;
  switch (order.state) {
    case 'unpaid':
      // "改成两件": the quantity is the buyer's to pick again, as the variant is (no remark: nothing paid yet).
      return { replies: [reply(CHANGES_QUANTITY.test(normalizeSameLength(event.text)) ? 'order_change.unpaid_quantity' : 'order_change.unpaid', { orderId })] };
    case 'shipped':
      return { replies: [reply('order_change.shipped', { orderId })] };
    case 'delivered':
    case 'completed':
      return { replies: [reply('order_change.received', { orderId })] };
    case 'refunding':
      return { replies: [reply('order_change.refunding', { orderId })] };
    case 'paid':
    case 'printed': {
      const { product, ordered: item } = changedItem(order, event);
      // Changed already in this conversation: the next change starts from there.
      const before = changed !== undefined && changed.orderId === orderId && changed.productId === product?.id ? changed : undefined;
      const ordered = before ?? item;
      const asked = wantedVariantOf(event, product);
      // "尺码还是32不变", "码数不用改" after the change: it stands as remarked — confirmed, nothing new to remark.
      const kept = (): Answer & Memory => ({ replies: [reply('order_change.kept', { orderId, variant: `${before!.color} ${sizeLabel(product!, before!.size)}` })] });
      if (before !== undefined && product !== undefined && asked.size === null && asked.color === null && keepsVariant(normalizeSameLength(event.text))) return kept();
      if (asked.size === null && asked.color === null) return { replies: [reply('order_change.ask_variant', { orderId })] };
      if (product === undefined) return { replies: [reply('order_change.ask_variant', { orderId })] };
      const stock = exchangeStock(product, asked, ordered);
      if (before !== undefined && stock.kind === 'in_stock' && stock.color === before.color && stock.size === before.size) return kept();
      // "羽绒服还是黑色L不变哈": what the order already holds — nothing to change, nothing to remark.
      if (before === undefined && item !== undefined && stock.kind === 'in_stock' && stock.color === item.color && normaliseSize(stock.size) === normaliseSize(item.size)) {
        return { replies: [reply('order_change.unchanged', { orderId, product: displayName(product), variant: `${item.color} ${sizeLabel(product, item.size)}` })] };
      }
      if (stock.kind === 'unknown_variant') {
        return { replies: [reply('order_change.no_such_variant', { orderId, product: displayName(product), colors: joinList(stock.colors), sizes: joinList(stock.sizes) })] };
      }
      if (stock.kind === 'out') {
        return { replies: [reply('order_change.out_of_stock', { orderId, variant: `${stock.color} ${sizeLabel(product, stock.size)}`, sizes: joinList(stock.sizesInStock) })] };
      }
      const variant = `${stock.color} ${sizeLabel(product, stock.size)}`;
      const minutes = minutesBetween(order.paidAt, event.facts.now);
      const now: Memory['changed'] = { orderId, productId: product.id, color: stock.color, size: stock.size };
      if (order.state === 'paid' && minutes !== null && minutes <= DIRECT_CHANGE_MINUTES) {
        return {
          replies: [reply('order_change.remarked', { orderId, variant })],
          remarks: [{ orderId, reason: `顾客申请把${displayName(product)}改为：${variant}` }],
          changed: now,
        };
      }
      return {
        replies: [reply('order_change.warehouse', { orderId, variant })],
        remarks: [{ orderId, reason: `付款超过30分钟，请打单处把${displayName(product)}改为：${variant}` }],
        promises: [followUp('跟进仓库修改款式并回复顾客', orderId)],
        changed: now,
      };
    }
  }
}

function orderChangeAnswer(event: TurnEvent, changed?: Memory['changed']): Answer & Memory {
  const t = target(event, (o) => o.state === 'unpaid' || isPending(o), 'newest');
  if (t.kind === 'foreign') return notOwn();
  const order = t.kind === 'order' ? t.order : event.facts.orders[0];
  return order === undefined ? askOrderId() : orderChangeOrder(order, event, changed);
}

// ---------------------------------------------------------------- cancel (seed 004 退款理由)

/**
 * Cancelling before receipt. The refund reason the buyer picks matters: 缺货 or 未按约定时间发货
 * cost the shop 30% compensation, so the scripts suggest 拍错/不想要了 — true for a buyer who
 * simply changed their mind.
 */
/** "羽绒服不要了" of an order holding more: only that item is cancelled, the rest ships. */
function cancelledItem(order: Order, event: TurnEvent): string | undefined {
  // "裤子不要了 只要羽绒服": the item given up, not the one kept (whichever the turn talks about).
  const split = partialReturnOf(event.text, order, event.facts.shop);
  if (split !== null) return split.returned.name;
  const product = event.facts.product;
  if (product === undefined || new Set(order.items.map((i) => i.productId)).size < 2) return undefined;
  return order.items.some((i) => i.productId === product.id) ? product.name : undefined;
}

function cancelOrder(order: Order, event: TurnEvent): Answer {
  const orderId = order.id;
  if (ASKS_REFUND_REASON.test(normalizeSameLength(event.text)) && order.state !== 'unpaid') return { replies: [reply('cancel.reason', { orderId })] };
  const item = order.state === 'paid' || order.state === 'printed' ? cancelledItem(order, event) : undefined;
  if (item !== undefined) {
    return {
      replies: [reply('cancel.item', { orderId, product: item })],
      remarks: [{ orderId, reason: `顾客申请取消${item}，请勿发出${item}，其余宝贝正常发货` }],
      promises: [followUp(`确认仓库未发出${item}并尽快同意退款`, orderId)],
    };
  }
  switch (order.state) {
    case 'unpaid':
      return { replies: [reply('cancel.unpaid', { orderId })] };
    case 'paid':
    case 'printed':
      return {
        replies: [reply(order.state === 'paid' ? 'cancel.paid' : 'cancel.printed', { orderId })],
        remarks: [{ orderId, reason: '顾客申请取消订单，请勿发货' }],
        promises: [followUp('确认仓库未发出并尽快同意退款', orderId)],
      };
    case 'shipped':
      return { replies: [reply('cancel.shipped', { orderId, courier: courierOf(order, event) })] };
    case 'delivered':
    case 'completed':
      return { replies: [reply('cancel.received', { orderId })] };
    case 'refunding':
      return { replies: [reply('cancel.refunding', { orderId })] };
  }
}

function cancelAnswer(event: TurnEvent): Answer {
  // Cancelling is irreversible for the warehouse (请勿发货): with several cancellable orders and
  // nothing saying which, ask — naming them — instead of acting on the newest.
  const t = target(event, (o) => o.state === 'unpaid' || isPending(o), 'ask');
  if (t.kind === 'foreign') return notOwn();
  if (t.kind === 'several') {
    return {
      replies: [reply('cancel.which_order', { orderId: orderList(t.orders, 5, event.facts.shop) })],
      pending: { kind: 'choose_order', intent: 'cancel_order', orderIds: t.orders.map((o) => o.id), address: null },
    };
  }
  const order = t.kind === 'order' ? t.order : event.facts.orders[0];
  return order === undefined ? askOrderId() : cancelOrder(order, event);
}

// ---------------------------------------------------------------- turn planning

const ANSWERS: Record<LogisticsIntent, (event: TurnEvent) => Answer> = {
  logistics_track: trackAnswer,
  not_shipped: notShippedAnswer,
  urgent_delivery: urgentAnswer,
  signed_not_received: (event) => signedAnswer(event, undefined),
  delivery_delay: delayAnswer,
  address_change: addressChangeAnswer,
  order_change: (event) => orderChangeAnswer(event),
  cancel_order: cancelAnswer,
  confirm_receipt: () => ({ replies: [reply('confirm_receipt.how')] }),
};

const unhandled = (): Plan => ({ out: { ...emptyOutput(), unhandled: true }, pending: null });

function toPlan(answer: Answer & Memory, context?: LogisticsContext): Plan {
  return {
    out: { ...emptyOutput(), replies: answer.replies, remarks: answer.remarks ?? [], promises: answer.promises ?? [] },
    pending: answer.pending ?? null,
    signedCheck: answer.signedCheck ?? context?.signedCheck,
    changed: answer.changed ?? context?.changed,
    lastAddress: answer.lastAddress ?? context?.lastAddress,
  };
}

/** Answers an open question, or undefined when the message does not answer it. */
function answerPending(pending: PendingQuestion, event: TurnEvent): (Answer & Memory) | undefined {
  const { orders } = event.facts;
  if (pending.kind === 'choose_order') {
    const candidates = orders.filter((o) => pending.orderIds.includes(o.id));
    const mention = chosenOrder(event, candidates);
    if (mention.kind === 'foreign') return notOwn(pending);
    if (mention.kind === 'none') return undefined;
    if (isLogisticsIntent(event.intent) && event.intent !== pending.intent) return undefined;
    if (pending.intent === 'logistics_track') return trackOrder(mention.order, event);
    if (pending.intent === 'cancel_order') return cancelOrder(mention.order, event);
    return addressChangeOrder(mention.order, addressFromText(event.text) ?? pending.address, event);
  }
  const order = orders.find((o) => o.id === pending.orderId);
  const address = addressFromText(event.text, true);
  if (order === undefined || address === null) return undefined;
  return { ...addressChangeOrder(order, address, event), lastAddress: address };
}

/**
 * The answer to "which order?": an id or its last digits, or — when the engine narrowed the
 * buyer's orders by what the message says ("没付钱的那个", "大衣那单") — the one candidate left.
 */
export function chosenOrder(event: TurnEvent, candidates: readonly Order[]): ReturnType<typeof mentionedOrder> {
  const mention = mentionedOrder(event.text, event.entities, event.facts.orders, candidates);
  if (mention.kind !== 'none' || event.facts.orderCues === undefined) return mention;
  return candidates.length === 1 ? { kind: 'own', order: candidates[0]! } : mention;
}

/** What a turn decides (pure; guards and actions both read it). */
export function planTurn(context: LogisticsContext, event: TurnEvent): Plan {
  // "收件电话是多少 我确认下": the own order's receiver data read back — no change, nor the new address awaited.
  const readBack = (event.intent === 'address_change' || context.pending?.kind === 'address') && asksReceiverData(event.text) ? receiverReadBack(event) : null;
  if (readBack !== null) return toPlan({ replies: [readBack], ...(context.pending === null ? {} : { pending: context.pending }) }, context);
  if (context.pending !== null) {
    const answer = answerPending(context.pending, event);
    if (answer !== undefined) return toPlan(answer, context);
  }
  if (!isLogisticsIntent(event.intent)) return unhandled();
  if (event.intent === 'signed_not_received') return toPlan(signedAnswer(event, context.signedCheck), context);
  if (event.intent === 'order_change') return toPlan(orderChangeAnswer(event, context.changed), context);
  if (event.intent === 'address_change') return toPlan(addressChangeAnswer(event, context.lastAddress), context);
  return toPlan(ANSWERS[event.intent](event), context);
}

export const logisticsMachine = setup({
  types: {
    context: {} as LogisticsContext,
    events: {} as TurnEvent,
    input: {} as LogisticsInput,
  },
  guards: {
    isUnhandled: ({ context, event }) => planTurn(context, event).out.unhandled === true,
    asksWhichOrder: ({ context, event }) => planTurn(context, event).pending?.kind === 'choose_order',
    asksForAddress: ({ context, event }) => planTurn(context, event).pending?.kind === 'address',
  },
  actions: {
    markUnhandled: assign({ out: () => ({ ...emptyOutput(), unhandled: true }), pending: null }),
    answer: assign(({ context, event }) => planTurn(context, event)),
  },
}).createMachine({
  id: 'logistics',
  context: () => ({ out: emptyOutput(), pending: null }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        TURN: [
          { guard: 'isUnhandled', actions: 'markUnhandled' },
          { guard: 'asksWhichOrder', target: 'choosingOrder', actions: 'answer' },
          { guard: 'asksForAddress', target: 'awaitingAddress', actions: 'answer' },
          { actions: 'answer' },
        ],
      },
    },
    /** Asked which of the buyer's orders (context.pending.orderIds). */
    choosingOrder: {
      on: {
        TURN: [
          { guard: 'isUnhandled', target: 'idle', actions: 'markUnhandled' },
          { guard: 'asksWhichOrder', actions: 'answer' },
          { guard: 'asksForAddress', target: 'awaitingAddress', actions: 'answer' },
          { target: 'idle', actions: 'answer' },
        ],
      },
    },
    /** Asked for the new address of context.pending.orderId. */
    awaitingAddress: {
      on: {
        TURN: [
          { guard: 'isUnhandled', target: 'idle', actions: 'markUnhandled' },
          { guard: 'asksWhichOrder', target: 'choosingOrder', actions: 'answer' },
          { guard: 'asksForAddress', actions: 'answer' },
          { target: 'idle', actions: 'answer' },
        ],
      },
    },
  },
});
