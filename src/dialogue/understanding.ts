import { asksRefundDestination, deniesDefect, asksReturnNumber, asksWhyRefuse, RETURN_HASSLE, RETURN_HOW, saysPhotosSent, tooLateToRefuse } from '../../flows/aftersale-helpers.ts';
import { counterOfferAmount } from '../../flows/bargaining-policy.ts';
import { asksReceiverData } from '../../flows/receiver-info.ts';
import { asksAnotherInvoice, asksWhenAlone, changesInvoiceTitle, emailFrom, invoiceQuestion, sameTitleAsBefore, titleKindOnly } from '../../flows/invoice-helpers.ts';
import { addressFromText, ASKS_REFUND_REASON, STALLED, ASKS_ROUTE, ASKS_WHERE_LEFT, CHANGES_QUANTITY, CODE_ASKED, LOCKER_CODE, complainsOfWait, keepsVariant, LOST, PICKUP_CODE, SHIPPED_YET } from '../../flows/logistics-helpers.ts';
import { ASKS_AHEAD, ASKS_RESTOCK, asksRestockNotice, findRegion } from '../../flows/presale-helpers.ts';
import { setsAsideAndAsksMore } from '../../flows/recommend-helpers.ts';
import { routeFor, type Route } from '../../flows/routing.ts';
import type { Classification } from '../nlu/classifier.ts';
import type { IntentId } from '../nlu/intents.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * The classifier reads one message alone; a good agent reads it against the conversation. The
 * corrections here are pure and each is small:
 * - an intent that needs certain words (a wrong item needs 发错/少发…, a size question needs 码/身高…)
 *   is not taken when the message has none of them: "发新疆的" is a region, "那裤子呢 发了没" is
 *   tracking, "怎么还在西安" is a delay — the classifier's next plausible reading is used instead;
 * - a further ask (secondary intent) counts only when plausible in the same way, and an order
 *   confirmation adds nothing to an after-sale or logistics question about that same order;
 * - a request (退款, 不要了, 取消) outranks a status complaint in the same message ("物流不动 我不要了
 *   退款吧" is a refund, not a delay);
 * - an unsure or implausible reading gives way to the topic just discussed: a reading of the same
 *   flow from the ranking, or the last intent when the message continues it ("上周六到的 没穿过 标签
 *   都在" after a return question, "发苏州的" after a delivery-time question, "你们帮我催催").
 */

type Cue = (text: string) => boolean;
const words =
  (pattern: RegExp): Cue =>
  (text) =>
    pattern.test(text);
const anyOf =
  (...cues: Cue[]): Cue =>
  (text) =>
    cues.some((c) => c(text));

const names = {
  region: (text: string) => findRegion(text) !== null,
  address: (text: string) => addressFromText(text) !== null || /[省市区縣县镇].{0,12}(?:路|街|道|号|號|村|小区|大厦|大廈)/u.test(text),
};

/** "聊太慢了", "回复好慢", "打字这么慢": slowness of the chat itself. */
const CHAT_IS_SLOW = /(?:聊|聊天|回|回复|回覆|回消息|回信息|打字|说话|說話)(?:得|的)?(?:也)?(?:太|好|这么|這麼|有点|有點|真|真的|特别|特別)?慢/gu;

const HAGGLE = words(/想想办法|想办法|想辦法|通融|帮帮忙|幫幫忙|送点|送點|便宜|(?<!多)少|贵|貴|优惠|優惠|折|价|價|钱|錢|块|塊|元|包邮|包郵|送点|送點|抹|砍|最低|预算|預算|学生|學生|穷|窮|只剩|不够|不夠|手头|手頭|没钱|沒錢|工资|工資|月底|生活费|生活費|零花|囊中|别家|別家|人家|其他家|以后|以後|常来|常來|介绍|介紹|回头客|回頭客|就拍|就买|就付|[0-9]{2,}/u);

/** "退货的寄到了没", "退回去的你们收到了吗": the returned parcel arrived — the refund's progress, not a parcel of one's own. */
const RETURN_ARRIVED = /(?:退(?:货|貨|回|回去)|寄回(?:去)?)(?:的)?(?:那个|那個|包裹|快递|快遞|东西|東西)?.{0,6}(?:到了|收到|寄到|到)(?:了)?(?:没|沒|吗|嗎)/u;

/** "哦不对", "不对不对", "说错了" opening a message: the buyer corrects what they said. */
const SELF_CORRECTION = /^(?:哦|噢|喔|啊|呃|额|額|嗯|诶|欸|哎)?[，,\s]*(?:不对|不對|说错了|說錯了)(?:不对|不對)?[，,。.\s!！]*/u;

const GIFT_CUE = /赠|贈|礼|禮|小样|小樣|试用|試用|试吃|試吃|附送|(?<!快|快点|快點|早点|早點|尽快|盡快|赶紧|趕緊|赶快|趕快|派|配|马上|馬上)送(?!到|达|達|货|貨|过来|過來|上门|上門)/u;
/** Someone the buyer gives a present to ("送妈妈", "送女朋友"): never 我, "送我一个" asks the shop. */
const GIVEN_TO = '(?:人|妈|媽|爸|老公|老婆|男朋友|女朋友|男票|女票|对象|對象|朋友|闺蜜|閨蜜|同事|同学|同學|长辈|長輩|家人|孩子|父母|爷爷|爺爺|奶奶|外公|外婆|姥姥|老师|老師|领导|領導|客户|客戶|姐|妹|哥|弟)';
/**
 * "想买个礼物送妈妈", "送人的", "当礼物": the buyer buys a present for someone — a purchase to advise on,
 * not a free gift asked of the shop.
 */
/** An occasion's present ("生日礼物", "母亲节礼物") is one the buyer gives. */
const OCCASION = '(?:生日|新年|过年|過年|圣诞|聖誕|节日|節日|情人节|情人節|七夕|母亲节|母親節|父亲节|父親節|纪念日|紀念日|毕业|畢業|教师节|教師節)';
const PRESENT_WORDS = `(?:买|買|挑|选|選|想要|找)(?:个|個|份|件|点|點)?(?:小)?(?:礼物|禮物)|(?:当|當|做|作为|作為)(?:个|個)?(?:礼物|禮物)|(?:礼物|禮物)(?:的话|用)|${OCCASION}(?:的)?(?:礼物|禮物)|送(?:给|給)?(?:我的?)?${GIVEN_TO}`;
export const BUYS_AS_PRESENT = new RegExp(PRESENT_WORDS, 'u');
const ALL_PRESENT_WORDS = new RegExp(PRESENT_WORDS, 'gu');
const CONTACT_WORDS = /微信|微|wx|vx|v信|qq|扣扣|电话|電話|手机|手機|号码|號碼|联系方式|聯繫方式|私聊|私下|加你|加我|加个好友|加個好友|好友|weixin|钉钉|釘釘|抖音|支付宝|支付寶|线下|線下/u;
/** The buyer's own phone said unchanged, or a number of an order or parcel: no contact asked for. */
export const NO_CONTACT_ASKED =
  /(?:电话|電話|手机|手機|号码|號碼)(?:号|號)?(?:码|碼)?(?:都|也|还是|還是)?(?:不变|不變|不用改|不改|没变|沒變|照旧|照舊|一样|一樣|没错|沒錯|不动|不動)|(?:单子|單子|订单|訂單|快递|快遞|运单|運單|物流|包裹|单|單)(?:的)?(?:号码|號碼)/gu;

/** "不是裤子 我是说吃的那个", "不对 是围巾那单": another order meant than the one just answered about — only that. */
const OTHER_ORDER_MEANT = /^(?:不是|不对|不對)[^，,。？?]{0,8}?[，,\s]*(?:我)?(?:是说|是說|说的是|說的是|问的是|問的是|要的是|是)[^，,。？?]{1,10}?(?:的)?(?:那个|那個|那单|那單|那件|那条|那條|那笔|那筆)[吧啊呀呢]?$/u;
const ORDER_ROUTES: ReadonlySet<Route> = new Set(['logistics', 'aftersale', 'invoice']);

/** What a message must say for an intent to be read (intents not listed need nothing in particular). */
const ORDER_PLACED_WORDS = /拍了|拍下|拍好|付了|付款了|付好|下单了|下單了|下好|已付|买了|買了|已经拍|已經拍|去付|现在付|現在付|这就付|這就付|马上付|馬上付|去拍|这就拍|這就拍/u;
const NAMES_A_PURCHASE = /(?:已经|已經|已)?(?:付|支付|拍|买|買|下单|下單)(?:了|过|過|完|好)?款?(?:了)?的/gu;

const CUES: Partial<Record<IntentId, Cue>> = {
  // ("哦不对 我自己那单…": the buyer correcting themselves, nothing wrong with the goods.)
  wrong_item: (text) => /发错|發錯|错发|錯發|少发|少發|漏发|漏發|少了|缺了|不是我(?:买|買|拍|要|订|訂)的|不对|不對|发成|發成|只到了|只收到|少一|少个|少個|不一样|不一樣|收到(?:的|了)?(?:却|卻|竟然|居然|怎么|怎麼)?是(?![不否])|(?:寄|发|發)(?:来|來|过来|過來)(?:的)?(?:却|卻|竟然|居然)?是(?![不否])|到手(?:的)?(?:却|卻|竟然|居然)?是(?![不否])/u.test(text.replace(SELF_CORRECTION, '')),
  quality_issue: words(/洞|长毛|長毛|掉毛|掉了|起毛|脱线|脫線|断|斷|坏|壞|破|瑕疵|质量|質量|开线|開線|掉色|起球|漏|臭|霉|过期|過期|变质|變質|脏|髒|裂|划痕|劃痕|问题|問題|线头|線頭|变形|變形|碎|烂|爛|缩水|縮水|褪色|污|次品/u),
  return_dislike: words(/寄回|退|没穿|沒穿|没戴|沒戴|没用过|沒用過|没拆|沒拆|吊牌|标签|標籤|不喜欢|不喜歡|不合适|不合適|不想要/u),
  exchange: words(/换|換/u),
  refund_shipped: words(/退款|退钱|退錢|不要了|不想要|拒收|拒签|拒簽|不签收|不簽收/u),
  // ("退货的寄到了没", "退回去的你们收到了吗": the returned parcel arrived — the refund's progress.)
  refund_status: anyOf(words(RETURN_ARRIVED), asksRefundDestination, asksReturnNumber, words(/(?:钱|錢).{0,8}(?:到哪|哪一步|哪步|进度|進度)|退款|退个款|退個款|退钱|退錢|到账|到賬|钱.{0,6}(?:退|回)|錢.{0,6}(?:退|回)|退.{0,4}(?:钱|錢)/u)),
  return_fee: words(/退|寄回|换|換|谁出|誰出/u),
  signed_not_received: words(/取件码|取件碼|取货码|取貨碼|签收|簽收|没收到|沒收到|没拿到|沒拿到|显示.{0,4}(?:到|收)|没人.{0,3}收|沒人.{0,3}收|代收|代签|代簽|前台|门卫|門衛|快递柜|快遞櫃|驿站|驛站|丰巢|豐巢/u),
  // ("这样聊太慢了", "回复好慢": the chat is slow, not the parcel.)
  delivery_delay: (text) => /慢|没动|沒動|不动|不動|延误|延誤|卡|几天了|幾天了|好几天|好幾天|还在|還在|催|停|没更新|沒更新|不更新|没到|沒到|[0-9一二三四五六七八九十两兩]天/u.test(text.replace(CHAT_IS_SLOW, '')),
  not_shipped: words(/发货|發貨|发出|發出|寄出|还没发|還沒發|没发|沒發|发了没|發了沒|催/u),
  urgent_delivery: words(/急|快点|快點|尽快|盡快|加急|赶|趕|等着|等著|催|保证|保證|(?:今天|明天|后天|後天|周[一二三四五六日天]前).{0,3}(?:到|送到|收到)/u),
  // ("手机号填错了 应该是…": the receiver's mobile number is part of the delivery data.)
  address_change: anyOf(words(/地址|电话|電話|手机号|手機號|收件人|收货人|收貨人|寄到|送到|发到|發到/u), names.address),
  order_change: (t) => words(/颜色|顏色|尺码|尺碼|[0-9smlx]码|码数|碼數|色|大一|小一|规格|規格|口味|数量|數量|件数|件數|拍错|拍錯/u)(t) || CHANGES_QUANTITY.test(t),
  cancel_order: words(/取消|不要了|不想要|不买了|不買了|退款|退个款|退個款|退钱|退錢|撤/u),
  size_advice: words(/码|碼|尺寸|身高|体重|體重|斤|kg|cm|公斤|米[0-9一二三四五六七八九]|穿.{0,2}(?:多大|哪个|哪個|什么|什麼)|合身|偏大|偏小|大小/u),
  authenticity: words(/正品|(?:是|都是)真的|真的假的|真的[吗嗎么麼]|真不真|真货|真貨|假|原装|原裝|官方|授权|授權|专柜|專櫃|品牌/u),
  hesitation: words(/考虑|考慮|看看|想想(?!办法|辦法)|犹豫|猶豫|等等|再说|再說|纠结|糾結|商量|不买了|不買了|不拍了|不入了/u),
  // ("已经付了款的牛仔裤…", "拍了的那件": the order named by its purchase, not news of a purchase.)
  order_placed: (text) => ORDER_PLACED_WORDS.test(text.replace(NAMES_A_PURCHASE, '')),
  complaint: words(/怎么回事|怎麼回事|半天不回|不回复|不回覆|不理人|没人理|沒人理|投诉|投訴|差评|差評|举报|舉報|垃圾|骗|騙|气死|氣死|什么破|什麼破|服了|无语|無語|坑|恶心|噁心|态度|態度|太差|失望/u),
  invoice: words(/票|税|稅|抬头|抬頭/u),
  // ("能不能快点送啊", "明天能送到吗": the parcel delivered, no gift; "买个礼物送妈妈": the buyer's present.)
  gift: (text) => GIFT_CUE.test(text.replace(ALL_PRESENT_WORDS, '')),
  // ("我的鲜花饼到了没", "到没到啊": whether it has arrived.)
  logistics_track: words(/(?:什么时候|什麼時候|啥时候|啥時候|几时|幾時|哪天)(?:能)?(?:到|送到|收到)|(?:到|送到)(?:了)?(?:没|沒|吗|嗎|么|麼)|到没到|到沒到|到哪|哪里了|哪裡了|哪儿了|哪兒了|物流|快递|快遞|单号|單號|(?:单子|單子|运单|運單)(?:的)?(?:号码|號碼)|发到|發到|在哪|运到|運到|还要(?:多久|几天|幾天)|還要(?:多久|幾天)|还得(?:多久|几天)|還得(?:多久|幾天)|还有几天|還有幾天|(?:发|發|寄)(?:货|貨|出)?了?(?:没|沒|吗|嗎)|(?:查|看)(?:一下|下|查|看)?(?:我|我自己)(?:的|那个|那個|那)/u),
  recommend: words(/推荐|推薦|哪款|哪个好|哪個好|什么好|什麼好|买啥|買啥|买什么|買什麼|选哪|選哪|适合|適合|搭配|配什么|配什麼|还有什么|還有什麼|有什么.{0,4}(?:款|好)/u),
  stock: anyOf(words(ASKS_RESTOCK), words(/货|貨|库存|庫存|补货|補貨|断货|斷貨|卖完|賣完|售罄|缺|还有吗|還有嗎|还有没有|還有沒有|有没有|有沒有|(?:码|碼|色|味|款|号|號)(?:还)?有(?:吗|嗎|没|沒|的)|有.{0,6}(?:码|碼|色|味|款)|[0-9smlx]码|能买|能買|能拍|有.{1,8}[吗嗎么麼][？?]*$|x*[sl]\b|\bm\b/u)),
  // ("电话不变", "单子号码": the buyer's own phone kept, an order's number — no channel asked for.)
  contact_request: (text) => CONTACT_WORDS.test(text.replace(NO_CONTACT_ASKED, '')),
  human: words(/人工|客服|真人|活人|转|轉|找人|机器|機器|经理|經理|主管|负责人|負責人|老板|老闆|店长|店長|掌柜|掌櫃|人呢|有人|同事|小二/u),
  shipping_time: anyOf(words(/几天|幾天|多久|什么时候|什麼時候|啥时候|哪天|今天|明天|到货|到貨|发货|發貨|能到|送到|寄到|发(?:到|往)?.{0,4}的/u), names.region),
  // (手续费, 服务费, 税费 are no postage.)
  shipping_fee: anyOf(words(/邮费|郵費|运费|運費|包邮|包郵|补差|補差|(?<!手续|手續|服务|服務|税|稅)[费費]/u), names.region),
  // (Couriers by their Latin codes too: "sf能发不", "发jd吗".)
  shipping_courier: words(/快递|快遞|顺丰|順豐|中通|圆通|圓通|韵达|韻達|申通|邮政|郵政|ems|京东|京東|什么物流|什麼物流|(?<![a-z])(?:sf|jd|zto|yto|sto)(?![a-z])/iu),
  // (A promise of future business — "以后常来", "介绍朋友来" — not a plain ask: "我買三袋" promises nothing.)
  bargain_promise: words(
    /以后|以後|下次|常来|常來|还来|還來|再来|再來|回头|回頭|老顾客|老顧客|老客户|老客戶|第一次|头一次|頭一次|介绍|介紹|推荐给|推薦給|朋友|闺蜜|閨蜜|同事|同学|同學|姐妹|家人|亲戚|親戚|带.{0,4}来|帶.{0,4}來|好评|好評|长期|長期|回购|回購|一直(?:在)?(?:买|買)|经常|經常|宣传|宣傳|分享/u,
  ),
  bargain_comparison: HAGGLE,
  bargain_decisive: HAGGLE,
  bargain_excuse: HAGGLE,
  bargain_generic: HAGGLE,
};

export function plausibleAsk(intent: IntentId, text: string): boolean {
  const cue = CUES[intent];
  return cue === undefined || cue(normalizeSameLength(text));
}

/** Whether the message says something that only this intent's words say (a cue exists and matches). */
const saysSomethingOf = (intent: IntentId, text: string): boolean => CUES[intent] !== undefined && plausibleAsk(intent, text);

/** Below this confidence the topic of the conversation may decide between the classifier's readings. */
export const UNSURE_CONFIDENCE = 0.5;

/** At or above this confidence a reading that only answers a question stands whatever its words. */
export const SURE_CONFIDENCE = 0.9;
/** Readings that act (a remark, a photo request, a refund step, a concession) — never taken without their words. */
const ACTS: ReadonlySet<IntentId> = new Set([
  'contact_request',
  'wrong_item', 'quality_issue', 'return_dislike', 'exchange', 'refund_shipped', 'cancel_order', 'order_change', 'address_change',
  'size_advice', 'hesitation', 'authenticity', 'human', 'bargain_promise', 'bargain_comparison', 'bargain_decisive', 'bargain_excuse', 'bargain_generic',
]);

const LOWEST_ASK = /最低(?:价|價)?(?:多少|几|幾)|最少(?:多少|几|幾)|最便宜(?:多少|几|幾)|底价(?:多少|是)|底價(?:多少|是)|能少多少|可以少多少/u;

/** A price question with nothing asking for less is a product question, not haggling. */
/** How long or when, asked ("几天能到", "多久"): a delivery time, not the postage. */
const DAYS_ASKED = /几天|幾天|多久|什么时候|什麼時候|啥时候|啥時候|哪天|能到|送到|到货|到貨/u;
/** A clause that asks an amount and names nothing: "多少钱", "要加多少", "得补多少钱啊". */
const BARE_AMOUNT_CLAUSE = /^(?:那|那么|那麼)?(?:要|得|需要|还要|還要)?(?:加|补|補|另加|多)?多少(?:钱|錢)?(?:啊|呀|呢|嘛)?$/u;
const asksBareAmount = (plain: string): boolean => plain.split(/[\s,.!?;~，。！？；、]+/u).some((clause) => BARE_AMOUNT_CLAUSE.test(clause));

/**
 * "sf能发不 多少钱": a bare 多少钱 beside a courier or postage asked for is that fee, not the product's
 * price — the postage ask is the primary one and the price is no ask of its own.
 */
export function feeNotPrice(read: Understood, text: string): Understood {
  const fee = read.secondary.find((i) => i === 'shipping_courier' || i === 'shipping_fee');
  if (read.intent !== 'product_info' || fee === undefined || !asksBareAmount(normalizeSameLength(text))) return read;
  return { intent: fee, confidence: Math.max(read.confidence, UNSURE_CONFIDENCE), secondary: read.secondary.filter((i) => i !== fee) };
}

const PRICE_ONLY = /多少钱|多少錢|什么价|什麼價|啥价|啥價|价格多少|價格多少|售价|售價|全网最低|全網最低|最便宜/u;
const ADDRESS_CONFIRMED = /(?:地址|信息|收货信息|收貨信息)(?:是|都)?(?:对|對|没问题|沒問題|正确|正確|没错|沒錯|无误|無誤)(?:的|了)?|(?:地址|信息)(?:不用|不需要|无需|無需)(?:改|修改)/u;
const REDIRECT = /转寄|轉寄|改派|转运到|轉運到|转送到|轉送到/u;
const ORDER_LEFT_AS_IS = /(?:那|这|這)(?:一)?(?:单|單|笔|筆)(?:就|先|的话|的話)?(?:不用|不需要|无需|無需|别|別|不)(?:改|修改|动|動|换|換)(?:了|啦|哈|哦|喔)?(?![a-z0-9\p{Script=Han}])/u;
export const ASKS_SOMETHING = /([\p{Script=Han}])[不没沒]\1|[吗嗎么麼呢？?]|多少|几|幾|哪|什么|什麼|啥|怎么|怎麼|能不能|可不可以|有没有|有沒有|是不是|要不要/u;
const GOING_TO_PAY = /(?:现在|現在|这就|這就|马上|馬上|等下|等會|等会|待会|待會|一会|一會|晚点|晚點|回头|回頭)(?:就)?(?:去)?(?:付|拍|下单|下單)|去付|忘了付|忘记付|忘記付|付(?:款|钱|錢)?去了/u;
// ("就买一袋山核桃" says how much is bought — only; "那就买" / "便宜点就买" set a condition.)
const ASKS_FOR_LESS = /便宜|(?<!多)少|贵|貴|优惠|優惠|打折|折扣|抹|砍|包邮我就|(?:就拍|就买|就買|就付)(?!\s*(?:[0-9]+|[一二两兩三四五六七八九十几幾])\s*(?:盒|件|条|條|袋|个|個|双|雙|套|箱|包))/u;

/** What an invoice might cost the buyer (it never does: seed 004). */
const INVOICE_CHARGES = /邮费|郵費|运费|運費|税点|稅點|手续费|手續費|加钱|加錢|收钱|收錢|要钱|要錢|出钱|出錢|另外收|额外|額外/u;

/** Words that describe a defect in something received. */
const DEFECT = /有个洞|有個洞|破了|破洞|坏了|壞了|掉毛|掉色|褪色|起毛|起球|开线|開線|脱线|脫線|断了|斷了|漏了|发霉|發霉|长毛了|長毛了|长霉|長霉|霉了|变质|變質|过期了|過期了|裂了|碎了|流苏掉|流蘇掉|脏了|髒了|污渍|污漬|有线头|有線頭|磨.{0,2}起毛/u;
/** "有一个都长毛了", "已经坏了": a defect told as already there (not "会不会坏" asked before buying). */
const DEFECT_HAPPENED = /(?:都|已经|已經|居然|竟然|全|有(?:一|几|幾|两|兩)?(?:个|個|块|塊|盒|袋|件)?)(?:长毛|長毛|长霉|長霉|发霉|發霉|霉|坏|壞|破|烂|爛|变质|變質|碎|裂|起球|掉毛|掉色|褪色|过期|過期)了/u;
/** "会掉毛吗", "会不会起球", "褪不褪色啊": a question before buying, a product question. */
const ASKS_BEFORE_BUYING = /会不会|會不會|会.{0,6}[吗嗎]|會.{0,6}[吗嗎]|容易|(\p{Script=Han})不\1|(?<!了)[吗嗎么麼不][？?!！]*$|(?<!了)[？?]$/u;
/** "就起球了", "洗了一次就掉色了": a defect that came with wear or washing, told as it happened. */
const DEFECT_CAME = /就(?:有点|有點|有些)?(?:起球|起毛|掉毛|掉色|褪色|开线|開線|脱线|脫線|破了|坏了|壞了|裂了|断了|斷了)了?/u;
const defectHappened = (plain: string): boolean => DEFECT_HAPPENED.test(plain) || (DEFECT_CAME.test(plain) && !WORRY.test(plain));
const exchangeForDefect = (intent: IntentId, plain: string): boolean => intent === 'exchange' && defectHappened(plain);
/** After-sale cases whose next step is the buyer's photos (seed 003). */
const PHOTO_CASES: ReadonlySet<IntentId> = new Set(['quality_issue', 'wrong_item']);
const AFTER_SALE_READINGS: ReadonlySet<IntentId> = new Set(['quality_issue', 'return_dislike', 'exchange', 'refund_shipped', 'refund_status', 'complaint', 'return_fee']);

const RESTOCK = anyOf(words(ASKS_RESTOCK), words(/上新/u));
/** "满99送试吃装是吧", "满299减20的券": a promotion's terms asked about. */
// ("满99是不是送试吃装", "满两百会送礼品吗": a gift's threshold asked, however the question is put.)
/** "够不够送试吃装", "够送赠品了吗", "到没到包邮": whether a basket or an order reaches a gift, asked without the amount. */
const REACHES_GIFT = /(?:够不够|夠不夠|够没够|夠沒夠|到没到|到沒到|达没达到|達沒達到)(?:送|赠|贈)|(?:够|夠)(?:送|赠|贈)[^，,。？?]{0,6}(?:了)?(?:吗|嗎|没|沒|吧|不)/u;
const PROMOTION_THRESHOLD_TERMS = /[满滿]\s*[0-9一二三四五六七八九十百两兩]+(?:\.\d+)?\s*(?:元|块|塊)?(?:的话|的話)?(?:是不是|是否|就|会|會|能|可以|有没有|有沒有|还|還|有){0,2}(?:了|没|沒|吗|嗎|吧|够|夠|送|减|減|包邮|包郵|赠|贈|礼|禮)/u;
/** "满99了 再便宜点吧", "满100了能抹个零吗": the threshold reached, and less asked on top — haggling. */
const HAGGLES_BEYOND_PROMOTION = /便宜|(?<![满滿多减減])少(?!了)|抹|砍|打(?:个|個)?折|让点|讓點|(?:就拍|就买|就買|就付)/u;
const PROMOTION_THRESHOLD = /满\s*[0-9一二三四五六七八九十百]+(?:\.\d+)?\s*(?:元|块|塊)?(?:了|没|沒|吗|嗎|吧|够|夠)/u;
/**
 * "凑满299就包邮是吧", "再加一件毛衣呢 是不是就包邮了", "两件一起够包邮了吗": whether an amount or a basket reaches
 * free shipping — the postage asked about, not asked off ("包个邮嘛", "包邮我就拍" ask for it).
 */
const FREE_SHIPPING_CHECK = /(?:满|滿|凑|湊|加|够|夠|一起|合计|合計|总共|總共).{0,14}(?:就|能|可以|是不是|够|夠)?(?:包邮|包郵)(?:了)?(?:是吧|对吧|對吧|了吧|吧|吗|嗎|么|麼|没|沒|不)|(?:是不是|是否)(?:就)?(?:能|可以)?(?:包邮|包郵)|(?:够|夠)(?:不够|不夠)?(?:包邮|包郵)/u;
const ASKS_POSTAGE_OFF = /包(?:个|個|一下)?邮(?:嘛|呗|唄|啦|吧)(?![？?])|包(?:个|個|一下)邮|包邮(?:我|就)(?:就)?(?:拍|买|買|付|下单)|包了|给(?:我)?包邮|給(?:我)?包郵|免(?:个|個)?运费|免(?:个|個)?運費/u;

/** A colour or size asked about: "…有吗", "…呢", "…还有没", "…多少件". */
const STOCK_SHAPE = /有[吗嗎么麼]?[？?]*$|有.{1,8}[吗嗎么麼][？?]*$|呢[？?]*$|有没|有沒|还有|還有|没了|沒了/u;
const SMALL_TALK_READINGS: ReadonlySet<IntentId> = new Set(['greeting', 'thanks_bye', 'praise', 'other']);
const ATTRIBUTE_WORDS = /材质|材質|材料|面料|成分|含量|厚|薄|保暖|弹|彈|版型|长度|長度|多长|多長|尺寸|洗|起球|掉色|褪色|保质期|保質期|产地|產地|重量|多重|羊毛|棉|绒|絨|口感|甜|咸|鹹|配料|做工|质量|質量|透气|透氣/u;
const HAS_VARIANT = /有.{1,8}[吗嗎么麼][？?]*$|有没有|有沒有|还有|還有/u;
/** "还要干啥吗", "我还需要做什么", "接下来该怎么弄": what the buyer still has to do. */
const NEXT_STEP = /(?:要|需要|得|用)(?:我)?(?:再)?(?:干|幹|做|弄|办|辦|操作)(?:点|點|些)?(?:啥|嘛|什么|什麼|别的|別的)|(?:该|該|要)(?:怎么|怎麼)(?:做|弄|办|辦|操作)|(?:接下来|接下來|然后|然後|下一步)(?:呢|(?:该|該|要)?(?:干|幹|做|弄|办|辦)?(?:啥|什么|什麼))/u;
const SOCIAL_WORDS = /谢|謝|好的|好滴|嗯|再见|再見|拜|ok|哈哈/u;
/** What a question about the own order's receiver data reads as by its words (电话, 确认, 收货). */
const RECEIVER_MISREADINGS: ReadonlySet<IntentId> = new Set(['contact_request', 'confirm_receipt', 'other']);

/** "那先这样", "那就这样吧", "那没事了": the buyer closing the chat — no question continued. */
const CLOSES = /^(?:那|那么|那麼)?(?:就)?(?:先)?(?:这样|這樣|这么着|這麼著)(?:吧|了|啊|哈)?[。.!！~～]*$|^(?:那|那么|那麼)?(?:先)?(?:没事了|沒事了|没别的了|沒別的了|不问了|不問了|算了)(?:吧|哈)?[。.!！~～]*$/u;
export const closesChat = (text: string): boolean => CLOSES.test(normalizeSameLength(text).trim());

/** "帮我退个款", "我要退款": asking for a refund, not for its status. */
/** "那鲜花饼那单没事吧": whether another order is affected — that order's status, not a case of its own. */
const UNAFFECTED = /(?:没事|沒事|不受影响|不受影響|没影响|沒影響|不影响|不影響|还正常|還正常|照常)(?:的)?(?:吧|吗|嗎|了吧|呢)/u;
const POINTS_AT_ORDER = /(?:那|这|這)(?:一)?(?:单|單|笔|筆)|订单|訂單/u;
/** Words of changing an order ("换成", "改一下", "拍错了"): a colour or size named alone changes nothing. */
const CHANGES_SOMETHING = /换|換|改|拍错|拍錯|选错|選錯|弄错|弄錯|错了|錯了|变成|變成|调成|調成|不要.{0,6}要/u;
/** "不买了", "不拍了": a purchase the buyer decides against (an order already there is "不要了", "取消"). */
const DROPS_PURCHASE = /不买了|不買了|不拍了|不入了/u;
/** "那是没办法退了吗", "能不能退": whether a return is possible at all, not a refund's status. */
const RETURN_POSSIBLE = /(?:没办法|沒辦法|没法|沒法|不能|不可以|能不能|可不可以|可以|能)(?:再)?退(?!款|钱|錢)/u;
const REFUND_REQUEST = /帮我退|幫我退|我要退|给我退|給我退|申请退|申請退|退个款|退個款|要退款|想退款|想退钱|想退錢/u;

/** "算了发票不要了", "票就不开了", "不用开发票了": the invoice withdrawn. */
const INVOICE_DROPPED = /(?:发票|發票|票)(?:就|也|还是|還是)?(?:不要了|不用了|不开了|不開了|算了|不需要了|先不开|先不開|不用开了|不用開了)|不(?:要|用|开|開|需要)(?:开|開)?(?:发票|發票)了/u;
/** "退款到底什么时候能好", "钱多久能退回来", "退款几天到账": when the refund comes. */
const REFUND_WHEN = /(?:退款|退钱|退錢|钱|錢)(?:到底|究竟|大概|大约|还要|還要|要)*(?:什么时候|什麼時候|啥时候|啥時候|多久|几天|幾天|何时|何時)(?:能|才|可以|会|會)?(?:好|到|完成|下来|下來|退回来|退回來|退回|到账|到賬|退|回来|回來)/u;

/** "钱呢", "我的钱呢？？", "钱咧": the money asked after, with nothing else said. */
const BARE_MONEY = /^(?:那|那么|那麼)?(?:我的)?(?:钱|錢)(?:呢|咧|啊|嘞)?[？?!！。\s]*$/u;
/** Cases whose money goes back to the buyer: a return, a refund, a cancelled paid order. */
const REFUND_CASES: ReadonlySet<IntentId> = new Set(['refund_status', 'return_dislike', 'refund_shipped', 'cancel_order', 'quality_issue', 'wrong_item', 'return_fee']);

/** "249什么时候能到账": 到账 is money landing in an account — never a parcel arriving. */
const MONEY_ARRIVES = /到账|到賬/u;

/** "钱呢", "钱多久到", "钱到哪一步了", "什么时候到账" right after a refund or return case: that refund's money. */
export function asksForRefundMoney(plain: string, lastIntent: IntentId | undefined): boolean {
  if (lastIntent === undefined || !REFUND_CASES.has(lastIntent)) return false;
  return BARE_MONEY.test(plain.trim()) || REFUND_WHEN.test(plain) || MONEY_WHERE.test(plain) || MONEY_ARRIVES.test(plain);
}

/** "大概还要几天啊", "要多久": how long, with nothing else said. */
const ASKS_ABOUT_SHIPPING = /(?:顺丰|順豐|中通|圆通|圓通|韵达|韻達|申通|邮政|郵政|ems|京东|京東)(?:快递|快遞)?(?:可以|行|能|好)(?:不|吗|嗎|么|麼)?|(?:什么时候|什麼時候|啥时候|啥時候|几时|幾時|哪天|多久)(?:能)?(?:发|發|到|寄)|(?:什么|什麼|哪个|哪個|哪家|啥|能不能|可不可以|可以|能)(?:快递|快遞)|(?:能|可以|能不能)(?:发|發|走|用|寄)|(?:发|發|走|用|寄)(?:什么|什麼|哪个|哪個|哪家|啥)|包邮吗|包郵嗎|运费多少|運費多少|邮费多少|郵費多少|几天到|幾天到|多久到/u;
const PRAISES_PURCHASE = /(?:上次|之前|以前|买的|買的|收到的)[^，,。？?]{0,8}(?:超|很|挺|好|真|特别|特別|非常|太)?(?:暖和|好吃|好穿|舒服|好看|喜欢|喜歡|不错|不錯|棒|赞|讚|满意|滿意|好用|合身|保暖)/u;
const FOUND_IT = /(?:拿到|找到|取到|收到|领到|領到)(?:了|啦)(?:哈|啊|呀|哦|喔|～|~|!|！)?/u;
const foundIt = (plain: string): boolean => FOUND_IT.test(plain) && !/没|沒|不/u.test(plain.replace(/没事|沒事/gu, ''));
const SIZE_INSTEAD = /(?:还是|還是|改成|改为|改為|换成|換成|就要|要)\s*(?:[0-9]{2,3}|x{0,3}[sml]|xxl)(?:码|碼|号|號)?(?:吧|的|好了)?/u;
const NOT_A_FAULT = /不是(?:质量|品质)问题|没有(?:质量|品质)问题|(?:质量|品质)没(?:有)?问题|(?:质量|品质)挺好|不是坏了/u;
const UNWORN = /没穿|沒穿|没戴|沒戴|没洗|沒洗|没用过|沒用過|吊牌(?:都)?(?:还|還)?在|标签(?:都)?(?:还|還)?在|標籤(?:都)?(?:还|還)?在|全新/u;
const RETURN_PARCEL = /(?:中通|圆通|圓通|申通|韵达|韻達|顺丰|順豐|邮政|郵政|极兔|極兔|京东|京東|ems)\s*(?:sf)?(?<![0-9])[0-9]{10,15}(?![0-9])|(?:退回|寄回|退货|退貨)(?:去|来|來)?(?:的)?(?:那个|那個)?(?:单号|單號|快递|快遞|包裹)|(?:你们|你們)?收到(?:没|沒|了吗|了嗎)/u;
const ONLY_THIS = /只(?:要)?(?:退|取消|不要)/u;
const LOOK_UP_OWN = /(?:查|看)(?:一下|下|查|看)?(?:我|我自己)(?:的|那个|那個|那)/u;
const ALSO_THE_SAME = /也(?:帮我|幫我|给我|給我|一起|一并|一併)?(?:改|换|換|取消|退|备注|備註|处理|處理|弄|一样|一樣|这样|這樣|照这个|照這個)/u;
const ASK_THE_COURIER = /(?:问问|問問|问一下|問一下|问下|問下|联系|聯繫|联系一下|聯繫一下|催催|催一下|找找|查查|打(?:个|個|一下|一个|一個)?电话(?:给|給)|打(?:个|個|一下)?電話(?:給|给)|call)(?:一下|下)?(?:快递|快遞|物流|快递员|快遞員|派件员|派件員|小哥)|(?:给|給|跟|和)(?:快递|快遞|快递员|快遞員|派件员|派件員|快递小哥|快遞小哥)(?:打|通)(?:个|個|一下|一个|一個)?(?:电话|電話)/u;
const ARRIVAL_FOLLOW_UP = /(?:今天|今日|明天|后天|後天|周[一二三四五六日天]|星期[一二三四五六日天]|几天|幾天|多久|什么时候|什麼時候|啥时候|几点|幾點)(?:之前|以前|前)?(?:能|可以|会|會)?(?:到|送到|送达|送達|收到|派送)/u;
const TIME_FOLLOW_UP = /^(?:那|那么|那麼|大概|大约|大約|一般|请问|請問)*(?:还要|還要|要|还得|還得|得)?(?:几天|幾天|多久|多长时间|多長時間)/u;

/** "叫你们老板来", "找个真人", "转人工": a person asked for (not "老板说包邮" nor "转账"). */
const ASKS_FOR_PERSON = /(?:叫|找|让|讓|转|轉|换|換|要|请|請)(?:一下|下)?(?:你们|你們|个|個|一个|一個)?(?:的)?(?:老板|老闆|经理|經理|主管|负责人|負責人|店长|店長|掌柜|掌櫃|人工|真人|活人)/u;

/** "我那件大衣", "我的快递", "买的那件", "订单": a parcel of the buyer's own. */
const OWN_PARCEL = /我(?:的|那|这|這)|(?:买|買|拍|下单|下單)的|快递|快遞|包裹|物流|(?:那|这|這)(?:一)?(?:单|單|件|笔|筆)|订单|訂單/u;

/** "钱到哪一步了", "我的钱现在到哪了", "退的钱什么进度": where a refund is. */
const MONEY_WHERE = /(?:钱|錢)(?:现在|現在|到底|究竟|呢|啊)*.{0,4}(?:到哪|哪一步|哪步|进度|進度|什么状态|什麼狀態)/u;

/** "算了不用了", "不用转了": a request taken back. */
const NEVER_MIND = /算了|不用了|不需要了|不用转|不用轉|不用人工|不用麻烦|不用麻煩|不麻烦了|不麻煩了|没事了|沒事了/u;
/** "我自己查到了", "解决了", "谢谢": the buyer has what they needed. */
const SORTED_OUT = /(?:查到|找到|看到|解决|解決|弄好|搞定|知道|明白|好)了|谢|謝/u;

/** "算了不用了 我自己查到了 谢谢": the buyer withdraws what they asked for (a hand-off, a question). */
export const withdrawsRequest = (text: string): boolean => NEVER_MIND.test(normalizeSameLength(text));

/** "能快点吗", "都一个星期了": the buyer hurries or complains of the wait — of whatever case is open. */
const HURRIES = /快点|快點|快些|尽快|盡快|抓紧|抓緊|加急|催|太慢|这么慢|這麼慢|这么久|這麼久|等了|等很久|[0-9一二三四五六七八九十两兩几幾个個]+(?:天|星期|礼拜|禮拜|周|週)了/u;
/** "旺旺太慢了", "回消息这么慢", "客服回得好慢": the chat is slow (the answers), not a parcel. */
const CHAT_SLOW = /(?:旺旺|阿里旺旺|千牛|回复|回覆|回消息|回信息|回得|回的|回话|回話|客服|聊天|打字)(?:也|太|好|真|很|这么|這麼|那么|那麼|都)*慢/u;
/** Words of a parcel on its way to the buyer: the hurry is about that parcel. */
const PARCEL_WORDS = /快递|快遞|物流|包裹|派送|派件|送到|送货|送貨|到货|到貨|发货|發貨|收货|收貨/u;

/** Height or weight told: what size advice works from. */
const BODY_DATA = /身高|体重|體重|[0-9]{2,3}\s*(?:斤|kg|公斤|cm|厘米)|一米[0-9一二三四五六七八九]/u;

/** "想退", "要退", "能退吗": a return asked for. */
const RETURN_REQUEST = /想退|要退|申请退|申請退|我退|退了吧|能退|可以退|能不能退/u;

/** Questions whose words say what they are even when the classifier ranked them nowhere. */
const WORDS_ALONE: readonly IntentId[] = ['logistics_track', 'refund_status', 'invoice'];

/** Requests that outrank a status complaint in the same message. */
const REQUESTS: readonly IntentId[] = ['refund_shipped', 'cancel_order', 'return_dislike', 'exchange', 'address_change'];
const STATUS: readonly IntentId[] = ['delivery_delay', 'not_shipped', 'logistics_track', 'signed_not_received'];
const POST_SALE: ReadonlySet<Route> = new Set(['logistics', 'aftersale']);
/** The parcel's own status talked about (a route question continues it). */
const PARCEL_CASE: readonly IntentId[] = ['delivery_delay', 'logistics_track'];
/** "不要换", "不用换了", "别换": an exchange turned down. */
const REFUSES_EXCHANGE = /(?:不要|不用|不想|不|别|別)(?:换|換)/u;
/** "补寄一颗扣子", "补发个拉链头", "寄两颗纽扣": a part of the product sent, not the product again. */
const ASKS_PART = /(?:补|補)(?:寄|发|發)|寄.{0,4}(?:扣|纽|鈕|拉链|拉鏈|配件|零件)/u;

/** "那裤子呢", "还有围巾呢", "发苏州的": a short message that continues what was just asked. */
const CONTINUES = /^(?:那|那么|那麼|还有|還有|再|就)|呢[？?]?$/u;
const SHORT_CHARS = 12;

export type Understood = Pick<Classification, 'intent' | 'confidence' | 'secondary'>;

/** "围巾有酒红色么😊": the shape of the question is read without the emoji after it. */
const withoutTrailingEmoji = (text: string): string => text.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}\s]+$/u, '');

