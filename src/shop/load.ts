import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { describeZodIssue, typeName } from '../text/zod-issue.ts';
import { yamlSyntaxMessage } from '../text/yaml-message.ts';
import { ShopSchema, type Shop } from './schema.ts';
import { getRule } from '../compliance/linter.ts';

/** One problem in a data file: the 1-based line it is on, and what is wrong there. */
export interface FileProblem {
  line: number;
  message: string;
}

/** A YAML data file that cannot be used; the message lists every problem as `file:line: message`. */
export class YamlFileError extends Error {
  readonly line: number;

  constructor(
    readonly file: string,
    readonly problems: readonly FileProblem[],
  ) {
    super(problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'YamlFileError';
    this.line = problems[0]?.line ?? 1;
  }
}

/** A shop file that cannot be used. */
export class ShopError extends YamlFileError {
  constructor(file: string, problems: readonly FileProblem[]) {
    super(file, problems);
    this.name = 'ShopError';
  }
}

/** A path into the parsed document, as zod reports it (keys of mappings, indices of sequences). */
export type DataPath = readonly PropertyKey[];

/** `products[0].skus[2].stock` */
export function formatPath(path: DataPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** A parsed YAML file that can tell on which line a value (or its key) stands. */
export interface LocatedYaml {
  readonly data: unknown;
  lineOf(path: DataPath): number;
}

/**
 * Parses YAML keeping positions. Syntax errors are reported at their line through `fail`.
 * `lineOf(path)` walks the document along the path (the same walk as `doc.getIn(path, true)`)
 * and returns the line of the deepest node it reaches: for a mapping entry the line of its key
 * (so `skus:` rather than the first item below it), for a sequence item the line of the item.
 * A path that goes past what exists (a missing key) stops at the nearest existing parent.
 */
export function parseLocatedYaml(source: string, file: string, fail: (file: string, problems: FileProblem[]) => Error): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw fail(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? 1,
        message: yamlSyntaxMessage(e),
      })),
    );
  }
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  return {
    data: doc.toJS({ maxAliasCount: 1000 }),
    lineOf: (path) => lineAt(offsetOf(doc, path)),
  };
}

function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

