import { buyerWordsToListing } from '../src/shop/buyer-words.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';
import { holdsProduct } from './logistics-helpers.ts';
import { productColorIn } from './presale-helpers.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { Order } from '../src/orders/schema.ts';
import type { Product, Shop } from '../src/shop/schema.ts';

/** Pure helpers of the after-sale machine (no clock: `now` always comes from the turn). */

export type OrderPick = { kind: 'found'; order: Order } | { kind: 'none' } | { kind: 'not_own' };

/** Order ids the buyer wrote in this message. */
export function orderIdsIn(entities: Entity[]): string[] {
  return entities.flatMap((e) => (e.type === 'order_id' ? [e.value] : []));
}

/**
 * The order a turn is about, only among the buyer's own orders: an order id in the text must be
 * one of them (else `not_own`, and nothing about it is revealed); without one, the remembered
 * order, else the newest order that `fits`.
 */
export function pickOrder(orders: Order[], entities: Entity[], remembered: string | null, fits: (o: Order) => boolean): OrderPick {
  const ids = orderIdsIn(entities);
  if (ids.length > 0) {
    const own = orders.find((o) => ids.includes(o.id));
    return own === undefined ? { kind: 'not_own' } : { kind: 'found', order: own };
  }
  const kept = remembered === null ? undefined : orders.find((o) => o.id === remembered && fits(o));
  if (kept !== undefined) return { kind: 'found', order: kept };
  const newest = orders.find(fits);
  return newest === undefined ? { kind: 'none' } : { kind: 'found', order: newest };
}

export const isReceived = (o: Order): boolean => o.state === 'delivered' || o.state === 'completed';
export const isInTransit = (o: Order): boolean => o.state === 'shipped';
export const isBeforeShipping = (o: Order): boolean => o.state === 'paid' || o.state === 'printed';
export const hasRefund = (o: Order): boolean => o.refund !== undefined;

/** "大衣刚拿到", "今天收到了", "已经到手了": the buyer says the parcel is in hand (not "还没收到", not "收到后"). */
const SAYS_RECEIVED = /(?:刚|剛|已经|已經|今天)(?:刚|剛)?(?:拿到|收到|到手|取到|签收|簽收)|(?<![没沒未])(?:拿到|收到|到手|取到)(?:了|啦)/u;
export const saysReceived = (text: string): boolean => SAYS_RECEIVED.test(normalizeSameLength(text));

/**
 * Received, by the order or by the buyer's word: a parcel out for delivery that the buyer says is in hand
 * ("大衣刚拿到") is received — the tracking lags behind the doorstep.
 */
export const isReceivedPerBuyer = (o: Order, text: string): boolean => isReceived(o) || (isInTransit(o) && saysReceived(text));

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days from `from` to `now` (fractional), or null if either time is unreadable. */
export function daysBetween(from: string, now: string): number | null {
  const a = Date.parse(from);
  const b = Date.parse(now);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return (b - a) / DAY_MS;
}

export type ReturnWindow = 'within' | 'passed' | 'unknown';

/**
 * Whether a received order is still within the 7-day no-reason return window. The receipt time
 * is the latest tracking entry; without tracking, shipping time bounds it from below (shipped
 * within 7 days ⇒ received within 7 days). A number of days the buyer gave ("收到3天了") is used
 * when the order tells nothing.
 */
export function returnWindow(order: Order, now: string, buyerDays: number | null, limitDays = 7): ReturnWindow {
  const latest = order.tracking.reduce<string | null>((acc, t) => (acc === null || Date.parse(t.at) > Date.parse(acc) ? t.at : acc), null);
  if (latest !== null) {
    const d = daysBetween(latest, now);
    if (d !== null) return d <= limitDays ? 'within' : 'passed';
  }
  if (order.shippedAt !== undefined) {
    const d = daysBetween(order.shippedAt, now);
    if (d !== null && d <= limitDays) return 'within';
  }
  if (buyerDays !== null) return buyerDays <= limitDays ? 'within' : 'passed';
  return 'unknown';
}

