import { weightFromNumber } from '../src/nlu/entities/body.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import { parseNumeral } from '../src/nlu/numbers.ts';
import type { IntentId } from '../src/nlu/intents.ts';
import type { Order } from '../src/orders/schema.ts';
import { localDate, nextOpening, nextShippingDate } from '../src/shop/hours.ts';
import type { Gift, Product, Promotion, Shop, SizeRow, Sku } from '../src/shop/schema.ts';
import { promotionAppliesTo } from '../src/shop/promotions.ts';
import { purchaseLabel, purchaseTotal, type PurchaseLine } from '../src/shop/basket.ts';
import { normalizeSameLength } from '../src/text/normalize.ts';
import { dayWord, MOBILE, ORDER_POINTER } from './logistics-helpers.ts';
import { dayStatus } from '../src/shop/calendar.ts';

/**
 * Pure look-ups for the pre-sale flow (flows/presale.ts): stock from a product's SKUs, size
 * advice from a size chart, the attribute a buyer asks about, the province a buyer names, the
 * payment topics of a question, the order to confirm and a masked phone. No clock, no I/O.
 */

// ---------------------------------------------------------------- text helpers

/** "M" → "M码", "38" → "38码", "均码" stays: how a size reads in a reply. */
export function sizeLabel(size: string): string {
  return /[码号]$/.test(size) ? size : `${size}码`;
}

/** What the product's SKU colour and size are called: 颜色/尺码, or the product's own words (口味/规格 for snacks). */
export function variantWordsOf(product: Pick<Product, 'variantLabels'>): { colorWord: string; sizeWord: string } {
  return { colorWord: product.variantLabels?.color ?? '颜色', sizeWord: product.variantLabels?.size ?? '尺码' };
}

/** A SKU size as said in chat: clothing sizes get 码 ("M码"); sizes of other kinds ("250g袋装") stay as they are. */
export function sizeLabelOf(product: Pick<Product, 'variantLabels'>, size: string): string {
  return product.variantLabels === undefined ? sizeLabel(size) : size;
}

/** "2026-12-01" → "12月1日" (anything else is returned as it is). */
export function formatDate(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : date;
}

/** "13812345678" → "138****5678": a phone as the buyer may see it echoed back. */
const MOBILES = new RegExp(MOBILE.source, 'gu');

/** Every mobile number in a text masked (a remark read back to the buyer). */
export const maskMobileNumbers = (text: string): string => text.replace(MOBILES, maskPhone);

