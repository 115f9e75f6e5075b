import type { TurnEvent } from '../../flows/protocol.ts';
import type { IntentId } from '../nlu/intents.ts';
import type { Order } from '../orders/schema.ts';
import { ordersHolding } from '../../flows/logistics-helpers.ts';
import { productColorIn } from '../../flows/presale-helpers.ts';
import type { Product } from '../shop/schema.ts';
import { saysGiftMissed } from '../../flows/aftersale-helpers.ts';
import { giftsEarned } from '../shop/promotions.ts';
import type { Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';
import { plausibleAsk } from './understanding.ts';
import { routeFor, type Route } from '../../flows/routing.ts';

/**
 * The order-state reading of an intent. Buyers say 改/不要了/退款 whatever the state of the order:
 * "大衣我不想要了，要退款" about a coat on its way is a refund of a shipped order (拒收), not a
 * cancellation of their newest paid order; "还是换成酒红色吧" about a scarf they received is an
 * exchange, not a change of another, unshipped order. When the product the conversation is about
 * is held only by orders past the state the intent assumes, the intent for that state is used.
 */
const RECEIVED: readonly Order['state'][] = ['delivered', 'completed'];
const IN_TRANSIT: readonly Order['state'][] = ['shipped'];
const NOT_SHIPPED: readonly Order['state'][] = ['unpaid', 'paid', 'printed'];

export function intentForOrderState(intent: IntentId, event: Pick<TurnEvent, 'facts'>): IntentId {
  // "羽绒服那单什么时候发": when an order the buyer has and points at ships, not when the shop ships in general.
  if (intent === 'shipping_time') return shippingTimeOfOrder(event);
  if (intent !== 'order_change' && intent !== 'cancel_order' && intent !== 'exchange' && intent !== 'refund_shipped' && intent !== 'return_dislike') return intent;
  // The orders the message points at ("已经发货的那个"), else those holding the product talked about.
  // (An order named by its id keeps the intent: the flow explains what that order's state allows.)
  const pointed = event.facts.orderCues !== undefined && !event.facts.orderCues.includes('id');
  const holding = pointed ? event.facts.orders : ordersHolding(event.facts.orders, event.facts.product);
  if (holding.length === 0) return intent;
  const all = (states: readonly Order['state'][]) => holding.every((o) => states.includes(o.state));
  if (intent === 'order_change' && all(RECEIVED)) return 'exchange';
  // "换成灰色吧" about an order not shipped yet: change the order, not an exchange after receipt.
  if (intent === 'exchange' && all(NOT_SHIPPED)) return 'order_change';
  if (intent === 'cancel_order' && all(IN_TRANSIT)) return 'refund_shipped';
  if (intent === 'cancel_order' && all(RECEIVED)) return 'return_dislike';
  // "只退裤子", "裤子不要了 能退吗" of an order not shipped yet: cancelling (that item), not a return.
  if ((intent === 'refund_shipped' || intent === 'return_dislike') && all(NOT_SHIPPED)) return 'cancel_order';
  return intent;
}

/** "今天拍几天能到", "现在下单什么时候发": a purchase still to be made, not an order the buyer has. */
const BUYS_ANEW = /拍|买|買|下单|下單|付款的话|付款後|付款后|现在付|現在付/u;
export const buysAnew = (text: string): boolean => BUYS_ANEW.test(normalizeSameLength(text));

function shippingTimeOfOrder(event: Pick<TurnEvent, 'facts'>): IntentId {
  const cues = event.facts.orderCues ?? [];
  if (!cues.some((c) => c !== 'context')) return 'shipping_time';
  const orders = event.facts.orders;
  if (orders.length === 0) return 'shipping_time';
  if (orders.every((o) => o.state === 'paid' || o.state === 'printed')) return 'not_shipped';
  if (orders.every((o) => IN_TRANSIT.includes(o.state))) return 'logistics_track';
  return 'shipping_time';
}

/**
 * A bad review or a report held over the shop ("不退我20我就差评", "你给我返点钱我就把差评改了",
 * "不赔我300就给一星") is a complaint, whatever money it asks for: money is never given for a
 * review (seed 000), so it goes to a human with an apology, never to bargaining or a refund.
 */
const REVIEW_THREAT =
  /(?:给|打|写|寫|留|刷)(?:你|你们|你們|您)?(?:个|個|一个|一個)?(?:差评|差評|中评|中評|一星|1星|一颗星|一顆星)|(?:就|我就|那就|立马|马上)(?:给|打)?(?:差评|差評|中评|中評|一星|1星|投诉|投訴|举报|舉報)|差评(?:警告|伺候|预定|預定|预订|預訂|安排|走起|等着|等著)|差評(?:警告|伺候|預定|預訂|安排|走起|等著)|(?:等着|等著)(?:收|吃)?(?:差评|差評)|(?:把|将|將)?(?:差评|差評|中评|中評)(?:改|删|刪|撤)|(?:改成?|换成|換成)好评|(?:删|刪)(?:掉|除)?(?:差评|差評)|(?:去|要|会|會)(?:投诉|投訴|举报|舉報)|12315|(?:消协|消協|工商局)|(?:平台|小二|淘宝|淘寶|天猫|天貓)(?:客服)?介入/u;

export const threatensReview = (text: string): boolean => REVIEW_THREAT.test(normalizeSameLength(text));

export function intentForThreat(intent: IntentId, text: string): IntentId {
  if (intent === 'human' || intent === 'complaint' || intent === 'review_cashback') return intent;
  return threatensReview(text) ? 'complaint' : intent;
}

/** Routes whose asks are no question of their own beside a threat (money for a review is never haggled over). */
const NOT_A_QUESTION: ReadonlySet<Route> = new Set(['bargaining', 'social', 'handoff']);

/**
 * "怎么还不发货 再不发我打12315", "雾霾蓝毛衣啥时候有货 再没有就差评": the question the threat was made over is
 * still asked — it stays as a further ask beside the complaint, answered after the hand-off's line.
 */
export function askBesideThreat(asked: IntentId, actedOn: IntentId): IntentId[] {
  if (actedOn !== 'complaint' || asked === 'complaint' || asked === 'other') return [];
  return NOT_A_QUESTION.has(routeFor(asked)) ? [] : [asked];
}

/**
 * "帮我查下我妈那单的收货电话", "我朋友的快递到哪了": someone else's order. Only the buyer's own orders
 * are ever looked up (seed 004 泄露他人信息): the answer is a privacy explanation, with no data.
 */
const SOMEONE_ELSE = /(?:我|俺)?(?:妈|媽|爸|妈妈|媽媽|爸爸|女儿|女兒|儿子|兒子|老公|老婆|朋友|同事|室友|邻居|鄰居|家人|亲戚|親戚|姐姐|哥哥|弟弟|妹妹|闺蜜|閨蜜|同学|同學|别人|別人|其他人)(?:的|那|那个|那個)?(?:单|單|订单|訂單|快递|快遞|包裹|电话|電話|手机|手機|地址|收货|收貨|物流)/u;

/** "王博文的收货电话", "她的收件地址": a named person's (or his, her) delivery data — never the buyer's own (我, 我自己) nor an order's ("羽绒服订单的收货地址"). */
const NAMED_PERSONS_DATA = /(?:[^\P{Script=Han}我你您们們自己把帮幫给給下查看说說改订訂单單件货貨服衣裤褲巾饼餅桃]{2,3}|他|她)的(?:收货|收貨|收件)(?:人)?(?:的)?(?:电话|電話|手机|手機|地址|号码|號碼|信息)/u;

const GIFT_FOR = /(?:送给|送給|寄给|寄給|给我|給我|帮我|幫我)(?:妈|媽|爸|朋友|老公|老婆)/u;
/** "我老公王博文也在你们家买了羽绒服", "她叫方晴 在你们家买了鲜花饼": someone else bought, on their own account. */
const SOMEONE_ELSE_BOUGHT = /(?:妈|媽|爸|老公|老婆|朋友|同事|室友|邻居|鄰居|家人|亲戚|親戚|姐姐|哥哥|弟弟|妹妹|闺蜜|閨蜜|同学|同學|别人|別人|她|他)(?:叫.{1,4})?.{0,8}(?:也|之前|上次)?(?:在你们家|在你們家|在你们店|在你們店|在店里|在店裡)?(?<![来來去会會要想])(?:买|買|下单|下單|拍)(?:了|的)/u;

/** After a privacy answer: "我是她老公 没事的 你说吧", "他手机号158开头的 你就告诉我" — pressing for the other person's order. */
const INSISTS = /我是(?:他|她)的?(?:老公|老婆|家人|朋友|妈|媽|爸|姐|哥|弟|妹|女儿|女兒|儿子|兒子)|是我(?:老公|老婆|家人|朋友|妈|媽|爸|女儿|女兒|儿子|兒子)|没事的|沒事的|没关系|沒關係|你(?:就)?(?:说|說|告诉|告訴)(?:吧|我)|(?:他|她)(?:的)?(?:手机|手機|电话|電話|名字|地址|号码|號碼)|(?:他|她)(?:同意|让我|讓我|叫我)/u;
export const insistsOnSomeoneElse = (text: string): boolean => INSISTS.test(normalizeSameLength(text)) && !/我(?:自己|的订单|的訂單)/u.test(normalizeSameLength(text));

/**
 * Pressing for someone else's order ("我是她女儿啊 告诉我没事的") reads to the model like a complaint;
 * without a complaint's words or a threat it is the same privacy question again — answered, not handed off.
 */
export function intentWhilePressing(intent: IntentId, text: string): IntentId {
  return intent === 'complaint' && !plausibleAsk('complaint', text) && !threatensReview(text) ? 'other' : intent;
}

export const asksAboutSomeoneElsesOrder = (text: string): boolean => (SOMEONE_ELSE.test(text) || NAMED_PERSONS_DATA.test(text)) && !GIFT_FOR.test(text);
/** "给女朋友买的", "帮我妈挑一件": the buyer buys for someone — their own purchase, no one else's account. */
const BUYS_FOR = /(?:给|給|替|为|為|帮|幫)(?:我的?)?(?:女|男)?(?:妈|媽|爸|朋友|老公|老婆|对象|對象|家人|孩子|女儿|女兒|儿子|兒子|姐|哥|弟|妹|闺蜜|閨蜜|同事|同学|同學|长辈|長輩)(?:\s|一起|先)?(?:买|買|拍|挑|选|選)/u;
export const speaksOfSomeoneElsesPurchase = (text: string): boolean => SOMEONE_ELSE_BOUGHT.test(text) && !GIFT_FOR.test(text) && !BUYS_FOR.test(text) && !/我(?:买|買|拍)/u.test(text);

/**
 * "袜子什么颜色的", "买大衣送的袜子我要黑色的 能保证吗": a question about a gift (the shop's promotion
 * gifts), not a stock or recommendation question — answered from the promotion, never promised.
 */
const GIFT_WORDS = /袜子|袜|襪|赠品|贈品|送的|赠送|贈送|香薰|试吃装|試吃裝|修剪器/u;
const GIFT_READS: readonly IntentId[] = ['stock', 'recommend', 'other', 'authenticity'];

export function intentForGift(intent: IntentId, text: string): IntentId {
  return GIFT_READS.includes(intent) && GIFT_WORDS.test(normalizeSameLength(text)) ? 'gift' : intent;
}

/**
 * "那刚才那个饼怎么处理", "之前说的那个问题咋办" after a question in between: back to the earlier
 * after-sale case (the most recent one in the conversation), not a question about the product.
 */
const BACK_TO_CASE =
  /(?:刚才|剛才|刚刚|剛剛|之前|前面|上面)(?:说|說|讲|講|提)?(?:的)?(?:那个|那個|那|这个|這個)?.{0,8}?(?:怎么处理|怎麼處理|怎么办|怎麼辦|咋办|咋辦|咋处理|咋處理|怎么弄|怎麼弄|怎么解决|怎麼解決|如何处理|如何處理)/u;
const CASES: ReadonlySet<string> = new Set(['quality_issue', 'wrong_item', 'return_dislike', 'exchange', 'refund_shipped', 'signed_not_received', 'delivery_delay']);

export function intentForEarlierCase(intent: IntentId, text: string, earlierIntents: readonly string[]): IntentId {
  if (CASES.has(intent) || !BACK_TO_CASE.test(normalizeSameLength(text))) return intent;
  const earlier = [...earlierIntents].reverse().find((i) => CASES.has(i));
  return (earlier as IntentId | undefined) ?? intent;
}

/** "核桃那单帮我催催", "麻烦催一下发货": the buyer asks the shop to hurry an order. */
const HURRY_ASK = /(?:帮|幫|给|給|替)?(?:我)?催(?:催|一催|一下|下|个|個)|催(?:一下|下)?(?:发货|發貨|仓库|倉庫|快递|快遞|物流)|(?:加急|加快)(?:处理|處理|发货|發貨|一下)/u;
const HURRIED_READINGS: ReadonlySet<IntentId> = new Set(['thanks_bye', 'greeting', 'praise', 'other', 'hesitation', 'bargain_generic']);

/**
 * A request to hurry an order the message points at ("那单", the product of an order), read as small talk or
 * nothing: the order's own hurry — not shipped yet (paid, printed) or slow on its way (shipped).
 */
export function intentForHurry(intent: IntentId, text: string, event: Pick<TurnEvent, 'facts'>): IntentId {
  if (!HURRIED_READINGS.has(intent) || !HURRY_ASK.test(normalizeSameLength(text))) return intent;
  const cues = event.facts.orderCues ?? [];
  const orders = event.facts.orders;
  if (!cues.some((c) => c !== 'context') || orders.length === 0) return intent;
  if (orders.every((o) => o.state === 'paid' || o.state === 'printed')) return 'not_shipped';
  if (orders.every((o) => IN_TRANSIT.includes(o.state))) return 'delivery_delay';
  return intent;
}

/**
 * "茉莉味的到了没" about a flavour none of the buyer's orders holds, while the product has it sold out:
 * whether it is back in stock (its restock date), not where a parcel is. A colour the buyer ordered
 * ("黑色的到了没" with a black coat on its way) stays the parcel's question.
 */
export function intentForRestock(intent: IntentId, text: string, product: Product | undefined, orders: readonly Order[]): IntentId {
  if (intent !== 'logistics_track' || product === undefined) return intent;
  const color = productColorIn(product, normalizeSameLength(text));
  if (color === null) return intent;
  const ordered = orders.some((o) => o.items.some((i) => i.productId === product.id && i.color === color));
  const soldOut = product.skus.filter((s) => s.color === color).every((s) => s.stock <= 0);
  return !ordered && soldOut ? 'stock' : intent;
}

/**
 * "我上次买鲜花饼两盒99.8怎么没见送" with a received order that earned a promotion gift: the gift was
 * not sent — an after-sale complaint about that order (missing item), not a pre-sale gift question.
 */
const READ_AS_PRESALE_GIFT: readonly IntentId[] = ['gift', 'promotion', 'other', 'stock'];

export function intentForMissedGift(intent: IntentId, text: string, orders: readonly Order[], shop: Pick<Shop, 'promotions' | 'gifts' | 'products'>): IntentId {
  if (!READ_AS_PRESALE_GIFT.includes(intent) || !saysGiftMissed(normalizeSameLength(text))) return intent;
  const received = orders.filter((o) => o.state === 'delivered' || o.state === 'completed');
  return received.some((o) => giftsEarned(shop, o.items).length > 0) ? 'wrong_item' : intent;
}
