import type { Entity } from '../nlu/entities/index.ts';
import type { Order } from '../orders/schema.ts';
import type { Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';
import { localDate } from '../shop/hours.ts';
import { ofKind, productWordsOf, scoresOf } from './product-words.ts';

/**
 * Which of the buyer's orders a message is about, from the way buyers name an order without its
 * id: by product ("大衣那单", "裤子那个"), by state ("没付钱的那个", "在路上的", "已经收到的") or by
 * time ("上周到的那个", "昨天拍的", "刚下的单"). Every cue the message gives must hold (they narrow
 * together); a message with no cue, or cues no order fits, refers to nothing in particular and
 * the flows choose as before. Pure: the clock comes in.
 */

export type OrderCue = 'id' | 'product' | 'state' | 'time' | 'courier' | 'context' | 'note';

export interface OrderReference {
  /** The buyer's orders that fit every cue, newest first (at least one). */
  orders: Order[];
  cues: OrderCue[];
}

const DAY_MS = 86_400_000;

/** State words, each with the order states they name. */
const STATE_CUES: readonly { pattern: RegExp; states: readonly Order['state'][] }[] = [
  { pattern: /(?:没|沒|未|还没|還沒|没有|沒有)(?:付|支付|付款)|待付|未付款|没给钱|没拍下付/u, states: ['unpaid'] },
  { pattern: /(?:没|沒|未|还没|還沒)(?:发货|發貨|发出|發出|寄出)|待发货|待發貨/u, states: ['paid', 'printed'] },
  { pattern: /(?:在路上|路上的|在途|运输中|運輸中|正在派|派送中)/u, states: ['shipped'] },
  { pattern: /(?:已经|已經|已)(?:发货|發貨|发出|發出|寄出)的/u, states: ['shipped', 'delivered', 'completed'] },
  { pattern: /(?:已经|已經|已)?(?:签收|簽收)的|(?:已经|已經)?(?:收到|到)了?的(?:那|这|這)|收到的(?:那|这|這)|到货的|到貨的/u, states: ['delivered', 'completed'] },
  { pattern: /(?:在退|退款中|退款的那|退货的那|退貨的那)/u, states: ['refunding'] },
  // "新拍的那单", "新下的单": an order just placed, not on its way yet.
  { pattern: /新(?:拍|买|買|下|订|訂)(?:的|了|单|單)/u, states: ['unpaid', 'paid', 'printed'] },
];

/** Whether the words name an order by its state or its purchase ("没付款的零食", "刚拍的裤子"). */
export function namesOrderByState(text: string): boolean {
  const plain = normalizeSameLength(text);
  return STATE_CUES.some((c) => c.pattern.test(plain)) || PURCHASE_POINTER.test(plain);
}

/** Time words: the window (days back from today, inclusive) and whether they speak of arrival. */
interface TimeCue {
  from: number;
  to: number;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 两: 2, 兩: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function timeCueOf(text: string, weekday: number): TimeCue | undefined {
  if (/刚才|剛才|刚刚|剛剛|刚(?:拍|买|買|下|付)|剛(?:拍|買|下|付)|今天(?:拍|买|買|下|付|到|收)/u.test(text)) return { from: 0, to: 0 };
  if (/前天/u.test(text)) return { from: 2, to: 2 };
  if (/昨天|昨晚/u.test(text)) return { from: 1, to: 1 };
  // 上周 = the calendar week before this one (Monday-based, as buyers count).
  const sinceMonday = (weekday + 6) % 7;
  if (/上(?:周|週|星期|个礼拜|個禮拜|礼拜|禮拜)/u.test(text)) return { from: sinceMonday + 1, to: sinceMonday + 7 };
  if (/这(?:周|星期)|這(?:週|星期)|本周/u.test(text)) return { from: 0, to: sinceMonday };
  if (/上(?:个|個)?月/u.test(text)) return { from: 20, to: 62 };
  const ago = /([0-9]{1,2}|[一两兩二三四五六七八九十])(?:天|日)(?:前|之前|以前)/u.exec(text);
  if (ago) {
    const n = CN_DIGITS[ago[1]!] ?? Number(ago[1]);
    return { from: Math.max(0, n - 1), to: n + 1 };
  }
  return undefined;
}

/**
 * "十分钟前付的那单", "前两个钟头买的", "半小时前拍的": a moment minutes or hours back. Orders fit when
 * bought (or paid) within half the amount of that moment (at least 5 minutes): buyers round.
 */
const AGO = /(前)?([0-9]{1,2}|[一两兩二三四五六七八九十几幾半])(?:个|個)?(?:多)?(分钟|分鐘|钟头|鐘頭|小时|小時)(?:半)?(前|之前|以前)?/u;
const MINUTE_MS = 60_000;

export function momentAgoOf(text: string): { minutes: number; slack: number } | undefined {
  const m = AGO.exec(text);
  if (m === null || (m[1] === undefined && m[4] === undefined)) return undefined;
  const count = m[2] === '半' ? 0.5 : (CN_DIGITS[m[2]!] ?? (m[2] === '几' || m[2] === '幾' ? 3 : Number(m[2])));
  const minutes = count * (/分/u.test(m[3]!) ? 1 : 60);
  return { minutes, slack: Math.max(5, minutes / 2) };
}

/** "不是裤子 是吃的那个", "不对 我说的是围巾那单": what follows names the order meant. */
const CORRECTED = /(?:不是|不对|不對)[^，,。？?]{0,8}?[，,\s]*(?:我)?(?:是说|是說|说的是|說的是|问的是|問的是|是)([^，,。？?]{1,12})/u;

const COURIERS: readonly RegExp[] = [/顺丰|順豐|sf/iu, /中通/u, /圆通|圓通/u, /韵达|韻達/u, /申通/u, /邮政|郵政|ems/iu, /京东|京東/u, /极兔|極兔/u];

/** "能发顺丰吗", "改发顺丰", "发顺丰可以吗": a courier asked for, not the one an order went with. */
const COURIER_NAMES = '顺丰|順豐|sf|中通|圆通|圓通|韵达|韻達|申通|邮政|郵政|ems|京东|京東|极兔|極兔';
const ASKS_FOR_COURIER = new RegExp(
  `(?:能|可以|改|换|換|要|想|帮我|幫我|就)(?:不能|不可以)?(?:发|發|走|用|寄)(?:个|個)?(?:${COURIER_NAMES})|(?:发|發|走|用|寄)(?:个|個)?(?:${COURIER_NAMES})(?:快递|快遞)?(?:吗|嗎|么|麼|不|可以|行|呢|吧|的话|的話)`,
  'iu',
);

const BOUGHT = /拍|买|買|下单|下單|付|订的|訂的/u;
const ARRIVED = /到|收|签|簽/u;

/**
 * The times a time word may speak of: when it was bought (拍/买/下单/付), when it arrived
 * (到/收到/签收: the latest tracking entry of a received order), or any of them.
 */
function timesOf(order: Order, text: string): string[] {
  const bought = [order.createdAt, ...(order.paidAt ? [order.paidAt] : [])];
  const last = order.tracking.reduce<string | undefined>((acc, t) => (acc === undefined || Date.parse(t.at) > Date.parse(acc) ? t.at : acc), undefined);
  const arrived = last !== undefined && (order.state === 'delivered' || order.state === 'completed') ? [last] : [];
  if (BOUGHT.test(text)) return bought;
  if (ARRIVED.test(text)) return arrived;
  return [...bought, ...(order.shippedAt ? [order.shippedAt] : []), ...arrived];
}

/** Calendar day in the shop's zone, as a day count (for "days back"). */
function dayNumber(instant: string | Date, timeZone: string): number {
  const date = localDate(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * The orders holding a product the message names, among the products this buyer actually
 * ordered: "裤子那单" is ambiguous in the shop (two jeans) but not among one buyer's orders.
 */
export function byProduct(text: string, orders: readonly Order[], shop: Shop, byKind: boolean): Order[] {
  const ordered = new Set(orders.flatMap((o) => o.items.map((i) => i.productId)));
  const products = shop.products.filter((p) => ordered.has(p.id));
  const scores = scoresOf(productWordsOf(products), text);
  const best = Math.max(0, ...scores);
  // "零食那个": a kind of product, the orders holding any of that kind.
  const named = best >= 1 ? products.filter((_, i) => scores[i] === best).map((p) => p.id) : byKind ? ofKind(products, text).map((p) => p.id) : [];
  if (named.length === 0) return [];
  return orders.filter((o) => o.items.some((i) => named.includes(i.productId)));
}

/** "年会那单", "送客户的那笔": words put before 那单 / 的那个 — what the buyer calls the order. */
const CALLED = /([\p{Script=Han}]{2,8}?)(?:的)?(?:那|这|這)(?:一)?(?:单|單|笔|筆|个订单|個訂單)/u;
/** Words that name a product, a state or a time, never what an order was for. */
const NOT_A_PURPOSE = /没|沒|未|已|发|發|收|到|退|付|拍|买|買|刚|剛|上|昨|前|今/u;

/**
 * The orders whose buyer's note holds what the message calls the order ("年会那单" ↔ 买家留言
 * "公司年会采购"): the last two or more characters before 那单 found in the note.
 */
function byNote(text: string, orders: readonly Order[]): Order[] {
  const called = CALLED.exec(text)?.[1];
  if (called === undefined) return [];
  const chars = [...called];
  for (let n = Math.min(chars.length, 6); n >= 2; n--) {
    const word = chars.slice(-n).join('');
    if (NOT_A_PURPOSE.test(word)) continue;
    const hits = orders.filter((o) => o.buyerNote !== undefined && normalizeSameLength(o.buyerNote).includes(word));
    if (hits.length > 0) return hits;
  }
  return [];
}

export { ORDER_POINTER } from '../../flows/logistics-helpers.ts';

/**
 * "刚付款的牛仔裤", "已经付了的那件", "刚拍的裤子": a product named by its purchase is an order the buyer
 * has, not a pre-sale question about the product ("要付的运费", "想拍的那件" are still to come).
 */
export const PURCHASE_POINTER = /(?<![要需得该該想准準备備打算])(?:付|支付|拍|下单|下單)(?:了|过|過|完|好)?款?(?:了)?的/u;

export function referredOrders(input: {
  text: string;
  entities: readonly Entity[];
  orders: readonly Order[];
  shop: Shop;
  now: Date;
  productAlone?: boolean;
  /** "零食那个" answering "which order?" or about an order: a kind of product points at the orders holding it. */
  byKind?: boolean;
}): OrderReference | undefined {
  const { orders } = input;
  if (orders.length === 0) return undefined;
  const text = normalizeSameLength(input.text);
  const cues: OrderCue[] = [];
  let fits: Order[] = [...orders];

  const ids = input.entities.flatMap((e) => (e.type === 'order_id' ? [e.value] : []));
  const own = orders.filter((o) => ids.includes(o.id));
  if (own.length > 0) {
    cues.push('id');
    fits = own;
  }

  // "没付钱的那个 怎么还没发货": the cue that points (followed by 的/那/这) names the order; the other is the complaint.
  const matched = STATE_CUES.filter((c) => c.pattern.test(text));
  const pointing = matched.filter((c) => new RegExp(`(?:${c.pattern.source})[^，,。\\s]{0,3}?(?:的|那|这|這)`, 'u').test(text));
  const state = pointing.length > 0 ? pointing : matched;
  if (state.length > 0) {
    const states = new Set(state.flatMap((c) => c.states));
    const next = fits.filter((o) => states.has(o.state));
    if (next.length === 0) return undefined;
    cues.push('state');
    fits = next;
  }

  // A product alone ("大衣有货吗") is a pre-sale question, not a pointer at an order.
  // "不是裤子 我是说吃的那个": the product after the correction is the one meant.
  const meant = CORRECTED.exec(text)?.[1];
  const products = input.productAlone === false ? [] : byProduct(meant ?? text, orders, input.shop, input.byKind === true || meant !== undefined);
  if (products.length > 0) {
    const next = fits.filter((o) => products.includes(o));
    if (next.length > 0) {
      cues.push('product');
      fits = next;
    }
  }

  // "上次那个顺丰的单号": the orders that went with the courier named ("能发顺丰吗" asks for a courier, it points at nothing).
  const courier = ASKS_FOR_COURIER.test(text) ? undefined : COURIERS.find((c) => c.test(text));
  if (courier !== undefined) {
    const next = fits.filter((o) => o.courier !== undefined && courier.test(normalizeSameLength(o.courier)));
    if (next.length > 0 && next.length < fits.length) {
      cues.push('courier');
      fits = next;
    }
  }

  // "年会那单": the order whose buyer's note says what it was for (公司年会采购).
  const noted = byNote(text, fits);
  if (noted.length > 0 && noted.length < fits.length) {
    cues.push('note');
    fits = noted;
  }

  const today = dayNumber(input.now, input.shop.timezone);
  const weekday = new Date((today * DAY_MS)).getUTCDay();
  // A moment minutes or hours back is finer than the day words beside it ("刚才大概10分钟之前").
  const ago = momentAgoOf(text);
  const time = ago === undefined ? timeCueOf(text, weekday) : undefined;
  if (time) {
    const next = fits.filter((o) => timesOf(o, text).some((t) => {
      const back = today - dayNumber(t, input.shop.timezone);
      return back >= time.from && back <= time.to;
    }));
    if (next.length > 0) {
      cues.push('time');
      fits = next;
    }
  }

  if (ago !== undefined) {
    const moment = input.now.getTime() - ago.minutes * MINUTE_MS;
    const next = fits.filter((o) => [o.createdAt, ...(o.paidAt ? [o.paidAt] : [])].some((t) => Math.abs(Date.parse(t) - moment) <= ago.slack * MINUTE_MS));
    if (next.length > 0) {
      cues.push('time');
      fits = next;
    }
  }

  if (cues.length === 0) return undefined;
  return { orders: fits, cues };
}

/** "另外那个", "别的订单", "还有一单": the buyer turns to an order other than the one just discussed. */
const ANOTHER_ORDER = /另(?:外|一)|别的|別的|其他|其它|还有一|還有一|上一个|第二个/u;

/**
 * The order the conversation is about: a follow-up that names no order ("算了，取消吧", "改好了没")
 * is about the order the last answers were about, unless it turns to another one.
 */
export function focusedOrders(text: string, orders: readonly Order[], focusId: string | undefined): OrderReference | undefined {
  if (focusId === undefined || ANOTHER_ORDER.test(normalizeSameLength(text))) return undefined;
  const focus = orders.find((o) => o.id === focusId);
  return focus === undefined ? undefined : { orders: [focus], cues: ['context'] };
}

/** The one order a turn's answers were about (its remarks, else the order ids its replies name), if exactly one. */
export function orderInFocus(orderIds: readonly (string | undefined)[], orders: readonly Order[]): string | undefined {
  const own = new Set(orderIds.filter((id): id is string => id !== undefined && orders.some((o) => o.id === id)));
  return own.size === 1 ? [...own][0] : undefined;
}

/** Orders whose courier can still change: not handed to a courier yet. */
const COURIER_OPEN: ReadonlySet<Order['state']> = new Set(['unpaid', 'paid', 'printed']);

/**
 * "能发顺丰吗 加钱也行" right after an order was discussed: the courier change is for that order, when it
 * has not left yet (a shipped one in focus points nowhere: the request is then about the next order).
 */
export function focusedOpenOrder(text: string, orders: readonly Order[], focusId: string | undefined): OrderReference | undefined {
  const focused = focusedOrders(text, orders, focusId);
  return focused !== undefined && COURIER_OPEN.has(focused.orders[0]!.state) ? focused : undefined;
}
