import { describe, expect, it } from 'vitest';
import { parseNumeral } from './numbers.ts';

describe('parseNumeral', () => {
  it.each([
    ['12', 12], ['3.5', 3.5], ['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['二十五', 25], ['一百', 100],
    ['一百零五', 105], ['两百五', 250], ['两百', 200], ['一千二', 1200], ['三万五', 35000], ['七八', 7], ['一三八', 138],
    ['俩', 2], ['零', 0],
  ] as const)('%s → %d', (text, value) => {
    expect(parseNumeral(text)).toBe(value);
  });

  it.each(['', 'abc', '十a', '1.2.3'])('rejects %j', (text) => {
    expect(parseNumeral(text)).toBeUndefined();
  });
});
