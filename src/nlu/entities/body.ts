import { NUMERAL, parseNumeral } from '../numbers.ts';
import { at, matches } from './found.ts';
import type { Entity } from './schema.ts';

type Height = Extract<Entity, { type: 'height' }>;
type Weight = Extract<Entity, { type: 'weight' }>;
type Size = Extract<Entity, { type: 'size' }>;

/**
 * Height and weight as buyers write them: 身高165, 165cm, 一米五八, 1米6, 1.58m, 身高一米六二,
 * 一百六十厘米; 体重50, 八十八斤, 45kg, 55公斤; and pairs where one of the two is a bare number
 * ("180 150斤", "165/104斤", "一米六 九十"): next to a weight with its unit a bare 130–229 is the
 * height in cm, next to an explicit height a bare number is the weight.
 */
const HEIGHT_MARK = '(?:身高|个子|个头)\\s*(?:是|有|[:=])?\\s*';
const CN_DIGIT = '零〇一二三四五六七八九';
// 一米五八 / 1米65 / 1米6 (the tens digit, then at most one more digit, written in the same breath).
const METRE_WORD = `([一1])\\s*米\\s*([二三四五六七八九2-9])([${CN_DIGIT}]|\\d)?(?![\\d${CN_DIGIT}十])`;
const METRE_DECIMAL = '([12]\\.\\d{1,2})\\s*(?:m|米)(?![a-z])';
const CENTIMETRES = `(${NUMERAL})\\s*(?:cm|厘米|公分)`;
const MARKED = `${HEIGHT_MARK}(${NUMERAL})(?:\\s*(?:m|米))?(?![a-z])`;

/** One height: groups 1–3 a 一米X form, 4 decimal metres, 5 centimetres, 6 a number after 身高. */
const HEIGHT_SOURCE = `(?:${HEIGHT_MARK})?(?:${METRE_WORD}|${METRE_DECIMAL}|${CENTIMETRES})|${MARKED}`;
const HEIGHT = new RegExp(HEIGHT_SOURCE, 'g');