/** A number of days in the message (收到3天了), if any. */
export function daysIn(entities: Entity[]): number | null {
  for (const e of entities) if (e.type === 'days') return e.days;
  return null;
}

/** The product of an order's first item in the shop, else the conversation's product. */
/**
 * The product an after-sale case is about: the one the buyer talks about when the order holds
 * it ("围巾有质量问题" on an order of a sweater and a scarf), else the order's first item.
 */
export function productOf(shop: Shop, order: Order | undefined, talkedAbout: Product | undefined): Product | undefined {
  if (talkedAbout !== undefined && order !== undefined && holdsProduct(order, talkedAbout.id)) return talkedAbout;
  const id = order?.items[0]?.productId;
  return (id === undefined ? undefined : shop.products.find((p) => p.id === id)) ?? talkedAbout;
}

/**
 * "我拍的奶油味 收到的是椒盐的" on an order of a scarf and walnuts (奶油味): the item whose colour or flavour the
 * message names, when exactly one item's is named — the product the case is about.
 */
export function itemNamedByVariant(order: Order | undefined, text: string): string | undefined {
  if (order === undefined) return undefined;
  const plain = normalizeSameLength(text);
  const named = [...new Set(order.items.filter((i) => i.color.length > 1 && plain.includes(normalizeSameLength(i.color))).map((i) => i.productId))];
  return named.length === 1 ? named[0] : undefined;
}

export const displayName = (p: Product): string => p.shortName ?? p.name;

/** "M码" / "m" / "M" → "M"; other sizes are kept as written. */
export function normaliseSize(value: string): string {
  return value.replace(/码$/u, '').trim().toUpperCase();
}

/**
 * The size and colour the buyer asked for (entities), normalised. With the product, a colour of
 * its own the entity extractor does not know ("那就燕麦色吧", "换格纹灰") is found in the text.
 */
export function requestedVariant(entities: Entity[], product?: Product, text = ''): { size: string | null; color: string | null } {
  let size: string | null = null;
  let color: string | null = null;
  for (const e of entities) {
    if (e.type === 'size' && size === null) size = normaliseSize(e.value);
    if (e.type === 'color' && color === null) color = e.name;
  }
  if (color === null && product !== undefined) color = productColorIn(product, normalizeSameLength(text));
  return { size, color };
}

/**
 * 改成/换成…: the sizes and colours after it are the wanted ones ("L码改成XL码" wants XL, "M码有点小 能换L吗" wants L,
 * "L改XL" wants XL: a bare 改 right before a size).
 */
const CHANGE_TO = /改成|改为|改為|换成|換成|换为|換為|要改|想要|换|換|改(?=\s*(?:[0-9]{2,3}|[xX]{0,3}[sSmMlL](?![a-zA-Z])|[xX]{2}[lL]))/gu;

/** The size and colour the buyer wants: those after the last 改成/换成, else any in the message; `cut` is where the wanted part starts (-1: nowhere). */
export function wantedVariant(text: string, entities: Entity[]): { size: string | null; color: string | null; cut: number } {
  let cut = -1;
  for (const m of text.matchAll(CHANGE_TO)) cut = m.index + m[0].length;
  const found = requestedVariant(entities.filter((e) => e.start >= cut));
  return { ...(found.size !== null || found.color !== null ? found : requestedVariant(entities)), cut };
}

export type ExchangeStock =
  | { kind: 'in_stock'; color: string; size: string }
  | { kind: 'out'; color: string; size: string; sizesInStock: string[] }
  | { kind: 'unknown_variant'; colors: string[]; sizes: string[] };

const unique = (xs: string[]): string[] => [...new Set(xs)];

/**
 * Stock for an exchange: the asked size and/or colour, the rest taken from what the buyer
 * ordered (changing only the size keeps the colour). Out of stock: the sizes of that colour
 * still in stock.
 */
