import { purchaseQuantity } from '../../flows/presale-helpers.ts';
import { countsNamed, type PurchaseLine } from '../shop/basket.ts';
import type { Product, Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * What the buyer says they will buy, turn after turn ("想买两袋核桃" → "包邮我就付款" → "再加一盒鲜花饼"):
 * the products and how many of each, so that a threshold (free shipping, a gift promotion) is checked
 * against the whole purchase, not one product's price. Pure: the shop, the text and the last purchase.
 */

/** "加个毛衣凑一下", "再买条围巾一起": another product added to what is being bought. */
export const ADDS_TO_BASKET = /(?:再)?加(?:[0-9]{1,2}|[一二两兩三四五六七八九十几幾])?(?:个|個|件|条|條|袋|盒|双|雙)|(?:再)?加上|再买|再買|再拍|多买|多買|一起买|一起買|一起拍|凑|湊/u;

export interface PurchaseInput {
  shop: Pick<Shop, 'products'>;
  text: string;
  /** The product this message names (not the one remembered). */
  named: Product | undefined;
  /** The products the message names together ("毛衣和围巾"), when more than one. */
  together: readonly Product[];
  /** The purchase so far, and the product talked about before. */
  previous: readonly PurchaseLine[] | undefined;
  previousProduct: Product | undefined;
  /**
   * The last turn was about buying (pre-sale, haggling, small talk): what was talked about can be added
   * to. After an order's or invoice's talk, the product of that order is no purchase ("上个月的大衣"
   * then "再买条围巾": the scarf alone).
   */
  shopping: boolean;
}

const lineOf = (product: Product, count: { count: number; unit: string } | undefined): PurchaseLine => ({
  productId: product.id,
  quantity: count?.count ?? 1,
  ...(count === undefined ? {} : { unit: count.unit }),
});

/** The earlier lines with the new ones added (the same product again adds to its count). */
function merged(earlier: readonly PurchaseLine[], added: readonly PurchaseLine[]): PurchaseLine[] {
  const out = earlier.map((l) => ({ ...l }));
  for (const line of added) {
    const same = out.find((l) => l.productId === line.productId);
    if (same === undefined) out.push(line);
    else same.quantity += line.quantity;
  }
  return out;
}

/** The purchase after this message, or undefined when nothing is being bought. */
export function purchaseAfter(input: PurchaseInput): PurchaseLine[] | undefined {
  const { shop, named, together, shopping } = input;
  const plain = normalizeSameLength(input.text);
  const mentioned = together.length > 1 ? [...together] : named === undefined ? [] : [named];
  const kept = shopping ? input.previous : undefined;
  // "包邮我就马上付款": nothing named — the purchase talked about goes on.
  if (mentioned.length === 0) return kept === undefined ? undefined : [...kept];
  const counts = countsNamed(shop, plain);
  // "想再买两盒" after naming the product: a count said apart from the one product named is its count.
  const loose = mentioned.length === 1 && counts.size === 0 ? purchaseQuantity(plain) : null;
  const countFor = (p: Product) => counts.get(p.id) ?? (loose === null ? undefined : { count: loose.count, unit: loose.unit });
  const lines = mentioned.map((p) => lineOf(p, countFor(p)));
  const adds = ADDS_TO_BASKET.test(plain);
  const earlier = kept ?? (shopping && input.previousProduct !== undefined && !mentioned.some((p) => p.id === input.previousProduct!.id) ? [lineOf(input.previousProduct, undefined)] : undefined);
  if (adds && earlier !== undefined) return merged(earlier, lines);
  if (together.length > 1 || mentioned.some((p) => countFor(p) !== undefined)) return lines;
  // A product of the purchase named again ("核桃是奶油味的吗"): the purchase stays; another product: none.
  return kept !== undefined && kept.some((l) => l.productId === named?.id) ? [...kept] : undefined;
}
