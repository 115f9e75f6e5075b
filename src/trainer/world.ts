import type { DemoOrderProvider } from '../orders/demo-provider.ts';
import type { Order } from '../orders/schema.ts';
import type { Product, Shop } from '../shop/schema.ts';
import type { Facts } from './schema.ts';

/**
 * The shop and order data a scenario plays in: the simulated buyer draws its facts from it, and
 * the scorecard checks what the other side said against it (never against wording).
 */
export interface TrainerWorld {
  shop: Shop;
  /** Every order of the demo data, by buyer (the scorecard must know other buyers' orders to spot a leak). */
  ordersByBuyer: ReadonlyMap<string, readonly Order[]>;
}

export async function worldOf(shop: Shop, orders: DemoOrderProvider): Promise<TrainerWorld> {
  const ordersByBuyer = new Map<string, Order[]>();
  for (const buyer of orders.buyers()) ordersByBuyer.set(buyer, await orders.ordersOf(buyer));
  return { shop, ordersByBuyer };
}

export interface ScenarioFacts {
  facts: Facts;
  product: Product | undefined;
  order: Order | undefined;
  ownOrders: readonly Order[];
  otherOrders: Order[];
}

export function resolveFacts(world: TrainerWorld, facts: Facts): ScenarioFacts {
  const ownOrders = world.ordersByBuyer.get(facts.buyer) ?? [];
  const otherOrders = [...world.ordersByBuyer.entries()].filter(([buyer]) => buyer !== facts.buyer).flatMap(([, list]) => list);
  const order = ownOrders.find((o) => o.id === facts.order);
  const productId = facts.product ?? order?.items[0]?.productId;
  return { facts, product: world.shop.products.find((p) => p.id === productId), order, ownOrders, otherOrders };
}

const dayFormat = new Intl.DateTimeFormat('zh-CN', { month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' });

/**
 * Values for placeholders, from the scenario's facts and the shop and order data: the buyer's
 * lines use them ({product}, {orderId} …) and so do the scripts-library lines given as advice.
 */
export function factParams(world: TrainerWorld, resolved: ScenarioFacts): Record<string, string | number> {
  const { shop } = world;
  const { facts, product, order } = resolved;
  const params: Record<string, string | number> = {
    shop: shop.name,
    agent: shop.agents[0]!,
    courier: order?.courier ?? shop.shipping.courier,
    cutoff: shop.shipping.cutoff,
    wording: shop.authenticityWording,
    activity: shop.reviewActivity,
    category: shop.invoice.category,
    delivery: shop.invoice.delivery,
    invoiceKind: shop.invoice.kind,
    threshold: shop.bargaining.freeShippingThreshold,
    fee: shop.shipping.remoteFee,
    coupon: shop.bargaining.couponAmount,
  };
  if (product) {
    params.product = product.shortName ?? product.name;
    params.price = product.price;
    params.colorWord = product.variantLabels?.color ?? '颜色';
    params.sizeWord = product.variantLabels?.size ?? '尺码';
    const sku = product.skus.find((k) => k.color === facts.color && k.size === facts.size);
    if (sku?.restockDate) params.restockDate = dayFormat.format(new Date(`${sku.restockDate}T12:00:00+08:00`));
  }
  if (order) {
    params.orderId = order.id;
    params.amount = order.total;
    params.region = order.receiver.region;
    params.receiver = order.receiver.name;
    params.address = order.receiver.address;
    if (order.trackingNumber) params.trackingNumber = order.trackingNumber;
    const last = order.tracking.at(-1);
    if (last) params.trackingEvent = last.text;
  }
  const optional: [string, string | number | undefined][] = [
    ['color', facts.color],
    ['size', facts.size],
    ['height', facts.height],
    ['weight', facts.weight],
    ['budget', facts.budget],
    ['otherPrice', facts.otherPrice],
    ['invoiceTitle', facts.invoiceTitle],
    ['newAddress', facts.newAddress],
    ['otherOrder', facts.otherOrder],
  ];
  for (const [key, value] of optional) if (value !== undefined) params[key] = value;
  if (facts.newAddress) params.address = facts.newAddress;
  return params;
}
