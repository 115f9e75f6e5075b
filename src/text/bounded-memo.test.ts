import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo.ts';

describe('boundedMemo', () => {
  it('computes a key once and answers it from the memo afterwards', () => {
    const calls: string[] = [];
    const remember = boundedMemo<number>(10);
    const length = (key: string) => remember(key, () => (calls.push(key), key.length));
    expect([length('ab'), length('abc'), length('ab')]).toEqual([2, 3, 2]);
    expect(calls).toEqual(['ab', 'abc']);
  });

  it('starts over past its limit, still answering right', () => {
    const calls: string[] = [];
    const remember = boundedMemo<string>(2);
    const upper = (key: string) => remember(key, () => (calls.push(key), key.toUpperCase()));
    for (const key of ['a', 'b', 'c', 'a']) expect(upper(key)).toBe(key.toUpperCase());
    // 'c' found the memo full and cleared it, so 'a' was computed again.
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
