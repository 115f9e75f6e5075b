import { sizeLabel } from '../../flows/aftersale-helpers.ts';
import { askedAttributes } from '../../flows/presale-helpers.ts';
import type { ReplyPlan } from '../../flows/protocol.ts';
import type { Order } from '../orders/schema.ts';
import type { Product, Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * "裤子我拍的是32码对吧", "我买的大衣是什么颜色来着", "我拍的毛衣是啥颜色 好像拍成米白了": the buyer checks what they ordered. A good agent
 * reads it off the order — the real colour and size, even when the buyer remembers them wrong —
 * instead of giving size advice or asking which product. Pure.
 */
const CHECKS_ORDER =
  /我(?:拍|买|買|下单|下單|订|訂|选|選)的(?:是)?[^，,。？?]{0,12}(?:对吧|對吧|对吗|對嗎|是吧|没错吧|沒錯吧|没错吗|沒錯嗎|吗|嗎|[0-9一二三四五六七八九十]+(?:码|碼|号|號)的吧|(?:色|味)的吧)[？?]*$|我(?:拍|买|買|下单|下單|订|訂|选|選)(?:了)?的(?:是)?(?:什么|什麼|哪个|哪個|啥|多大)(?:码|碼|颜色|顏色|尺码|尺碼|规格|規格|口味)?|(?:拍|买|買|选|選|下单|下單)的(?:是)?(?:什么|什麼|哪个|哪個|啥|多大)(?:码|碼|颜色|顏色|尺码|尺碼|号|號)?(?:来着|來著)|(?:拍|买|買|选|選|下单|下單)的[^，,。？?\s]{1,6}?(?:是)?(?:什么|什麼|哪个|哪個|啥|多大)(?:码|碼|颜色|顏色|尺码|尺碼|号|號|规格|規格|口味)/u;
/**
 * More ways to ask what an order holds: "大衣是什么码的来着", "订单里那条裤子是什么颜色", "帮我看看拍的是多大的",
 * "我记得我拍的是燕麦色". (A bare "围巾是什么颜色的" may ask the product's colours before buying: not here.)
 */
const CHECKS_ORDER_MORE = [
  /是(?:什么|什麼|啥|哪个|哪個|多大)(?:的)?(?:颜色|顏色|色|码|碼|尺码|尺碼|号|號)?(?:的)?(?:来着|來著)/u,
  /(?:订单|訂單)(?:里|裡)[^，,。？?]{0,8}(?:什么|什麼|啥|哪个|哪個|多大)(?:的)?(?:颜色|顏色|色|码|碼|尺码|尺碼|号|號)/u,
  /(?:拍|买|買|选|選|下单|下單|订|訂)的是(?:什么|什麼|啥|哪个|哪個|多大)/u,
  /(?:记得|記得)(?:我)?(?:拍|买|買|选|選|下单|下單|订|訂)的/u,
];
const checksOrder = (plain: string): boolean => CHECKS_ORDER.test(plain) || CHECKS_ORDER_MORE.some((re) => re.test(plain));

export function orderCheckReply(text: string, orders: readonly Order[], product: Product | undefined, shop: Pick<Shop, 'products'>): ReplyPlan | null {
  const plain = normalizeSameLength(text).trim();
  // "大衣我买的M 想换L 能换吗": a request about the order, not a check of it.
  if (!checksOrder(plain) || /换|換|改|退|取消|不要|想要/u.test(plain)) return null;
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
  // "我记得我拍的是燕麦色" when the order holds 酒红色: say which is right, not only what the order holds.
  const remembered = rememberedOtherwise(plain, items, shop);
  if (remembered !== undefined) return { scriptId: 'logistics.order.items_differ', params: { orderId: order.id, variant: described, value: remembered } };
  return { scriptId: 'logistics.order.items', params: { orderId: order.id, variant: described } };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A colour or size the buyer names that the product has but the order's line does not: what they remember wrongly. */
function rememberedOtherwise(plain: string, items: Order['items'], shop: Pick<Shop, 'products'>): string | undefined {
  for (const item of items) {
    const product = shop.products.find((p) => p.id === item.productId);
    if (product === undefined) continue;
    const colors = [...new Set(product.skus.map((k) => k.color))].filter((c) => c !== item.color);
    // "燕麦" for 燕麦色; a one-character base ("黑") is too common a word to count.
    const color = colors.find((c) => plain.includes(c) || (c.length > 2 && plain.includes(c.replace(/色$/u, ''))));
    if (color !== undefined && !plain.includes(item.color)) return color;
    const sizes = [...new Set(product.skus.map((k) => k.size))].filter((z) => z !== item.size && z.length <= 4);
    const size = sizes.find((z) => new RegExp(`(?<![0-9a-z])${escape(z.toLowerCase())}(?![0-9a-z])`, 'u').test(plain.toLowerCase()));
    if (size !== undefined && !new RegExp(`(?<![0-9a-z])${escape(item.size.toLowerCase())}(?![0-9a-z])`, 'u').test(plain.toLowerCase())) return sizeLabel(product, size);
  }
  return undefined;
}
