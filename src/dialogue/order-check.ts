import { sizeLabel } from '../../flows/aftersale-helpers.ts';
import { askedAttributes, maskPhone } from '../../flows/presale-helpers.ts';
import type { ReplyPlan } from '../../flows/protocol.ts';
import type { Order } from '../orders/schema.ts';
import type { Product, Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * "裤子我拍的是32码对吧", "我买的大衣是什么颜色来着": the buyer checks what they ordered. A good agent
 * reads it off the order — the real colour and size, even when the buyer remembers them wrong —
 * instead of giving size advice or asking which product. Pure.
 */
const CHECKS_ORDER =
  /我(?:拍|买|買|下单|下單|订|訂|选|選)的(?:是)?[^，,。？?]{0,12}(?:对吧|對吧|对吗|對嗎|是吧|没错吧|沒錯吧|没错吗|沒錯嗎|吗|嗎|[0-9一二三四五六七八九十]+(?:码|碼|号|號)的吧|(?:色|味)的吧)[？?]*$|我(?:拍|买|買|下单|下單|订|訂|选|選)(?:了)?的(?:是)?(?:什么|什麼|哪个|哪個|啥|多大)(?:码|碼|颜色|顏色|尺码|尺碼|规格|規格|口味)?|(?:拍|买|買|选|選|下单|下單)的(?:是)?(?:什么|什麼|哪个|哪個|啥|多大)(?:码|碼|颜色|顏色|尺码|尺碼|号|號)?(?:来着|來著)/u;

export function orderCheckReply(text: string, orders: readonly Order[], product: Product | undefined, shop: Pick<Shop, 'products'>): ReplyPlan | null {
  const plain = normalizeSameLength(text).trim();
  // "大衣我买的M 想换L 能换吗": a request about the order, not a check of it.
  if (!CHECKS_ORDER.test(plain) || /换|換|改|退|取消|不要|想要/u.test(plain)) return null;
  // "我买的那条酒红围巾是纯羊毛吗": a quality of the product asked (its material), not what the order holds.
  // (Its size or colour is what the order holds: "我选的多大码来着" is still a check.)
  if (product !== undefined && askedAttributes(product, plain).found.some((f) => !/尺|码|碼|色|规格|規格/u.test(f.attribute)) && !/码|碼|颜色|顏色/u.test(plain)) return null;
  const holding = orders.filter((o) => product === undefined || o.items.some((i) => i.productId === product.id));
  const order = holding[0];
  if (order === undefined) return null;
  const items = order.items.filter((i) => product === undefined || i.productId === product.id);
  const described = items
    .map((i) => {
      const p = shop.products.find((x) => x.id === i.productId);
      const name = p === undefined ? '' : (p.shortName ?? p.name);
      return `${name} ${i.color} ${p === undefined ? i.size : sizeLabel(p, i.size)}×${i.quantity}`;
    })
    .join('、');
  return { scriptId: 'logistics.order.items', params: { orderId: order.id, variant: described } };
}

/**
 * "订单上收件手机是哪个号", "我留的电话是多少来着": the receiver phone on the buyer's own order, to check it —
 * shown masked (seed 004: a phone number posted in chat is fined).
 */
const RECEIVER_PHONE_ASKED =
  /(?:收件|收货|收貨|订单上|訂單上|留的|填的|预留的|預留的)(?:人)?(?:的)?(?:手机|手機|电话|電話)(?:号码|號碼|号|號)?(?:写的|寫的|填的|留的)?(?:是)?(?:哪个|哪個|多少|啥|什么|什麼)|(?:我|订单|訂單)(?:上)?(?:留|填|写|寫)的(?:是)?(?:哪个|哪個|什么|什麼)(?:手机|手機|电话|電話)/u;

export function receiverPhoneReply(text: string, orders: readonly Order[], focusId: string | undefined): ReplyPlan | null {
  const plain = normalizeSameLength(text);
  if (!RECEIVER_PHONE_ASKED.test(plain)) return null;
  // The order talked about, else the newest (the orders are the buyer's own, newest first).
  const order = orders.find((o) => o.id === focusId) ?? orders[0];
  if (order === undefined) return null;
  return { scriptId: 'logistics.order.receiver_phone', params: { orderId: order.id, receiver: order.receiver.name, phone: maskPhone(order.receiver.phone) } };
}
