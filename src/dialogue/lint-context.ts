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
