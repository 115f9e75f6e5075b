import { z } from 'zod';
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
 * What may stand between two products named side by side: a space or comma, and the next one's
 * count ("一袋核桃一盒鲜花饼", "两件毛衣 一条围巾").
 */
const SIDE_BY_SIDE_GAP = /^[\s,，]*(?:[0-9]{1,3}|[一二两兩三四五六七八九十])?\s*(?:件|条|條|袋|盒|双|雙|个|個|包|箱|罐|瓶)?[\s,，]*$/u;

/**
 * "大衣围巾多少钱", "毛衣 围巾", "一袋核桃一盒鲜花饼": products named side by side without a connector —
 * every product the text names stands right after the one before (nothing but a space, a comma or its count between).
 */
function namedSideBySide(shop: Pick<Shop, 'products'>, plain: string): Product[] {
  const runs = shop.products
    .map((product) => ({ product, run: runOf(ownPiecesIn(shop.products, product), plain) }))
    .filter((r): r is { product: Product; run: { start: number; end: number } } => r.run !== null)
    .sort((a, b) => a.run.start - b.run.start);
  if (runs.length < 2) return [];
  for (let i = 1; i < runs.length; i++) {
    const gap = plain.slice(runs[i - 1]!.run.end, runs[i]!.run.start);
    if (runs[i]!.run.start < runs[i - 1]!.run.end || !SIDE_BY_SIDE_GAP.test(gap)) return [];
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

/** A count and its unit ("两袋", "3盒", "一件"). */
const COUNT = '([0-9]{1,3}|[一二两兩三四五六七八九十])\\s*(件|条|條|袋|盒|双|雙|个|個|包|箱|罐|瓶|套)';
const COUNT_BEFORE = new RegExp(`${COUNT}$`, 'u');
const COUNT_AFTER = new RegExp(`^(?:各)?${COUNT}`, 'u');
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const countOf = (word: string): number => (/^\d+$/u.test(word) ? Number(word) : (CN_DIGITS[word] ?? 0));

/** How many of a product the text says, by the count standing right before its name ("两袋核桃") or after it ("核桃两袋"). */
export interface NamedCount {
  count: number;
  unit: string;
}

/**
 * "一袋核桃一盒鲜花饼", "围巾两条": the count said next to each product's own name (up to a few
 * characters of the name's own words: "两袋山核桃"). Products named without a count are absent.
 */
export function countsNamed(shop: Pick<Shop, 'products'>, text: string): Map<string, NamedCount> {
  const plain = normalizeSameLength(text.normalize('NFKC'));
  const runs = shop.products.flatMap((product) => {
    const run = runOf(ownPiecesIn(shop.products, product), plain);
    return run === null ? [] : [{ product, run }];
  });
  const out = new Map<string, NamedCount>();
  for (const { product, run } of runs) {
    const before = COUNT_BEFORE.exec(plain.slice(Math.max(0, run.start - 4), run.start));
    const after = COUNT_AFTER.exec(plain.slice(run.end, run.end + 4));
    // "核桃两袋鲜花饼": a count right before another product's name is that product's.
    const afterIsNext = after !== null && runs.some((r) => r.run.start === run.end + after[0].length);
    const m = before ?? (afterIsNext ? null : after);
    const count = m === null ? 0 : countOf(m[1]!);
    if (m !== null && count > 0) out.set(product.id, { count, unit: m[2]! });
  }
  return out;
}

/** One product of a purchase the buyer describes, with the count and the unit said ("两袋": 2, 袋). */
export const PurchaseLineSchema = z.object({ productId: z.string().min(1), quantity: z.number().int().positive(), unit: z.string().optional() });
export type PurchaseLine = z.infer<typeof PurchaseLineSchema>;

const yuan = (n: number): number => Math.round(n * 100) / 100;

/** The purchase at list prices (only the lines `counts` keeps, e.g. a promotion's products). */
export function purchaseTotal(shop: Pick<Shop, 'products'>, lines: readonly PurchaseLine[], counts: (product: Product) => boolean = () => true): number {
  return yuan(
    lines.reduce((sum, line) => {
      const product = shop.products.find((p) => p.id === line.productId);
      return product !== undefined && counts(product) ? sum + product.price * line.quantity : sum;
    }, 0),
  );
}

/** "2袋手剥山核桃和云南玫瑰鲜花饼": the purchase as said to the buyer (a count only where more than one). */
export function purchaseLabel(shop: Pick<Shop, 'products'>, lines: readonly PurchaseLine[]): string {
  return lines
    .flatMap((line) => {
      const product = shop.products.find((p) => p.id === line.productId);
      if (product === undefined) return [];
      const name = product.shortName ?? product.name;
      return [line.quantity > 1 ? `${line.quantity}${line.unit ?? '件'}${name}` : name];
    })
    .join('和');
}

/** More than one item in all: a purchase whose total differs from one product's price. */
export const severalItems = (lines: readonly PurchaseLine[] | undefined): boolean => lines !== undefined && lines.reduce((n, l) => n + l.quantity, 0) > 1;

/** Where the text names a product by its own words ("围巾" in "配什么围巾好看"), in the normalised text; null when it does not. */
export function nameSpanOf(shop: Pick<Shop, 'products'>, text: string, product: Product): { start: number; end: number; plain: string } | null {
  const plain = normalizeSameLength(text.normalize('NFKC'));
  const run = runOf(ownPiecesIn(shop.products, product), plain);
  return run === null ? null : { ...run, plain };
}
