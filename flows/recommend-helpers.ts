import type { Product } from '../src/shop/schema.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';

/**
 * Recommending within one product: "配什么围巾好看", "围巾哪个颜色好", "推荐个围巾" ask which of the
 * product to pick (its colours), not what else to buy with it; "燕麦色的我买过了 还有呢" asks for its
 * other colours. Pure.
 */

/** A word asking which one, or for a recommendation, that the product's name may follow. */
const WHICH = /(?:什么|什麼|啥|哪个|哪個|哪种|哪種|哪款|哪条|哪條|哪件|推荐|推薦|挑)(?:个|個|条|條|件|款|一下|下|一)?(?:颜色|顏色|色)?(?:的)?/gu;
/** The product's name followed by a question of which colour ("围巾哪个颜色好看"). */
const WHICH_COLOUR_AFTER = /^(?:的)?(?:哪个|哪個|什么|什麼|啥|哪种|哪種)(?:颜色|顏色|色)/u;

/** The two-character words of the product's short name and title ("羊毛流苏围巾" → 围巾, 流苏…). */
function nameWords(product: Pick<Product, 'name' | 'shortName'>): string[] {
  const chars = [...normalizeSameLength(`${product.shortName ?? ''} ${product.name}`).replace(/[\s\p{P}\d]/gu, ' ')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== ' ' && chars[i + 1] !== ' ') out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

export function asksWhichOfProduct(product: Pick<Product, 'name' | 'shortName'>, text: string): boolean {
  const plain = normalizeSameLength(text);
  const words = nameWords(product);
  for (const m of plain.matchAll(WHICH)) {
    const after = plain.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (words.some((w) => after.includes(w))) return true;
  }
  return words.some((w) => {
    const at = plain.indexOf(w);
    return at >= 0 && WHICH_COLOUR_AFTER.test(plain.slice(at + w.length));
  });
}

/** "燕麦色的我买过了", "黑色有了", "除了红色": a colour the buyer already has or does not want. */
const HAS_OR_NOT = /买过|買過|有了|已经有|已經有|不要|不喜欢|不喜歡|除了/u;
/** "…我买过了 还有呢", "除了黑色还有吗": something set aside, and what else there is. */
export const setsAsideAndAsksMore = (plain: string): boolean => HAS_OR_NOT.test(plain) && /还有|還有|别的|別的|其他|其它/u.test(plain);

/** The product's colours (or flavours) a simplified text names, in full or without 色 ("藏青" for 藏青色). */
export function coloursNamed(product: Pick<Product, 'skus'>, plain: string): string[] {
  const colours = [...new Set(product.skus.map((s) => s.color))];
  return colours.filter((c) => plain.includes(c) || (c.endsWith('色') && c.length > 2 && plain.includes(c.slice(0, -1))));
}

/** The product's colours the text sets aside (had or not wanted); none when it says no such thing. */
export function coloursSetAside(product: Pick<Product, 'skus'>, text: string): string[] {
  const plain = normalizeSameLength(text);
  return HAS_OR_NOT.test(plain) ? coloursNamed(product, plain) : [];
}

/** "酒红色和格纹灰哪个好看", "燕麦还是酒红": two or more of the product's colours to choose between. */
const CHOOSE_BETWEEN = /哪个|哪個|哪种|哪種|选哪|選哪|还是|還是/u;
export function coloursCompared(product: Pick<Product, 'skus'>, text: string): string[] {
  const plain = normalizeSameLength(text);
  const named = coloursNamed(product, plain);
  return named.length >= 2 && CHOOSE_BETWEEN.test(plain) ? named : [];
}

/** The colours of the product with some stock, those set aside left out. */
export function coloursToRecommend(product: Pick<Product, 'skus'>, setAside: readonly string[]): string[] {
  return [...new Set(product.skus.filter((s) => s.stock > 0 && !setAside.includes(s.color)).map((s) => s.color))];
}