/** The same without capture groups, for the pair patterns. */
const plain = (source: string) => source.replace(/\((?!\?)/g, '(?:');

function heightCm(m: RegExpExecArray): number | undefined {
  if (m[2] !== undefined) {
    const tens = parseNumeral(m[2])!;
    const ones = m[3] === undefined ? 0 : parseNumeral(m[3])!;
    return 100 + tens * 10 + ones;
  }
  if (m[4] !== undefined) return Math.round(Number(m[4]) * 100);
  const value = parseNumeral(m[5] ?? m[6] ?? '');
  if (value === undefined) return undefined;
  return value < 3 ? Math.round(value * 100) : value;
}

const HEIGHT_RANGE = (cm: number) => cm >= 50 && cm <= 230;

/** The height written in a piece of text (the first one), in cm. */
function heightIn(text: string): number | undefined {
  for (const m of matches(HEIGHT, text)) {
    const cm = heightCm(m);
    if (cm !== undefined && HEIGHT_RANGE(cm)) return cm;
  }
  return undefined;
}

export function findHeights(text: string): Height[] {
  const out: Height[] = [];
  for (const m of matches(HEIGHT, text)) {
    const cm = heightCm(m);
    if (cm !== undefined && HEIGHT_RANGE(cm)) out.push(at<Height>(m, { type: 'height', cm }));
  }
  return out;
}

// 体重50 / 体重100斤 / 120斤 / 60kg / 55公斤
const WEIGHT_UNIT = '(斤|kg|公斤|千克)';
const WEIGHT = new RegExp(`体重\\s*(?:是|有|[:=])?\\s*(${NUMERAL})\\s*${WEIGHT_UNIT}?|(${NUMERAL})\\s*${WEIGHT_UNIT}`, 'g');

/** Unit-less weights above this are read as 斤, the others as kg. */
export const UNITLESS_JIN_ABOVE = 75;

/** The unit a weight was read in when the buyer wrote none (`undefined` when they wrote one). */
export type AssumedWeightUnit = 'jin' | 'kg';

/**
 * A weight number in kg. Without a unit, shoppers sizing clothes mean 斤 for larger numbers
 * (体重110) and kg for small ones (体重50); `assumedUnit` tells which reading was assumed.
 */
export function weightFromNumber(value: number, unit: string | undefined): { kg: number; assumedUnit?: AssumedWeightUnit } {
  if (unit !== undefined) return { kg: unit === '斤' ? value / 2 : value };
  return value > UNITLESS_JIN_ABOVE ? { kg: value / 2, assumedUnit: 'jin' } : { kg: value, assumedUnit: 'kg' };
}

const WEIGHT_RANGE = (kg: number) => kg >= 2 && kg <= 250;

export function findWeights(text: string): Weight[] {
  const out: Weight[] = [];
  for (const m of matches(WEIGHT, text)) {
    const value = parseNumeral(m[1] ?? m[3] ?? '');
    if (value === undefined) continue;
    const weight = weightFromNumber(value, m[2] ?? m[4]);
    if (WEIGHT_RANGE(weight.kg)) out.push(at<Weight>(m, { type: 'weight', ...weight }));
  }
  return out;
}

// Pairs with one bare number. A bare height: 130–229 in digits or 一百三 … 二百二十九 in words.
const BARE_HEIGHT = '(?<![\\d.])(?:1[3-9]\\d|2[0-2]\\d|一百[三四五六七八九]十?[一二三四五六七八九]?)(?![\\d.十百])';
const BARE_WEIGHT = `(?<![\\d.])(?:\\d{2,3}|[${CN_DIGIT}两十百]{2,5})(?![\\d.${CN_DIGIT}十百]|\\s*(?:斤|kg|公斤|千克|cm|厘米|公分|米|m(?![码号a-z])|块|元|码|号|岁|天|件|个))`;
// Something must stand between the two numbers: "一米五八八十八斤" is not read as a pair.
const SEPARATOR = '(?:\\s*[/,、]\\s*|\\s+)';
const UNIT_WEIGHT = plain(`(?:体重\\s*)?(?:${NUMERAL})\\s*${WEIGHT_UNIT}|体重\\s*(?:${NUMERAL})`);
const EXPLICIT_HEIGHT = plain(HEIGHT_SOURCE);
const bareHeight = (text: string) => parseNumeral(text);
const bareWeight = (text: string) => {
  const value = parseNumeral(text);
  return value === undefined ? undefined : weightFromNumber(value, undefined);
};
const explicitHeight = (text: string) => heightIn(text);
const explicitWeight = (text: string) => findWeights(text)[0];

/** Pair patterns: group 1 and group 2, read as height or weight in that order or the other. */
const PAIRS: { re: RegExp; heightFirst: boolean; height: (t: string) => number | undefined; weight: (t: string) => Omit<Weight, 'type' | 'text' | 'start' | 'end'> | undefined }[] = [
  // 180 150斤 / 165/104斤
  { re: new RegExp(`(${BARE_HEIGHT})${SEPARATOR}(${UNIT_WEIGHT})`, 'dg'), heightFirst: true, height: bareHeight, weight: explicitWeight },
  // 150斤 180
  { re: new RegExp(`(${UNIT_WEIGHT})${SEPARATOR}(${BARE_HEIGHT})(?!\\s*(?:斤|kg|公斤|千克|块|元))`, 'dg'), heightFirst: false, height: bareHeight, weight: explicitWeight },
  // 一米六 九十 / 身高165 100
  { re: new RegExp(`(${EXPLICIT_HEIGHT})${SEPARATOR}(${BARE_WEIGHT})`, 'dg'), heightFirst: true, height: explicitHeight, weight: bareWeight },
];

/** Height and weight written as a pair where one of them is a bare number. */
export function findBodyPairs(text: string): (Height | Weight)[] {
  const out: (Height | Weight)[] = [];
  for (const pair of PAIRS) {
    for (const m of matches(pair.re, text)) {
      const [h, w] = pair.heightFirst ? [1, 2] : [2, 1];
      const cm = pair.height(m[h]!);
      const weight = pair.weight(m[w]!);
      if (cm === undefined || !HEIGHT_RANGE(cm) || weight === undefined || !WEIGHT_RANGE(weight.kg)) continue;
      const span = (g: number) => ({ text: m[g]!, start: m.indices![g]![0], end: m.indices![g]![1] });
      out.push({ type: 'height', cm, ...span(h) }, { type: 'weight', kg: weight.kg, ...(weight.assumedUnit ? { assumedUnit: weight.assumedUnit } : {}), ...span(w) });
    }
  }
  return out;
}

// Letter sizes (not inside Latin words: ems, cm), numeric sizes with 码, free size.
const SIZE = /(?<![a-z0-9.])(xxxxl|xxxl|xxl|xl|xs|[2-5]xl|[sml])(?![a-z])\s*(?:码|号)?|(\d{2}(?:\.5)?)\s*码|均码|free\s?size/g;

// A bare number asked for after a numeric size ("27码拍错了 要28"): the 码 carries over to it.
const CARRIED_SIZE = /(?:要|换成?|改成?|改为|拍)\s*(\d{2}(?:\.5)?)(?![\d.]|\s*(?:码|号|斤|kg|公斤|千克|cm|厘米|公分|块|元|岁|天|件|个|条|%))/dg;

export function findSizes(text: string): Size[] {
  const out: Size[] = [];
  for (const m of matches(SIZE, text)) {
    if (m[1] !== undefined) out.push(at<Size>(m, { type: 'size', value: m[1].toUpperCase(), system: 'letter' }));
    else if (m[2] !== undefined) out.push(at<Size>(m, { type: 'size', value: m[2], system: 'number' }));
    else out.push(at<Size>(m, { type: 'size', value: '均码', system: 'free' }));
  }
  const firstNumeric = out.find((size) => size.system === 'number');
  if (firstNumeric === undefined) return out;
  for (const m of matches(CARRIED_SIZE, text)) {
    const start = m.indices![1]![0];
    if (start < firstNumeric.end) continue;
    out.push({ type: 'size', value: m[1]!, system: 'number', text: m[1]!, start, end: m.indices![1]![1] });
  }
  return out;
}
