import { normalizeSameLength } from '../src/text/normalize.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { Shop } from '../src/shop/schema.ts';
import type { Order } from '../src/orders/schema.ts';
import { addDays } from '../src/shop/hours.ts';

/** Pure helpers of the logistics machine (no clock: the time always comes from the turn's facts). */

/** Orders that have left the warehouse (a tracking number may be shown). */
export const SHIPPED_STATES: readonly Order['state'][] = ['shipped', 'delivered', 'completed'];
/** Orders still in the shop's hands (paid or printed, not yet handed to the courier). */
export const PENDING_STATES: readonly Order['state'][] = ['paid', 'printed'];

export const isShipped = (order: Order): boolean => SHIPPED_STATES.includes(order.state);

/** Whether an order holds a product (any of its items). */
export const holdsProduct = (order: Order, productId: string): boolean => order.items.some((item) => item.productId === productId);

/** The buyer's orders holding the product the conversation is about (none without a product), newest first. */
export const ordersHolding = (orders: readonly Order[], product: { id: string } | undefined): Order[] =>
  product === undefined ? [] : orders.filter((o) => holdsProduct(o, product.id));
export const isPending = (order: Order): boolean => PENDING_STATES.includes(order.state);

/** Words that show the buyer speaks of one order among several (那单, 那个订单, 那件); 这个/那个 alone are too common. */
export const ORDER_POINTER = /(?:那|这|這|哪)(?:一)?(?:单|單|个订单|個訂單|笔|筆|件|条|條|份|箱|盒)|订单|訂單/u;

/** Minutes after payment within which the address is changed by a remark alone (seed 004 修改订单流程). */
export const DIRECT_CHANGE_MINUTES = 30;

/**
 * "尺码还是32不变", "码数不用改", "颜色保持原来的": after an order change, the buyer confirms that a
 * size or colour stays as it is — a confirmation, not a size question or a new change.
 */
const KEEPS_VARIANT =
  /(?:尺码|尺碼|码数|碼數|码子|碼子|大小|号码|號碼|颜色|顏色|(?<![0-9])[0-9]{2,3}(?:码|碼|号|號)?|(?<![a-z])(?:x{0,3}[sml]|xxl)(?:码|碼|号|號)?)\s*(?:还是|還是|就|就是|也|都|照样|照樣)?\s*(?:[0-9]{2,3}|x{0,3}[sml])?(?:码|碼|号|號)?\s*(?:不变|不變|不改|不用改|不用变|不用變|不用动|不用動|不动|不動|不换|不換|照旧|照舊|保持)(?![形色质質])|(?:保持|维持|維持)(?:原来|原來|之前|原)(?:的)?(?:尺码|尺碼|颜色|顏色|码数|碼數)/iu;
export const keepsVariant = (plainText: string): boolean => KEEPS_VARIANT.test(plainText);

/** "怎么还没发", "这么慢", "到底发了没有": a complaint about the wait (gets the apology, the remark and the chase). */
const WAIT_COMPLAINT = /忘了发|忘了發|忘记发|忘記發|没动静|沒動靜|没个动静|沒個動靜|怎么还|怎麼還|还没|還沒|还不|還不|到底|等了|到现在|到現在|这么慢|這麼慢|太慢|好几天|好幾天|这么久|這麼久|久等|[0-9一二三四五六七八九十两兩几幾]天了|催|急|怎么回事|怎麼回事|搞什么|搞什麼|[!！?？]{2,}/u;
/** "退款原因选啥": which refund reason to choose. */
export const ASKS_REFUND_REASON = /(?:原因|理由)(?:我|我们|我們)?(?:应该|應該|该|該|要)?(?:选|選|填|写|寫)?(?:啥|什么|什麼|哪个|哪個|哪一个|哪一個)|选(?:啥|什么|什麼)(?:原因|理由)/u;

