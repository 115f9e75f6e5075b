import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { yamlSyntaxMessage } from '../text/yaml-message.ts';

/**
 * The scripts library (话术): YAML files in scripts-library/, each a mapping from script id to
 * `{ description, variants: [..] }`. Variants use named placeholders ({product}, {price} …)
 * from PLACEHOLDERS; an unknown placeholder, a duplicate id or broken YAML is an error that
 * names the file and line. Trainers edit these files without touching code.
 */
export const PLACEHOLDERS: Record<string, string> = {
  shop: 'shop name',
  agent: 'agent name',
  product: 'product name',
  price: 'list price (元)',
  amount: 'an amount of money (元)',
  discount: 'a discount amount (元)',
  finalPrice: 'price after a concession (元)',
  gift: 'gift name',
  coupon: 'coupon amount (元)',
  color: 'colour',
  size: 'size',
  sizes: 'list of sizes',
  colors: 'list of colours',
  colorWord: 'what a SKU colour is called for the product (颜色; 口味 for snacks)',
  sizeWord: 'what a SKU size is called for the product (尺码; 规格 for snacks)',
  height: 'height (cm)',
  weight: 'weight (kg)',
  measures: 'the height and weight a size of the chart fits (身高175-185cm、体重74-85kg)',
  courier: 'courier name',
  couriers: 'list of couriers',
  fee: 'a fee (元)',
  region: 'province / region',
  days: 'delivery days (e.g. 2-4)',
  cutoff: 'daily shipping cut-off time',
  day: 'the day something normally happens, shop-local (今天, 明天, 11月21日)',
  closure: 'why the shop is closed today (国庆节假期, 店铺休息日)',
  attribute: 'attribute name (材质, 保质期 …)',
  value: 'attribute value',
  restockDate: 'expected restock date',
  wording: 'the shop’s authenticity wording',
  activity: 'the shop’s review activity',
  promotion: 'promotion name',
  promotionDetail: 'promotion description',
  category: 'invoice category',
  categories: 'product categories of the shop (女装、男装)',
  excludedCategories: 'product categories of the shop without 7-day no-reason returns (零食)',
  delivery: 'how invoices are sent',
  invoiceKind: 'the kind of invoice the shop issues (电子普通发票)',
  orderId: 'order id',
  trackingNumber: 'tracking number of the buyer’s own shipped order',
  address: 'receiver address (the buyer’s own)',
  receiver: 'receiver name (the buyer’s own)',
  phone: 'receiver phone (the buyer’s own, masked)',
  threshold: 'an order-total threshold (元)',
  prices: 'products with their list prices (羊毛混纺毛衣259元、羊毛流苏围巾129元)',
  recommendation: 'recommended product name',
  topic: 'what the buyer may be asking about (a clarifying question)',
  candidates: 'the products a message may mean, by name',
  task: 'what the bot promised to do (an open promise of the ledger)',
  due: 'when a promise is due, shop-local (11月21日14:30)',
  otherTopic: 'the other thing the buyer may be asking about',
  trackingEvent: 'latest tracking event of the buyer’s own shipped order',
  variant: 'the colour and size wanted (黑色 L码)',
  invoiceTitle: 'the invoice title (发票抬头) the buyer gave',
  opening: 'when agents are back (e.g. 明天09:00)',
  keptProducts: 'the products of a parcel the buyer keeps while returning another (羊毛流苏围巾)',
};

export interface Script {
  id: string;
  description: string;
  variants: string[];
  file: string;
  line: number;
}

export class ScriptsError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'ScriptsError';
  }
}

function lineOf(source: string, node: Node | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : source.slice(0, offset).split('\n').length;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Parses one scripts file; throws ScriptsError with file:line for anything wrong. */
export function parseScriptsFile(source: string, file: string): Script[] {
  const doc = parseDocument(source);
  const [firstError] = doc.errors;
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? 1;
    // The usual trap: a variant that starts with a placeholder reads as a YAML mapping.
    const hint = /^\s*-\s*\{/.test(source.split('\n')[line - 1] ?? '') ? '（以 { 开头的话术要加引号）' : '';
    throw new ScriptsError(file, line, `${yamlSyntaxMessage(firstError)}${hint}`);
  }
  const root = doc.contents;
  if (root === null) return [];
  if (!isMap(root)) throw new ScriptsError(file, 1, '应为“话术 id → { description, variants }”的映射');
  const scripts: Script[] = [];
  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    const id = isScalar(keyNode) ? String(keyNode.value) : '';
    const line = lineOf(source, keyNode);
    if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(id)) throw new ScriptsError(file, line, `话术 id "${id}" 应形如 scenario.step（小写字母，用点分隔）`);
    const value = pair.value as Node | null;
    if (!isMap(value)) throw new ScriptsError(file, line, `${id}：应为 { description, variants }`);
    const description = value.get('description');
    if (typeof description !== 'string' || description.trim() === '') throw new ScriptsError(file, line, `${id}：缺少 description`);
    const variantsNode = value.get('variants', true);
    if (!isSeq(variantsNode) || variantsNode.items.length < 2) throw new ScriptsError(file, line, `${id}：至少要有 2 个 variants`);
    const variants = variantsNode.items.map((item) => {
      const itemLine = lineOf(source, item as Node);
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        throw new ScriptsError(file, itemLine, `${id}：每个 variant 都应是非空的文字`);
      }
      for (const m of item.value.matchAll(PLACEHOLDER)) {
        if (!(m[1]! in PLACEHOLDERS)) throw new ScriptsError(file, itemLine, `${id}：未知的占位符 {${m[1]}}`);
      }
      return item.value;
    });
    const unknownKeys = value.items.map((p) => String((p.key as Node & { value?: unknown }).value)).filter((k) => k !== 'description' && k !== 'variants');
    if (unknownKeys.length > 0) throw new ScriptsError(file, line, `${id}：未知的字段 ${unknownKeys.join('、')}`);
    scripts.push({ id, description, variants, file, line });
  }
  return scripts;
}

export const DEFAULT_SCRIPTS_DIR = new URL('../../scripts-library/', import.meta.url).pathname;

export interface ScriptsLibrary {
  get(id: string): Script | undefined;
  all(): Script[];
}

/** Loads every *.yaml of the scripts folder; a script id may be defined only once across files. */
export function loadScripts(dir = DEFAULT_SCRIPTS_DIR): ScriptsLibrary {
  const byId = new Map<string, Script>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const file = join(dir, name);
    for (const script of parseScriptsFile(readFileSync(file, 'utf8'), file)) {
      const earlier = byId.get(script.id);
      if (earlier) throw new ScriptsError(file, script.line, `话术 id "${script.id}" 已在 ${earlier.file}:${earlier.line} 定义过`);
      byId.set(script.id, script);
    }
  }
  return { get: (id) => byId.get(id), all: () => [...byId.values()] };
}

/** Fills a variant's placeholders; a placeholder without a value is an error (a bug in a flow). */
export function renderVariant(variant: string, params: Record<string, string | number>, scriptId: string): string {
  return variant.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`script ${scriptId}: no value for {${name}}`);
    return String(value);
  });
}