/** "灰色" for a product whose only grey is 烟灰色: the one colour of the product that holds the asked hue. */
export function productColor(product: Product, asked: string): string {
  const colors = unique(product.skus.map((s) => s.color));
  if (colors.includes(asked)) return asked;
  const hue = asked.replace(/色$/u, '');
  const holding = hue === '' ? [] : colors.filter((c) => c.includes(hue));
  return holding.length === 1 ? holding[0]! : asked;
}

/** "我要的是燕麦色", "我拍的是黑色": the colour the buyer says they ordered (one of the product's), if said. */
const SAID_ORDERED = /(?:要的是|要的|买的是|買的是|买的|買的|拍的是|拍的|订的是|訂的是|订的|訂的|下单的是|下單的是|下单时选的是?|下單時選的是?)\s*(\p{Script=Han}{1,4}?)(?:色|的|啊|呀|[\s,，。!！?？]|$)/u;

export function colourSaidOrdered(text: string, product: Product): string | null {
  const said = SAID_ORDERED.exec(normalizeSameLength(text))?.[1];
  if (said === undefined) return null;
  const colors = unique(product.skus.map((s) => s.color));
  const color = productColor(product, said);
  return colors.includes(color) ? color : null;
}

/**
 * Whether the asked variant is just the one the buyer already has ("格纹灰的围巾想换个颜色",
 * "我那条格纹灰的 运费谁出"): it names what they own, not what they want, so it is no exchange choice.
 */
export function isOrderedVariant(product: Product, asked: { size: string | null; color: string | null }, ordered: { size: string; color: string } | undefined): boolean {
  if (ordered === undefined || (asked.size === null && asked.color === null)) return false;
  const color = asked.color === null ? ordered.color : productColor(product, asked.color);
  const size = asked.size ?? normaliseSize(ordered.size);
  return color === ordered.color && size === normaliseSize(ordered.size);
}

export function exchangeStock(product: Product, asked: { size: string | null; color: string | null }, ordered: { size: string; color: string } | undefined): ExchangeStock {
  const color = asked.color !== null ? productColor(product, asked.color) : (ordered?.color ?? null);
  const size = asked.size ?? (ordered === undefined ? null : normaliseSize(ordered.size));
  const sku = product.skus.find((s) => (color === null || s.color === color) && (size === null || normaliseSize(s.size) === size));
  if (sku === undefined || color === null || size === null) {
    // The colours the buyer can exchange to: each with a variant other than the one they have (a 均码 scarf in 格纹灰 lists the other colours).
    const others = ordered === undefined ? product.skus : product.skus.filter((s) => s.color !== ordered.color || normaliseSize(s.size) !== normaliseSize(ordered.size));
    return { kind: 'unknown_variant', colors: unique(others.map((s) => s.color)), sizes: unique(product.skus.map((s) => s.size)) };
  }
  if (sku.stock > 0) return { kind: 'in_stock', color: sku.color, size: sku.size };
  const sizesInStock = product.skus.filter((s) => s.color === sku.color && s.stock > 0).map((s) => s.size);
  return { kind: 'out', color: sku.color, size: sku.size, sizesInStock };
}

/** A size as said to the buyer: letter and number sizes get 码 (S码, 38码), others as they are. */
export function sizeLabel(product: Product, size: string): string {
  if (product.variantLabels !== undefined) return size;
  return /^(X{0,3}[SML]|XXL|\d{2,3})$/i.test(size) ? `${size}码` : size;
}

export const joinList = (xs: string[]): string => xs.join('、');

/** "那围巾我怎么寄回去", "退货地址是哪里": how to send a return back — the return's procedure, not an address change or postage. */
export const RETURN_HOW = /退货地址|退貨地址|退回地址|退换货地址|退換貨地址|寄回(?:的)?地址|(?:怎么|怎麼|如何|咋)(?:寄回|退回|寄过去|寄過去|寄给你们|寄給你們|退货|退貨)|寄回(?:去|来|來)?(?:哪|到哪)|退货流程|退貨流程/u;

