import type { TurnEvent } from '../../flows/protocol.ts';
import type { IntentId } from '../nlu/intents.ts';
import type { Order } from '../orders/schema.ts';
import { ordersHolding } from '../../flows/logistics-helpers.ts';

/**
 * The order-state reading of an intent. Buyers say 改/不要了/退款 whatever the state of the order:
 * "大衣我不想要了，要退款" about a coat on its way is a refund of a shipped order (拒收), not a
 * cancellation of their newest paid order; "还是换成酒红色吧" about a scarf they received is an
 * exchange, not a change of another, unshipped order. When the product the conversation is about
 * is held only by orders past the state the intent assumes, the intent for that state is used.
 */
const RECEIVED: readonly Order['state'][] = ['delivered', 'completed'];
const IN_TRANSIT: readonly Order['state'][] = ['shipped'];

export function intentForOrderState(intent: IntentId, event: Pick<TurnEvent, 'facts'>): IntentId {
  if (intent !== 'order_change' && intent !== 'cancel_order') return intent;
  const holding = ordersHolding(event.facts.orders, event.facts.product);
  if (holding.length === 0) return intent;
  const all = (states: readonly Order['state'][]) => holding.every((o) => states.includes(o.state));
  if (intent === 'order_change' && all(RECEIVED)) return 'exchange';
  if (intent === 'cancel_order' && all(IN_TRANSIT)) return 'refund_shipped';
  if (intent === 'cancel_order' && all(RECEIVED)) return 'return_dislike';
  return intent;
}

/**
 * A bad review or a report held over the shop ("不退我20我就差评", "你给我返点钱我就把差评改了",
 * "不赔我300就给一星") is a complaint, whatever money it asks for: money is never given for a
 * review (seed 000), so it goes to a human with an apology, never to bargaining or a refund.
 */
const REVIEW_THREAT =
  /(?:给|打|写|寫|留|刷)(?:你|你们|你們|您)?(?:个|個|一个|一個)?(?:差评|差評|中评|中評|一星|1星|一颗星|一顆星)|(?:就|我就|那就|立马|马上)(?:给|打)?(?:差评|差評|中评|中評|一星|1星|投诉|投訴|举报|舉報)|差评(?:警告|伺候)|差評(?:警告|伺候)|(?:把|将|將)?(?:差评|差評|中评|中評)(?:改|删|刪|撤)|(?:改成?|换成|換成)好评|(?:删|刪)(?:掉|除)?(?:差评|差評)|(?:去|要|会|會)(?:投诉|投訴|举报|舉報)|12315|(?:消协|消協|工商局)/u;

export const threatensReview = (text: string): boolean => REVIEW_THREAT.test(text);

export function intentForThreat(intent: IntentId, text: string): IntentId {
  if (intent === 'human' || intent === 'complaint' || intent === 'review_cashback') return intent;
  return threatensReview(text) ? 'complaint' : intent;
}
