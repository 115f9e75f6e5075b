import { routeFor } from '../../flows/routing.ts';
import type { ReplyPlan } from '../../flows/protocol.ts';
import type { RankedIntent } from '../nlu/classifier.ts';
import type { IntentId } from '../nlu/intents.ts';

/**
 * Abstention: when the classifier is unsure between readings that lead to different flows, a good
 * agent asks a short question ("请问您是想问发货时间，还是物流进度呢？") instead of acting on a guess —
 * above all before anything irreversible (a remark, a refund step). Pure.
 */

/** Below this confidence, with two readings for different flows, the bot asks instead of guessing. */
export const CLARIFY_CONFIDENCE = 0.4;
/** The runner-up must be at least this likely to be worth naming. */
const RUNNER_UP_MIN = 0.1;

/** How to name each topic to the buyer (Chinese, short, as an agent would ask). */
export const INTENT_TOPIC: Record<IntentId, string> = {
  greeting: '打个招呼',
  stock: '商品有没有货',
  product_info: '商品的材质或详情',
  size_advice: '选哪个尺码',
  recommend: '推荐哪一款',
  shipping_courier: '发什么快递',
  shipping_time: '发货和到货的时间',
  shipping_fee: '运费和包邮',
  invoice: '开发票',
  payment_method: '付款方式',
  installment: '分期付款',
  authenticity: '是不是正品',
  review_cashback: '评价活动',
  gift: '赠品',
  promotion: '优惠活动',
  bargain_promise: '价格优惠',
  bargain_comparison: '价格优惠',
  bargain_decisive: '价格优惠',
  bargain_excuse: '价格优惠',
  bargain_generic: '价格优惠',
  hesitation: '再考虑一下',
  order_placed: '核对已拍下的订单',
  address_change: '修改收货地址',
  order_change: '修改订单的颜色或尺码',
  cancel_order: '取消订单',
  contact_request: '联系方式',
  logistics_track: '查询物流进度',
  not_shipped: '订单还没发货',
  urgent_delivery: '加急发货',
  signed_not_received: '显示签收但没收到',
  delivery_delay: '物流太慢',
  confirm_receipt: '怎么确认收货',
  return_dislike: '退货',
  exchange: '换货',
  quality_issue: '商品质量问题',
  wrong_item: '发错货或少发',
  refund_shipped: '已发货的订单退款',
  refund_status: '退款进度',
  return_fee: '退货运费',
  complaint: '投诉',
  praise: '评价商品',
  human: '转人工客服',
  thanks_bye: '结束咨询',
  other: '其他问题',
};

const NEVER_ASKED: ReadonlySet<IntentId> = new Set(['greeting', 'thanks_bye', 'praise', 'other', 'human', 'complaint']);

/** The question to ask instead of answering, or null when the reading is sure enough or only one flow fits. */
export function clarifyingQuestion(intent: IntentId, confidence: number, ranking: readonly RankedIntent[]): ReplyPlan | null {
  if (confidence >= CLARIFY_CONFIDENCE || NEVER_ASKED.has(intent)) return null;
  const first = ranking.find((r) => r.intent === intent);
  const second = ranking.find((r) => r.intent !== intent && r.confidence >= RUNNER_UP_MIN && !NEVER_ASKED.has(r.intent) && routeFor(r.intent) !== routeFor(intent) && INTENT_TOPIC[r.intent] !== INTENT_TOPIC[intent]);
  if (first === undefined || second === undefined) return null;
  return { scriptId: 'common.clarify', params: { topic: INTENT_TOPIC[intent], otherTopic: INTENT_TOPIC[second.intent] } };
}