/**
 * "为啥要拒签 直接退不行吗", "干嘛非得拒收", "不能直接退款吗": after refusing delivery was advised,
 * why refuse (the reasoning), not a new refund request.
 */
const WHY_REFUSE =
  /(?:为啥|為啥|为什么|為什麼|为何|為何|干嘛|幹嘛|干吗|幹嗎|凭什么|憑什麼|非要|非得|一定要|必须|必須)(?:要|得)?.{0,3}(?:拒签|拒簽|拒收)|(?:拒签|拒簽|拒收).{0,6}(?:有什么用|有啥用|干嘛|幹嘛|为啥|為啥|为什么|為什麼)|(?:直接|不能直接|不可以直接)(?:给我)?退(?:款|钱|錢)?(?:不行|不可以|行不行|可以吗|可以嗎|吗|嗎|呢)/u;
export const asksWhyRefuse = (text: string): boolean => WHY_REFUSE.test(normalizeSameLength(text));

/** "来不及拒了", "已经签收了": the parcel cannot be refused any more — a return after receipt. */
export const CANNOT_REFUSE =
  /来不及拒|來不及拒|拒不了|没法拒|沒法拒|不能拒|没办法拒|沒辦法拒|拒收不了|已经签收了|已經簽收了|已经签了|已經簽了|签收了怎么办|簽收了怎麼辦|(?:快递员|快遞員|快递小哥|快遞小哥|派件员|派件員|小哥)(?:都|已经|已經|马上|馬上|就)*(?:在|到)(?:了)?(?:楼下|樓下|门口|門口|家门口|家門口|小区|小區)/u;
/** "来不及了": too late — after a refusal was advised, too late to refuse the parcel. */
export const TOO_LATE = /来不及了|來不及了|来不及啦|來不及啦|来不及呀|來不及呀/u;
/** Too late to refuse: said so, or "来不及了" while refusing is what was advised (a return of a parcel on its way). */
export const tooLateToRefuse = (text: string, refusalAdvised: boolean): boolean => CANNOT_REFUSE.test(text) || (refusalAdvised && TOO_LATE.test(text));

/** "等下 我拍一下", "马上拍": the photos are coming. */
export const photosComing = (text: string): boolean => /等下|等一下|等會|等会|待会|待會|稍等|马上拍|馬上拍|这就拍|這就拍|现在拍|現在拍|我拍一下|拍一下|去拍|回家拍|晚点拍|晚點拍/u.test(normalizeSameLength(text));

/** "我不拍 你们自己去查": no photo. */
export const refusesPhotos = (text: string): boolean => /不拍|不想拍|懒得拍|懶得拍|没法拍|沒法拍|拍不了|不方便拍|不给拍|你们自己(?:去)?查|你們自己(?:去)?查|凭什么要拍|憑什麼要拍/u.test(normalizeSameLength(text));

/** "还要寄回去啊 好麻烦": sending the wrong item back is a hassle. */
export const RETURN_HASSLE = /还要寄回|還要寄回|还得寄回|還得寄回|好麻烦|好麻煩|太麻烦|太麻煩|真麻烦|真麻煩|麻烦死|麻煩死/u;

/** The buyer says they sent (or took) the photos. */
export function saysPhotosSent(text: string): boolean {
  const plain = normalizeSameLength(text);
  // "先不拍了", "还没拍", "不发了": not sent.
  if (/(?:不|没|没有|还没|先不)(?:拍|发|上传|传)/u.test(plain)) return false;
  return /拍了|拍好|照片|图片|图发|发了|发过|发您|发给|看图|看下图|看一下图|已发|上传|\[图片\]|截图/u.test(plain);
}

/** Something is missing rather than wrong (漏发/少发). */
export function saysMissing(text: string): boolean {
  return /漏发|少发|少了|漏了|缺了|没有收到赠品|少一|只收到|只到了|就[一1][盒件个袋条份双箱]|数量不对|只有[一1][盒件个袋条份双箱]/u.test(normalizeSameLength(text));
}

