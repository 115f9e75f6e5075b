import { normalizeSameLength } from '../text/normalize.ts';
import type { Product, Shop } from './schema.ts';

/**
 * "毛衣和围巾一起买多少钱", "大衣加围巾": several products named together, each by words of its own
 * (not "裤子", which fits two jeans equally). Pure: the shop's products and the text only.
 */
const CONNECTOR = /和|跟|加上?|与|與|及|还有|還有|再加|[、+＋&]/u;

/** Two-character pieces of a product's names that no other product's names share. */
function ownPieces(product: Product, others: readonly Product[]): string[] {
  const pieces = (p: Product): Set<string> => {
    const out = new Set<string>();
    for (const name of [p.name, p.shortName ?? '']) {
      const chars = [...normalizeSameLength(name).replace(/\s+/gu, '')];
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    }
    return out;
  };
  const shared = new Set(others.flatMap((o) => [...pieces(o)]));
  return [...pieces(product)].filter((p) => !shared.has(p));
}

/** The products a message names together, in the order named; empty unless at least two. */
export function productsNamedTogether(shop: Pick<Shop, 'products'>, text: string): Product[] {
  const plain = normalizeSameLength(text.normalize('NFKC'));
  if (!CONNECTOR.test(plain)) return [];
  const segments = plain.split(CONNECTOR);
  const found: { product: Product; at: number }[] = [];
  for (const product of shop.products) {
    const own = ownPieces(product, shop.products.filter((p) => p.id !== product.id));
    const at = segments.findIndex((s) => own.some((piece) => s.includes(piece)));
    if (at >= 0) found.push({ product, at });
  }
  // Each product in a segment of its own ("毛衣" | "围巾一起买多少钱").
  const bySegment = new Map<number, Product[]>();
  for (const f of found) bySegment.set(f.at, [...(bySegment.get(f.at) ?? []), f.product]);
  if (bySegment.size < 2 || [...bySegment.values()].some((ps) => ps.length > 1)) return [];
  return found.sort((a, b) => a.at - b.at).map((f) => f.product);
}
