import { readFileSync } from 'node:fs';
import { createLinter } from '../../src/compliance/linter.ts';
import { replyLintContext } from '../../src/dialogue/lint-context.ts';
import { parseScriptsFile, renderVariant } from '../../src/dialogue/scripts.ts';
import type { LlmConfig } from '../../src/llm/config.ts';
import type { LintGate } from '../../src/llm/rephraser.ts';
import { loadDemoOrderProvider } from '../../src/orders/demo-provider.ts';
import { loadDemoShop } from '../../src/shop/load.ts';

/**
 * Real replies for the rephraser's tests: scripts of scripts-library rendered with the demo
 * shop's values, the demo buyer's receiver data, and the strict gate the engine uses for her.
 */

export const shop = loadDemoShop();
export const BUYER_ID = 'tb_buyer_anna';
export const ownOrders = await loadDemoOrderProvider(shop).ordersOf(BUYER_ID);
const newest = ownOrders[0]!;
export const receiver = newest.receiver;
export const ORDER_ID = newest.id;

const linter = createLinter({ profile: 'tmall', context: replyLintContext({ shop, buyerId: BUYER_ID, ownOrders }) });
export const strictLint: LintGate = (text) => linter.lint(text);

export const known = {
  names: [receiver.name],
  addresses: [receiver.address],
  productNames: shop.products.flatMap((p) => (p.shortName ? [p.name, p.shortName] : [p.name])),
};

function variant(file: string, id: string, index: number, params: Record<string, string | number>): string {
  const path = new URL(`../../scripts-library/${file}`, import.meta.url);
  const script = parseScriptsFile(readFileSync(path, 'utf8'), path.pathname).find((s) => s.id === id);
  const text = script?.variants[index];
  if (text === undefined) throw new Error(`no variant ${index} of ${id} in ${file}`);
  return renderVariant(text, params, id);
}

/** Real script texts with their facts (amounts, order ids, couriers, dates, the receiver's address). */
export const SCRIPTS = {
  decline: variant('bargaining.yaml', 'bargaining.excuse_decline', 0, {}),
  coupon: variant('bargaining.yaml', 'bargaining.excuse_coupon', 1, { coupon: 5, product: '双面羊毛呢大衣', finalPrice: 694 }),
  tracking: variant('logistics.yaml', 'logistics.track.shipped', 0, {
    orderId: ORDER_ID,
    courier: '中通快递',
    trackingNumber: '78531246903215',
    trackingEvent: '快件已到达杭州转运中心',
  }),
  address: variant('logistics.yaml', 'logistics.address_change.remarked', 0, { orderId: ORDER_ID, address: receiver.address }),
  restock: variant('presale.yaml', 'presale.stock.out_with_date', 0, { product: '双面羊毛呢大衣', color: '燕麦色', size: 'M码', restockDate: '11月28日' }),
  courierFee: variant('presale.yaml', 'presale.shipping_courier.other', 0, { courier: '顺丰速运', fee: 12 }),
} as const;

export function llmConfig(baseURL: string, overrides: Partial<LlmConfig> = {}): LlmConfig {
  return { baseURL, apiKey: 'test-key', model: 'fake-model', timeoutMs: 2000, stream: false, ...overrides };
}
