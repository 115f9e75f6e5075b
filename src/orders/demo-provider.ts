import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { formatPath, loadDemoShop, parseYamlWith, sortProblems, YamlFileError, type DataPath, type FileProblem } from '../shop/load.ts';
import type { Shop } from '../shop/schema.ts';
import { DateSpecSchema, resolveDateSpec, UtcOffsetSchema } from './relative-time.ts';
import { OrderSchema, type Order, type OrderProvider } from './schema.ts';

/** An orders file that cannot be used; the message lists every problem as `file:line: message`. */
export class OrdersError extends YamlFileError {
  constructor(file: string, problems: readonly FileProblem[]) {
    super(file, problems);
    this.name = 'OrdersError';
  }
}

/** An order as written in the file: its times may be relative to the load-time clock (see relative-time.ts). */
export const OrderEntrySchema = OrderSchema.extend({
  createdAt: DateSpecSchema,
  paidAt: DateSpecSchema.optional(),
  shippedAt: DateSpecSchema.optional(),
  tracking: z.array(z.object({ at: DateSpecSchema, text: z.string() })).default([]),
});
type OrderEntry = z.infer<typeof OrderEntrySchema>;

/**
 * The file: the UTC offset of its wall-clock times (`-3d 09:15`; default +08:00, the shops'
 * time zone) and the orders. There is no fixed "now": the loader resolves every relative time
 * against the clock it is given, so the demo lives in the present and tests pin DEMO_NOW.
 */
export const OrdersFileSchema = z.object({
  utcOffset: UtcOffsetSchema.default(480),
  orders: z.array(OrderEntrySchema).min(1),
});

export interface OrdersFile {
  /** The clock the relative times were resolved against. */
  now: Date;
  orders: Order[];
}

/** The order with every relative time resolved against `now`. */
function resolveOrder(entry: OrderEntry, now: Date, offsetMinutes: number): Order {
  const at = (spec: string) => resolveDateSpec(spec, now, offsetMinutes);
  const { paidAt, shippedAt, ...rest } = entry;
  return {
    ...rest,
    createdAt: at(entry.createdAt),
    ...(paidAt === undefined ? {} : { paidAt: at(paidAt) }),
    ...(shippedAt === undefined ? {} : { shippedAt: at(shippedAt) }),
    tracking: entry.tracking.map((t) => ({ at: at(t.at), text: t.text })),
  };
}

const SHIPPED_STATES: ReadonlySet<Order['state']> = new Set(['shipped', 'delivered', 'completed']);

/**
 * What zod cannot see: unique ids, states that agree with the times, no time after the clock
 * the file was loaded at, items that exist in the shop.
 */
