import type { Order } from '../orders/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * "算了 不取消了 还是发吧", "不退了 还是要吧" right after a cancel or refund of an order not yet shipped:
 * the buyer takes it back. The warehouse was told not to ship (请勿发货), so the answer is a remark to ship
 * as normal — never the cancel instructions again.
 */

/** Taking a cancel back: "不取消了", "不退了", "还是发吧", "还是要吧", "照常发". Not "还是退吧" or "还是不要了". */
const TAKES_BACK = /不(?:取消|退款?|退货|要退)了|别取消了|(?:还是|那就)(?:给我)?(?:发|寄|要)(?:吧|了|的|过来)|照常发|正常发货?吧|继续发/u;
/** A new cancel in the same breath ("不退了…算了还是退吧") wins. */
const CANCELS_AGAIN = /还是(?:退|取消|不要)|不要了/u;

export function takesBackCancel(text: string): boolean {
  const plain = normalizeSameLength(text);
  return TAKES_BACK.test(plain) && !CANCELS_AGAIN.test(plain.replace(/不(?:取消|退款?|退货|要退)了/gu, ''));
}

/** Intents a cancel or refund of an unshipped order was read as. */
const CANCEL_READINGS: ReadonlySet<string> = new Set(['cancel_order', 'return_dislike', 'refund_shipped']);

/**
 * The order whose cancel the message takes back: the order in focus, still in the warehouse, when the
 * last real ask of the conversation cancelled it.
 */
export function cancelTakenBack(text: string, lastAsk: string | undefined, focus: Order | undefined): Order | undefined {
  if (lastAsk === undefined || !CANCEL_READINGS.has(lastAsk) || focus === undefined) return undefined;
  if (focus.state !== 'paid' && focus.state !== 'printed') return undefined;
  return takesBackCancel(text) ? focus : undefined;
}

export const CANCEL_WITHDRAWN_SCRIPT = 'logistics.cancel.withdrawn';
export const CANCEL_WITHDRAWN_REMARK = '顾客不取消了，请正常发货（之前的取消备注作废）';
