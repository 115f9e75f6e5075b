import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { found } from './test-helpers.ts';

/**
 * Property tests: every way buyers write a height and a weight — digits (half- or full-width),
 * Chinese numerals, 一米X, decimal metres, units or none, traditional characters, separators,
 * either order — must read back as the values written.
 */
const DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A number in Chinese, the standard reading or (when `colloquial`) the short one: 一百二 = 120, 两百 = 200. */
function chinese(n: number, colloquial: boolean): string {
  if (n < 10) return DIGIT[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGIT[n % 10]}`;
  if (n < 100) return `${DIGIT[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGIT[n % 10]}`;
  const hundreds = Math.floor(n / 100);
  const head = `${hundreds === 2 && colloquial ? '两' : DIGIT[hundreds]}百`;
  const rest = n % 100;
  if (rest === 0) return head;
  if (rest < 10) return `${head}零${DIGIT[rest]}`;
  if (colloquial && rest % 10 === 0) return `${head}${DIGIT[rest / 10]}`;
  return `${head}${rest < 20 ? '一' : ''}${chinese(rest, false)}`;
}

const fullWidth = (s: string) => s.replace(/[0-9a-zA-Z.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

interface Piece {
  text: string;
  /** Written without any marker or unit: only readable next to the other one. */
  bare: boolean;
}

function heightWritings(cm: number): Piece[] {
  const tens = Math.floor((cm - 100) / 10);
  const ones = cm % 10;
  const metreWord = `一米${DIGIT[tens]}${ones === 0 ? '' : DIGIT[ones]}`;
  const metreDigits = `1米${tens}${ones === 0 ? '' : ones}`;
  const decimal = `1.${String(cm - 100).padStart(2, '0')}`;
  const written = [
    `${cm}cm`, `${cm}CM`, `${cm} cm`, `${cm}厘米`, `${cm}公分`, `${cm}釐米`, `身高${cm}`, `身高${cm}cm`, `身高:${cm}`, `个子${cm}`, `個子${cm}`,
    `${decimal}m`, `${decimal}米`, `身高${decimal}`, metreWord, metreDigits, `身高${metreWord}`, `身高${metreDigits}`,
    `${chinese(cm, false)}厘米`, `身高${chinese(cm, false)}`, `身高${chinese(cm, true)}`, fullWidth(`${cm}cm`), `身高${fullWidth(String(cm))}`,
  ];
  return [...written.map((text) => ({ text, bare: false })), { text: String(cm), bare: true }];
}

function weightWritings(kg: number): Piece[] {
  const jin = kg * 2;
  const written = [
    `${jin}斤`, `${chinese(jin, false)}斤`, `${chinese(jin, true)}斤`, `体重${jin}斤`, `體重${jin}斤`, `体重${chinese(jin, false)}斤`, `体重${jin}`,
    `${kg}kg`, `${kg}KG`, `${kg} kg`, `${kg}公斤`, `${kg}千克`, `体重${kg}kg`, `體重${kg}公斤`, fullWidth(`${kg}kg`), `${fullWidth(String(jin))}斤`,
  ];
  const pieces = written.map((text) => ({ text, bare: false }));
  // A unit-less weight is read as 斤 above 75, kg below: write it the way that reads right.
  if (kg <= 75) pieces.push({ text: `体重${kg}`, bare: false });
  pieces.push({ text: String(jin), bare: true }, { text: chinese(jin, false), bare: true });
  return pieces;
}

const SEPARATORS = [' ', '  ', ',', '，', '/', ' / ', '、', ''];
const PREFIXES = ['', '我', '亲 ', '親，', '宝宝'];
const SUFFIXES = ['', ' 穿什么码', '穿啥码', ' 選哪個碼？', '😊', ' m码行吗'];

const endsInNumeral = (text: string) => /[0-9０-９零一二三四五六七八九十百两]$/.test(text);

const message = fc
  .record({
    cm: fc.integer({ min: 140, max: 199 }),
    kg: fc.integer({ min: 38, max: 120 }),
    heightChoice: fc.nat(),
    weightChoice: fc.nat(),
    separator: fc.constantFrom(...SEPARATORS),
    heightFirst: fc.boolean(),
    prefix: fc.constantFrom(...PREFIXES),
    suffix: fc.constantFrom(...SUFFIXES),
  })
  .map(({ cm, kg, heightChoice, weightChoice, separator, heightFirst, prefix, suffix }) => {
    const heights = heightWritings(cm);
    const weights = weightWritings(kg);
    let height = heights[heightChoice % heights.length]!;
    const weight = weights[weightChoice % weights.length]!;
    // At most one bare number, and a bare weight only after the height (as buyers write it).
    if (height.bare && weight.bare) height = heights[0]!;
    const first = heightFirst || weight.bare ? height : weight;
    const second = first === height ? weight : height;
    // Two numbers written together need something between them.
    const sep = separator === '' && (endsInNumeral(first.text) || first.bare || second.bare) ? ' ' : separator;
    return { text: `${prefix}${first.text}${sep}${second.text}${suffix}`, cm, kg };
  });

describe('height and weight, every way of writing them (property)', () => {
  it('reads back the height in cm and the weight in kg', () => {
    fc.assert(
      fc.property(message, ({ text, cm, kg }) => {
        expect(found(text, 'height').map((h) => h.cm), text).toEqual([cm]);
        expect(found(text, 'weight').map((w) => w.kg), text).toEqual([kg]);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives spans that are the buyer’s own words', () => {
    fc.assert(
      fc.property(message, ({ text }) => {
        for (const e of [...found(text, 'height'), ...found(text, 'weight')]) expect(text).toContain(e.text);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['一米五八 八十八斤', 158, 44],
    ['身高一米六二 体重九十五斤', 162, 47.5],
    ['180 150斤', 180, 75],
    ['165/104斤', 165, 52],
    ['1米6 100斤', 160, 50],
    ['1.58m 45kg', 158, 45],
    ['158cm 45kg', 158, 45],
    ['一米七五 一百四', 175, 70],
    ['身高一米六五 體重一百斤', 165, 50],
  ])('%s → %d cm, %d kg', (text, cm, kg) => {
    expect(found(text, 'height').map((h) => h.cm)).toEqual([cm]);
    expect(found(text, 'weight').map((w) => w.kg)).toEqual([kg]);
  });

  it.each(['180块 150斤', '买了180 发了150', '一米五八八十八斤', '订单180 150件'])('no bare height read in %s', (text) => {
    expect(found(text, 'height')).toEqual([]);
  });
});