/** A colour or size named in the shape of a stock question ("…有吗", "…呢", "…还有没"). */
const namesVariantAsked = (classification: Pick<Classification, 'entities'>, plain: string): boolean =>
  classification.entities.some((e) => e.type === 'color' || e.type === 'size') && STOCK_SHAPE.test(withoutTrailingEmoji(plain));

/**
 * "围巾有酒红色么" read alone as a product question (or nothing): whether that colour or size is there
 * is stock. For a clause of a longer message ("亲～围巾有酒红色么😊 能发sf吗"), read on its own.
 */
export function asksVariantStock(classification: Pick<Classification, 'intent' | 'confidence' | 'entities'>, text: string): boolean {
  const plain = normalizeSameLength(text);
  if (!namesVariantAsked(classification, plain)) return false;
  return classification.intent === 'other' || (classification.intent === 'product_info' && classification.confidence < SURE_CONFIDENCE && HAS_VARIANT.test(withoutTrailingEmoji(plain)));
}

/**
 * The classification read against the conversation: `lastRoute` / `lastIntent` are where the
 * previous turn's intent went and what it was, if any.
 */
/** A quality a buyer may fear before buying (起球, 掉色, 缩水, 掉毛 …). */
const QUALITY_FEAR = /起球|起毛|掉色|褪色|缩水|掉毛|掉绒|钻绒|变形|开线|勾丝/u;
/** Fear or doubt about what might happen ("怕", "担心", "会不会", "容易…吗"), not a report of what happened. */
const WORRY = /怕|担心|擔心|会不会|會不會|会不|容易|万一|萬一|不会.*吧|不會.*吧/u;
/** Words of something already received or worn ("收到就起球了", "洗了一次就掉色了"). */
const HAPPENED = /了[，,。！!\s]*$|已经|已經|收到|到手|洗了|穿了(?!几次|幾次)|买的|買的|拍的|这次|這次|[起掉缩变]了/u;

