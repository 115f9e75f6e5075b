import { coloursNamed } from '../../flows/recommend-helpers.ts';
import type { Product } from '../shop/schema.ts';
import { boundedMemo } from '../text/bounded-memo.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * How a message names products. Listing titles are long ("暖阳 女士双面羊毛呢大衣 中长款翻领") and
 * buyers say "羊毛大衣" or "女生那条裤子": each two-character word the message shares with a title
 * scores 1 / (how many of the products share it), so 大衣 counts fully and the brand for little.
 * Used over the whole shop (which product is talked about) and over the products of the buyer's
 * orders (which order is meant). Pure.
 */

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[\s\p{P}\d]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

import { buyerWordsToListing } from '../shop/buyer-words.ts';

export { buyerWordsToListing };

/** The title words of some products and how many of them share each word. */
export interface ProductWords {
  words: Set<string>[];
  spread: Map<string, number>;
}

/** Indexes by product list: the same few lists (a shop's products, a buyer's ordered products) come back every turn. */
const rememberIndex = boundedMemo<ProductWords>(2_000);

export function productWordsOf(products: readonly Pick<Product, 'name' | 'shortName'>[]): ProductWords {
  return rememberIndex(products.map((p) => `${p.name}\u0001${p.shortName ?? ''}`).join('\u0002'), () => indexOf(products));
}


function indexOf(products: readonly Pick<Product, 'name' | 'shortName'>[]): ProductWords {
  const words = products.map((p) => bigrams(normalizeSameLength(`${p.name}${p.shortName ?? ''}`)));
  const spread = new Map<string, number>();
  for (const set of words) for (const w of set) spread.set(w, (spread.get(w) ?? 0) + 1);
  return { words, spread };
}

/** Each product's score for a message, in the order the products were given. */
export function scoresOf(index: ProductWords, text: string): number[] {
  const said = bigrams(buyerWordsToListing(text));
  return index.words.map((set) => [...set].reduce((sum, w) => (said.has(w) ? sum + 1 / index.spread.get(w)! : sum), 0));
}

/** Words for a kind of product the shop has several of: "那件外套" may be the coat or the down jacket, "零食那个" the snacks. */
const KINDS: readonly [RegExp, RegExp][] = [
  [/外套|外衣/u, /大衣|羽绒服/u],
  [/零食|吃的|小吃/u, /山核桃|鲜花饼/u],
];

/** The products of the kind a message names ("外套", "零食"), none when it names no kind. */
export function ofKind<P extends Pick<Product, 'name'>>(products: readonly P[], text: string): P[] {
  const plain = normalizeSameLength(text);
  const kind = KINDS.find(([word]) => word.test(plain));
  return kind === undefined ? [] : products.filter((p) => kind[1].test(p.name));
}

/**
 * "酒红色和格纹灰哪个好看", "藏青色有吗" with no product talked about: the one product that has every
 * colour named (or flavour: "奶油味的"), none when several have them or nothing of the shop's is named.
 */
export function onlyProductWithColours<P extends Pick<Product, 'skus'>>(products: readonly P[], text: string): P | undefined {
  const plain = normalizeSameLength(text);
  const named = new Set(products.flatMap((p) => coloursNamed(p, plain)));
  if (named.size === 0) return undefined;
  const having = products.filter((p) => {
    const own = new Set(p.skus.map((s) => s.color));
    return [...named].every((c) => own.has(c));
  });
  return having.length === 1 ? having[0] : undefined;
}
