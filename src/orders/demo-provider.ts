import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { formatPath, loadDemoShop, parseYamlWith, sortProblems, YamlFileError, type DataPath, type FileProblem } from '../shop/load.ts';
import type { Shop } from '../shop/schema.ts';
import { OrderSchema, type Order, type OrderProvider } from './schema.ts';

/** An orders file that cannot be used; the message lists every problem as `file:line: message`. */
export class OrdersError extends YamlFileError {
  constructor(file: string, problems: readonly FileProblem[]) {
    super(file, problems);
    this.name = 'OrdersError';
  }
}

/** The file: an optional fixed "now" for the demo, and the orders. */
export const OrdersFileSchema = z.object({
  /** The demo's current time (orders paid "10 minutes ago" are relative to it). */
  now: z.iso.datetime({ offset: true }).optional(),
  orders: z.array(OrderSchema).min(1),
});

export interface OrdersFile {
  now?: Date;
  orders: Order[];
}

const SHIPPED_STATES: ReadonlySet<Order['state']> = new Set(['shipped', 'delivered', 'completed']);

/** What zod cannot see: unique ids, states that agree with the times, items that exist in the shop. */
function crossCheck(orders: readonly Order[], shop: Shop | undefined): { path: DataPath; message: string }[] {
  const problems: { path: DataPath; message: string }[] = [];
  const add = (path: DataPath, message: string) => problems.push({ path, message: `${formatPath(path)}: ${message}` });
  const products = new Map(shop?.products.map((p) => [p.id, p]));
  const seen = new Map<string, number>();

  orders.forEach((order, i) => {
    const at = (key: string): DataPath => ['orders', i, key];
    const first = seen.get(order.id);
    if (first !== undefined) add(at('id'), `duplicate order id ${order.id} (also orders[${first}])`);
    else seen.set(order.id, i);

    if (order.state === 'unpaid') {
      if (order.paidAt !== undefined) add(at('paidAt'), 'an unpaid order has no paidAt');
    } else if (order.paidAt === undefined) {
      add(['orders', i], `a ${order.state} order needs paidAt`);
    }
    if (SHIPPED_STATES.has(order.state)) {
      for (const key of ['shippedAt', 'courier', 'trackingNumber'] as const) {
        if (order[key] === undefined) add(['orders', i], `a ${order.state} order needs ${key}`);
      }
    }
    if (order.state === 'refunding' && order.refund === undefined) add(['orders', i], 'a refunding order needs refund');
    const created = Date.parse(order.createdAt);
    if (order.paidAt !== undefined && Date.parse(order.paidAt) < created) add(at('paidAt'), 'paid before it was created');
    if (order.shippedAt !== undefined && order.paidAt !== undefined && Date.parse(order.shippedAt) < Date.parse(order.paidAt)) {
      add(at('shippedAt'), 'shipped before it was paid');
    }

    if (shop === undefined) return;
    order.items.forEach((item, j) => {
      const product = products.get(item.productId);
      if (product === undefined) {
        add(['orders', i, 'items', j, 'productId'], `unknown product "${item.productId}" (not in ${shop.name})`);
        return;
      }
      if (!product.skus.some((s) => s.color === item.color && s.size === item.size)) {
        add(['orders', i, 'items', j], `${product.id} has no sku ${item.color}/${item.size}`);
      }
    });
  });
  return problems;
}

/**
 * Parses an orders file, with `file:line: message` errors like the shop loader. With a shop,
 * every item must name one of its products and one of that product's colour/size skus.
 */
export function parseOrders(source: string, file: string, shop?: Shop): OrdersFile {
  const fail = (f: string, problems: FileProblem[]) => new OrdersError(f, problems);
  const { value, lineOf } = parseYamlWith(OrdersFileSchema, source, file, fail);
  const problems = crossCheck(value.orders, shop).map((p) => ({ line: lineOf(p.path), message: p.message }));
  if (problems.length > 0) throw new OrdersError(file, sortProblems(problems));
  return value.now === undefined ? { orders: value.orders } : { now: new Date(value.now), orders: value.orders };
}

const newestFirst = (a: Order, b: Order) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Orders from a YAML file, for the demo shop and for tests. A buyer only ever sees their own
 * orders: `orderOf` with another buyer's order id answers undefined, exactly as for an id that
 * does not exist. Answers are copies; changing them changes nothing here.
 */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export class DemoOrderProvider implements OrderProvider {
  /** The demo's "now", when the file fixes one. */
  readonly now: Date | undefined;
  private readonly byBuyer = new Map<string, Order[]>();

  constructor(orders: readonly Order[], now?: Date) {
    this.now = now === undefined ? undefined : new Date(now.getTime());
    for (const order of orders) {
      const list = this.byBuyer.get(order.buyerId) ?? [];
      list.push(deepFreeze(structuredClone(order)));
      this.byBuyer.set(order.buyerId, list);
    }
    for (const list of this.byBuyer.values()) list.sort(newestFirst);
  }

  static fromYaml(source: string, file: string, shop?: Shop): DemoOrderProvider {
    const { orders, now } = parseOrders(source, file, shop);
    return new DemoOrderProvider(orders, now);
  }

  static load(path: string, shop?: Shop): DemoOrderProvider {
    return DemoOrderProvider.fromYaml(readFileSync(path, 'utf8'), path, shop);
  }

  /** Every buyer with at least one order (for the demo's buyer picker and tests). */
  buyers(): string[] {
    return [...this.byBuyer.keys()].sort();
  }

  async ordersOf(buyerId: string): Promise<Order[]> {
    // Orders are frozen once at load: callers can read them freely and cannot change them.
    return [...(this.byBuyer.get(buyerId) ?? [])];
  }

  async orderOf(buyerId: string, orderId: string): Promise<Order | undefined> {
    const order = this.byBuyer.get(buyerId)?.find((o) => o.id === orderId);
    return order;
  }
}

export const DEMO_ORDERS_PATH = fileURLToPath(new URL('./demo/orders.yaml', import.meta.url));

/** The demo's fixed "now" (the `now` of demo/orders.yaml): a Thursday, 14:30 in Shanghai. */
export const DEMO_NOW = new Date('2025-11-20T14:30:00+08:00');

/** The demo shop's orders, checked against the demo shop (or the shop given). */
export function loadDemoOrderProvider(shop: Shop = loadDemoShop()): DemoOrderProvider {
  return DemoOrderProvider.load(DEMO_ORDERS_PATH, shop);
}
