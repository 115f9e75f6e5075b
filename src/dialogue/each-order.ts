import type { Order } from '../orders/schema.ts';
import type { Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';
import { KEEPS_IT } from '../../flows/aftersale-helpers.ts';
import { byProduct } from './order-reference.ts';

/**
 * "大衣那单和裤子那单都不要了", "裤子我不要了 零食也不要了", "两个单子都开发票": one request for several
 * orders at once. Each order is then handled by its own state (unpaid: cancel it; paid: remark and
 * refund; shipped: refuse the parcel), instead of answering one and dropping the others. Pure.
 */

/** Words that say the request holds for more than one order. */
const EACH = /都|也|两(?:个|個)?(?:单|單|订单|訂單|笔|筆)|俩|倆|一起|分别|分別/u;
/** "两个单子都", "两笔订单都", "所有订单": every order the buyer has, when the count fits. */
const ALL_ORDERS = /(?:两|兩|俩|倆)(?:个|個|笔|筆)?(?:单子|單子|订单|訂單|单|單)(?:都|全)|(?:所有|全部|每个|每個)(?:的)?(?:单子|單子|订单|訂單)/u;
const TWO = /两|兩|俩|倆/u;
/** Where one order's words end and the next one's begin. */
const PARTS = /[，,。；;！!？?\s]+|和|跟|还有|還有|以及|另外/u;

export function ordersEach(text: string, orders: readonly Order[], shop: Shop): Order[] | undefined {
  const plain = normalizeSameLength(text);
  if (!EACH.test(plain) || orders.length < 2) return undefined;
  const named: Order[] = [];
  for (const part of plain.split(PARTS)) {
    // A part naming several orders ("裤子" of two) says no one order: only parts naming one count.
    const fits = part.length === 0 || KEEPS_IT.test(part) ? [] : byProduct(part, orders, shop, true);
    if (fits.length === 1 && !named.includes(fits[0]!)) named.push(fits[0]!);
  }
  if (named.length > 1) return named;
  if (ALL_ORDERS.test(plain)) return !TWO.test(plain) || orders.length === 2 ? [...orders] : undefined;
  return undefined;
}
