import { describe, expect, it } from 'vitest';
import { deserialize, predict, serialize, train } from './linear-model.ts';

const samples = [
  { features: ['便', '宜', '便宜'], label: 'cheap' },
  { features: ['便', '宜', '点'], label: 'cheap' },
  { features: ['包', '邮', '包邮'], label: 'ship' },
  { features: ['邮', '费'], label: 'ship' },
];

describe('linear model', () => {
  const model = train(samples, { epochs: 50 });

  it('learns a separable problem', () => {
    const p = predict(model, ['便宜']);
    expect(model.labels[p.indexOf(Math.max(...p))]).toBe('cheap');
    const q = predict(model, ['包邮']);
    expect(model.labels[q.indexOf(Math.max(...q))]).toBe('ship');
  });

  it('gives probabilities that sum to 1, also for unknown features', () => {
    for (const features of [['便宜'], ['从没见过'], []]) {
      const p = predict(model, features);
      expect([...p].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('is deterministic for a seed', () => {
    expect(serialize(train(samples, { epochs: 5 }))).toEqual(serialize(train(samples, { epochs: 5 })));
  });

  it('round-trips through its serialised form (float32 weights)', () => {
    const back = deserialize(JSON.parse(JSON.stringify(serialize(model))));
    const a = predict(model, ['便宜', '邮']);
    const b = predict(back, ['便宜', '邮']);
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 5));
  });

  it('rejects a serialised model whose weights do not fit', () => {
    const data = serialize(model);
    expect(() => deserialize({ ...data, features: [...data.features, 'extra'] })).toThrow(/do not match/);
    expect(() => deserialize({ ...data, weights: 42 } as unknown as typeof data)).toThrow();
  });
});
