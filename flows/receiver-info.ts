import type { Entity } from '../src/nlu/entities/index.ts';
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

/**
 * "订单上收件手机是哪个号", "我留的电话是多少来着": the receiver phone on the order asked for — the phone
 * alone is read back (masked: seed 004 fines a phone number posted in chat).
 */
const PHONE_ASKED =
  /(?:收件|收货|收貨|订单上|訂單上|留的|填的|预留的|預留的)(?:人)?(?:的)?(?:手机|手機|电话|電話)(?:号码|號碼|号|號)?(?:写的|寫的|填的|留的)?(?:是)?(?:哪个|哪個|多少|啥|什么|什麼)|(?:我|订单|訂單)(?:上)?(?:留|填|写|寫)的(?:是)?(?:哪个|哪個|什么|什麼)(?:手机|手機|电话|電話)/u;
/** "我那个地址写的是望京那个没错吧", "收货地址是文三路的对吧": the address on the order checked. */
const ADDRESS_CHECKED = /(?:地址|收货信息|收貨信息)(?:写|寫|填)?(?:的)?(?:是)?[^，,。？?]{0,16}?(?:没错吧|沒錯吧|对吧|對吧|是吧|对吗|對嗎|没错吗|沒錯嗎|没问题吧|沒問題吧)[？?]*$/u;
/** A change or a mistake told ("写错了 改成…", "搬家了"): the address-change case, not a check. */
const ADDRESS_WRONG = /改|换|換|错了|錯了|写错|寫錯|填错|填錯|不对|不對|搬家|新地址/u;

export function asksReceiverData(text: string): boolean {
  const plain = normalizeSameLength(text).trim();
  if (PHONE_ASKED.test(plain)) return true;
  if (ADDRESS_WRONG.test(plain) || CHANGES.test(plain)) return false;
  return (RECEIVER.test(plain) && ASKS.test(plain)) || ADDRESS_CHECKED.test(plain);
}

/** Only the phone is asked for: the phone read back, not the whole receiver data. */
const asksPhoneOnly = (plain: string): boolean => PHONE_ASKED.test(plain) && !/地址|信息|資訊/u.test(plain);

const reply = replyIn('logistics');

/** The order meant: the one named, else the newest holding the product talked about, else the newest. */
function orderMeant(event: TurnEvent): Order | undefined {
  const mention = mentionedOrder(event.text, event.entities, event.facts.orders);
  if (mention.kind === 'own') return mention.order;
  if (mention.kind === 'foreign') return undefined;
  return ordersHolding(event.facts.orders, event.facts.product)[0] ?? event.facts.orders[0];
}

/** The receiver data of an order read back (phone masked): the phone alone when only it is asked for. */
export function receiverReply(order: Order, text: string): ReplyPlan {
  const params = { orderId: order.id, receiver: order.receiver.name, phone: maskPhone(order.receiver.phone) };
  return asksPhoneOnly(normalizeSameLength(text)) ? reply('receiver.phone', params) : reply('receiver.read_back', { ...params, address: order.receiver.address });
}

/** The receiver data of the buyer's own order, or null when the message names no order of theirs. */
export function receiverReadBack(event: TurnEvent): ReplyPlan | null {
  const order = orderMeant(event);
  return order === undefined ? null : receiverReply(order, event.text);
}

const OPEN_STATES: readonly Order['state'][] = ['unpaid', 'paid', 'printed', 'shipped'];

/**
 * Before any flow runs (the engine's order check): the receiver data asked of the buyer's own orders —
 * the order named by its id, else among those the message points at the one talked about, the first
 * still open, the newest; null when none is asked or the id named is not theirs (a privacy matter).
 */
export function receiverCheckReply(input: { text: string; entities: readonly Entity[]; orders: readonly Order[]; pointed: readonly Order[]; focusId: string | undefined }): ReplyPlan | null {
  const { text, pointed, focusId } = input;
  if (!asksReceiverData(text)) return null;
  const mention = mentionedOrder(text, input.entities, input.orders);
  if (mention.kind === 'foreign') return null;
  const order = mention.kind === 'own' ? mention.order : (pointed.find((o) => o.id === focusId) ?? pointed.find((o) => OPEN_STATES.includes(o.state)) ?? pointed[0]);
  return order === undefined ? null : receiverReply(order, text);
}