function crossCheck(orders: readonly Order[], shop: Shop | undefined, now: Date): { path: DataPath; message: string }[] {
  const problems: { path: DataPath; message: string }[] = [];
  const add = (path: DataPath, message: string) => problems.push({ path, message: `${formatPath(path)}: ${message}` });
  const products = new Map(shop?.products.map((p) => [p.id, p]));
  const seen = new Map<string, number>();

  orders.forEach((order, i) => {
    const at = (key: string): DataPath => ['orders', i, key];
    const first = seen.get(order.id);
    if (first !== undefined) add(at('id'), `订单号 ${order.id} 重复（orders[${first}] 也是它）`);
    else seen.set(order.id, i);

    if (order.state === 'unpaid') {
      if (order.paidAt !== undefined) add(at('paidAt'), '未付款的订单不应有 paidAt');
    } else if (order.paidAt === undefined) {
      add(['orders', i], `${order.state} 状态的订单需要 paidAt`);
    }
    if (SHIPPED_STATES.has(order.state)) {
      for (const key of ['shippedAt', 'courier', 'trackingNumber'] as const) {
        if (order[key] === undefined) add(['orders', i], `${order.state} 状态的订单需要 ${key}`);
      }
    }
    if (order.state === 'refunding' && order.refund === undefined) add(['orders', i], 'refunding 状态的订单需要 refund');
    const future = (path: DataPath, iso: string) => {
      if (Date.parse(iso) > now.getTime()) add(path, `${iso} 晚于加载时刻 ${now.toISOString()}`);
    };
    future(at('createdAt'), order.createdAt);
    if (order.paidAt !== undefined) future(at('paidAt'), order.paidAt);
    if (order.shippedAt !== undefined) future(at('shippedAt'), order.shippedAt);
    order.tracking.forEach((t, j) => {
      future(['orders', i, 'tracking', j, 'at'], t.at);
      const previous = order.tracking[j - 1];
      if (previous !== undefined && Date.parse(t.at) < Date.parse(previous.at)) add(['orders', i, 'tracking', j, 'at'], '物流记录的时间顺序颠倒');
    });
    const created = Date.parse(order.createdAt);
    if (order.paidAt !== undefined && Date.parse(order.paidAt) < created) add(at('paidAt'), '付款时间早于下单时间');
    if (order.shippedAt !== undefined && order.paidAt !== undefined && Date.parse(order.shippedAt) < Date.parse(order.paidAt)) {
      add(at('shippedAt'), '发货时间早于付款时间');
    }

    if (shop === undefined) return;
    order.items.forEach((item, j) => {
      const product = products.get(item.productId);
      if (product === undefined) {
        add(['orders', i, 'items', j, 'productId'], `没有商品 "${item.productId}"（${shop.name} 中没有）`);
        return;
      }
      if (!product.skus.some((s) => s.color === item.color && s.size === item.size)) {
        add(['orders', i, 'items', j], `${product.id} 没有 SKU ${item.color}/${item.size}`);
      }
    });
  });
  return problems;
}

/**
 * Parses an orders file, with `file:line: message` errors like the shop loader, resolving its
 * relative times against `now` (the load-time clock). With a shop, every item must name one of
 * its products and one of that product's colour/size skus.
 */
export function parseOrders(source: string, file: string, shop?: Shop, now: Date = new Date()): OrdersFile {
  const fail = (f: string, problems: FileProblem[]) => new OrdersError(f, problems);
  const { value, lineOf } = parseYamlWith(OrdersFileSchema, source, file, fail);
  const orders = value.orders.map((entry) => resolveOrder(entry, now, value.utcOffset));
  const problems = crossCheck(orders, shop, now).map((p) => ({ line: lineOf(p.path), message: p.message }));
  if (problems.length > 0) throw new OrdersError(file, sortProblems(problems));
  return { now: new Date(now.getTime()), orders };
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
  /** The clock the orders' relative times were resolved against, when they came from a file. */
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

  /** The orders of a file, relative times resolved against `now` (default: the real clock). */
  static fromYaml(source: string, file: string, shop?: Shop, now: Date = new Date()): DemoOrderProvider {
    const parsed = parseOrders(source, file, shop, now);
    return new DemoOrderProvider(parsed.orders, parsed.now);
  }

  static load(path: string, shop?: Shop, now: Date = new Date()): DemoOrderProvider {
    return DemoOrderProvider.fromYaml(readFileSync(path, 'utf8'), path, shop, now);
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

/**
 * The clock stories and tests pin: a Thursday, 14:30 in Shanghai. Loaded at it, demo/orders.yaml
 * gives the dates the demo always had (November 2025).
 */
export const DEMO_NOW = new Date('2025-11-20T14:30:00+08:00');

/**
 * The demo shop's orders, checked against the demo shop (or the shop given), dated relative to
 * `now`: DEMO_NOW by default (stories and tests); `kefu serve` and `kefu chat` pass the real
 * clock, so a newcomer finds orders paid minutes ago and delivered within the 7-day window.
 */
export function loadDemoOrderProvider(shop: Shop = loadDemoShop(), now: Date = DEMO_NOW): DemoOrderProvider {
  return DemoOrderProvider.load(DEMO_ORDERS_PATH, shop, now);
}
