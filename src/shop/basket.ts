import { normalizeSameLength } from '../text/normalize.ts';
import type { Product, Shop } from './schema.ts';

/**
 * "毛衣和围巾一起买多少钱", "大衣加围巾": several products named together, each by words of its own
 * (not "裤子", which fits two jeans equally). Pure: the shop's products and the text only.
 */
const CONNECTOR = /和|跟|加上?|与|與|及|还有|還有|再加|[、+＋&]/u;

/** Each product's own pieces, worked out once per product list (every turn asks about the same shop). */
const ownPiecesByList = new WeakMap<readonly Product[], Map<string, string[]>>();

function ownPiecesIn(products: readonly Product[], product: Product): string[] {
  let byId = ownPiecesByList.get(products);
  if (byId === undefined) {
    byId = new Map(products.map((p) => [p.id, ownPieces(p, products.filter((o) => o.id !== p.id))]));
    ownPiecesByList.set(products, byId);
  }
  return byId.get(product.id) ?? [];
}

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
  const joined = namedWithConnector(shop, plain);
  return joined.length > 1 ? joined : namedSideBySide(shop, plain);
}

/** Where a product's own pieces stand in the text: the first run of them (overlapping or touching), if any. */
function runOf(pieces: readonly string[], plain: string): { start: number; end: number } | null {
  const spans: { start: number; end: number }[] = [];
  for (const piece of pieces) {
    for (let at = plain.indexOf(piece); at >= 0; at = plain.indexOf(piece, at + 1)) spans.push({ start: at, end: at + piece.length });
  }
  spans.sort((a, b) => a.start - b.start);
  const first = spans[0];
  if (first === undefined) return null;
  let end = first.end;
  for (const s of spans.slice(1)) if (s.start <= end) end = Math.max(end, s.end);
  return { start: first.start, end };
}

/**
 * "大衣围巾多少钱", "毛衣 围巾": products named side by side without a connector — every product
 * the text names stands right after the one before (nothing but a space or comma between).
 */
function namedSideBySide(shop: Pick<Shop, 'products'>, plain: string): Product[] {
  const runs = shop.products
    .map((product) => ({ product, run: runOf(ownPiecesIn(shop.products, product), plain) }))
    .filter((r): r is { product: Product; run: { start: number; end: number } } => r.run !== null)
    .sort((a, b) => a.run.start - b.run.start);
  if (runs.length < 2) return [];
  for (let i = 1; i < runs.length; i++) {
    const gap = plain.slice(runs[i - 1]!.run.end, runs[i]!.run.start);
    if (runs[i]!.run.start < runs[i - 1]!.run.end || !/^[\s,，]*$/u.test(gap)) return [];
  }
  return runs.map((r) => r.product);
}

/** "毛衣和围巾", "大衣加围巾": each product in a segment of its own between connectors. */
function namedWithConnector(shop: Pick<Shop, 'products'>, plain: string): Product[] {
  if (!CONNECTOR.test(plain)) return [];
  const segments = plain.split(CONNECTOR);
  const found: { product: Product; at: number }[] = [];
  for (const product of shop.products) {
    const own = ownPiecesIn(shop.products, product);
    const at = segments.findIndex((s) => own.some((piece) => s.includes(piece)));
    if (at >= 0) found.push({ product, at });
  }
  // Each product in a segment of its own ("毛衣" | "围巾一起买多少钱").
  const bySegment = new Map<number, Product[]>();
  for (const f of found) bySegment.set(f.at, [...(bySegment.get(f.at) ?? []), f.product]);
  if (bySegment.size < 2 || [...bySegment.values()].some((ps) => ps.length > 1)) return [];
  return found.sort((a, b) => a.at - b.at).map((f) => f.product);
}
