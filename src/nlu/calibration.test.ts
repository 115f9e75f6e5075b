import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitTemperature, meanNll, reliability, type HeldOutScores } from './calibration.ts';

describe('reliability', () => {
  it('bins answers by confidence with their mean confidence and accuracy', () => {
    const r = reliability(
      [
        { confidence: 0.95, correct: true },
        { confidence: 0.85, correct: true },
        { confidence: 0.95, correct: false },
        { confidence: 0.35, correct: false },
        { confidence: 1, correct: true },
      ],
      10,
    );
    expect(r.total).toBe(5);
    expect(r.bins).toHaveLength(10);
    expect(r.bins[9]).toMatchObject({ from: 0.9, to: 1, count: 3 });
    expect(r.bins[9]!.meanConfidence).toBeCloseTo((0.95 + 0.95 + 1) / 3, 10);
    expect(r.bins[9]!.accuracy).toBeCloseTo(2 / 3, 10);
    expect(r.bins[8]).toMatchObject({ count: 1, accuracy: 1 });
    expect(r.bins[3]).toMatchObject({ count: 1, accuracy: 0 });
    // ECE: 3/5·|2/3 − 0.9667| + 1/5·|1 − 0.85| + 1/5·|0 − 0.35|
    expect(r.ece).toBeCloseTo((3 / 5) * Math.abs(2 / 3 - 2.9 / 3) + (1 / 5) * 0.15 + (1 / 5) * 0.35, 10);
  });

  it('is 0 for answers whose confidence is their accuracy, and at most 1 for any answers', () => {
    expect(reliability([{ confidence: 1, correct: true }, { confidence: 0, correct: false }]).ece).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.record({ confidence: fc.double({ min: 0, max: 1, noNaN: true }), correct: fc.boolean() })), (answers) => {
        const r = reliability(answers);
        expect(r.bins.reduce((n, b) => n + b.count, 0)).toBe(answers.length);
        expect(r.ece).toBeGreaterThanOrEqual(0);
        expect(r.ece).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('handles no answers', () => {
    expect(reliability([])).toMatchObject({ total: 0, ece: 0 });
  });
});

describe('fitTemperature', () => {
  // Held-out scores of a model that is right 70% of the time with its top score 4 above the rest:
  // its softmax says ~0.93, so the fitted temperature must soften it (> 1).
  const overconfident: HeldOutScores[] = Array.from({ length: 100 }, (_, i) => ({
    logits: Float64Array.from([4, 0, 0]),
    gold: i % 10 < 7 ? 0 : 1 + (i % 2),
  }));

  it('softens an overconfident model so its confidence matches its accuracy', () => {
    const t = fitTemperature(overconfident);
    expect(t).toBeGreaterThan(1);
    const p0 = Math.exp(4 / t) / (Math.exp(4 / t) + 2);
    expect(p0).toBeCloseTo(0.7, 2);
    expect(meanNll(overconfident, t)).toBeLessThan(meanNll(overconfident, 1));
  });

  it('sharpens an underconfident one (< 1) and keeps 1 when there is nothing to fit', () => {
    const underconfident: HeldOutScores[] = Array.from({ length: 50 }, () => ({ logits: Float64Array.from([0.5, 0, 0]), gold: 0 }));
    expect(fitTemperature(underconfident)).toBeLessThan(1);
    expect(fitTemperature([])).toBe(1);
  });
});
