import { createLinter, type Linter } from '../compliance/linter.ts';
import type { ProfileId } from '../compliance/schema.ts';
import type { EngineDeps } from '../dialogue/engine.ts';
import type { ScriptsLibrary } from '../dialogue/scripts.ts';
import type { Classifier } from '../nlu/classifier.ts';
import type { OrderProvider } from '../orders/schema.ts';
import type { Shop } from '../shop/schema.ts';

/** Everything the engine needs for one shop, minus the clock (the app owns it). */
export interface ShopRuntime {
  shop: Shop;
  scripts: ScriptsLibrary;
  orders: OrderProvider;
  classifier: Classifier;
}

export function engineDeps(runtime: ShopRuntime, clock: () => Date): EngineDeps {
  return { shop: runtime.shop, scripts: runtime.scripts, orders: runtime.orders, classifier: runtime.classifier, clock };
}

export function shopsById(runtimes: readonly ShopRuntime[]): ReadonlyMap<string, ShopRuntime> {
  return new Map(runtimes.map((r) => [r.shop.id, r]));
}

const contextFreeLinters = new WeakMap<Shop, Map<ProfileId, Linter>>();

/** The shop's linter for a profile without conversation context (built once: rule sets are costly). */
export function shopLinter(shop: Shop, profile: ProfileId = shop.profile): Linter {
  let byProfile = contextFreeLinters.get(shop);
  if (!byProfile) contextFreeLinters.set(shop, (byProfile = new Map()));
  let linter = byProfile.get(profile);
  if (!linter) byProfile.set(profile, (linter = createLinter({ profile, severities: shop.lintSeverities })));
  return linter;
}

/** A shop configured without an order source: nobody's orders are visible (never someone else's). */
export const noOrders: OrderProvider = {
  ordersOf: async () => [],
  orderOf: async () => undefined,
};