/** "改成两件", "只要2个", "三件太多了": the quantity of an order changed, not its colour or size. */
export const CHANGES_QUANTITY = /(?:改|换|換|变|變|减|減)(?:成|为|為|到)?[0-9一二两兩三四五六七八九十]+(?:件|个|個|条|條|盒|袋|份|双|雙)|(?:只要|就要)[0-9一二两兩三四五六七八九十]+(?:件|个|個|条|條|盒|袋|份|双|雙)|[0-9一二两兩三四五六七八九十]+(?:件|个|個|条|條|盒|袋|份|双|雙)太多/u;
/** "怎么跑西安去了", "为啥到郑州了", "怎么绕到北京": why the parcel passes another city. */
export const ASKS_ROUTE = /(?:怎么|怎麼|咋|为啥|為啥|为什么|為什麼)(?:会|會)?(?:跑|绕|繞|到|去|在)(?:到|去)?\p{Script=Han}{2,4}(?:去了|了|呢)/u;
/** "要是寄丢了呢": the parcel lost. */
/** "核桃发了没", "发货了吗", "有没有寄": whether the order has left. */
export const SHIPPED_YET = /(?:发|發|寄)(?:货|貨|出)?(?:了)?(?:没|沒|吗|嗎|么|麼)|(?:发|發)(?:了)?没有|有没有(?:发|發|寄)/u;
/** "怎么还不发货", "还没发", "再不发我就投诉": that the order has not left, complained of. */
export const NOT_LEFT_YET = /(?:还|還|再)(?:不|没|沒)(?:发|發|寄)|(?:不|没|沒)(?:发|發)(?:货|貨)/u;
/** "取件码多少", "取件码短信找不到了": the locker's pickup code asked for (the code lost, not the parcel). */
export const PICKUP_CODE = /取件码|取件碼|取货码|取貨碼/u;
/** "放到什么柜子里了 我不会弄那个码", "驿站的短信没看见": a locker's code or SMS, without the word 取件码. */
export const LOCKER_CODE = /(?:柜|櫃|驿站|驛站|丰巢|豐巢).{0,16}(?:码|碼|短信|簡訊)|(?:码|碼|短信|簡訊).{0,16}(?:柜|櫃|驿站|驛站|丰巢|豐巢)/u;
/** "锦绣路那个柜子吗", "放哪个驿站了": which place the parcel was left at, asked after it (not a code). */
export const ASKS_WHERE_LEFT = /(?:柜子?|櫃子?|驿站|驛站|代收点|代收點|丰巢|豐巢|菜鸟站|菜鳥站)(?:吗|嗎|么|麼|是吧|对吧|對吧|[？?])|(?:哪个|哪個|哪里的|哪裡的|什么|什麼)(?:快递)?(?:柜|櫃|驿站|驛站|代收点|代收點)/u;
/** "把那个码告诉我", "码发我一下": the code itself asked for (after the locker was talked about). */
export const CODE_ASKED = /(?:码|碼)(?:直接)?(?:告诉|告訴|发给|發給|发|發|给|給)(?:我)|(?:告诉|告訴)我(?:那个|那個)?(?:码|碼)/u;
export const LOST = /寄丢|寄丟|丢件|丟件|丢了|丟了|弄丢|弄丟|丢失|丟失|找不到了|找不着了|找不著了|找不回来|找不回來/u;
/** "要是", "万一": a case supposed, not reported. */
export const SUPPOSES = /要是|如果|万一|萬一|假如|假设|假設|真(?:的)?(?:丢|丟|找不)/u;

/** "还没发吧": the buyer assumes it has not left (a check, no complaint). */
const ASSUMES_NOT_LEFT = /(?:还|還)(?:没|沒)(?:发|發|寄)(?:货|貨|出)?(?:的)?吧/gu;
/** "能跟这件一起发", "合并发货": two purchases shipped together, no complaint of the wait. */
const SHIP_TOGETHER = /(?:一起|一块|一塊|合并|合併)(?:发|發|寄)/gu;
export const complainsOfWait = (plainText: string): boolean => WAIT_COMPLAINT.test(plainText.replace(ASSUMES_NOT_LEFT, '').replace(SHIP_TOGETHER, ''));
/** Hours within which a promised follow-up is due. */
export const FOLLOW_UP_HOURS = 24;

/** The order ids the message names (order_id entities). */
export function orderIdsIn(entities: readonly Entity[]): string[] {
  const ids: string[] = [];
  for (const e of entities) if (e.type === 'order_id') ids.push(e.value);
  return ids;
}

/**
 * Which of the buyer's own orders the message names.
 * - `own`: an order id entity that is one of the buyer's orders, or a number in the text that
 *   ends one of the candidate ids (尾号 answers: "5678那个").
 * - `foreign`: an order id that is not among the buyer's orders (never looked up any further).
 * - `none`: no order named.
 */
export type OrderMention = { kind: 'own'; order: Order } | { kind: 'foreign' } | { kind: 'none' };

export function mentionedOrder(text: string, entities: readonly Entity[], orders: readonly Order[], candidates: readonly Order[] = orders): OrderMention {
  const ids = orderIdsIn(entities);
  for (const id of ids) {
    const own = orders.find((o) => o.id === id);
    if (own !== undefined) return { kind: 'own', order: own };
  }
  if (ids.length > 0) return { kind: 'foreign' };
  const numbers = text.match(/\d{4,20}/g) ?? [];
  for (const n of numbers) {
    if (n.length >= 15) {
      const own = orders.find((o) => o.id === n);
      if (own !== undefined) return { kind: 'own', order: own };
      return { kind: 'foreign' };
    }
    const matches = candidates.filter((o) => o.id.endsWith(n));
    if (matches.length === 1) return { kind: 'own', order: matches[0]! };
  }
  return { kind: 'none' };
}