function offsetOf(doc: Document, path: DataPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair === undefined) break;
      offset = startOf(pair.key) ?? startOf(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/**
 * YAML → a zod schema's output. Schema issues become problems at the line of the value they
 * concern (`products[0].price: 应为数字`), in Chinese (src/text/zod-issue.ts).
 */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  source: string,
  file: string,
  fail: (file: string, problems: FileProblem[]) => Error,
): { value: z.output<S>; lineOf: (path: DataPath) => number } {
  const yaml = parseLocatedYaml(source, file, fail);
  const parsed = schema.safeParse(yaml.data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const missing = issue.code === 'invalid_type' && valueAt(yaml.data, issue.path) === undefined;
      return {
        line: yaml.lineOf(issue.path),
        message: `${formatPath(issue.path)}: ${missing ? `缺少此项（应为${typeName(issue.expected)}）` : describeZodIssue(issue)}`,
      };
    });
    throw fail(file, sortProblems(problems));
  }
  return { value: parsed.data, lineOf: yaml.lineOf };
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || typeof key === 'symbol') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Problems in file order (stable for the same line). */
export function sortProblems(problems: FileProblem[]): FileProblem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.i - b.i).map(({ p }) => p);
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** What zod cannot see: references between parts of the file, and facts that must agree. */
function crossCheck(shop: Shop): { path: DataPath; message: string }[] {
  const problems: { path: DataPath; message: string }[] = [];
  const add = (path: DataPath, message: string) => problems.push({ path, message: `${formatPath(path)}: ${message}` });

  if (!isTimeZone(shop.timezone)) add(['timezone'], `未知的时区 "${shop.timezone}"（例如 Asia/Shanghai）`);
  for (const ruleId of Object.keys(shop.lintSeverities)) {
    if (!getRule(ruleId)) add(['lintSeverities', ruleId], `没有规则 "${ruleId}"（规则列表见 docs/rules.md）`);
  }
  shop.workingHours.forEach((shift, i) => {
    if (shift.start === shift.end) add(['workingHours', i], `班次的开始和结束都是 ${shift.start}，请写出营业的时段`);
  });

  const productIds = new Set(shop.products.map((p) => p.id));
  const seenIds = new Map<string, number>();
  shop.products.forEach((product, i) => {
    const first = seenIds.get(product.id);
    if (first !== undefined) add(['products', i, 'id'], `商品 id "${product.id}" 重复（products[${first}] 也用了它）`);
    else seenIds.set(product.id, i);

    if (product.floorPrice > product.price) {
      add(['products', i, 'floorPrice'], `底价 ${product.floorPrice} 高于售价 ${product.price}`);
    }
    if (product.sizeChart !== undefined && !Object.hasOwn(shop.sizeCharts, product.sizeChart)) {
      const known = Object.keys(shop.sizeCharts);
      add(['products', i, 'sizeChart'], `没有尺码表 "${product.sizeChart}"（sizeCharts 中有：${known.length > 0 ? known.join('、') : '无'}）`);
    }
    product.recommend.forEach((id, j) => {
      if (!productIds.has(id)) add(['products', i, 'recommend', j], `没有商品 id "${id}"`);
    });

    const seenSkus = new Map<string, number>();
    product.skus.forEach((sku, k) => {
      const key = `${sku.color}\u0000${sku.size}`;
      const firstSku = seenSkus.get(key);
      if (firstSku !== undefined) add(['products', i, 'skus', k], `SKU ${sku.color}/${sku.size} 重复（skus[${firstSku}] 也是它）`);
      else seenSkus.set(key, k);
      if (sku.restockDate !== undefined && !DATE.test(sku.restockDate)) {
        add(['products', i, 'skus', k, 'restockDate'], `补货日期 "${sku.restockDate}" 应为 YYYY-MM-DD`);
      }
    });
  });

  for (const [name, rows] of Object.entries(shop.sizeCharts)) {
    rows.forEach((row, r) => {
      if (row.heightMin > row.heightMax) add(['sizeCharts', name, r], `heightMin ${row.heightMin} 大于 heightMax ${row.heightMax}`);
      if (row.weightMinKg > row.weightMaxKg) add(['sizeCharts', name, r], `weightMinKg ${row.weightMinKg} 大于 weightMaxKg ${row.weightMaxKg}`);
    });
  }

  const giftIds = new Set(shop.gifts.map((g) => g.id));
  shop.bargaining.giftIds.forEach((id, j) => {
    if (!giftIds.has(id)) add(['bargaining', 'giftIds', j], `没有赠品 id "${id}"（gifts 中有：${[...giftIds].join('、') || '无'}）`);
  });
  return problems;
}

/** Parses and checks a shop file; every problem is reported as `file:line: message` in a ShopError. */
export function parseShop(source: string, file: string): Shop {
  const fail = (f: string, problems: FileProblem[]) => new ShopError(f, problems);
  const { value: shop, lineOf } = parseYamlWith(ShopSchema, source, file, fail);
  const problems = crossCheck(shop).map((p) => ({ line: lineOf(p.path), message: p.message }));
  if (problems.length > 0) throw new ShopError(file, sortProblems(problems));
  return shop;
}

export function loadShop(path: string): Shop {
  return parseShop(readFileSync(path, 'utf8'), path);
}

/** The demo shop (暖阳生活旗舰店), used when no shop is configured. */
export const DEMO_SHOP_PATH = fileURLToPath(new URL('./demo/shop.yaml', import.meta.url));

export function loadDemoShop(): Shop {
  return loadShop(DEMO_SHOP_PATH);
}
