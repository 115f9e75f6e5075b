import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureIndex } from './feature-index.ts';

describe('FeatureIndex', () => {
  it('finds every id it was built from, and nothing else', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 0xffffffff }), { maxLength: 300 }), fc.nat({ max: 0xffffffff }), (ids, probe) => {
        const index = new FeatureIndex(ids);
        ids.forEach((id, row) => expect(index.rowOf(id)).toBe(row));
        if (!ids.includes(probe)) expect(index.rowOf(probe)).toBe(-1);
        expect(index.size).toBe(ids.length);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects duplicate ids', () => {
    expect(() => new FeatureIndex([7, 7])).toThrow(/duplicate/);
  });
});