/** The last digits of an order id that tell the candidates apart (at least 4). */
export function shortIds(orders: readonly Order[]): string[] {
  for (let len = 4; len <= 20; len++) {
    const tails = orders.map((o) => o.id.slice(-len));
    if (new Set(tails).size === tails.length) return tails;
  }
  return orders.map((o) => o.id);
}

/**
 * "尾号2984（女士高腰牛仔裤）、尾号5377（手剥山核桃等）": the candidates by the last digits of their
 * ids and what is in them, so the buyer can tell them apart (at most `max`, newest first).
 */
export function orderList(orders: readonly Order[], max = 5, shop?: Pick<Shop, 'products'>): string {
  const shown = orders.slice(0, max);
  const tails = shortIds(shown);
  return shown
    .map((order, i) => {
      const first = shop?.products.find((p) => p.id === order.items[0]?.productId);
      const what = first === undefined ? '' : `（${first.shortName ?? first.name}${order.items.length > 1 ? '等' : ''}）`;
      return `尾号${tails[i]}${what}`;
    })
    .join('、');
}

/** The newest tracking event of an order (tracking is kept in any order: sort by time). */
export function latestTracking(order: Order): { at: string; text: string } | undefined {
  let latest: { at: string; text: string } | undefined;
  for (const t of order.tracking) if (latest === undefined || Date.parse(t.at) > Date.parse(latest.at)) latest = t;
  return latest;
}

/** "三天没动了", "一直卡在西安": the buyer says the parcel's tracking does not move. */
export const STALLED = /(?:没|沒|不)(?:动|動|更新|变|變)|卡在|卡住|停在/u;
/** Tracking that has not moved for this long reads as stalled: couriers update at every hub, at least daily. */
export const STALLED_TRACKING_HOURS = 48;

/** Whether a shipped parcel's newest tracking event is older than STALLED_TRACKING_HOURS at `now`. */
export function trackingStalled(order: Order, now: string): boolean {
  const latest = latestTracking(order);
  if (order.state !== 'shipped' || latest === undefined) return false;
  return Date.parse(now) - Date.parse(latest.at) >= STALLED_TRACKING_HOURS * 3_600_000;
}

/** "快递员 正在派件", "派送中": the courier is on the last leg, the parcel arrives from the delivery station. */
const OUT_FOR_DELIVERY = /派件|派送中|正在派送|派送员|派送員|派件员|派件員/u;

/** The newest tracking event when it says the parcel is out for delivery (not yet signed for). */
export function outForDeliveryEvent(order: Order): string | undefined {
  const latest = latestTracking(order);
  return latest !== undefined && OUT_FOR_DELIVERY.test(latest.text) && !/签收|簽收/u.test(latest.text) ? latest.text : undefined;
}

/** Whole minutes between two ISO datetimes (b − a); null when either is missing or invalid. */
export function minutesBetween(from: string | undefined, to: string): number | null {
  if (from === undefined) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.floor((b - a) / 60000);
}

const ADDRESS_WORD = /[省市区县镇乡村路街道巷弄号栋幢楼室单元小区]/;
const PLACE_LABEL = /^(?:我)?(?:公司|单位|單位|家里|家裡|老家|学校|學校|宿舍|店里|店裡|父母家|爸妈家|爸媽家)(?:吧|啊|哈|的|那|那边|那邊|去|了)*[\s,，:：]+/u;
const ADDRESS_INTRO = /(?:改成|改为|改到|换成|换为|换到|更改为|修改为|新地址是|新地址为|新地址|地址是|地址为|寄到|送到|发到|地址(?:帮我|麻烦)?(?:改|换)(?:一下|下)(?:吧)?[:：\s]+)[:：\s]*/;
/** "… 收件人不变", "电话都不用改": what stays as it is, said after the address, is no part of it. */
const REST_KEPT = /[\s,，。]*(?:收件人|收货人|收件人电话|电话|手机|手机号|名字|姓名|其他|其它|别的)(?:和(?:电话|手机|名字))?(?:都|也)?(?:不变|不用改|没变|一样|照旧)$/u;