export type QualityChoice = 'resend' | 'refund' | 'compensation';

/** Which of the offered solutions the buyer chose, if it is clear. */
export function qualityChoice(raw: string): QualityChoice | null {
  const text = normalizeSameLength(raw);
  // "我要退款 还要赔偿": the refund is the choice (more than a refund is no policy of the shop's).
  if (/退款|退钱|退錢/u.test(text) && /赔偿|賠償|补偿|補償/u.test(text) && !/部分退款|退点|退一点/u.test(text)) return 'refund';
  if (/补偿|赔偿|留下|保留|将就|部分退款|退点|退一点|不退了/u.test(text)) return 'compensation';
  if (/补发|换新|换一|重发|再发|换个|换货/u.test(text)) return 'resend';
  if (/退款|退货|退钱|退了/u.test(text)) return 'refund';
  return null;
}

/** The buyer mentions return-shipping insurance (运费险). */
export const mentionsInsurance = (text: string): boolean => /运费险|退货险/u.test(text);

/** The buyer's reason for a return is the shop's fault (quality, wrong item). */
/** "没质量问题 就是大", "质量没问题 就是不喜欢", "不是质量问题": the buyer rules a defect out. */
const DENIES_DEFECT = /(?:没|沒|没有|沒有|不是|无|無)(?:什么|什麼|啥)?(?:质量|質量)(?:问题|問題|毛病)|(?:质量|質量)(?:倒是|是|都|也)?(?:没|沒)(?:有)?(?:问题|問題|毛病)|(?:质量|質量)(?:挺好|很好|还行|還行|不错|不錯)/gu;
export const deniesDefect = (plain: string): boolean => plain.search(DENIES_DEFECT) >= 0;

/** Whether the buyer says the shop is at fault (a defect ruled out in the same words is none). */
export const mentionsShopFault = (text: string): boolean => /质量|坏|破|瑕疵|发错|错发|漏发|少发|开线|掉色|起球|污渍/u.test(text.replace(DENIES_DEFECT, ''));

/**
 * Partial compensation the bot may offer for a quality issue: the shop's discount budget
 * (bargaining.maxDiscountRate) on what was paid for the faulty item (its lines in the order),
 * else the order total, else the list price; rounded down to whole 元.
 */
export function compensationFor(shop: Shop, order: Order | undefined, product: Product | undefined): number {
  const lines = order?.items.filter((item) => item.productId === product?.id) ?? [];
  const itemPaid = lines.reduce((sum, item) => sum + item.price * item.quantity, 0);
  const base = lines.length > 0 && order !== undefined && order.items.length > 1 ? itemPaid : (order?.total ?? product?.price ?? 0);
  const amount = Math.floor(base * shop.bargaining.maxDiscountRate);
  return amount;
}

/** The words a buyer names a product by: its names and the short name's last two characters (毛衣, 围巾). */
function productWords(product: Product): string[] {
  const short = product.shortName ?? product.name;
  return [product.name, short, [...short].slice(-2).join('')].filter((w) => [...w].length >= 2);
}

/** The products of an order that a piece of text names (in the buyer's words too: 裤子 for 牛仔裤). */
const productsNamedIn = (text: string, products: readonly Product[]): Product[] => {
  const said = buyerWordsToListing(text);
  return products.filter((p) => productWords(p).some((w) => said.includes(w)));
};

/** "只退毛衣", "只要退掉毛衣": the part after 只…退 names what goes back. */
const ONLY_RETURN = /只(?:想|要|需要|打算)?(?:退|退掉|退回|退货|退貨)(?:掉|回)?(.{0,10})/u;
/**
 * "围巾我是要的", "围巾留着", "围巾不退", "只要羽绒服", "羽绒服照常发", "裤子先不退": a clause that keeps
 * what it names (of an order's items, or of the buyer's orders).
 */
