import type { IntentId } from '../src/nlu/intents.ts';

/** The scenario machine that answers an intent; `handoff` intents go to a human at once. */
export type Route = 'presale' | 'bargaining' | 'logistics' | 'aftersale' | 'invoice' | 'social' | 'handoff';

/** Every intent of the contract has a route (a Record, so a new intent id fails to compile until routed). */
const ROUTES: Record<IntentId, Route> = {
  greeting: 'presale',
  stock: 'presale',
  product_info: 'presale',
  size_advice: 'presale',
  recommend: 'presale',
  shipping_courier: 'presale',
  shipping_time: 'presale',
  shipping_fee: 'presale',
  invoice: 'invoice',
  payment_method: 'presale',
  installment: 'presale',
  authenticity: 'presale',
  review_cashback: 'presale',
  gift: 'presale',
  promotion: 'presale',
  bargain_promise: 'bargaining',
  bargain_comparison: 'bargaining',
  bargain_decisive: 'bargaining',
  bargain_excuse: 'bargaining',
  bargain_generic: 'bargaining',
  hesitation: 'presale',
  order_placed: 'presale',
  address_change: 'logistics',
  order_change: 'logistics',
  cancel_order: 'logistics',
  contact_request: 'presale',
  logistics_track: 'logistics',
  not_shipped: 'logistics',
  urgent_delivery: 'logistics',
  signed_not_received: 'logistics',
  delivery_delay: 'logistics',
  confirm_receipt: 'logistics',
  return_dislike: 'aftersale',
  exchange: 'aftersale',
  quality_issue: 'aftersale',
  wrong_item: 'aftersale',
  refund_shipped: 'aftersale',
  refund_status: 'aftersale',
  return_fee: 'aftersale',
  complaint: 'handoff',
  praise: 'social',
  human: 'handoff',
  thanks_bye: 'social',
  other: 'social',
};

/** Where a classified turn goes. */
export function routeFor(intent: IntentId): Route {
  return ROUTES[intent];
}