/** A house, building or room number as buyers write it (short: a phone number is no house number). */
const NUM = String.raw`(\d{1,5})\s*(?:号|號|弄|室|栋|棟|幢|单元|單元)?`;
/** "是480号不是478", "不是478号 是480", "478改成480": the number corrected, as [new, old]. */
const CORRECTIONS: readonly { re: RegExp; newAt: number; oldAt: number }[] = [
  { re: new RegExp(String.raw`${NUM}[，,\s]*(?:不是|而不是)\s*${NUM}`, 'u'), newAt: 1, oldAt: 2 },
  { re: new RegExp(String.raw`不是\s*${NUM}[，,\s]*(?:是|而是|应该是|應該是)\s*${NUM}`, 'u'), newAt: 2, oldAt: 1 },
  { re: new RegExp(String.raw`${NUM}\s*(?:改成|改为|改為|换成|換成)\s*${NUM}`, 'u'), newAt: 2, oldAt: 1 },
];

/**
 * The order's address with one number corrected ("门牌号是480号不是478" on …文三路478号…), or null when
 * the message corrects no number the address holds exactly once (the buyer is then asked for it whole).
 */
export function correctedAddress(text: string, address: string): string | null {
  const plain = normalizeSameLength(text);
  for (const { re, newAt, oldAt } of CORRECTIONS) {
    const m = re.exec(plain);
    const [fresh, old] = [m?.[newAt], m?.[oldAt]];
    if (fresh === undefined || old === undefined || fresh === old) continue;
    const at = new RegExp(String.raw`(?<!\d)${old}(?!\d)`, 'gu');
    if ((address.match(at) ?? []).length === 1) return address.replace(at, fresh);
  }
  return null;
}

/**
 * The new address in the buyer's message, if any: what follows 改成/换到/新地址… ; or the whole
 * message when it reads as a bare address (answer to "请问新地址是？"). Null when none.
 */
export function addressFromText(text: string, bare = false): string | null {
  const trimmed = text.trim();
  const intro = ADDRESS_INTRO.exec(trimmed);
  let candidate: string | null = null;
  if (intro !== null) candidate = trimmed.slice(intro.index + intro[0].length);
  else if (bare) candidate = trimmed;
  if (candidate === null) return null;
  candidate = candidate.replace(/[。！？!?，,～~\s]+$/u, '').replace(/(?:吧|吗|呢|啊|谢谢|麻烦了|可以吗|行吗)+$/u, '').replace(REST_KEPT, '').trim();
  // "改到公司吧 乌鲁木齐市…": the place named before the address is no part of it.
  const labelled = PLACE_LABEL.exec(candidate);
  if (labelled !== null && ADDRESS_WORD.test(candidate.slice(labelled[0].length))) candidate = candidate.slice(labelled[0].length);
  if (candidate.length < 5 || !ADDRESS_WORD.test(candidate)) return null;
  return candidate;
}

/** A message that is an address and nothing else: a province or city first, a street or number after it, no question. */
const BARE_ADDRESS = /^[\p{Script=Han}]{2,8}?(?:省|自治区|市)[\p{Script=Han}0-9\s]*?(?:路|街|道|巷|弄|号|村|镇|小区|大厦)[\p{Script=Han}0-9\s#-]*$/u;
export const isBareAddress = (text: string): boolean => BARE_ADDRESS.test(text.trim()) && !/[吗嗎呢?？]/u.test(text);

const SAYS_PHONE = /手机|手機|电话|電話|号码|號碼/u;
/** A mainland mobile number, not part of a longer number. */
export const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/u;

/**
 * The new receiver phone when the message changes the phone alone ("手机号填错了 应该是158…"):
 * a mainland mobile number said to be the phone, and no new address (that change carries its own).
 */
export function phoneFromText(text: string): string | null {
  const number = MOBILE.exec(text);
  if (number === null || !SAYS_PHONE.test(text) || addressFromText(text) !== null) return null;
  return number[0];
}

/** The newest of the orders matching a predicate (the engine passes orders newest first). */
export function newest(orders: readonly Order[], predicate: (o: Order) => boolean): Order | undefined {
  return orders.find(predicate);
}

/** A shop-local date (YYYY-MM-DD) as the buyer says it, seen from `today`: 今天, 明天 or 11月21日. */
export function dayWord(date: string, today: string): string {
  if (date === today) return '今天';
  if (date === addDays(today, 1)) return '明天';
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** "那单也改一下", "这单也一样", "一起改了吧": the same change again, for another order. */
const SAME_CHANGE = /也(?:帮我|幫我|给我|給我|一起|一并|一併)?(?:改|换|換|一样|一樣|这样|這樣)|同样|同樣|一起改|都改/u;
export const asksSameChange = (text: string): boolean => SAME_CHANGE.test(normalizeSameLength(text));
