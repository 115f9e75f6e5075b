import type { Product, Promotion, Shop } from './schema.ts';

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
