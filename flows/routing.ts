import type { IntentId } from '../src/nlu/intents.ts';

/** The scenario machine that answers an intent; `handoff` intents go to a human at once. */
export type Route = 'presale' | 'bargaining' | 'social' | 'handoff' | 'unsupported';

const PRESALE: readonly IntentId[] = [
  'greeting', 'stock', 'product_info', 'size_advice', 'recommend', 'shipping_courier', 'shipping_time', 'shipping_fee',
  'invoice', 'payment_method', 'installment', 'authenticity', 'review_cashback', 'gift', 'promotion', 'hesitation',
  'order_placed', 'contact_request',
];
const BARGAINING: readonly IntentId[] = ['bargain_promise', 'bargain_comparison', 'bargain_decisive', 'bargain_excuse', 'bargain_generic'];
const SOCIAL: readonly IntentId[] = ['thanks_bye', 'praise', 'other'];
const HANDOFF: readonly IntentId[] = ['human', 'complaint'];

/** Where a classified turn goes. Logistics and after-sale intents are not automated yet: a human takes them. */
export function routeFor(intent: IntentId): Route {
  if (PRESALE.includes(intent)) return 'presale';
  if (BARGAINING.includes(intent)) return 'bargaining';
  if (SOCIAL.includes(intent)) return 'social';
  if (HANDOFF.includes(intent)) return 'handoff';
  return 'unsupported';
}
