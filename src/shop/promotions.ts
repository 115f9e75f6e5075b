import { normalizeSameLength } from '../text/normalize.ts';
import type { Gift, Product, Promotion, Shop } from './schema.ts';

/**
 * Whether a promotion applies to a product: no `appliesTo` means the whole shop; otherwise a
 * product id, the product's category ("零食/糕点") or its first part ("零食").
 */
export function promotionAppliesTo(promotion: Promotion, product: Pick<Product, 'id' | 'category'>): boolean {
  if (promotion.appliesTo === undefined) return true;
  const mainCategory = product.category.split('/')[0];
  return promotion.appliesTo.some((target) => target === product.id || target === product.category || target === mainCategory);
}

/** The shop's promotions that apply to the product; without a product, those for the whole shop. */
export function promotionsFor(shop: Pick<Shop, 'promotions'>, product: Pick<Product, 'id' | 'category'> | undefined): Promotion[] {
  if (product === undefined) return shop.promotions.filter((p) => p.appliesTo === undefined);
  return shop.promotions.filter((p) => promotionAppliesTo(p, product));
}

/**
 * The promotions whose category a message names without naming a product ("零食呢" → 零食满赠):
 * an `appliesTo` category, or its last part ("女装/大衣" → 大衣), found in the text.
 */
export function promotionsForCategoryNamed(shop: Pick<Shop, 'promotions'>, text: string): { category: string; promotion: Promotion }[] {
  const plain = plainText(text);
  return shop.promotions.flatMap((promotion) => {
    const category = (promotion.appliesTo ?? []).map((target) => target.split('/').at(-1) ?? target).find((word) => word.length > 1 && plain.includes(word));
    return category === undefined ? [] : [{ category, promotion }];
  });
}

/** A gift's name without its quantity or note ("山核桃试吃装一袋（30g）" → "山核桃试吃装"). */
const coreName = (name: string): string =>
  name
    .replace(/[（(][^）)]*[）)]/gu, '')
    .replace(/[一两1](?:双|雙|个|個|袋|盒|份|包|只|條|条)$/u, '')
    .trim();

const plainText = (text: string): string => normalizeSameLength(text.normalize('NFKC'));

/** The gift a message names ("送双袜子", "试吃装"), by its name or one of its aliases; the longest word wins. */
export function giftNamed(shop: Pick<Shop, 'gifts'>, text: string): Gift | undefined {
  const plain = plainText(text);
  let best: { gift: Gift; length: number } | undefined;
  for (const gift of shop.gifts) {
    for (const word of [coreName(gift.name), ...gift.aliases]) {
      if (word.length > 0 && plain.includes(word) && (best === undefined || word.length > best.length)) best = { gift, length: word.length };
    }
  }
  return best?.gift;
}

const amountsIn = (text: string): number[] => [...text.normalize('NFKC').matchAll(/\d+(?:\.\d+)?/gu)].map((m) => Number(m[0])).filter((n) => n >= 10);

/**
 * The promotions a message names: by name, by the gift it gives ("满99不是送试吃装吗"), or by the
 * amounts of its terms ("满299不是有减20的券吗"). Empty when it names none.
 */
export function promotionsNamed(shop: Pick<Shop, 'promotions' | 'gifts'>, text: string): Promotion[] {
  const plain = plainText(text);
  const gift = giftNamed(shop, plain);
  const amounts = amountsIn(plain);
  return shop.promotions.filter((p) => {
    if (plain.includes(p.name)) return true;
    if (gift !== undefined && p.giftId === gift.id) return true;
    const terms = new Set([...amountsIn(p.description), ...(p.minAmount === undefined ? [] : [p.minAmount])]);
    return amounts.some((a) => terms.has(a));
  });
}

/** Whether an amount (an order's total, a product's price) reaches the promotion's threshold. */
export const promotionReached = (promotion: Pick<Promotion, 'minAmount'>, amount: number): boolean => promotion.minAmount === undefined || amount >= promotion.minAmount;

/**
 * The gifts an order's items earned ("零食满99元送试吃装": the snacks' own amount counts, price × quantity):
 * what should have gone with the order. Promotions without a gift add nothing.
 */
export function giftsEarned(
  shop: Pick<Shop, 'promotions' | 'gifts' | 'products'>,
  items: readonly { productId: string; price: number; quantity: number }[],
): Gift[] {
  const earned: Gift[] = [];
  for (const promotion of shop.promotions) {
    if (promotion.giftId === undefined) continue;
    const counted = items.filter((i) => {
      const product = shop.products.find((p) => p.id === i.productId);
      return product !== undefined && promotionAppliesTo(promotion, product);
    });
    const amount = counted.reduce((sum, i) => sum + i.price * i.quantity, 0);
    const gift = shop.gifts.find((g) => g.id === promotion.giftId);
    if (counted.length > 0 && amount + 1e-9 >= (promotion.minAmount ?? 0) && gift !== undefined && !earned.includes(gift)) earned.push(gift);
  }
  return earned;
}
