import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadDemoShop } from './load.ts';
import type { SizeRow } from './schema.ts';
import { sizeFor } from './size.ts';

const shop = loadDemoShop();
const chartOf = (name: string): SizeRow[] => {
  const chart = shop.sizeCharts[name];
  if (chart === undefined) throw new Error(`no chart ${name}`);
  return chart;
};
// S 150–160/40–50, M 155–165/48–56, L 160–170/54–63, XL 165–175/61–70
const womenTop = chartOf('women-top');

describe('sizeFor', () => {
  it.each([
    [158, 45, 'S'],
    [162, 52, 'M'],
    [167, 60, 'L'],
    [172, 66, 'XL'],
  ])('%i cm / %i kg fits one row: %s', (h, w, size) => {
    expect(sizeFor(womenTop, h, w)).toEqual({ size, basis: 'chart' });
  });

  it('decides an overlap by weight: the heavy end of the smaller size takes the larger', () => {
    // 158 cm is S or M, 49 kg is S or M; 49 is above the middle of S's 40–50 → M.
    expect(sizeFor(womenTop, 158, 49)).toEqual({ size: 'M', basis: 'weight' });
    // Both ends of two ranges at once: 160 cm / 50 kg.
    expect(sizeFor(womenTop, 160, 50)).toEqual({ size: 'M', basis: 'weight' });
  });

  it('keeps the smaller size in the lower half of its weight range', () => {
    const wide: SizeRow[] = [
      { size: 'M', heightMin: 155, heightMax: 170, weightMinKg: 45, weightMaxKg: 60 },
      { size: 'L', heightMin: 160, heightMax: 175, weightMinKg: 50, weightMaxKg: 65 },
      { size: 'XL', heightMin: 165, heightMax: 180, weightMinKg: 55, weightMaxKg: 70 },
    ];
    expect(sizeFor(wide, 165, 52)).toEqual({ size: 'M', basis: 'weight' }); // M's middle is 52.5
    expect(sizeFor(wide, 165, 53)).toEqual({ size: 'L', basis: 'weight' });
    // Three rows fit: past M's middle and past L's middle (57.5) → XL.
    expect(sizeFor(wide, 168, 58)).toEqual({ size: 'XL', basis: 'weight' });
    expect(sizeFor(wide, 168, 56)).toEqual({ size: 'L', basis: 'weight' });
  });

  it('gives the larger size and flags `between` when height and weight disagree', () => {
    // Short and heavy: 152 cm is S only, 52 kg is M only.
    expect(sizeFor(womenTop, 152, 52)).toEqual({ size: 'M', basis: 'between', between: ['S', 'M'] });
    // Tall and slim: 168 cm is L/XL, 50 kg is S/M → the nearest pair M and L.
    expect(sizeFor(womenTop, 168, 50)).toEqual({ size: 'L', basis: 'between', between: ['M', 'L'] });
    // Far apart: 151 cm is S, 66 kg is XL.
    expect(sizeFor(womenTop, 151, 66)).toEqual({ size: 'XL', basis: 'between', between: ['S', 'XL'] });
  });

  it.each([
    [145, 45, 'too-short'],
    [180, 60, 'too-tall'],
    [158, 38, 'too-light'],
    [165, 80, 'too-heavy'],
    [140, 90, 'too-short'], // height is checked first
    [Number.NaN, 50, 'invalid'],
    [160, 0, 'invalid'],
    [-160, 50, 'invalid'],
  ])('outside the chart: %d cm / %d kg → %s', (h, w, reason) => {
    expect(sizeFor(womenTop, h, w)).toEqual({ size: undefined, reason });
  });

  it('reports a hole in a chart and an empty chart', () => {
    const holey: SizeRow[] = [
      { size: 'S', heightMin: 150, heightMax: 158, weightMinKg: 40, weightMaxKg: 50 },
      { size: 'L', heightMin: 162, heightMax: 170, weightMinKg: 54, weightMaxKg: 63 },
    ];
    expect(sizeFor(holey, 160, 45)).toEqual({ size: undefined, reason: 'gap' });
    expect(sizeFor([], 160, 50)).toEqual({ size: undefined, reason: 'empty-chart' });
  });

  it('reads the waist-size charts of the jeans', () => {
    expect(sizeFor(chartOf('women-jeans'), 160, 55)).toEqual({ size: '28', basis: 'chart' });
    expect(sizeFor(chartOf('men-jeans'), 175, 70)).toEqual({ size: '32', basis: 'weight' });
  });

  it('always answers with a size of the chart, or a reason', () => {
    const sizes = new Set(womenTop.map((r) => r.size));
    fc.assert(
      fc.property(fc.double({ min: 140, max: 185, noNaN: true }), fc.double({ min: 35, max: 80, noNaN: true }), (h, w) => {
        const advice = sizeFor(womenTop, h, w);
        if (advice.size === undefined) return ['too-short', 'too-tall', 'too-light', 'too-heavy'].includes(advice.reason);
        if (!sizes.has(advice.size)) return false;
        if (advice.between === undefined) return advice.basis !== 'between';
        return advice.basis === 'between' && advice.between[1] === advice.size && advice.between[0] !== advice.size;
      }),
    );
  });
});
