import { z } from 'zod';

/**
 * The intent contract (../shared/intents.md): every classifier output is one of these ids.
 * The order is the contract's order.
 */
export const INTENT_IDS = [
  'greeting', // opening, checking someone is there
  'stock', // availability, restock
  'product_info', // attributes, usage, shelf life, material, dimensions
  'size_advice', // which size fits given body data
  'recommend', // asks to be recommended something
  'shipping_courier', // which courier, can you use courier X
  'shipping_time', // when it ships / how long delivery takes (before shipping; no complaint)
  'shipping_fee', // free shipping, remote-area fee
  'invoice', // invoices
  'payment_method', // how to pay: COD, credit card, Huabei, WeChat, bank transfer
  'installment', // credit-card or Huabei installments
  'authenticity', // genuine / original / fake
  'review_cashback', // cash back for good review
  'gift', // free gift
  'promotion', // promotions, coupons, events (a question, not haggling)
  'bargain_promise', // haggling with a promise of future business
  'bargain_comparison', // haggling by comparing with other shops
  'bargain_decisive', // haggling with an ultimatum to buy now
  'bargain_excuse', // haggling with an excuse about money
  'bargain_generic', // plain haggling with none of the above framings
  'hesitation', // will think about it, not deciding now
  'order_placed', // has ordered or paid, wants it confirmed/handled
  'address_change', // change address/phone/recipient of an order
  'order_change', // change item/color/size of an order not yet received
  'cancel_order', // cancel or no longer want an order (before receipt)
  'contact_request', // asks for QQ/WeChat/phone/other channel
  'logistics_track', // where is my parcel, tracking
  'not_shipped', // complains it has not shipped yet
  'urgent_delivery', // needs it urgently, asks to expedite
  'signed_not_received', // tracking says delivered but not received
  'delivery_delay', // parcel stuck or slow in transit
  'confirm_receipt', // how to confirm receipt
  'return_dislike', // return for no quality reason (dislike, does not fit, changed mind) after receipt
  'exchange', // exchange size/color after receipt
  'quality_issue', // defect, broken, damaged, spoiled
  'wrong_item', // wrong or missing items
  'refund_shipped', // wants a refund on an order that has shipped but not arrived
  'refund_status', // refund or return processing status
  'return_fee', // who pays return shipping
  'complaint', // anger, complaint, threat of bad review or report
  'praise', // satisfied, compliments
  'human', // asks for a human agent
  'thanks_bye', // thanks, ok, goodbye
  'other', // anything else
] as const;

export const IntentIdSchema = z.enum(INTENT_IDS);
export type IntentId = z.infer<typeof IntentIdSchema>;

const INTENT_SET: ReadonlySet<string> = new Set(INTENT_IDS);

export function isIntentId(value: string): value is IntentId {
  return INTENT_SET.has(value);
}
