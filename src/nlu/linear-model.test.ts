import { describe, expect, it } from 'vitest';
import { deserialize, predict, serialize, train } from './linear-model.ts';

const samples = [
  { features: [1, 2, 12], label: 'cheap' },
  { features: [1, 2, 3], label: 'cheap' },
  { features: [4, 5, 45], label: 'ship' },
  { features: [5, 6], label: 'ship' },
];

describe('linear model', () => {
  const model = train(samples, { epochs: 50, pruneBelow: 0 });

  it('learns a separable problem', () => {
    const p = predict(model, [12]);
    expect(model.labels[p.indexOf(Math.max(...p))]).toBe('cheap');
    const q = predict(model, [45]);
    expect(model.labels[q.indexOf(Math.max(...q))]).toBe('ship');
  });

  it('gives probabilities that sum to 1, also for unknown features', () => {
    for (const features of [[12], [999], []]) {
      const p = predict(model, features);
      expect([...p].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('is deterministic for a seed', () => {
    expect(serialize(train(samples, { epochs: 5 }))).toEqual(serialize(train(samples, { epochs: 5 })));
  });

  it('round-trips through its serialised form (float32 weights)', () => {
    const back = deserialize(JSON.parse(JSON.stringify(serialize(model))));
    const a = predict(model, [12, 5]);
    const b = predict(back, [12, 5]);
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 5));
  });

  it('rejects a serialised model whose weights do not fit', () => {
    const data = serialize(model);
    expect(() => deserialize({ ...data, features: [...data.features, 77] })).toThrow(/do not match/);
    expect(() => deserialize({ ...data, values: 42 } as unknown as typeof data)).toThrow();
    expect(() => deserialize({ ...data, rowStart: data.rowStart.slice(1) })).toThrow(/do not match/);
  });
});
