import { createLinter, type Linter } from '../compliance/linter.ts';
import type { LintContext } from '../compliance/schema.ts';
import type { Order } from '../orders/schema.ts';
import type { Product, Shop } from '../shop/schema.ts';

/**
 * What the compliance gate knows about a reply's conversation: the buyer (their newest order's
 * receiver, which may be echoed back), every order the agent can see — the buyer's own and, in
 * tests, other buyers' whose data must never leak — the shop's wording, and the product.
 */
export function replyLintContext(input: {
  shop: Shop;
  buyerId: string;
  ownOrders: readonly Order[];
  otherOrders?: readonly Order[];
  product?: Product | undefined;
}): LintContext {
  const { shop, buyerId, ownOrders, otherOrders = [], product } = input;
  const newest = ownOrders[0];
  return {
    buyer: { id: buyerId, ...(newest ? { name: newest.receiver.name, phone: newest.receiver.phone, address: newest.receiver.address } : {}) },
    orders: [...ownOrders, ...otherOrders].map((o) => ({ id: o.id, buyerId: o.buyerId, receiverName: o.receiver.name, phone: o.receiver.phone, address: o.receiver.address })),
    shop: { name: shop.name, authenticityWording: shop.authenticityWording },
    ...(product ? { product: { name: product.name, stock: product.skus.reduce((n, s) => n + s.stock, 0), sevenDayReturn: product.sevenDayReturn } } : {}),
  };
}

/** Linters per shop, by context: the same buyer talking about the same product reuses one. */
const replyLinters = new WeakMap<Shop, Map<string, Linter>>();
const REPLY_LINTERS_PER_SHOP = 500;

/**
 * The strict (tmall) linter for a reply in this context. Building one validates its options and
 * context (zod), which cost more than linting the reply itself, so each shop keeps the linters of
 * its recent contexts (a bounded map, the least recently used dropped first).
 */
export function replyLinter(shop: Shop, context: LintContext): Linter {
  let byContext = replyLinters.get(shop);
  if (!byContext) replyLinters.set(shop, (byContext = new Map()));
  const key = JSON.stringify(context);
  let linter = byContext.get(key);
  if (linter) {
    byContext.delete(key);
  } else {
    linter = createLinter({ profile: 'tmall', severities: shop.lintSeverities, context });
    if (byContext.size >= REPLY_LINTERS_PER_SHOP) byContext.delete(byContext.keys().next().value!);
  }
  byContext.set(key, linter);
  return linter;
}
