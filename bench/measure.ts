import type { JsonValue } from './types.ts';

export interface Throughput {
  seconds: number;
  passes: number;
  /** Replies (or documents) per pass and UTF-8 bytes per pass. */
  itemsPerPass: number;
  bytesPerPass: number;
  itemsPerSecond: number;
  /** Decimal megabytes (10^6 bytes) of UTF-8 per second. */
  mbPerSecond: number;
  /** Findings of one pass (the same every pass, checked). */
  findings: number;
}

export interface MeasureOptions {
  items: number;
  bytes: number;
  minSeconds: number;
  maxPasses?: number;
}

/**
 * Times whole passes of `pass` until at least `minSeconds` have gone by (and at least one
 * pass ran). `pass` returns its number of findings, which must not change between passes.
 */
export async function measure(pass: () => number | Promise<number>, opts: MeasureOptions): Promise<Throughput> {
  const maxPasses = opts.maxPasses ?? 10_000;
  let passes = 0;
  let findings = -1;
  let seconds = 0;
  const start = performance.now();
  do {
    const n = await pass();
    if (findings === -1) findings = n;
    else if (n !== findings) throw new Error(`findings changed between passes (${findings} then ${n})`);
    passes++;
    seconds = (performance.now() - start) / 1000;
  } while (seconds < opts.minSeconds && passes < maxPasses);
  return {
    seconds,
    passes,
    itemsPerPass: opts.items,
    bytesPerPass: opts.bytes,
    itemsPerSecond: (opts.items * passes) / seconds,
    mbPerSecond: (opts.bytes * passes) / seconds / 1e6,
    findings,
  };
}

export function throughputJson(t: Throughput): { [key: string]: JsonValue } {
  return { ...t };
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 3 significant digits, thousands separated: 152,000 · 1,230 · 20.9 · 0.412. */
export function sig3(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const digits = Math.floor(Math.log10(Math.abs(n))) + 1;
  if (digits >= 3) {
    const unit = 10 ** (digits - 3);
    return int.format(Math.round(n / unit) * unit);
  }
  return n.toFixed(3 - digits);
}

export function formatCount(n: number): string {
  return int.format(n);
}

export function formatRatio(kefu: number, peer: number): string {
  if (peer <= 0) return 'n/a';
  return `${sig3(kefu / peer)}×`;
}
