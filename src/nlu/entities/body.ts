import { NUMERAL, parseNumeral } from '../numbers.ts';
import { at, matches } from './found.ts';
import type { Entity } from './schema.ts';

type Height = Extract<Entity, { type: 'height' }>;
type Weight = Extract<Entity, { type: 'weight' }>;
type Size = Extract<Entity, { type: 'size' }>;

// 身高165 / 身高1.7 / 165cm / 一米七 / 一米七五 / 1米65 / 1.7m
const HEIGHT = new RegExp(
  `身高\\s*(${NUMERAL})\\s*(?:cm|厘米|公分|米|m)?|(${NUMERAL})\\s*(?:cm|厘米|公分)|([一1])\\s*米\\s*([五六七八九5-9])\\s*([一二三四五六七八九\\d])?|(1\\.\\d{1,2})\\s*(?:m|米)(?![a-z])`,
  'g',
);

function heightCm(m: RegExpExecArray): number | undefined {
  if (m[3] !== undefined) {
    const tens = parseNumeral(m[4]!)!;
    const ones = m[5] === undefined ? 0 : parseNumeral(m[5])!;
    return 100 + tens * 10 + ones;
  }
  if (m[6] !== undefined) return Math.round(Number(m[6]) * 100);
  const value = parseNumeral(m[1] ?? m[2] ?? '');
  if (value === undefined) return undefined;
  return value < 3 ? Math.round(value * 100) : value;
}

export function findHeights(text: string): Height[] {
  const out: Height[] = [];
  for (const m of matches(HEIGHT, text)) {
    const cm = heightCm(m);
    if (cm !== undefined && cm >= 50 && cm <= 230) out.push(at<Height>(m, { type: 'height', cm }));
  }
  return out;
}

// 体重50 / 体重100斤 / 120斤 / 60kg / 55公斤
const WEIGHT = new RegExp(`体重\\s*(${NUMERAL})\\s*(斤|kg|公斤|千克)?|(${NUMERAL})\\s*(斤|kg|公斤|千克)`, 'g');

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

export function findWeights(text: string): Weight[] {
  const out: Weight[] = [];
  for (const m of matches(WEIGHT, text)) {
    const value = parseNumeral(m[1] ?? m[3] ?? '');
    if (value === undefined) continue;
    const weight = weightFromNumber(value, m[2] ?? m[4]);
    if (weight.kg >= 2 && weight.kg <= 250) out.push(at<Weight>(m, { type: 'weight', ...weight }));
  }
  return out;
}

// Letter sizes (not inside Latin words: ems, cm), numeric sizes with 码, free size.
const SIZE = /(?<![a-z0-9.])(xxxxl|xxxl|xxl|xl|xs|[2-5]xl|[sml])(?![a-z])\s*(?:码|号)?|(\d{2}(?:\.5)?)\s*码|均码|free\s?size/g;

export function findSizes(text: string): Size[] {
  const out: Size[] = [];
  for (const m of matches(SIZE, text)) {
    if (m[1] !== undefined) out.push(at<Size>(m, { type: 'size', value: m[1].toUpperCase(), system: 'letter' }));
    else if (m[2] !== undefined) out.push(at<Size>(m, { type: 'size', value: m[2], system: 'number' }));
    else out.push(at<Size>(m, { type: 'size', value: '均码', system: 'free' }));
  }
  return out;
}
