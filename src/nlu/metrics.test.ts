import { describe, expect, it } from 'vitest';
import { evaluate } from './metrics.ts';

describe('evaluate', () => {
  it('computes accuracy, per-intent precision/recall/F1, macro-F1 and confusions', () => {
    const ev = evaluate([
      { gold: 'stock', predicted: 'stock' },
      { gold: 'stock', predicted: 'gift' },
      { gold: 'gift', predicted: 'gift' },
      { gold: 'gift', predicted: 'gift' },
    ]);
    expect(ev.accuracy).toBe(0.75);
    const stock = ev.perIntent.find((s) => s.intent === 'stock')!;
    const gift = ev.perIntent.find((s) => s.intent === 'gift')!;
    expect(stock).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(gift).toMatchObject({ precision: 2 / 3, recall: 1, support: 2 });
    expect(ev.macroF1).toBeCloseTo((stock.f1 + gift.f1) / 2, 10);
    expect(ev.confusions).toEqual([{ gold: 'stock', predicted: 'gift', count: 1 }]);
  });

  it('counts an intent that is only predicted in per-intent scores but not in macro-F1', () => {
    const ev = evaluate([{ gold: 'stock', predicted: 'other' }]);
    expect(ev.perIntent.map((s) => s.intent)).toEqual(['stock', 'other']);
    expect(ev.macroF1).toBe(0);
  });

  it('handles an empty list', () => {
    expect(evaluate([])).toMatchObject({ total: 0, accuracy: 0, macroF1: 0 });
  });
});
