import { softmaxAt } from './linear-model.ts';

/**
 * Calibration: a confidence of 0.8 should be right about 80% of the time. The reliability
 * table bins answers by confidence and compares each bin's mean confidence with its
 * accuracy; the expected calibration error (ECE) is the count-weighted mean gap. The model
 * is calibrated by temperature scaling, fitted on held-out folds of the training data.
 */
export interface ScoredAnswer {
  confidence: number;
  correct: boolean;
}

export interface ReliabilityBin {
  /** The bin holds confidences in [from, to) (the last one includes 1). */
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

export interface Reliability {
  total: number;
  bins: ReliabilityBin[];
  /** Expected calibration error: Σ count/total · |accuracy − mean confidence|, over the bins. */
  ece: number;
}

export function reliability(answers: readonly ScoredAnswer[], binCount = 10): Reliability {
  const sums = Array.from({ length: binCount }, () => ({ count: 0, confidence: 0, correct: 0 }));
  for (const a of answers) {
    const bin = sums[Math.min(binCount - 1, Math.max(0, Math.floor(a.confidence * binCount)))]!;
    bin.count++;
    bin.confidence += a.confidence;
    if (a.correct) bin.correct++;
  }
  const total = answers.length;
  let ece = 0;
  const bins = sums.map((s, i) => {
    const meanConfidence = s.count === 0 ? 0 : s.confidence / s.count;
    const accuracy = s.count === 0 ? 0 : s.correct / s.count;
    if (total > 0) ece += (s.count / total) * Math.abs(accuracy - meanConfidence);
    return { from: i / binCount, to: (i + 1) / binCount, count: s.count, meanConfidence, accuracy };
  });
  return { total, bins, ece };
}

/** A held-out message's raw class scores and the index of its gold label. */
export interface HeldOutScores {
  logits: Float64Array;
  gold: number;
}

/** Mean negative log-likelihood of the gold labels at a temperature. */
export function meanNll(heldOut: readonly HeldOutScores[], temperature: number): number {
  let sum = 0;
  for (const h of heldOut) sum -= Math.log(Math.max(1e-12, softmaxAt(Float64Array.from(h.logits), temperature)[h.gold]!));
  return heldOut.length === 0 ? 0 : sum / heldOut.length;
}

/** The temperature in [0.2, 5] that minimises the held-out NLL (golden-section search on log T; NLL is unimodal in it). */
export function fitTemperature(heldOut: readonly HeldOutScores[]): number {
  if (heldOut.length === 0) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.2);
  let hi = Math.log(5);
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = meanNll(heldOut, Math.exp(a));
  let fb = meanNll(heldOut, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = meanNll(heldOut, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = meanNll(heldOut, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