/** "主要是怕穿几次就起球", "会不会掉色": the buyer fears a quality problem — a question about the product. */
/** "起球吗", "缩不缩水", "掉色不": the quality asked about as a question of its own (a clause may follow). */
const FEAR_ASKED = /(?:起球|起毛|掉色|褪色|缩水|縮水|掉毛|掉绒|掉絨|钻绒|鑽絨|变形|變形|开线|開線|勾丝|勾絲)(?:吗|嗎|么|麼|嘛|不)(?=$|[\s,，。.;；!！?？])|(\p{Script=Han})不\1(?:球|色|水|毛|绒|絨|形)/u;

const NOT_A_DEFECT_CASE: readonly IntentId[] = ['exchange', 'return_dislike'];

export function worriesAboutQuality(plain: string): boolean {
  return QUALITY_FEAR.test(plain) && (WORRY.test(plain) || FEAR_ASKED.test(plain)) && !HAPPENED.test(plain);
}

/**
 * "围巾那单开一张 个人的", "大衣那单也开一张 一样的抬头", "邮箱wbw@qq.com" right after an invoice answer:
 * another invoice, the kind of title or the mailbox — the invoice's details, whatever they read as.
 */
const invoiceDetails = (plain: string): boolean => asksAnotherInvoice(plain) || titleKindOnly(plain) !== null || sameTitleAsBefore(plain) || emailFrom(plain) !== null;

