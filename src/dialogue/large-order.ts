import { normalizeSameLength } from '../text/normalize.ts';

/**
 * A price asked off the buyer's own placed order ("我拍了三件还没付 能不能便宜点"), whatever else the
 * message asks (an invoice, a title): with a large order that is the senior agents' case (seed 003:
 * 大额订单转资深客服), even when the classifier reads the message as its other ask.
 */
const ASKS_FOR_LESS = /便宜|优惠|優惠|打(?:个|個|[一二三四五六七八九几幾0-9.]{1,3})?折|折扣|抹(?:个|個)?零|砍(?:个|個)?价|砍價|少(?:点|點|一点|一點|些)|让(?:点|點)利|讓(?:點|点)利|团购价|團購價|批发价|批發價/u;
/**
 * The order placed ("拍了三件", "还没付", "订单里", "那三件大衣" — a count already known): the price of
 * that order, not of a product browsed.
 */
const OWN_PLACED_ORDER = /拍了|拍下|拍好|下单了|下單了|下了单|下了單|还没付|還沒付|没付款|沒付款|没付钱|沒付錢|未付|订单|訂單|那单|那單|这单|這單|(?:那|这|這)(?:[两兩三四五六七八九十几幾]|\d+)(?:件|条|條|盒|袋|双|雙|套)/u;

export function asksLessOnPlacedOrder(text: string): boolean {
  const plain = normalizeSameLength(text);
  return ASKS_FOR_LESS.test(plain) && OWN_PLACED_ORDER.test(plain);
}
