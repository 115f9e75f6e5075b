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