export function maskPhone(phone: string): string {
  const all = phone.replace(/\D/g, '');
  const digits = all.length === 13 && all.startsWith('86') ? all.slice(2) : all;
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Joins a list the way a reply lists things: 驼色、黑色. */
export const joinList = (items: readonly string[]): string => items.join('、');

// ---------------------------------------------------------------- body data

export interface BodyData {
  heightCm: number | null;
  weightKg: number | null;
  /** The weight came from a number without unit that was read as 斤 (it may have meant kg). */
  weightReadAsJin?: boolean;
}

/** The height and weight a message gives (the first of each). */
export function bodyDataOf(entities: readonly Entity[]): BodyData {
  let heightCm: number | null = null;
  let weightKg: number | null = null;
  let weightReadAsJin = false;
  for (const e of entities) {
    if (e.type === 'height' && heightCm === null) heightCm = e.cm;
    if (e.type === 'weight' && weightKg === null) {
      weightKg = e.kg;
      weightReadAsJin = e.assumedUnit === 'jin';
    }
  }
  return weightReadAsJin ? { heightCm, weightKg, weightReadAsJin } : { heightCm, weightKg };
}

export const hasBodyData = (entities: readonly Entity[]): boolean => entities.some((e) => e.type === 'height' || e.type === 'weight');

/** What the buyer said before, overridden by what this message says. */
export function mergeBodyData(kept: BodyData, now: BodyData): BodyData {
  const weight = now.weightKg !== null ? now : kept;
  const merged: BodyData = { heightCm: now.heightCm ?? kept.heightCm, weightKg: weight.weightKg };
  return weight.weightReadAsJin === true ? { ...merged, weightReadAsJin: true } : merged;
}

/**
 * A height written as a bare number inside a size question ("毛衣我158穿什么码", "我172 选哪个码"):
 * a number only a height can be (above any bare weight, up to 229), standing on its own — not a
 * price (159元), a size (175码), a quantity or part of a longer number. Null when there is none.
 */
const HEIGHT_IN_QUESTION = new RegExp(
  `(?:^|[\\s\\p{P}我是人个子高]|身高)(1[5-9]\\d|2[0-2]\\d)(?![\\d.]|\\s*(?:元|块|码|号|斤|kg|公斤|千克|g|克|件|个|单|天|米|m(?![a-z])|的(?:那|这)?(?:款|个|件)))`,
  'u',
);

export function heightInSizeQuestion(text: string): number | null {
  const value = HEIGHT_IN_QUESTION.exec(text.normalize('NFKC'))?.[1];
  return value === undefined || Number(value) <= BARE_WEIGHT.max ? null : Number(value);
}

/** A message that is a number and nothing else ("163", "52", "一百六"), else null. */
export function bareNumberOf(text: string): number | null {
  const trimmed = text.normalize('NFKC').replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
  return parseNumeral(trimmed) ?? null;
}

export const BARE_HEIGHT_CM = { min: 100, max: 230 } as const;
/** A bare weight number, before the unit rule (kg up to 75, 斤 above). */
export const BARE_WEIGHT = { min: 30, max: 150 } as const;

/**
 * A bare number answering the size question: height (100–230) or weight (30–150, read with the
 * entity extractor's unit rule), whichever is missing. When both are missing, a number that can
 * only be one of them is read so; one that could be both (100–150) is not read. Null when the
 * message is no bare number or the number fits nothing missing.
 */
export function bodyDataFromBareNumber(text: string, known: BodyData): BodyData | null {
  const value = bareNumberOf(text);
  if (value === null) return null;
  const height = known.heightCm === null && value >= BARE_HEIGHT_CM.min && value <= BARE_HEIGHT_CM.max;
  const weight = known.weightKg === null && value >= BARE_WEIGHT.min && value <= BARE_WEIGHT.max;
  if (height && !weight) return { heightCm: value, weightKg: null };
  if (weight && !height) {
    const { kg, assumedUnit } = weightFromNumber(value, undefined);
    return assumedUnit === 'jin' ? { heightCm: null, weightKg: kg, weightReadAsJin: true } : { heightCm: null, weightKg: kg };
  }
  return null;
}

/** Below this BMI a weight read as 斤 is implausible: the buyer meant kg. */
export const MIN_PLAUSIBLE_BMI = 16;

export const bmiOf = (heightCm: number, weightKg: number): number => weightKg / (heightCm / 100) ** 2;

/**
 * Body data with a unit-less weight read as 斤 re-read as kg when, for the known height, the 斤
 * reading gives an implausible BMI (身高190 体重95 → 95kg, not 47.5kg).
 */
export function plausibleBodyData(body: BodyData): BodyData {
  if (body.weightReadAsJin !== true || body.heightCm === null || body.weightKg === null) return body;
  if (bmiOf(body.heightCm, body.weightKg) >= MIN_PLAUSIBLE_BMI) return body;
  return { heightCm: body.heightCm, weightKg: body.weightKg * 2 };
}

// ---------------------------------------------------------------- size advice

export type SizeAdvice =
  /** Exactly one row of the chart fits both height and weight. */
  | { kind: 'fit'; size: string }
  /** Two or more rows fit (the chart's rows overlap); in chart order, the last one is the looser. */
  | { kind: 'between'; sizes: string[] }
  /**
   * Height or weight lies outside every row of the chart: above it (`largest`, the chart's last row is the
   * nearest) or below it (`smallest`, the first row).
   */
  | { kind: 'outside'; end: 'largest' | 'smallest' }
  /** Both lie within the chart, but no single row fits both. */
  | { kind: 'no_match' };

const within = (value: number, min: number, max: number): boolean => value >= min && value <= max;

export function adviseSize(chart: readonly SizeRow[], heightCm: number, weightKg: number): SizeAdvice {
  const fits = chart.filter((r) => within(heightCm, r.heightMin, r.heightMax) && within(weightKg, r.weightMinKg, r.weightMaxKg));
  if (fits.length === 1) return { kind: 'fit', size: fits[0]!.size };
  if (fits.length > 1) return { kind: 'between', sizes: fits.map((r) => r.size) };
  const heightInChart = within(heightCm, Math.min(...chart.map((r) => r.heightMin)), Math.max(...chart.map((r) => r.heightMax)));
  const weightInChart = within(weightKg, Math.min(...chart.map((r) => r.weightMinKg)), Math.max(...chart.map((r) => r.weightMaxKg)));
  if (heightInChart && weightInChart) return { kind: 'no_match' };
  const above = heightCm > Math.max(...chart.map((r) => r.heightMax)) || weightKg > Math.max(...chart.map((r) => r.weightMaxKg));
  return { kind: 'outside', end: above ? 'largest' : 'smallest' };
}

/**
 * "最大的码是多大", "有没有更大的码", "最小码是什么": which end of the size range the buyer asks about
 * (the chart's rows and the SKUs run from small to large).
 */
const SIZE_WORD = '(?:码|碼|号|號|尺码|尺碼|尺寸)';
const LARGEST = new RegExp(`(?:最大|更大|再大)(?:一点|一點|点|點)?(?:的)?${SIZE_WORD}|${SIZE_WORD}(?:最大|最多)(?:能|可以)?(?:到|是|有)?|(?:最大|最多)(?:能|可以)?(?:穿|做|出|到)(?:到)?(?:多大|几|幾|什么|什麼|啥)`, 'u');
const SMALLEST = new RegExp(`(?:最小|更小|再小)(?:一点|一點|点|點)?(?:的)?${SIZE_WORD}|${SIZE_WORD}(?:最小)(?:能|可以)?(?:到|是|有)?|最小(?:能|可以)?(?:穿|做|出|到)(?:到)?(?:多小|几|幾|什么|什麼|啥)`, 'u');

export function asksSizeEnd(text: string): 'largest' | 'smallest' | null {
  if (LARGEST.test(text)) return 'largest';
  return SMALLEST.test(text) ? 'smallest' : null;
}

/** The size chart of a product, when it has one that the shop defines. */
export function sizeChartOf(shop: Shop, product: Product): SizeRow[] | undefined {
  return product.sizeChart === undefined ? undefined : shop.sizeCharts[product.sizeChart];
}

// ---------------------------------------------------------------- stock

const unique = (items: readonly string[]): string[] => [...new Set(items)];
const stripColor = (c: string): string => c.replace(/色$/, '');
const normSize = (s: string): string => s.toUpperCase().replace(/[码號号\s]/g, '');

function colorMatches(sku: Sku, asked: string): boolean {
  const a = stripColor(asked);
  const b = stripColor(sku.color);
  return a.length > 0 && (a === b || b.includes(a) || a.includes(b));
}

function sizeMatches(sku: Sku, asked: string): boolean {
  return normSize(sku.size) === normSize(asked);
}

/**
 * Colour and size the message asks about (the first of each). A colour the entity extractor
 * does not know (燕麦色) is found by the product's own colour names in the text.
 */
export function askedVariant(entities: readonly Entity[], product?: Product, text = ''): { color: string | null; size: string | null } {
  let color: string | null = null;
  let size: string | null = null;
  for (const e of entities) {
    if (e.type === 'color' && color === null) color = e.name;
    if (e.type === 'size' && size === null) size = e.system === 'free' ? '均码' : e.value;
  }
  if (color === null && product !== undefined) color = productColorIn(product, text);
  return { color, size };
}

/**
 * The product's own colour named in the text (燕麦色, 格纹灰, "燕麦的"): the shop's colour names
 * the entity extractor does not know. The longest name wins; null when none is named.
 */
export function productColorIn(product: Product, text: string): string | null {
  const named = unique(product.skus.map((s) => s.color))
    .filter((c) => text.includes(c) || (stripColor(c).length > 1 && text.includes(stripColor(c))))
    .sort((a, b) => b.length - a.length);
  return named[0] ?? null;
}

/** Something in stock to offer instead, or as the answer. */
export type InStock =
  | { kind: 'in_stock'; color: string; size: string }
  | { kind: 'size_in_stock'; size: string; colors: string[] }
  | { kind: 'color_in_stock'; color: string; sizes: string[] }
  | { kind: 'overview'; colors: string[]; sizes: string[] };

/** What to offer when the asked variant is out of stock. */
export type Alternative = Exclude<InStock, { kind: 'in_stock' }>;

export type StockAnswer =
  | InStock
  /** Nothing of the product is in stock. */
  | { kind: 'all_out'; restockDate: string | null }
  /** The asked colour or size does not exist for this product: what does exist. */
  | { kind: 'unknown_variant'; color: string | null; size: string | null; colors: string[]; sizes: string[] }
  /** The asked variant is out of stock (or that combination is 断码), with something else in stock if any. */
  | { kind: 'out'; color: string | null; size: string | null; restockDate: string | null; alternative: Alternative | null };

/** A restock date whose day is over everywhere on earth: it is stale and never quoted. */
const isPast = (date: string, nowIso: string | undefined): boolean =>
  nowIso !== undefined && Date.parse(`${date}T23:59:59-12:00`) < Date.parse(nowIso);

function earliestRestock(skus: readonly Sku[], nowIso: string | undefined): string | null {
  const dates = skus.flatMap((s) => (s.stock === 0 && s.restockDate !== undefined && !isPast(s.restockDate, nowIso) ? [s.restockDate] : [])).sort();
  return dates[0] ?? null;
}

/** Colours or sizes in the order the product lists them (S, M, L), whichever SKU comes first. */
function inProductOrder(skus: readonly Sku[], pick: (s: Sku) => string, keep: readonly Sku[]): string[] {
  const wanted = new Set(keep.map(pick));
  return unique(skus.map(pick)).filter((v) => wanted.has(v));
}

function overview(skus: readonly Sku[]): Alternative | null {
  const inStock = skus.filter((s) => s.stock > 0);
  if (inStock.length === 0) return null;
  return { kind: 'overview', colors: inProductOrder(skus, (s) => s.color, inStock), sizes: inProductOrder(skus, (s) => s.size, inStock) };
}

function sizesInStock(skus: readonly Sku[], color: string): Alternative | null {
  const sizes = inProductOrder(skus, (s) => s.size, skus.filter((s) => s.stock > 0 && s.color === color));
  return sizes.length === 0 ? null : { kind: 'color_in_stock', color, sizes };
}

function colorsInStock(skus: readonly Sku[], size: string): Alternative | null {
  const colors = inProductOrder(skus, (s) => s.color, skus.filter((s) => s.stock > 0 && s.size === size));
  return colors.length === 0 ? null : { kind: 'size_in_stock', size, colors };
}

/**
 * Stock of a product for the colour and/or size asked (both optional), from its SKUs. With the
 * turn's time, restock dates already past are left out.
 */
export function lookUpStock(product: Product, asked: { color: string | null; size: string | null }, nowIso?: string): StockAnswer {
  const { skus } = product;
  const colorSkus = asked.color === null ? skus : skus.filter((s) => colorMatches(s, asked.color!));
  const sizeSkus = asked.size === null ? skus : skus.filter((s) => sizeMatches(s, asked.size!));
  if (colorSkus.length === 0 || sizeSkus.length === 0) {
    return {
      kind: 'unknown_variant',
      color: asked.color,
      size: asked.size,
      colors: unique(skus.map((s) => s.color)),
      sizes: unique(skus.map((s) => s.size)),
    };
  }
  // The product's own spelling of what was asked.
  const color = asked.color === null ? null : colorSkus[0]!.color;
  const size = asked.size === null ? null : sizeSkus[0]!.size;
  if (color === null && size === null) return overview(skus) ?? { kind: 'all_out', restockDate: earliestRestock(skus, nowIso) };

  const matching = skus.filter((s) => (color === null || s.color === color) && (size === null || s.size === size));
  const available = matching.filter((s) => s.stock > 0);
  if (available.length > 0) {
    if (color !== null && size !== null) return { kind: 'in_stock', color, size };
    if (size !== null) return { kind: 'size_in_stock', size, colors: inProductOrder(skus, (s) => s.color, available) };
    return { kind: 'color_in_stock', color: color!, sizes: inProductOrder(skus, (s) => s.size, available) };
  }
  let alternative: Alternative | null = null;
  if (color !== null && size !== null) alternative = sizesInStock(skus, color) ?? colorsInStock(skus, size);
  alternative ??= overview(skus);
  return { kind: 'out', color, size, restockDate: earliestRestock(matching, nowIso), alternative };
}

/**
 * "有什么颜色", "几种口味", "尺码有哪些": which colours / sizes / flavours exist — the SKUs answer it,
 * not the detail page. ("什么颜色好看" asks for advice, "穿什么码" for size advice: neither lists.)
 */
const VARIANT_WORD = '(?:颜色|顏色|色|尺码|尺碼|码|碼|口味|味道|味|款式|规格|規格)';
const VARIANT_LIST = new RegExp(
  `(?:什么|什麼|啥|哪些|哪几|哪幾|几|幾|多少)(?:种|種|个|個|款)?${VARIANT_WORD}(?!好看|合适|合適|适合|適合|显|顯|百搭|配)|${VARIANT_WORD}(?:有|都有)(?:哪些|哪几|哪幾|什么|什麼|啥|几|幾)|${VARIANT_WORD}(?:可选|可選|可以选|可以選)`,
  'u',
);

/** "那XXL啥颜色有货", "黑色有哪些码": the colours (or sizes) asked for as a list, the other dimension named. */
const WHICH = '(?:什么|什麼|啥|哪些|哪几|哪幾|哪个|哪個|哪种|哪種|几|幾)(?:种|種|个|個|款)?';
const WHICH_COLOR = new RegExp(`${WHICH}(?:颜色|顏色|色)|(?:颜色|顏色)(?:有|都有)?(?:哪些|哪几|哪幾|什么|什麼|啥)`, 'u');
const WHICH_SIZE = new RegExp(`${WHICH}(?:尺码|尺碼|码|碼|号|號)|(?:尺码|尺碼|码|碼)(?:有|都有)?(?:哪些|哪几|哪幾|什么|什麼|啥)`, 'u');

export function asksWhichVariant(text: string): { color: boolean; size: boolean } {
  return { color: WHICH_COLOR.test(text), size: WHICH_SIZE.test(text) };
}

/**
 * "啥时候补货", "什么时候有货", "啥时候能有啊", "几时会再有": when a variant out of stock is back
 * (not "什么时候能有结果" about a case, nor when a parcel arrives).
 */
export const ASKS_RESTOCK =
  /补货|補貨|补上|補上|(?<!收)到货|(?<!收)到貨|(?:什么时候|什麼時候|啥时候|啥時候|几时|幾時|哪天)(?:能|会|會|才|可以|还|還)?(?:再)?有(?!结果|結果|回复|回覆|消息|进展|進展|人|空|时间|時間)|再有(?!问题|問題|事|啥|什么|什麼|需要)|还会有|還會有/u;

/**
 * "到时候通知我一下", "有货了告诉我一声", "到货提醒": the buyer wants to hear when it is back. The shop
 * sends no private messages for that: collecting the item or following the shop is the way.
 */
const RESTOCK_NOTICE = /(?:通知|告诉|告訴|提醒|喊|叫)(?:我|一下|一声|一聲)|(?:说|說)一(?:声|聲)|到货提醒|到貨提醒|到货通知|到貨通知/u;
export const asksRestockNotice = (text: string): boolean => RESTOCK_NOTICE.test(text);

export const asksVariantList = (text: string): boolean => VARIANT_LIST.test(text) && !/穿|适合我|適合我/u.test(text);

/**
 * "浅蓝29", "黑色L", "M码的": a message that only names a colour and/or size of the product (nothing
 * else but filler) — in a pre-sale conversation, which that variant is in stock.
 */
export function isBareVariant(text: string, entities: readonly Entity[], product: Product | undefined): boolean {
  // A bare number may answer the size question (height, weight): not read as a variant.
  if (product === undefined || bareNumberOf(text) !== null) return false;
  let rest = text.normalize('NFKC');
  let named = false;
  for (const e of entities) {
    if ((e.type === 'color' || e.type === 'size') && rest.includes(e.text)) {
      rest = rest.replace(e.text, ' ');
      named = true;
    }
  }
  for (const sku of product.skus) {
    for (const word of [sku.color, sku.color.replace(/色$/u, ''), sku.size]) {
      // "29" or "L" alone, not inside "290" or "XL".
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = /^[0-9A-Za-z]+$/.test(word) ? new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])`, 'iu') : new RegExp(escaped, 'u');
      if (word.length > 0 && pattern.test(rest)) {
        rest = rest.replace(pattern, ' ');
        named = true;
      }
    }
  }
  // ("就酒红吧", "那还是黑色的": a choice said with 就/那/还是.)
  return named && /^[\s\p{P}码碼号號的要呢吧啊哈就那还還是]*$/u.test(rest);
}

// ---------------------------------------------------------------- product attributes

/** Words buyers use for the attributes shops list (the key is the attribute's usual name). */
const ATTRIBUTE_WORDS: Record<string, readonly string[]> = {
  // ("质量怎么样": before buying, the fabric is what the shop can say of its quality.)
  材质: ['材质', '面料', '材料', '成分', '布料', '什么料', '含量', '什么做的', '质量怎么样', '质量如何', '质量咋样', '质量好不好', '质量好吗'],
  洗涤: ['洗涤', '怎么洗', '清洗', '水洗', '机洗', '干洗', '手洗', '能洗'],
  保质期: ['保质期', '保质', '过期', '放多久', '保存多久', '放多长时间', '能放多长', '能放几天', '放几天', '保存期'],
  产地: ['产地', '哪里产', '哪产的', '哪里生产', '生产地', '哪里制造'],
  生产日期: ['生产日期', '什么时候生产', '哪天生产'],
  尺寸: ['尺寸', '多大', '多长', '长度', '规格', '裤长', '衣长'],
  重量: ['重量', '多重', '净含量'],
  用法: ['用法', '怎么用', '使用方法', '怎么吃', '食用方法'],
  保存: ['保存', '储存', '存放', '冷藏'],
  过敏: ['过敏', '致敏'],
  配料: ['配料', '原料', '添加剂'],
  填充: ['填充', '绒子', '白鸭绒', '鸭绒', '鹅绒', '含绒', '充绒'],
  弹力: ['弹力', '弹性', '有弹', '弹不弹', '松紧'],
  厚薄: ['厚薄', '厚度', '厚不厚', '薄不薄', '厚吗', '薄吗', '厚实', '暖和吗', '暖不暖'],
  版型: ['版型', '宽松', '修身', '显瘦'],
};

/**
 * "是纯羊毛的吗", "含棉吗", "羊毛含量多少": a material named in a question is a question about what
 * the product is made of (a bare "羊毛围巾" names the product, it asks nothing).
 */
const MATERIALS = '羊毛|羊绒|山羊绒|绵羊毛|棉|涤纶|聚酯|化纤|真丝|蚕丝|腈纶|锦纶|氨纶|尼龙|羊驼|马海毛|麻|皮';
const MATERIAL_QUESTION = new RegExp(
  `(?:是不是|是|含不含|含|纯|全|真)(?:纯|全|真)?(?:${MATERIALS})(?:的|嘛|吗|么|不|没)|纯(?:${MATERIALS})|(?:${MATERIALS})(?:含量|成分|比例|占比|占多少|多少%)|含(?:${MATERIALS})|(?:[0-9]+%|百分之百|百分百)(?:的)?(?:${MATERIALS})|(?:${MATERIALS})的?[吗嘛么][？?]*$`,
  'u',
);

/**
 * Qualities a buyer asks about that shops write into an attribute's value, not its name ("首次洗涤可能
 * 轻微掉色" under 洗涤方式): the attribute whose value says it answers.
 */
const VALUE_WORDS: Record<string, readonly string[]> = {
  掉色: ['掉色', '褪色', '串色', '染色'],
  缩水: ['缩水'],
  起球: ['起球'],
  掉毛: ['掉毛', '掉绒', '钻绒', '跑绒'],
  里衬: ['里衬', '内衬', '衬里', '内里', '里布'],
  // "里面是绒的吗", "带绒吗": a fleece lining, answered by a value that says 加绒.
  加绒: ['加绒', '里面是绒', '里面有绒', '里面带绒', '带绒', '绒里', '是绒的'],
};

/** Values that answer a named group although their attribute is called otherwise ("衣长约105cm" under 版型). */
const VALUE_HINTS: Record<string, readonly string[]> = {
  尺寸: ['衣长', '裤长', '长约'],
};

const related = (a: string, b: string): boolean => a.includes(b) || b.includes(a);

/** The word groups an attribute name belongs to: 洗涤方式 → 洗涤, 面料 → 材质. */
const groupsOf = (attribute: string): string[] =>
  Object.entries(ATTRIBUTE_WORDS)
    .filter(([group, words]) => related(attribute, group) || words.some((w) => related(attribute, w)))
    .map(([group]) => group);

export interface AttributeQuestion {
  /** Attributes of the product the message names, with their values. */
  found: { attribute: string; value: string }[];
  /** Attributes the message names that the product does not list. */
  missing: string[];
}

const asksGroup = (group: string, text: string): boolean =>
  (ATTRIBUTE_WORDS[group] ?? []).some((w) => text.includes(w)) || (group === '材质' && MATERIAL_QUESTION.test(text));

export function askedAttributes(product: Product, asked: string): AttributeQuestion {
  // "能放多长时间" asks how long it keeps, not how long it is.
  const text = asked.replace(/多长时间|多長時間/gu, '多久');
  const asksValue = Object.entries(VALUE_WORDS).filter(([, words]) => words.some((w) => text.includes(w)));
  const found: AttributeQuestion['found'] = [];
  for (const [attribute, value] of Object.entries(product.attributes)) {
    const byName = text.includes(attribute) || groupsOf(attribute).some((g) => asksGroup(g, text));
    const byValue =
      asksValue.some(([, words]) => words.some((w) => value.includes(w))) ||
      Object.entries(VALUE_HINTS).some(([group, hints]) => asksGroup(group, text) && hints.some((h) => value.includes(h)));
    if (byName || byValue) found.push({ attribute, value });
  }
  const listed = new Set(Object.keys(product.attributes).flatMap(groupsOf));
  const answered = (group: string): boolean => found.some((f) => groupsOf(f.attribute).includes(group) || (VALUE_HINTS[group] ?? []).some((h) => f.value.includes(h)));
  // (A quality no value mentions is left to the caller's "what would you like to know" answer.)
  const missing = Object.keys(ATTRIBUTE_WORDS).filter((group) => !listed.has(group) && !answered(group) && asksGroup(group, text));
  return { found, missing };
}

// ---------------------------------------------------------------- regions

const PROVINCES = [
  '黑龙江', '内蒙古', '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '江苏', '浙江', '安徽', '福建', '江西',
  '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
] as const;

/** Some big cities, so 「发杭州几天到」 finds its province. */
const CITIES: Record<string, string> = {
  杭州: '浙江', 宁波: '浙江', 温州: '浙江', 南京: '江苏', 苏州: '江苏', 无锡: '江苏', 广州: '广东', 深圳: '广东', 东莞: '广东',
  佛山: '广东', 成都: '四川', 武汉: '湖北', 长沙: '湖南', 郑州: '河南', 济南: '山东', 青岛: '山东', 合肥: '安徽', 福州: '福建',
  厦门: '福建', 南昌: '江西', 石家庄: '河北', 太原: '山西', 西安: '陕西', 兰州: '甘肃', 西宁: '青海', 银川: '宁夏',
  乌鲁木齐: '新疆', 拉萨: '西藏', 呼和浩特: '内蒙古', 南宁: '广西', 昆明: '云南', 贵阳: '贵州', 海口: '海南', 三亚: '海南',
  沈阳: '辽宁', 大连: '辽宁', 长春: '吉林', 哈尔滨: '黑龙江',
};

/** The province a message names (or a big city's province), else null. */
export function findRegion(text: string): string | null {
  const words: [string, string][] = [...PROVINCES.map((p): [string, string] => [p, p]), ...Object.entries(CITIES)];
  let region: string | null = null;
  let first = Number.POSITIVE_INFINITY;
  for (const [word, province] of words) {
    const at = text.indexOf(word);
    if (at >= 0 && at < first) {
      first = at;
      region = province;
    }
  }
  return region;
}

const bareRegion = (r: string): string => r.replace(/(省|市|自治区|壮族|回族|维吾尔|特别行政区)+$/g, '');

/** Whether the shop's free-shipping template covers a region (浙江 / 浙江省 alike). */
export function isFreeShippingRegion(shop: Shop, region: string): boolean {
  const r = bareRegion(region);
  return shop.shipping.freeShippingRegions.some((f) => {
    const free = bareRegion(f);
    return free === r || free.includes(r) || r.includes(free);
  });
}

/** The day range of a delivery-days setting: "2-4" stays, "发货后一般2-4天送达" → "2-4", "3～5天" → "3-5". */
export function dayRange(days: string): string {
  const m = /(\d+)\s*(?:[-~～至到]\s*(\d+))?\s*天?/.exec(days);
  if (m === null) return days;
  return m[2] === undefined ? m[1]! : `${m[1]}-${m[2]}`;
}

// ---------------------------------------------------------------- payment

export type PaymentTopic = 'cod' | 'transfer' | 'wechat' | 'credit_card' | 'huabei' | 'methods';

/** What a payment question is about, in the order the message names them; 'methods' when none. */
export function paymentTopics(text: string): PaymentTopic[] {
  const patterns: [PaymentTopic, RegExp][] = [
    ['cod', /货到付款|到付|货到/],
    ['transfer', /转账|汇款|打款|线下付|银行转/],
    ['wechat', /微信|vx|weixin/i],
    ['credit_card', /信用卡/],
    ['huabei', /花呗/],
  ];
  const found = patterns
    .map(([topic, re]) => ({ topic, at: text.search(re) }))
    .filter((f) => f.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((f) => f.topic)
    // 「微信转账」 is one question: the WeChat answer covers it.
    .filter((topic, _, all) => !(topic === 'transfer' && all.includes('wechat')));
  return found.length > 0 ? found : ['methods'];
}

// ---------------------------------------------------------------- contact and reviews

/** A way to reach the shop off the platform (seed 000: only 旺旺). */
const CONTACT_WORDS = /微信|威信|weixin|vx|wx|v信|qq|扣扣|企鹅|企鵝|电话|電話|手机|手機|号码|號碼|联系方式|聯繫方式|联系你|聯繫你|加你|加个|加個|加一下|私聊|私下|线下|線下|邮箱|郵箱|支付宝|支付寶|群/iu;
/** A review, its photos or what it earns (the shop's review activity answers it). */
const REVIEW_WORDS = /晒图|曬圖|晒单|曬單|好评|好評|评价|評價|返现|返現|追评|追評|带图|帶圖|五星|5星|买家秀|買家秀/u;

/** "晒图的话给多少": a question about the review activity, with nothing about contact in it. */
export const asksAboutReviewNotContact = (text: string): boolean => REVIEW_WORDS.test(text) && !CONTACT_WORDS.test(text);

// ---------------------------------------------------------------- orders

/**
 * The order to confirm: the one the message names if it is one of the buyer's (in any state:
 * a shipped one is confirmed as shipped), else the newest unpaid/paid one.
 */
export function orderToConfirm(orders: readonly Order[], entities: readonly Entity[], productId?: string): Order | undefined {
  const isOpen = (o: Order) => o.state === 'unpaid' || o.state === 'paid';
  const named = entities.flatMap((e) => (e.type === 'order_id' ? [e.value] : []));
  if (named.length > 0) return orders.find((o) => named.includes(o.id));
  // "核桃…我拍了两袋": the open order holding the product talked about, before a newer one of something else.
  const holding = productId === undefined ? undefined : orders.find((o) => isOpen(o) && o.items.some((i) => i.productId === productId));
  return holding ?? orders.find(isOpen);
}

/** "我付了", "已经付款了", "付好了": the buyer says the order is paid (拍了 only says it is placed). */
const SAYS_PAID = /(?<!没|沒|未|还没|還沒)(?:付了|付过了|付過了|付款了|付好|付完|已付|已经付|已經付|支付了|钱付了|錢付了)/u;
export const saysPaid = (text: string): boolean => SAYS_PAID.test(text);

/**
 * "我去拍了", "这就下单", "等下就付": the buyer is about to order, nothing is placed yet (an order number
 * to check makes no sense). "拍好了", "已经付了" say it is done.
 */
const ABOUT_TO_ORDER = /(?:去|这就|這就|马上|馬上|现在|現在|立刻|等下|等会|等會|待会|待會|一会|一會|准备|準備|回头|回頭|晚点|晚點|晚上)(?:就)?(?:去)?(?:拍|下单|下單|付|买|買)(?!好|完)/u;

export const aboutToOrder = (text: string): boolean => ABOUT_TO_ORDER.test(text) && !/已经|已經|拍好|付好|付完|下好/u.test(text);

/** The newest unpaid order, where a remark for the warehouse (a chosen courier) still helps. */
export const newestUnpaidOrder = (orders: readonly Order[]): Order | undefined => orders.find((o) => o.state === 'unpaid');

/** "刚拍了还没付", "下单了", "新拍的那单": the buyer speaks of an order already placed. */
const SPEAKS_OF_ORDER = /拍了|拍好|拍下|下单了|下單了|下好|已拍|(?:那|这|這)(?:一)?(?:单|單|笔|筆)|订单|訂單|拍的|买的|買的/u;
/** "今天下单今天能发吗", "现在拍的话", "想买件大衣": an order still to be placed. */
const ORDER_TO_COME = /(?:今天|现在|現在|马上|馬上|等下|等会|等會|准备|準備|打算|想|要)(?:下单|下單|拍|买|買)|(?:下单|下單|拍|买|買)(?:的话|的話)|如果(?:下单|下單|拍|买|買)/u;
/** "要加多少钱", "补多少", "贵多少": the price of another courier asked, not a request to change one. */
const ASKS_COURIER_FEE = /(?:加|补|補|贵|貴|多收|另付|差价|差價|运费|運費)(?:多少|几|幾)|多少钱|多少錢|几块|幾塊|怎么收费|怎麼收費/u;
export const speaksOfOrderToCome = (text: string): boolean => ORDER_TO_COME.test(normalizeSameLength(text));

/**
 * The order a courier request is for: the one the message points at (the engine narrowed the orders
 * to it, open and not shipped), else the one just discussed, else the newest unpaid one — unless the conversation is about an
 * order still to be placed ("今天下单今天能发吗 … 能发顺丰吗") and the message speaks of none placed.
 */
/** "差价我补", "补运费", "运费我来出": the extra postage of a courier agreed to. */
export const PAYS_DIFFERENCE = /(?:补|補|付|出)(?:个|個)?(?:差价|差價|运费|運費|邮费|郵費)|(?:差价|差價|运费|運費|邮费|郵費)(?:我)(?:来|來)?(?:补|補|出|付)/u;

export function orderForCourier(text: string, orders: readonly Order[], cues: readonly string[] | undefined, orderToCome: boolean): Order | undefined {
  if (cues !== undefined && cues.some((c) => c !== 'context' && c !== 'courier')) {
    return orders.find((o) => o.state === 'unpaid' || o.state === 'paid' || o.state === 'printed');
  }
  const plain = normalizeSameLength(text);
  if (orderToCome && !SPEAKS_OF_ORDER.test(plain)) return undefined;
  // "能发顺丰吗 要加多少钱": what the courier costs, asked before buying — no order of theirs is meant.
  if (ASKS_COURIER_FEE.test(plain) && !SPEAKS_OF_ORDER.test(plain)) return undefined;
  // The order just discussed (the engine narrowed the orders to it): the request is for that one.
  if (cues?.includes('context') === true) return orders.find((o) => o.state === 'unpaid' || o.state === 'paid' || o.state === 'printed');
  // "好的 差价我补" with no unpaid order: the extra postage agreed to is for the order not shipped yet.
  const agreed = PAYS_DIFFERENCE.test(plain);
  return newestUnpaidOrder(orders) ?? (agreed ? orders.find((o) => o.state === 'paid' || o.state === 'printed') : undefined);
}

// ---------------------------------------------------------------- corrections

/** "不对", "不是男款", "搞错了", "我说的是…": the buyer corrects what the last answer was about. */
const CORRECTION = /^(?:不对|不對|不是|错了|錯了|搞错|搞錯|弄错|弄錯|说错|說錯|看错|看錯|你搞错|你搞錯)|我(?:说|說|问|問|要|指)的是|我是(?:说|說|问|問)/u;
/** A question or a complaint is no correction ("不是说包邮吗", "不对吧 怎么还没发"). */
const NOT_A_CORRECTION = /[吗嗎么麼][？?]*$|怎么|怎麼|为什么|為什麼|吧[？?]*$|发货|發貨|收到|快递|快遞/u;

/**
 * The words of a correction that say what the buyer meant ("不是男款 是女款" → "女款", "不对 我说的是女款"
 * → "女款"), or null when the message corrects nothing.
 */
export function correctionTarget(text: string): string | null {
  const plain = text.trim();
  if (!CORRECTION.test(plain) || NOT_A_CORRECTION.test(plain)) return null;
  const pieces = plain.split(/是/u).map((p) => p.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')).filter((p) => p.length > 0);
  const meant = pieces.at(-1)?.replace(/^(?:不对|不對|错了|錯了|搞错了?|搞錯了?|弄错了?|弄錯了?)[\s\p{P}]*/u, '') ?? '';
  return meant.length > 0 ? meant : null;
}

/**
 * "鲜花饼呢", "那围巾的呢", "还有羽绒服呢": the last question asked again about another product — the
 * words that name it (the caller checks they name a product other than the last), else null.
 */
const SAME_OF_ANOTHER = /^(?:那|那么|那麼|还有|還有)?\s*([^\s，,。？?！!、]{1,12}?)(?:的)?呢[\s？?～~!！。.]*$/u;

/** Words that make it more than a product named ("那我再加一件毛衣的话呢" adds to the order). */
const NOT_ONLY_A_PRODUCT = /我|你|加|买|買|要|拍|的话|的話|如果|要是/u;

export function anotherProductAsked(text: string): string | null {
  const named = SAME_OF_ANOTHER.exec(text.trim())?.[1];
  return named === undefined || NOT_ONLY_A_PRODUCT.test(named) ? null : named;
}

/** Products of the same kind as another (the women's and the men's jeans): the last part of their category. */
export function productsOfSameKind(products: readonly Product[], product: Product): Product[] {
  const kind = product.category.split('/').at(-1);
  return products.filter((p) => p.id !== product.id && p.category.split('/').at(-1) === kind);
}

// ---------------------------------------------------------------- what the buyer will buy

/** "我就买一盒鲜花饼", "只要一条": what the order will hold. */
const PURCHASE_ONLY = /(?:就|只|先)(?:买|買|要|拍)(?:[一二两兩三四五六七八九十几幾]|[0-9]+)?(?:盒|件|条|條|袋|个|個|双|雙|套|箱|包)/u;
/** Anything asking for less or setting a condition makes it haggling ("包邮我就买", "便宜点就买两件"). */
const CONDITION = /便宜|(?<!多)少|贵|貴|优惠|優惠|折|价|價|钱|錢|块|塊|元|包邮|包郵|送|抹|砍|如果|要是|的话|的話|[0-9]+\s*(?:元|块|塊)/u;

/** A statement of what the buyer buys, with no condition or ask for less in it: no haggling. */
export const statesPurchaseOnly = (text: string): boolean => PURCHASE_ONLY.test(text) && !CONDITION.test(text);

// ---------------------------------------------------------------- couriers

/** "要加多少钱", "补多少", "要另外加钱吗": what it costs on top (of a courier asked for just before). */
const EXTRA_CHARGE = /加(?:多少|几|幾)|(?:加|补|補)(?:钱|錢|运费|運費)|(?:补|補)(?:多少|几|幾)|差价|差價|另外(?:收|付|加|给|給)|额外|額外|多(?:收|付|出)(?:多少|几|幾)/u;

export const asksExtraCharge = (text: string): boolean => EXTRA_CHARGE.test(text);

/**
 * "发顺丰明天能到吗 我急用", "走顺丰吧": the buyer wants a courier the shop offers at an extra fee — its
 * fee is told before payment (seed 004), whatever else the message asks. "顺丰到哪了" asks for no courier.
 */
export function asksForExtraFeeCourier(text: string, entities: readonly Entity[], shop: Pick<Shop, 'shipping'>): boolean {
  return entities.some((e) => {
    if (e.type !== 'courier') return false;
    const offered = shop.shipping.otherCouriers.some((c) => c.courier.includes(e.name) || e.name.includes(c.courier));
    const word = e.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return offered && new RegExp(`(?:发|發|走|用|换|換|改|要)(?:成|个|個)?${word}`, 'u').test(text);
  });
}

// ---------------------------------------------------------------- return policy before ordering

/** "不合适能退吗", "支持七天无理由吗", "可以换码吗": whether returns or exchanges are possible at all. */
const RETURN_POLICY = /(?:能|可以|可不可以|能不能|支持|包|给|給)(?:不能)?(?:退|换|換)|(?:退|换|換)(?:货|貨|码|碼)?(?:吗|嗎|不|么|麼|没|沒)|[七7]天无理由|无理由|無理由|退换|退換|包退/u;
/** Asking for a return now, or about something received: an after-sale case, not a policy question. */
const RETURN_CASE = /我要退|要退款|想退|帮我退|幫我退|给我退|給我退|申请|申請|退了吧|已经|已經|收到了|签收了|簽收了|穿了|穿过|穿過|用了|拆了|吃了|订单|訂單|这单|這單|那单|那單|上次|寄回/u;

export const asksReturnPolicy = (text: string): boolean => RETURN_POLICY.test(text) && !RETURN_CASE.test(text);

const POLICY_READINGS: readonly IntentId[] = ['return_dislike', 'exchange', 'return_fee'];
/** Readings a shop-wide policy question may get when no product is known ("你们家支持七天无理由吗" reads as other). */
const SHOP_POLICY_READINGS: readonly IntentId[] = [...POLICY_READINGS, 'other', 'product_info'];
/** "你们家", "店里": the shop as a whole, not one product or order. */
const SHOP_WIDE = /你们家|你們家|你家|你们店|你們店|贵店|貴店|店里|店裡|本店|你们这|你們這|全店/u;

/**
 * The shop's 7-day return policy by category (top-level, as in 女装/大衣): the categories whose
 * products have it and those whose products have not (a category with both counts as having it).
 */
export function returnPolicyCategories(shop: Pick<Shop, 'products'>): { included: string[]; excluded: string[] } {
  const top = (p: Product): string => p.category.split('/')[0]!;
  const included = unique(shop.products.filter((p) => p.sevenDayReturn === true).map(top));
  const excluded = unique(shop.products.filter((p) => p.sevenDayReturn !== true).map(top)).filter((c) => !included.includes(c));
  return { included, excluded };
}

/**
 * "不合适的话能退不" before buying: the product's return policy (a product fact, seed 000: a product
 * with 7-day returns is never said to have none), not an after-sale case — when none of the buyer's
 * orders holds the product talked about (or, none named, the buyer has no order at all).
 */
/** "想买毛衣 万一不合适能退吗", "打算入一件": the buyer is still to buy — the policy, whatever was bought before. */
const STILL_TO_BUY = /想买|想買|打算买|打算買|准备买|準備買|想入|想拍|考虑买|考慮買|要是买|要是買|如果买|如果買|买之前|買之前/u;

/** "质量不好能退吗", "不合适能换吗": a return on a condition — before receipt, about what might come. */
const ON_A_CONDITION = /不好|不行|有问题|有問題|不合适|不合適|不喜欢|不喜歡|不满意|不滿意|不对|不對/u;

/**
 * `presaleTopic`: the conversation is about buying the product (the last turn was a pre-sale question):
 * "不合适的话能退换吗" then asks ahead about the purchase in view, not about an order received long ago.
 */
export function isReturnPolicyBeforeOrder(intent: IntentId, text: string, orders: readonly Order[], product: { id: string } | undefined, presaleTopic = false): boolean {
  if (!asksReturnPolicy(text)) return false;
  // No product known, the shop asked as a whole ("你们家支持七天无理由吗"): its general policy, orders or not.
  if (product === undefined && SHOP_POLICY_READINGS.includes(intent) && SHOP_WIDE.test(normalizeSameLength(text))) return true;
  if (!POLICY_READINGS.includes(intent)) return false;
  if (STILL_TO_BUY.test(text)) return true;
  if (product === undefined) return orders.length === 0;
  // (An order of the product not paid yet holds nothing to send back: the question is still about buying.)
  const holding = orders.filter((o) => o.state !== 'unpaid' && o.items.some((i) => i.productId === product.id));
  // "核桃还没收到 到了不合适的话能退吗": asked ahead of receipt, about what might happen — the product's policy too.
  // ("大衣还没收到 要是M小了到时候能换L吗": an exchange of the order on its way to another size is that order's
  // exchange case — the after-sale flow says when and how, and whether the size is there.)
  if (holding.length === 0 || (presaleTopic && ASKS_AHEAD.test(text))) return true;
  return intent !== 'exchange' && (ASKS_AHEAD.test(text) || ON_A_CONDITION.test(text)) && holding.every((o) => !RECEIVED_STATES.includes(o.state));
}

/** "我先等等 谢谢", "那就等着吧": waiting (for something), closed with thanks or a let-it-be. */
const WAITS_AND_CLOSES = /(?:先|再)?等(?:等|着|著|一等|一下)(?:吧|看|再说|再說)?/u;
const CLOSES = /谢|謝|算了|行吧|好吧|好的|ok|拜/u;
/** "先等收到再说", "到了再看吧", "拿到货再决定": the decision put off until the parcel arrives. */
const WAITS_FOR_PARCEL = /(?:收到|到了|到货|到貨|拿到|签收|簽收)(?:货|貨|了|东西|東西)?(?:以后|以後|之后|之後)?(?:再说|再說|再看|再决定|再決定)/u;

/**
 * "行吧 那算了 我先等等 谢谢" with the product talked about already ordered and on its way: the buyer waits
 * for the parcel and closes — no purchase to hesitate over (a thank-you, not a hesitation nudge).
 */
export function waitsForOwnOrder(text: string, orders: readonly Order[], product: { id: string } | undefined): boolean {
  const plain = normalizeSameLength(text);
  // "好的 那先等收到再说": the parcel itself named as what is waited for — any order of theirs on its way.
  if (WAITS_FOR_PARCEL.test(plain)) return orders.some(onItsWay);
  if (!WAITS_AND_CLOSES.test(plain) || !CLOSES.test(plain) || /考虑|考慮|想想|看看|商量|降价|降價|活动|活動/u.test(plain)) return false;
  return productOnItsWay(orders, product);
}

/** "那到了再说吧", "收到以后再看": the buyer puts off deciding until the parcel arrives. */
export const waitsForParcel = (text: string): boolean => WAITS_FOR_PARCEL.test(normalizeSameLength(text));

/** An order of the product paid and not received yet. */
export const productOnItsWay = (orders: readonly Order[], product: { id: string } | undefined): boolean =>
  product !== undefined && orders.some((o) => o.items.some((i) => i.productId === product.id) && onItsWay(o));

/** Paid and not received yet: a parcel the buyer can wait for. */
const onItsWay = (o: Order): boolean => !RECEIVED_STATES.includes(o.state) && o.state !== 'unpaid';

/** "到了不合适的话", "万一收到后不喜欢": a return asked about ahead of receipt, as a possibility. */
export const ASKS_AHEAD = /的话|如果|要是|万一|萬一|假如|到了(?:以后|以後|之后|之後)?(?!吗|嗎)|收到(?:以|之)?后|收到(?:以|之)?後|到货(?:以|之)?后|到貨(?:以|之)?後/u;
const RECEIVED_STATES: readonly Order['state'][] = ['delivered', 'completed', 'refunding'];

// ---------------------------------------------------------------- working hours

/**
 * Hours until a colleague can follow up a message left outside working hours: until the next
 * shift starts, plus one hour to answer. Computed from the turn's time, not from a clock.
 */
export function followUpDueInHours(shop: Shop, nowIso: string): number {
  const now = new Date(nowIso);
  const opening = nextOpening(shop, now);
  const hours = (opening.getTime() - now.getTime()) / 3_600_000 + 1;
  return Math.round(hours * 100) / 100;
}

// ---------------------------------------------------------------- quantity

/**
 * A count and its unit ("6盒", "两件", "一百条", "十几袋"). 第二件 is an ordinal; 包邮 is postage, not a pack.
 * The count is read by readCount (几 alone is a question: "几件包邮").
 */
const QUANTITY = /(?<!第)([0-9]{1,4}|好?[零一二两兩三四五六七八九十百千几幾]{1,4})\s*(件|条|條|个|個|盒|袋|箱|套|双|雙|包(?!邮|郵)|罐|瓶)/u;

/** "同事好几个都想买", "三个朋友": people counted, whom a promise of business names (允诺型), not items bought now. */
const PEOPLE_WORDS = '同事|朋友|姐妹|闺蜜|閨蜜|同学|同學|家人|亲戚|親戚|室友|邻居|鄰居|人';
const PEOPLE_NUMBER = '(?:[0-9]{1,4}|[一两兩二三四五六七八九十几幾]{1,3})';
const PEOPLE_COUNT = new RegExp(
  `(?:${PEOPLE_WORDS})(?:们|們)?(?:里|裡|中)?(?:有)?好?${PEOPLE_NUMBER}\\s*(?:个|個|位)|好?${PEOPLE_NUMBER}\\s*(?:个|個|位)(?:${PEOPLE_WORDS})`,
  'gu',
);

/**
 * A count in digits or Chinese numerals; 几 as a lower bound where it only blurs a number
 * (好几 → 3, 十几 → 11, 几十 → 20, 几百 → 200), none when it asks how many ("几件").
 */
function readCount(numeral: string): number | undefined {
  const n = numeral.replace(/兩/gu, '两').replace(/幾/gu, '几');
  if (n === '好几') return 3;
  if (!n.includes('几')) return parseNumeral(n.replace(/^好/u, ''));
  if (n.startsWith('好') || /^几$/u.test(n)) return undefined;
  // 十几 → 十一, 几十 → 二十, 三十几 → 三十一: the smallest the buyer can mean.
  return parseNumeral(n.replace(/(?<=十)几$/u, '一').replace(/几(?=[十百千])/u, '二').replace(/几/u, '一'));
}

/**
 * How many items the buyer says they buy ("买6盒", "拍两件", "就买一袋山核桃"), with the unit said: one
 * reading for the postage, gift-threshold and large-order checks. People counted ("三个朋友") do not count.
 */
export function purchaseQuantity(text: string): { count: number; unit: string } | null {
  const m = QUANTITY.exec(normalizeSameLength(text).replace(PEOPLE_COUNT, ''));
  if (m === null) return null;
  const count = readCount(m[1]!);
  return count !== undefined && count > 0 ? { count, unit: m[2]! } : null;
}

// ---------------------------------------------------------------- gift thresholds (满赠)

export interface GiftThresholdCheck {
  promotion: Promotion & { minAmount: number };
  gift: Gift;
  /** The amount of the products the promotion covers (list prices × quantities). */
  amount: number;
  reached: boolean;
  /** Set when the buyer's own open order was checked ("我那单零食满99了吧"). */
  order?: Order;
  /** The products counted, when a purchase was described ("就买一袋山核桃", "再加两盒鲜花饼"). */
  products?: Product[];
  /** The counted products with their counts, as said to the buyer ("2盒云南玫瑰鲜花饼"). */
  label?: string;
}

const roundYuan = (n: number): number => Math.round(n * 100) / 100;

/**
 * Whether what the buyer buys reaches a gift promotion's threshold (seed: 零食满赠 实付满99元): the buyer's
 * open order when the message points at one, else the products talked about with the quantity said
 * (the basket's earlier products once each). Nothing to count (no quantity, no basket, no order): undefined.
 */
export function giftThresholdCheck(input: {
  shop: Pick<Shop, 'promotions' | 'products' | 'gifts'>;
  text: string;
  orders: readonly Order[];
  product: Product | undefined;
  basket: readonly Product[] | undefined;
  /** The purchase described so far (products and counts), which wins over the message's own count. */
  purchase?: readonly PurchaseLine[] | undefined;
}): GiftThresholdCheck | undefined {
  const { shop } = input;
  const plain = normalizeSameLength(input.text);
  const withGift = shop.promotions.filter((p): p is Promotion & { minAmount: number } => p.minAmount !== undefined && p.giftId !== undefined);
  const giftOf = (p: Promotion): Gift | undefined => shop.gifts.find((g) => g.id === p.giftId);
  const productById = (id: string): Product | undefined => shop.products.find((p) => p.id === id);
  const covered = (promotion: Promotion, id: string): boolean => {
    const product = productById(id);
    return product !== undefined && promotionAppliesTo(promotion, product);
  };
  if (ORDER_POINTER.test(plain)) {
    for (const order of input.orders.filter((o) => o.state === 'unpaid' || o.state === 'paid')) {
      for (const promotion of withGift) {
        const items = order.items.filter((i) => covered(promotion, i.productId));
        const gift = giftOf(promotion);
        if (items.length === 0 || gift === undefined) continue;
        const amount = roundYuan(items.reduce((sum, i) => sum + i.price * i.quantity, 0));
        return { promotion, gift, amount, reached: amount >= promotion.minAmount, order };
      }
    }
    return undefined;
  }
  if (input.purchase !== undefined && input.purchase.length > 0) return purchaseThresholdCheck(shop, input.purchase, withGift, giftOf);
  const quantity = purchaseQuantity(plain)?.count;
  const basket = input.basket !== undefined && input.basket.length > 1 ? input.basket : input.product === undefined ? [] : [input.product];
  if (basket.length === 0 || (quantity === undefined && basket.length < 2)) return undefined;
  for (const promotion of withGift) {
    const gift = giftOf(promotion);
    const counted = basket.filter((p) => covered(promotion, p.id));
    if (gift === undefined || counted.length === 0) continue;
    // The quantity said is of the product just named (the last of the basket).
    const last = basket[basket.length - 1]!;
    const amount = roundYuan(counted.reduce((sum, p) => sum + p.price * (p.id === last.id ? (quantity ?? 1) : 1), 0));
    return { promotion, gift, amount, reached: amount >= promotion.minAmount, products: counted };
  }
  return undefined;
}

/** The purchase described (products × counts) against the first gift promotion covering some of it. */
function purchaseThresholdCheck(
  shop: Pick<Shop, 'products'>,
  purchase: readonly PurchaseLine[],
  withGift: readonly (Promotion & { minAmount: number })[],
  giftOf: (p: Promotion) => Gift | undefined,
): GiftThresholdCheck | undefined {
  for (const promotion of withGift) {
    const gift = giftOf(promotion);
    const counted = shop.products.filter((p) => promotionAppliesTo(promotion, p) && purchase.some((l) => l.productId === p.id));
    if (gift === undefined || counted.length === 0) continue;
    const amount = purchaseTotal(shop, purchase, (p) => promotionAppliesTo(promotion, p));
    const lines = purchase.filter((l) => counted.some((p) => p.id === l.productId));
    return { promotion, gift, amount, reached: amount >= promotion.minAmount, products: lines.flatMap((l) => counted.filter((p) => p.id === l.productId)), label: purchaseLabel(shop, lines) };
  }
  return undefined;
}

// ---------------------------------------------------------------- dispatch day

/**
 * When an order paid now normally leaves (seed: 16:00前付款当天发出; no shipping on the shop's closed
 * days): `today`; past the cut-off, the next day the shop works; on a closed day (a holiday, the
 * shop's own closing day), why it is closed and the day shipping resumes. An estimate, never a promise.
 */
export type DispatchDay = { kind: 'today' } | { kind: 'after_cutoff'; day: string } | { kind: 'closed'; closure: string; day: string };

export function dispatchDayIfPaidNow(shop: Shop, now: Date): DispatchDay {
  const today = localDate(now, shop.timezone);
  const due = nextShippingDate(shop, now);
  if (due === today) return { kind: 'today' };
  const status = dayStatus(shop.calendar, today);
  if (status.open) return { kind: 'after_cutoff', day: dayWord(due, today) };
  const closure = status.reason === 'holiday' ? `${status.holidayName ?? '法定节'}假期` : status.reason === 'weekend' ? '周末休息日' : '店铺休息日';
  return { kind: 'closed', closure, day: dayWord(due, today) };
}