export const KEEPS_IT = /要的|要留着|留着|留著|留下|保留|不退|不用退|不取消|先不|还要|還要|照常|照发|照發|正常发|正常發|继续发|繼續發|只要(?!退)/u;
/** "裤子不要了", "牛仔裤取消": a clause that gives up what it names. */
const DROP = /不要|不想要|取消|退掉|退了|不买了|不買了/u;

/**
 * "围巾那个我是要的哈 只退毛衣" about an order of several products: the one product sent back and
 * the ones kept. Null when the order holds one product or the message does not single one out.
 */
export function partialReturnOf(text: string, order: Order, shop: Shop): { returned: Product; kept: Product[] } | null {
  const plain = normalizeSameLength(text);
  const products = [...new Set(order.items.map((i) => i.productId))].flatMap((id) => shop.products.filter((p) => p.id === id));
  if (products.length < 2) return null;
  const only = ONLY_RETURN.exec(plain);
  const named = only === null ? [] : productsNamedIn(only[1]!, products);
  const clauses = plain.split(/[\s,，。！!~～;；]+/u);
  const keptNamed = clauses.filter((clause) => KEEPS_IT.test(clause)).flatMap((clause) => productsNamedIn(clause, products));
  const dropNamed = [...new Set(clauses.filter((clause) => DROP.test(clause) && !KEEPS_IT.test(clause)).flatMap((clause) => productsNamedIn(clause, products)))];
  const returned = named.length === 1 ? named : dropNamed.length === 1 ? dropNamed : keptNamed.length > 0 ? products.filter((p) => !keptNamed.includes(p)) : [];
  if (returned.length !== 1) return null;
  return { returned: returned[0]!, kept: products.filter((p) => p !== returned[0]) };
}
/** "退货的单号是多少", "我寄回去的那个快递单号": the return parcel's number, not the order's own. */
const RETURN_NUMBER_ASKED = /(?:退货|退貨|寄回(?:去|来|來)?|退回(?:去|来|來)?)(?:的)?(?:那个|那個)?(?:快递|快遞)?(?:单号|單號|运单号|運單號)|(?:单号|單號)[^，,。？?]{0,12}(?:寄回|退回)(?:去|来|來)?(?:的)/u;
/** "退到哪里", "是退到支付宝还是银行卡": where the refund goes. */
const REFUND_DESTINATION_ASKED = /退(?:到|回|去)(?:哪|哪里|哪裡|哪儿|哪兒|什么地方|什麼地方)|退(?:到|回)(?:我的?)?(?:支付宝|支付寶|银行卡|銀行卡|花呗|花唄|信用卡|余额|餘額|账户|賬戶)|(?:钱|錢|退款)(?:会|會)?(?:退)?到(?:哪|哪个|哪個)(?:账户|賬戶|卡|里|裡)/u;

export const asksReturnNumber = (plain: string): boolean => RETURN_NUMBER_ASKED.test(plain);
export const asksRefundDestination = (plain: string): boolean => REFUND_DESTINATION_ASKED.test(plain);

/** "上次买的怎么没见送", "赠品没收到", "漏发了试吃装": a gift that should have come with a received order. */
const GIFT_MISSED = /(?:没|沒)(?:见|見|看到|看见|看見|收到|有)?(?:送|赠|贈)(?!到|达|達|货|貨)|(?:赠品|贈品|试吃装|試吃裝|送的)[^，,。？?]{0,6}(?:没|沒)(?:有|收到|见|見|看到)?|漏(?:发|發|送|寄)(?:了)?(?:赠品|贈品|试吃|試吃)/u;
/** The gift spoken of is of a purchase made, not one asked about before buying ("现在买没有送的吗"). */
const PAST_PURCHASE = /上次|上回|之前|以前|收到|到了|买的|買的|拍的|那单|那單|订单|訂單|(?:买|買|拍)了/u;

export const saysGiftMissed = (plain: string): boolean => GIFT_MISSED.test(plain) && PAST_PURCHASE.test(plain);