export function understandInContext(classification: Classification, text: string, lastRoute: Route | undefined, lastIntent?: IntentId): Understood {
  const plain = normalizeSameLength(text);
  // A further ask to haggle needs words that ask for less ("我补钱" pays more, "我现在去付" pays).
  let secondary = classification.secondary.filter((intent) => plausibleAsk(intent, plain) && (routeFor(intent) !== 'bargaining' || ASKS_FOR_LESS.test(plain)));
  let { intent, confidence } = classification;
  // "质量怎么样 会不会缩水": a worry before buying asks no defect case beside the product question.
  if (worriesAboutQuality(plain)) secondary = secondary.filter((i) => i !== 'quality_issue');
  if (!CHANGES_SOMETHING.test(plain)) secondary = secondary.filter((i) => i !== 'order_change');

  // "350" right after haggling: the buyer's counter-offer, the haggling goes on (not a thank-you).
  if (lastIntent !== undefined && routeFor(lastIntent) === 'bargaining' && routeFor(intent) !== 'bargaining' && counterOfferAmount(plain) !== null) {
    return { intent: lastIntent, confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  }
  // "地址对的 啥时候发" after the address was read back: a confirmation, not a change.
  if (intent === 'address_change' && ADDRESS_CONFIRMED.test(plain) && !names.address(plain)) {
    const next = secondary.find((i) => i !== 'address_change');
    return { intent: next ?? 'thanks_bye', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== next && i !== 'address_change') };
  }
  // "能联系快递转寄吗": redirecting a parcel on its way is changing where it goes (not choosing a courier).
  if (REDIRECT.test(plain) && intent !== 'address_change') {
    return { intent: 'address_change', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'address_change' && i !== 'shipping_courier') };
  }
  // "鲜花饼那单不用改": an order pointed at and left as it is — nothing asked, nothing to act on.
  if (ORDER_LEFT_AS_IS.test(plain) && !ASKS_SOMETHING.test(plain) && !names.address(plain)) {
    return { intent: 'thanks_bye', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  }
  // "已经付了款的牛仔裤可以改成顺丰吗": the order is named by its payment, the ask is the courier.
  if (intent === 'order_placed' && confidence < SURE_CONFIDENCE && CUES.shipping_courier!(plain) && ASKS_SOMETHING.test(plain)) {
    return { intent: 'shipping_courier', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'shipping_courier' && i !== 'order_placed') };
  }
  // "忘了付钱了 我现在去付": going to pay is the order, not haggling — unless it asks for less.
  if (routeFor(intent) === 'bargaining' && GOING_TO_PAY.test(plain) && !ASKS_FOR_LESS.test(plain) && !/[0-9]{2,}/u.test(plain)) {
    return { intent: 'order_placed', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'order_placed') };
  }
  // "我拍好发过去了" after photos were asked for: the photos sent (拍 of a camera, not of an order).
  if (lastIntent !== undefined && PHOTO_CASES.has(lastIntent) && intent === 'order_placed' && saysPhotosSent(plain)) {
    return { intent: lastIntent, confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'order_placed') };
  }
  // "主要是怕穿几次就起球", "会不会掉色啊": a worry about the product before buying, not a complaint about an order.
  if ((intent === 'quality_issue' || intent === 'wrong_item') && worriesAboutQuality(plain)) {
    return { intent: 'product_info', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'product_info' && i !== 'quality_issue') };
  }
  // "没质量问题 就是大": no defect case — the exchange or return asked before goes on (without one, a return for dislike).
  if (intent === 'quality_issue' && deniesDefect(plain)) {
    const goesOn = lastIntent !== undefined && NOT_A_DEFECT_CASE.includes(lastIntent) ? lastIntent : 'return_dislike';
    return { intent: goesOn, confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'quality_issue' && i !== goesOn) };
  }
  // "算了不买了" while haggling or asking about a product: a purchase not made — hesitation, no order cancelled.
  if ((intent === 'cancel_order' || intent === 'return_dislike') && (lastRoute === 'bargaining' || lastRoute === 'presale') && DROPS_PURCHASE.test(plain) && !POINTS_AT_ORDER.test(plain)) {
    return { intent: 'hesitation', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => !REQUESTS.includes(i)) };
  }
  // "燕麦色的我买过了 还有呢" right after a recommendation: what else to pick, not whether that colour is in stock.
  if (lastIntent === 'recommend' && setsAsideAndAsksMore(plain) && (intent === 'stock' || intent === 'other' || intent === 'product_info' || routeFor(intent) === 'social')) {
    return { intent: 'recommend', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'stock') };
  }
  // "想买个礼物送朋友": a present the buyer buys — advice on what to buy, not a free gift asked for.
  if (intent === 'gift' && BUYS_AS_PRESENT.test(plain) && !plausibleAsk('gift', plain)) {
    return { intent: 'recommend', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'recommend') };
  }
  // "最低多少", "最少多少钱能卖": haggling (intents.md), not a price question.
  if (LOWEST_ASK.test(plain) && routeFor(intent) !== 'bargaining') {
    return { intent: 'bargain_generic', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => routeFor(i) !== 'bargaining') };
  }
  if (PRICE_ONLY.test(plain) && !ASKS_FOR_LESS.test(plain.replace(/最便宜/gu, '')) && (routeFor(intent) === 'bargaining' || confidence < UNSURE_CONFIDENCE)) {
    return { intent: 'product_info', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'product_info') };
  }

  const sameTopic = (candidate: IntentId): boolean => lastRoute !== undefined && lastRoute !== 'social' && routeFor(candidate) === lastRoute;
  const short = [...plain.trim()].length <= SHORT_CHARS;
  // Continuing the case: by its words ("真的不能再少了吗" while haggling), or by form ("那裤子呢").
  const byWords = lastIntent !== undefined && routeFor(lastIntent) !== 'social' && saysSomethingOf(lastIntent, plain);
  const byForm = lastIntent !== undefined && routeFor(lastIntent) !== 'social' && short && CONTINUES.test(plain.trim());
  const continues = byWords || byForm;
  // The classifier can be sure and wrong ("发苏州的" as a wrong item at 0.95): for readings that
  // start an irreversible or intrusive step, words decide at any confidence; for others below SURE.
  const implausible = (ACTS.has(intent) || confidence < SURE_CONFIDENCE) && !plausibleAsk(intent, plain);
  const unsure = confidence < UNSURE_CONFIDENCE && !sameTopic(intent);

  // "算了不用了 我自己查到了 谢谢": nothing asked any more — a thank-you (a request for anything stands).
  if (NEVER_MIND.test(plain) && SORTED_OUT.test(plain) && (implausible || intent === 'other' || routeFor(intent) === 'social') && !secondary.some((i) => REQUESTS.includes(i) && plausibleAsk(i, plain))) {
    return { intent: 'thanks_bye', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  }
  // "围巾上面有个洞", "掉毛特别严重": a defect described, not a question about the product.
  // ("都长毛了😡 这还能吃？": the defect told as happened, the question after it is no pre-sale question.)
  // ("穿了两次就起球了 能给我换一件吗": an exchange for a defect is a quality issue — photos first, seed 003.)
  const toldDefect = DEFECT.test(plain) && (!(ASKS_BEFORE_BUYING.test(plain) || worriesAboutQuality(plain)) || defectHappened(plain));
  if ((toldDefect && !AFTER_SALE_READINGS.has(intent)) || exchangeForDefect(intent, plain)) {
    return { intent: 'quality_issue', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'quality_issue') };
  }
  // "算了发票不要了 退款到底什么时候能好": the invoice withdrawn — no invoice ask; what else is asked is the ask.
  const invoiceDropped = INVOICE_DROPPED.test(plain);
  if (invoiceDropped) {
    const rest = secondary.filter((i) => i !== 'invoice');
    if (routeFor(intent) === 'invoice') [intent, secondary] = rest.length > 0 ? [rest[0]!, rest.slice(1)] : ['thanks_bye', []];
    else secondary = rest;
  }
  // "退款到底什么时候能好", "钱多久能退回来": when a refund comes is its status, not a refund asked for.
  if ((intent === 'refund_shipped' || intent === 'cancel_order') && REFUND_WHEN.test(plain) && !REFUND_REQUEST.test(plain)) {
    [intent, secondary] = ['refund_status', secondary.filter((i) => i !== 'refund_status')];
    confidence = Math.max(confidence, UNSURE_CONFIDENCE);
  }
  // "钱呢", "那刚才那个人呢 钱多久到" in a refund case: where the refund's money is — no haggling, no person asked for.
  if (asksForRefundMoney(plain, lastIntent) && !REQUESTS.includes(intent) && !ASKS_FOR_PERSON.test(plain)) {
    return { intent: 'refund_status', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'refund_status' && routeFor(i) !== 'bargaining' && keepsFurtherAsk('refund_status', i, plain)) };
  }
  // "要我出邮费吗", "金额能开200吗", "是纸质的还是电子的", "发哪了 我没收到" right after an invoice answer:
  // the invoice's charges, amount, kind or delivery, not the parcel's or a product's.
  // ("大概什么时候能收到" naming nothing: when the invoice comes.)
  const invoiceFollowUp =
    INVOICE_CHARGES.test(plain) || asksWhenAlone(plain) || (invoiceQuestion(plain) !== null && !(routeFor(intent) === 'social' && SOCIAL_WORDS.test(plain))) || invoiceDetails(plain);
  if (lastRoute === 'invoice' && invoiceFollowUp && !invoiceDropped && !names.region(plain)) {
    return { intent: 'invoice', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'invoice' && keepsFurtherAsk('invoice', i, plain)) };
  }
  // "那单收件电话是多少 我确认下": the own order's receiver data, not the shop's contact nor a receipt.
  if (asksReceiverData(plain) && RECEIVER_MISREADINGS.has(intent)) {
    return { intent: 'address_change', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => !RECEIVER_MISREADINGS.has(i) && i !== 'address_change') };
  }
  // "能换成公司抬头吗": the invoice's title changed, not the goods exchanged.
  if (changesInvoiceTitle(plain) && routeFor(intent) !== 'invoice') {
    return { intent: 'invoice', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'invoice' && i !== 'exchange') };
  }
  // "尺码还是32不变", "码数不用改" after an order change: a confirmation that it stays, not a size question.
  if (lastIntent === 'order_change' && keepsVariant(plain) && !REQUESTS.includes(intent)) return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "等等 还是29吧" while a size is being changed: the change goes on with that size.
  if ((lastIntent === 'order_change' || lastIntent === 'exchange') && SIZE_INSTEAD.test(plain) && !REQUESTS.includes(intent)) return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "哦不对 我自己那单退货的寄到了没" even right after tracking: the return parcel's arrival is its refund's progress.
  if (RETURN_ARRIVED.test(plain) && intent !== 'refund_status' && !REQUESTS.includes(intent)) return { intent: 'refund_status', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  // "我去前台拿到了哈": found — no case to open (a thanks, not "signed but not received").
  if ((intent === 'signed_not_received' || intent === 'logistics_track') && foundIt(plain)) return { intent: 'thanks_bye', confidence: UNSURE_CONFIDENCE, secondary: secondary.filter((i) => routeFor(i) !== 'logistics') };
  // "要是寄丢了呢" about a parcel on its way: the delay case (what if it is lost), not a refund again.
  // ("取件码短信找不到了": the code is lost, not the parcel.)
  // "我不要换 给我补寄一颗扣子就行": an exchange refused and a part asked for is the quality case it came from.
  if (intent === 'exchange' && REFUSES_EXCHANGE.test(plain) && ASKS_PART.test(plain)) return { intent: 'quality_issue', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  // "放柜子里了 我不会弄那个码": the locker's code is the signed-for case (where the code is, resent); asked for again, still.
  if (!REQUESTS.includes(intent) && (LOCKER_CODE.test(plain) || (lastIntent === 'signed_not_received' && CODE_ASKED.test(plain)))) return { intent: 'signed_not_received', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  // (A parcel signed for and not found stays that case: what if it is never found.)
  if (lastIntent !== undefined && POST_SALE.has(routeFor(lastIntent)) && LOST.test(plain) && !PICKUP_CODE.test(plain) && !REQUESTS.includes(intent)) return { intent: lastIntent === 'signed_not_received' ? lastIntent : 'delivery_delay', confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "上次的围巾超暖和❤️": praise of what was bought, not a product question.
  if ((intent === 'product_info' || intent === 'recommend' || intent === 'other' || intent === 'praise') && PRAISES_PURCHASE.test(plain) && !ASKS_SOMETHING.test(plain)) return { intent: 'praise', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  // "椒盐的还要寄回去啊 好麻烦" in an after-sale case: the case goes on (no thanks, no goodbye).
  if (lastIntent !== undefined && routeFor(lastIntent) === 'aftersale' && RETURN_HASSLE.test(plain) && !AFTER_SALE_READINGS.has(intent)) return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "不是质量问题 就是不想要了": a return without a fault, whatever the word 质量 made of it.
  if (NOT_A_FAULT.test(plain) && (intent === 'quality_issue' || intent === 'wrong_item')) return { intent: 'return_dislike', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  // "我没穿几次 吊牌都还在" after a return or exchange question: the same case, its condition told.
  if ((lastIntent === 'exchange' || lastIntent === 'return_dislike') && UNWORN.test(plain) && !REQUESTS.includes(intent)) return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "都一个星期了 能快点吗" right after a refund's status: that refund hurried, not the original parcel's delivery.
  if (lastIntent === 'refund_status' && HURRIES.test(plain) && !PARCEL_WORDS.test(plain) && !REQUESTS.includes(intent)) return { intent: 'refund_status', confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "不是裤子 我是说吃的那个" right after an order's answer: the same question, about the order meant.
  if (lastIntent !== undefined && ORDER_ROUTES.has(routeFor(lastIntent)) && OTHER_ORDER_MEANT.test(plain) && confidence < SURE_CONFIDENCE) return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "退货的单号是多少", "钱退到哪里": the return's own facts — its refund record answers them.
  if ((asksReturnNumber(plain) || asksRefundDestination(plain)) && intent !== 'refund_status' && !REQUESTS.includes(intent)) return { intent: 'refund_status', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  // "你们收到没有啊 中通78460023915527" while a return is under way: the return's tracking number, its refund.
  // (The classifier's refund_status without 退款 words stays the refund's, not the outbound parcel's tracking.)
  if (lastIntent !== undefined && routeFor(lastIntent) === 'aftersale' && RETURN_PARCEL.test(plain) && (!AFTER_SALE_READINGS.has(intent) || intent === 'refund_status')) return { intent: 'refund_status', confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "退款原因选啥" after a cancellation: still the cancellation (its reason), not a refund's status.
  if (lastIntent === 'cancel_order' && ASKS_REFUND_REASON.test(plain)) return { intent: 'cancel_order', confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "裤子还要的哈 只退羽绒服": only one thing cancelled — the cancellation, narrowed.
  if (ONLY_THIS.test(plain) && (lastIntent === 'cancel_order' || lastIntent === 'refund_shipped') && !AFTER_SALE_READINGS.has(intent)) {
    return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  }
  // "拒签有什么用", "为啥要拒收" after a refund or return was answered: the same case (why refuse), not a product question.
  if (lastIntent !== undefined && routeFor(lastIntent) === 'aftersale' && asksWhyRefuse(plain) && !AFTER_SALE_READINGS.has(intent)) return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  // "快递员说已经在送了 来不及拒了": cannot refuse the parcel — a return after receipt.
  // ("来不及了 快递员已经在楼下了" right after refusing the parcel was advised: the same.)
  if (lastIntent !== undefined && POST_SALE.has(routeFor(lastIntent)) && tooLateToRefuse(plain, lastIntent === 'refund_shipped' || lastIntent === 'return_dislike')) {
    return { intent: 'return_dislike', confidence: UNSURE_CONFIDENCE, secondary: [] };
  }
  // "那算了 查我自己的大衣", "帮我查下我的订单": a look-up of the buyer's own order is its status.
  if (intent === 'other' && LOOK_UP_OWN.test(plain)) return { intent: 'logistics_track', confidence: UNSURE_CONFIDENCE, secondary };
  // "大衣那单也改一下吧": the same request for another thing — the last request goes on.
  if (lastIntent !== undefined && REQUESTS.includes(lastIntent) && ALSO_THE_SAME.test(plain) && (intent === 'other' || confidence < UNSURE_CONFIDENCE || routeFor(intent) === 'social' || !plausibleAsk(intent, plain))) {
    return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  }
  // "那你帮我问问快递" while a parcel is being discussed: the case asked of the courier, not which courier the shop uses.
  // ("你们能打电话给快递员吗" after a hurry: the shop asked to call the courier — no off-platform contact asked for.)
  if (lastIntent !== undefined && (lastIntent === 'signed_not_received' || lastIntent === 'delivery_delay' || lastIntent === 'logistics_track' || lastIntent === 'urgent_delivery') && ASK_THE_COURIER.test(plain)) {
    return { intent: lastIntent === 'logistics_track' ? 'delivery_delay' : lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  }
  // "锦绣路那个柜子吗" after a parcel signed for or tracked: where it was left, that parcel's case.
  if ((lastIntent === 'signed_not_received' || lastIntent === 'logistics_track') && ASKS_WHERE_LEFT.test(plain) && !REQUESTS.includes(intent)) {
    return { intent: 'signed_not_received', confidence: UNSURE_CONFIDENCE, secondary: [] };
  }
  // "今天能到不" after the parcel's tracking: that parcel, not a delivery estimate before buying.
  if ((lastIntent === 'logistics_track' || lastIntent === 'delivery_delay') && ARRIVAL_FOLLOW_UP.test(plain) && short && !names.region(plain) && !REQUESTS.includes(intent) && intent !== 'urgent_delivery') {
    return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  }
  // "那明天能到不 急着穿" after a pre-sale delivery or stock answer: the thing about to be bought, not a parcel of hers.
  if (lastIntent !== undefined && routeFor(lastIntent) === 'presale' && intent === 'urgent_delivery' && ARRIVAL_FOLLOW_UP.test(plain) && !OWN_PARCEL.test(plain)) {
    return { intent: 'shipping_time', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'shipping_time' && routeFor(i) !== 'logistics') };
  }
  // "大概还要几天啊" after an after-sale or logistics answer: how long *that* takes, not a delivery estimate.
  if (lastIntent !== undefined && POST_SALE.has(routeFor(lastIntent)) && TIME_FOLLOW_UP.test(plain) && short && !names.region(plain) && !STATUS.includes(intent) && !REQUESTS.includes(intent)) {
    return { intent: lastIntent, confidence: UNSURE_CONFIDENCE, secondary: [] };
  }
  // "那啥时候有", "啥时候能补上": a restock question, whatever the last topic.
  if (RESTOCK(plain) && intent !== 'stock' && !STATUS.includes(intent) && routeFor(intent) !== 'aftersale') {
    return { intent: 'stock', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'stock') };
  }
  // "到时候通知我一下行不" right after a stock answer: to hear when it is back — the stock case goes on.
  if (lastIntent === 'stock' && asksRestockNotice(plain) && !REQUESTS.includes(intent) && !STATUS.includes(intent)) {
    return { intent: 'stock', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'stock') };
  }
  // "北京的" right after a courier answer: where it goes — what the postage and the days are there.
  if (lastIntent === 'shipping_courier' && names.region(plain) && short && (intent === 'other' || confidence < UNSURE_CONFIDENCE) && !DAYS_ASKED.test(plain)) {
    return { intent: 'shipping_fee', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  }
  // "凑满299就包邮是吧": whether it ships free is the postage's terms, not haggling.
  if (FREE_SHIPPING_CHECK.test(plain) && !ASKS_POSTAGE_OFF.test(plain) && (routeFor(intent) === 'bargaining' || intent === 'other' || intent === 'shipping_fee' || confidence < UNSURE_CONFIDENCE)) {
    return { intent: 'shipping_fee', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'shipping_fee' && routeFor(i) !== 'bargaining') };
  }
  // "两袋是139.8 满99了吧": whether an order reaches a promotion's threshold.
  // ("我有一单还没付 满99是不是送试吃装": an unpaid order pointed at is no money excuse — the gift's threshold is asked.)
  if ((PROMOTION_THRESHOLD_TERMS.test(plain) || REACHES_GIFT.test(plain)) && !HAGGLES_BEYOND_PROMOTION.test(plain) && (routeFor(intent) === 'bargaining' || intent === 'gift' || intent === 'other' || confidence < UNSURE_CONFIDENCE || (ACTS.has(intent) && !plausibleAsk(intent, plain)))) {
    return { intent: 'promotion', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary };
  }
  // "男士牛仔裤深蓝33有吗", "那烟灰色33呢": a colour or size asked about is a stock question when nothing else fits.
  const namesVariant = namesVariantAsked(classification, plain);
  // ("请问羊毛呢大衣有XL吗" read as a product question: whether a size is there is stock.)
  const unsureProductQuestion = intent === 'product_info' && confidence < SURE_CONFIDENCE && HAS_VARIANT.test(withoutTrailingEmoji(plain));
  if (namesVariant && (intent === 'other' || unsureProductQuestion || (implausible && !saysSomethingOf(intent, plain)) || (byForm && routeFor(intent) === 'social'))) {
    return { intent: 'stock', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary };
  }
  // "那XL呢" after a stock answer is no thanks: a social reading of a continuing message gives way.
  if (byForm && lastIntent !== undefined && routeFor(intent) === 'social' && !SOCIAL_WORDS.test(plain) && !closesChat(plain)) ({ intent, confidence } = { intent: lastIntent, confidence: UNSURE_CONFIDENCE });
  // "牛仔裤发了没": whether it has shipped is the parcel's status; a complaint about the wait stays not_shipped.
  if (intent === 'not_shipped' && SHIPPED_YET.test(plain) && !complainsOfWait(plain)) ({ intent, confidence } = { intent: 'logistics_track', confidence: Math.max(confidence, UNSURE_CONFIDENCE) });
  if (UNAFFECTED.test(plain) && POINTS_AT_ORDER.test(plain)) return { intent: 'logistics_track', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: [] };
  // "那围巾我怎么寄回去": the return's procedure (the after-sale flow says how, for the case's product).
  if (RETURN_HOW.test(plain) && !AFTER_SALE_READINGS.has(intent) || (RETURN_HOW.test(plain) && (intent === 'return_fee' || intent === 'refund_status'))) {
    return { intent: 'return_dislike', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'return_dislike' && i !== 'address_change') };
  }
  if (intent === 'refund_status' && RETURN_POSSIBLE.test(plain) && !REFUND_REQUEST.test(plain) && !REFUND_WHEN.test(plain)) ({ intent, confidence } = { intent: 'return_dislike', confidence: Math.max(confidence, UNSURE_CONFIDENCE) });
  // "帮我退个款": a refund asked for, not its status — read by the order's state downstream (cancel, 拒收, return).
  if (intent === 'refund_status' && REFUND_REQUEST.test(plain)) ({ intent, confidence } = { intent: 'cancel_order', confidence: Math.max(confidence, UNSURE_CONFIDENCE) });
  // "你们客服怎么回事 半天不回": nothing the classifier knows, but the words of a complaint.
  if (intent === 'other' && saysSomethingOf('complaint', plain)) ({ intent, confidence } = { intent: 'complaint', confidence: UNSURE_CONFIDENCE });
  // "那我的钱现在到底到哪一步了": where the money is — the refund's status, not a parcel's tracking.
  if (intent === 'logistics_track' && MONEY_WHERE.test(plain) && !/(?:快递|快遞|包裹|物流|货|貨)/u.test(plain)) ({ intent, confidence } = { intent: 'refund_status', confidence: Math.max(confidence, UNSURE_CONFIDENCE) });
  // "那裤子呢 发了没", "你们帮我催催": the case just discussed, continued.
  // Implausible, but another reading the classifier ranked is what the words say ("运费呢" → shipping fee, not return postage).
  const worded = implausible ? classification.ranking.find((r) => r.intent !== intent && saysSomethingOf(r.intent, plain)) : undefined;
  // (A continuation of the same flow keeps the case: "那裤子呢 发了没" after tracking is tracking.)
  const sameFlowGoesOn = byForm && lastIntent !== undefined && worded !== undefined && routeFor(lastIntent) === routeFor(worded.intent);
  if (worded !== undefined && !byWords && !sameFlowGoesOn) {
    ({ intent, confidence } = { intent: worded.intent, confidence: Math.max(worded.confidence, UNSURE_CONFIDENCE) });
  } else if (continues && lastIntent !== undefined && (intent === 'other' || implausible || (unsure && (byWords || !saysSomethingOf(intent, plain))))) {
    ({ intent, confidence } = { intent: lastIntent, confidence: UNSURE_CONFIDENCE });
  } else if (unsure && saysSomethingOf(intent, plain)) {
    // Unsure, but the message says what it is about ("那围巾我怎么寄回去"): the reading stands.
    confidence = UNSURE_CONFIDENCE;
  } else if (implausible || unsure) {
    const ranked = classification.ranking.filter((r) => r.intent !== intent && plausibleAsk(r.intent, plain));
    const onTopic = ranked.find((r) => sameTopic(r.intent));
    // A reading of the flow just discussed, else the next reading the words support (then it is no guess).
    if (onTopic !== undefined) ({ intent, confidence } = onTopic);
    else if (implausible) {
      const next = ranked.find((r) => saysSomethingOf(r.intent, plain));
      // Nothing ranked fits the words: a question the words alone say ("…发到哪里了"), else a further ask, else nothing.
      const byWordsAlone = WORDS_ALONE.find((i) => saysSomethingOf(i, plain));
      ({ intent, confidence } =
        next !== undefined ? { intent: next.intent, confidence: Math.max(next.confidence, UNSURE_CONFIDENCE) }
        : byWordsAlone !== undefined ? { intent: byWordsAlone, confidence: UNSURE_CONFIDENCE }
        : secondary[0] !== undefined ? { intent: secondary[0], confidence: UNSURE_CONFIDENCE }
        : { intent: 'other', confidence });
    }
  }

  // "还不发货 叫你们老板来跟我说": a person asked for is the hand-off; the rest is answered beside it.
  if (secondary.includes('human') && intent !== 'human' && routeFor(intent) !== 'handoff' && ASKS_FOR_PERSON.test(plain)) {
    [intent, secondary] = ['human', [...secondary.filter((i) => i !== 'human'), ...(routeFor(intent) === 'social' ? [] : [intent])]];
  }
  // "物流一直不动 我都不要了 退款吧": the request is what to act on.
  if (STATUS.includes(intent)) {
    const request = secondary.find((i) => REQUESTS.includes(i));
    if (request !== undefined) [intent, secondary] = [request, [...secondary.filter((i) => i !== request), intent]];
  }
  // "我在成都 怎么跑西安去了": after the parcel's tracking, the route it takes is that parcel's case.
  if (lastIntent !== undefined && PARCEL_CASE.includes(lastIntent) && ASKS_ROUTE.test(plain)) [intent, confidence, secondary] = ['delivery_delay', Math.max(confidence, UNSURE_CONFIDENCE), []];
  // "到哪了 好几天没动了": the stall beside the where-question is the case (apology, where it stopped, a chase).
  if (intent === 'logistics_track' && secondary.includes('delivery_delay') && STALLED.test(plain)) [intent, secondary] = ['delivery_delay', [...secondary.filter((i) => i !== 'delivery_delay'), intent]];
  // "围巾想退 退货运费谁出": the return asked for is the case, its postage a detail (the return answer says it).
  if (intent === 'return_fee' && secondary.includes('return_dislike') && RETURN_REQUEST.test(plain)) [intent, secondary] = ['return_dislike', [...secondary.filter((i) => i !== 'return_dislike'), 'return_fee']];
  // "我昨晚就付款了 怎么还不发货": confirming the order adds nothing to the question about it.
  // …and nobody haggles in the same breath as a cancellation or a return ("就没付钱那个" points at an order).
  return { intent, confidence, secondary: secondary.filter((i) => i !== intent && keepsFurtherAsk(intent, i, plain)) };
}

/**
 * Whether a further ask (the classifier's or a clause's) belongs beside the primary reading: an
 * order confirmation or haggling adds nothing to a post-sale question; "付好款了 牛仔裤 27码深蓝"
 * says back what was ordered (no size or stock question unless one is asked); "地址对的" confirms.
 */
export function keepsFurtherAsk(primary: IntentId, ask: IntentId, text: string): boolean {
  const plain = normalizeSameLength(text);
  if (POST_SALE.has(routeFor(primary)) && (ask === 'order_placed' || ask === 'hesitation' || routeFor(ask) === 'bargaining')) return false;
  // Beside an after-sale or order question, the product's looks ("颜色跟图片差好多") or a courier's name
  // ("中通78460023915527") describe the case; a pre-sale answer only when one is asked for.
  if (POST_SALE.has(routeFor(primary)) && (ask === 'product_info' || ask === 'recommend')) return false;
  if (POST_SALE.has(routeFor(primary)) && ask.startsWith('shipping_') && !ASKS_ABOUT_SHIPPING.test(plain)) return false;
  // "钱多久到": how long the refund's money takes, not a delivery.
  if (primary === 'refund_status' && ask.startsWith('shipping_') && REFUND_WHEN.test(plain)) return false;
  // "加个微信聊 旺旺太慢了": the chat is slow, not the parcel — nothing to chase.
  if ((STATUS.includes(ask) || ask === 'urgent_delivery') && CHAT_SLOW.test(plain) && !PARCEL_WORDS.test(plain)) return false;
  // "还有那个没付款的零食 地址也改一下": 还有 introduces another order, not a stock question — unless one is asked.
  if (POST_SALE.has(routeFor(primary)) && ask === 'stock' && !ASKS_SOMETHING.test(plain)) return false;
  // "核桃还没收到 到了不合适的话能退吗": not received yet is the case's background, asked about ahead — no parcel question.
  if (AFTER_SALE_READINGS.has(primary) && STATUS.includes(ask) && ASKS_AHEAD.test(plain) && /(?:还|還)?(?:没|沒|未)(?:收到|到)/u.test(plain)) return false;
  // "M码穿着有点小 能换L吗": the size worn told for an exchange or return, no size advice — unless the body is measured.
  // ("急用 牛仔裤32码深蓝 拍了最快哪天发": the size of the order chased, no size advice either.)
  if ((routeFor(primary) === 'aftersale' || routeFor(primary) === 'logistics') && ask === 'size_advice' && !BODY_DATA.test(plain)) return false;
  if (primary === 'order_placed' && routeFor(ask) === 'presale' && !ASKS_SOMETHING.test(plain)) return false;
  if (ask === 'address_change' && ADDRESS_CONFIRMED.test(plain) && !names.address(plain)) return false;
  // "邮箱wbw@qq.com" for the invoice: where it is sent, no contact request.
  if (routeFor(primary) === 'invoice' && ask === 'contact_request' && emailFrom(plain) !== null) return false;
  // "收件电话是多少": the order's receiver phone, no contact request nor a receipt beside it.
  if (RECEIVER_MISREADINGS.has(ask) && asksReceiverData(plain)) return false;
  if ((ask === 'signed_not_received' || ask === 'logistics_track') && foundIt(plain)) return false;
  // "大衣有XL吗" read with a product question beside it: the detail-page answer only when an attribute is asked.
  if (ask === 'product_info' && primary !== 'product_info' && !SMALL_TALK_READINGS.has(primary) && !ATTRIBUTE_WORDS.test(plain)) return false;
  // "发哪了 我没收到" about the invoice, "能换成公司抬头吗": the invoice's delivery or title, not the parcel's or the goods'.
  if (routeFor(primary) === 'invoice' && (routeFor(ask) === 'logistics' || ask === 'product_info') && invoiceQuestion(plain) !== null) return false;
  if (ask === 'exchange' && changesInvoiceTitle(plain)) return false;
  // "算了发票不要了 …": the invoice withdrawn is no further ask.
  if (ask === 'invoice' && INVOICE_DROPPED.test(plain)) return false;
  // "明天能到不 急着穿" asked about buying: the delivery estimate answers the hurry; no parcel of the buyer's is chased.
  if (primary === 'shipping_time' && ask === 'urgent_delivery' && !OWN_PARCEL.test(plain)) return false;
  // "发票抬头我在留言里写了 还要干啥吗": what is left to do in the case asked about, not a product question.
  if (ask === 'product_info' && routeFor(primary) !== 'presale' && NEXT_STEP.test(plain)) return false;
  // "质量怎么样啊 会不会缩水": the fear asked about before buying opens no defect case.
  if (ask === 'quality_issue' && worriesAboutQuality(plain)) return false;
  // "没质量问题 就是大": a defect ruled out opens no defect case.
  if (ask === 'quality_issue' && deniesDefect(plain)) return false;
  // "这件多少钱 卡其色L的": the variant to buy, beside another question — no order changed without a word of changing.
  if (ask === 'order_change' && !CHANGES_SOMETHING.test(plain)) return false;
  return true;
}
