import { routeFor, type Route } from '../../flows/routing.ts';
import type { Classification } from '../nlu/classifier.ts';
import type { IntentId } from '../nlu/intents.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * The classifier reads one message alone; a good agent reads it against the conversation. Two
 * corrections, both pure:
 * - a further ask (secondary intent) of an after-sale or logistics kind counts only when the
 *   message says something of that kind (发错/坏/退/换/签收…): "发新疆的" is a region, not a wrong
 *   item, so no photo request is appended to a shipping answer;
 * - an unsure reading gives way to the reading that continues the topic just discussed ("真的不能
 *   再少了吗" while haggling is haggling, not a wrong item), when the classifier ranked it too.
 */

/** What a message must say for an intent to count as a further ask (intents not listed always count). */
const CUES: Partial<Record<IntentId, RegExp>> = {
  wrong_item: /发错|發錯|错发|錯發|少发|少發|漏发|漏發|少了|缺了|不是我(?:买|買|拍|要)的|不对|不對|发成|發成/u,
  quality_issue: /坏|壞|破|瑕疵|质量|質量|开线|開線|掉色|起球|漏|臭|霉|过期|過期|变质|變質|脏|髒|裂|划痕|劃痕|问题|問題/u,
  return_dislike: /退|没穿|沒穿|没用过|沒用過|没拆|沒拆|吊牌|标签|標籤|不喜欢|不喜歡|不合适|不合適/u,
  exchange: /换|換/u,
  refund_shipped: /退款|退钱|退錢|不要了|拒收/u,
  refund_status: /退款|退钱|退錢|到账|到賬/u,
  return_fee: /运费|運費|邮费|郵費/u,
  signed_not_received: /签收|簽收/u,
  delivery_delay: /慢|没动|沒動|不动|不動|延误|延誤|卡|几天了|幾天了/u,
  not_shipped: /发货|發貨|发出|發出|寄出|还没发|還沒發/u,
  urgent_delivery: /急|快点|快點|尽快|盡快|加急/u,
  address_change: /地址|电话|電話|收件人|收货人|收貨人/u,
  cancel_order: /取消|不要了|不想要/u,
  complaint: /投诉|投訴|差评|差評|举报|舉報|垃圾|骗|騙|气死|氣死|什么破|什麼破/u,
  invoice: /票/u,
};

export function plausibleAsk(intent: IntentId, text: string): boolean {
  const cue = CUES[intent];
  return cue === undefined || cue.test(normalizeSameLength(text));
}

/** Below this confidence the topic of the conversation may decide between the classifier's readings. */
export const UNSURE_CONFIDENCE = 0.5;

type Understood = Pick<Classification, 'intent' | 'confidence' | 'secondary'>;

/**
 * The classification read against the conversation: `lastRoute` is where the previous turn's
 * intent went (bargaining, presale, aftersale…), if any.
 */
/** A price question with nothing asking for less is a product question, not haggling. */
const PRICE_ONLY = /多少钱|多少錢|什么价|什麼價|啥价|啥價|价格多少|價格多少|售价|售價|全网最低|全網最低|最便宜/u;
const ASKS_FOR_LESS = /便宜|(?<!多)少|贵|貴|优惠|優惠|打折|折扣|抹|砍|包邮我就|就拍|就买|就買|就付/u;

export function understandInContext(classification: Classification, text: string, lastRoute: Route | undefined, lastIntent?: IntentId): Understood {
  const secondary = classification.secondary.filter((intent) => plausibleAsk(intent, text));
  let { intent, confidence } = classification;
  const plain = normalizeSameLength(text);
  if (PRICE_ONLY.test(plain) && !ASKS_FOR_LESS.test(plain.replace(/最便宜/gu, '')) && (routeFor(intent) === 'bargaining' || confidence < UNSURE_CONFIDENCE)) {
    return { intent: 'product_info', confidence: Math.max(confidence, UNSURE_CONFIDENCE), secondary: secondary.filter((i) => i !== 'product_info') };
  }
  const sameTopic = (candidate: IntentId): boolean => lastRoute !== undefined && lastRoute !== 'social' && routeFor(candidate) === lastRoute;
  if (confidence < UNSURE_CONFIDENCE && !sameTopic(intent)) {
    const onTopic = classification.ranking.find((r) => r.intent !== intent && sameTopic(r.intent) && plausibleAsk(r.intent, text));
    if (onTopic !== undefined) ({ intent, confidence } = onTopic);
    // "上周六到的 没穿过 标签都在" after a return question: the same case, told in more detail.
    else if (lastIntent !== undefined && CUES[lastIntent] !== undefined && plausibleAsk(lastIntent, text)) ({ intent, confidence } = { intent: lastIntent, confidence: UNSURE_CONFIDENCE });
    // An unsure after-sale reading with nothing after-sale in the words is no reading at all.
    else if (!plausibleAsk(intent, text)) ({ intent, confidence } = { intent: 'other', confidence });
  }
  return { intent, confidence, secondary: secondary.filter((i) => i !== intent) };
}
