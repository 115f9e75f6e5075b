import type { Order } from '../src/orders/schema.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';
import { mentionedOrder, ordersHolding } from './logistics-helpers.ts';
import { maskPhone } from './presale-helpers.ts';
import { replyIn, type ReplyPlan, type TurnEvent } from './protocol.ts';

/**
 * "那羽绒服那单收件电话是多少 我确认下", "收货地址帮我核对一下": the buyer asks what their own order's
 * receiver data is — read back from the order (phone masked, as every read-back), never a change
 * and never a contact request. Someone else's data never gets here (the engine answers privacy first).
 */
// (A data word or 收件人 is needed: "怎么确认收货" is about confirming receipt.)
const DATA = '(?:电话|電話|手机|手機|号码|號碼|地址|信息|資訊|资料|資料|名字|姓名)';
const RECEIVER = new RegExp(`(?:收件|收货|收貨)(?:人(?:的)?${DATA}?|(?:的)?${DATA})`, 'u');
const ASKS = /是多少|多少|是什么|是什麼|是啥|是哪|写的啥|寫的啥|写的什么|寫的什麼|对不对|對不對|对吗|對嗎|是不是|没错吧|沒錯吧|确认|確認|核对|核對|看下|看一下|查下|查一下|发我|發我|告诉我|告訴我/u;
/** "改成…", "写错了": a change, for the address-change answer. */
const CHANGES = /改|换成|換成|错了|錯了|写错|寫錯|更新|变更|變更/u;

export function asksReceiverData(text: string): boolean {
  const plain = normalizeSameLength(text);
  return RECEIVER.test(plain) && ASKS.test(plain) && !CHANGES.test(plain);
}

const reply = replyIn('logistics');

/** The order meant: the one named, else the newest holding the product talked about, else the newest. */
function orderMeant(event: TurnEvent): Order | undefined {
  const mention = mentionedOrder(event.text, event.entities, event.facts.orders);
  if (mention.kind === 'own') return mention.order;
  if (mention.kind === 'foreign') return undefined;
  return ordersHolding(event.facts.orders, event.facts.product)[0] ?? event.facts.orders[0];
}

/** The receiver data of the buyer's own order, or null when the message names no order of theirs. */
export function receiverReadBack(event: TurnEvent): ReplyPlan | null {
  const order = orderMeant(event);
  if (order === undefined) return null;
  return reply('receiver.read_back', { orderId: order.id, receiver: order.receiver.name, phone: maskPhone(order.receiver.phone), address: order.receiver.address });
}
