import type { SizeRow } from './schema.ts';

/**
 * Size advice from a size chart (身高 cm + 体重 kg), as an agent reads a chart.
 *
 * A chart lists its rows from the smallest size to the largest; "larger" below means later in
 * the chart. A row fits a body when both its height and its weight range contain it (ends
 * included). Then:
 *
 * 1. One row fits → that size (`basis: 'chart'`).
 * 2. Several rows fit (neighbouring rows overlap, as real charts do) → decided by weight
 *    (`basis: 'weight'`): start at the smallest fitting row and move to the next fitting row while
 *    the weight is in the upper half of the current row's weight range (above its midpoint). A
 *    buyer at the heavy end of M gets L; one in the lower half of M stays in M.
 * 3. No row fits both, but the height fits some rows and the weight others (tall and slim,
 *    short and heavy) → the larger of the two nearest sizes, flagged
 *    `between: [smaller, larger]` so the reply can say 「您介于M和L之间，建议选L，喜欢修身可以选M」
 *    (`basis: 'between'`).
 * 4. The height or the weight is outside every row → no size, with the reason
 *    (`too-short`/`too-tall`/`too-light`/`too-heavy`; `gap` for a value between two rows of a
 *    chart with holes; `invalid` for a non-positive or non-finite number; `empty-chart`).
 *    Height is checked before weight.
 */

export type SizeMiss = 'too-short' | 'too-tall' | 'too-light' | 'too-heavy' | 'gap' | 'invalid' | 'empty-chart';

export type SizeAdvice =
  | {
      size: string;
      basis: 'chart' | 'weight' | 'between';
      /** Set when height and weight point to different sizes: [smaller, larger]; `size` is the larger. */
      between?: readonly [string, string];
    }
  | { size: undefined; reason: SizeMiss };

/** Whether a row's range contains a value (ends included). */
const inRange = (value: number, min: number, max: number) => value >= min && value <= max;

function miss(value: number, rows: readonly SizeRow[], min: (r: SizeRow) => number, max: (r: SizeRow) => number, below: SizeMiss, above: SizeMiss): SizeMiss {
  if (value < Math.min(...rows.map(min))) return below;
  if (value > Math.max(...rows.map(max))) return above;
  return 'gap';
}

/** The index in `indices` closest to `target` (the first on a tie). */
function nearest(indices: readonly number[], target: readonly number[]): number {
  let best = indices[0] ?? 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const i of indices) {
    const distance = Math.min(...target.map((t) => Math.abs(t - i)));
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

export function sizeFor(chart: readonly SizeRow[], heightCm: number, weightKg: number): SizeAdvice {
  if (chart.length === 0) return { size: undefined, reason: 'empty-chart' };
  if (!Number.isFinite(heightCm) || !Number.isFinite(weightKg) || heightCm <= 0 || weightKg <= 0) return { size: undefined, reason: 'invalid' };

  const byHeight = chart.flatMap((r, i) => (inRange(heightCm, r.heightMin, r.heightMax) ? [i] : []));
  const byWeight = chart.flatMap((r, i) => (inRange(weightKg, r.weightMinKg, r.weightMaxKg) ? [i] : []));
  if (byHeight.length === 0) {
    return { size: undefined, reason: miss(heightCm, chart, (r) => r.heightMin, (r) => r.heightMax, 'too-short', 'too-tall') };
  }
  if (byWeight.length === 0) {
    return { size: undefined, reason: miss(weightKg, chart, (r) => r.weightMinKg, (r) => r.weightMaxKg, 'too-light', 'too-heavy') };
  }

  const both = byHeight.filter((i) => byWeight.includes(i));
  const [first] = both;
  if (first !== undefined) {
    if (both.length === 1) return { size: chart[first]!.size, basis: 'chart' };
    let pick = first;
    for (const next of both.slice(1)) {
      const row = chart[pick]!;
      if (weightKg > (row.weightMinKg + row.weightMaxKg) / 2) pick = next;
      else break;
    }
    return { size: chart[pick]!.size, basis: 'weight' };
  }

  const h = nearest(byHeight, byWeight);
  const w = nearest(byWeight, byHeight);
  const smaller = chart[Math.min(h, w)]!.size;
  const larger = chart[Math.max(h, w)]!.size;
  return { size: larger, basis: 'between', between: [smaller, larger] };
}
