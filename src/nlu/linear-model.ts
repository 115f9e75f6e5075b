import { z } from 'zod';

/**
 * Multinomial logistic regression over sparse binary features, trained with SGD.
 * Small, deterministic (seeded shuffle) and fast to evaluate: a prediction touches only the
 * message's own features.
 */
export const LinearModelSchema = z.object({
  labels: z.array(z.string()),
  features: z.array(z.string()),
  /** Row-major weights[f * labels.length + k], as base64 of little-endian float32 (compact on disk). */
  weights: z.string(),
  bias: z.array(z.number()),
});
export type SerializedLinearModel = z.infer<typeof LinearModelSchema>;

export interface LinearModel {
  labels: readonly string[];
  index: ReadonlyMap<string, number>;
  weights: Float64Array;
  bias: Float64Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

// Chosen by 4-fold cross-validation on the training split (never on the dev split).
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 40, learningRate: 3, l2: 1e-5, seed: 7 };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k]! - max);
    sum += scores[k]!;
  }
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
}

/** Class probabilities for a set of feature indices (each with value 1/√n). */
function probabilities(model: LinearModel, active: readonly number[]): Float64Array {
  const K = model.labels.length;
  const scores = Float64Array.from(model.bias);
  const x = active.length > 0 ? 1 / Math.sqrt(active.length) : 0;
  for (const f of active) {
    const row = f * K;
    for (let k = 0; k < K; k++) scores[k]! += model.weights[row + k]! * x;
  }
  softmaxInPlace(scores);
  return scores;
}

export function train(samples: readonly { features: readonly string[]; label: string }[], options: Partial<TrainOptions> = {}): LinearModel {
  const { epochs, learningRate, l2, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const index = new Map<string, number>();
  const encoded = samples.map((s) => ({
    active: s.features.map((f) => {
      let i = index.get(f);
      if (i === undefined) index.set(f, (i = index.size));
      return i;
    }),
    y: labelIndex.get(s.label)!,
  }));
  const K = labels.length;
  const model: LinearModel = { labels, index, weights: new Float64Array(index.size * K), bias: new Float64Array(K) };
  const random = mulberry32(seed);
  const order = encoded.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = learningRate / (1 + epoch * 0.1);
    for (const n of order) {
      const { active, y } = encoded[n]!;
      const p = probabilities(model, active);
      const x = active.length > 0 ? 1 / Math.sqrt(active.length) : 0;
      for (let k = 0; k < K; k++) {
        const g = p[k]! - (k === y ? 1 : 0);
        model.bias[k]! -= lr * g;
        for (const f of active) {
          const w = f * K + k;
          model.weights[w]! -= lr * (g * x + l2 * model.weights[w]!);
        }
      }
    }
  }
  return model;
}

/** Probabilities by label for a message's features; unknown features are ignored. */
export function predict(model: LinearModel, features: readonly string[]): Float64Array {
  const active: number[] = [];
  for (const f of features) {
    const i = model.index.get(f);
    if (i !== undefined) active.push(i);
  }
  return probabilities(model, active);
}

/**
 * The share of a message's multi-character features the model has seen in training (0 for
 * none). Single characters are left out: nearly all of them are known, even in keyboard mash.
 */
export function coverage(model: LinearModel, features: readonly string[]): number {
  let known = 0;
  let counted = 0;
  for (const f of features) {
    // One character, possibly a surrogate pair.
    if (f.length < 2 || (f.length === 2 && f.charCodeAt(0) >= 0xd800 && f.charCodeAt(0) <= 0xdbff)) continue;
    counted++;
    if (model.index.has(f)) known++;
  }
  return counted === 0 ? 0 : known / counted;
}

export function serialize(model: LinearModel): SerializedLinearModel {
  const features = [...model.index.keys()];
  const weights = Buffer.from(Float32Array.from(model.weights).buffer).toString('base64');
  return { labels: [...model.labels], features, weights, bias: [...model.bias] };
}

export function deserialize(data: SerializedLinearModel): LinearModel {
  const parsed = LinearModelSchema.parse(data);
  const bytes = Buffer.from(parsed.weights, 'base64');
  const weights = Float64Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
  if (weights.length !== parsed.features.length * parsed.labels.length || parsed.bias.length !== parsed.labels.length) {
    throw new Error('model weights do not match its features and labels');
  }
  return { labels: parsed.labels, index: new Map(parsed.features.map((f, i) => [f, i])), weights, bias: Float64Array.from(parsed.bias) };
}
