import { describe, expect, it } from 'vitest';
import { found } from './test-helpers.ts';

describe('a finding the buyer corrects in the same message', () => {
  it.each([
    ['体重110斤 不对 是120斤', 'weight', 60],
    ['我55公斤，说错了，50公斤', 'weight', 50],
    ['身高165哦不对是160cm', 'height', 160],
    ['30码选错了 要31', 'size', '31'],
  ] as const)('%s keeps only the corrected %s', (text, type, value) => {
    const values = found(text, type).map((e) => ('kg' in e ? e.kg : 'cm' in e ? e.cm : 'value' in e ? e.value : undefined));
    expect(values).toEqual([value]);
  });
  it('keeps both when nothing says the first was wrong', () => {
    expect(found('老公75公斤 我50公斤', 'weight').map((w) => w.kg)).toEqual([75, 50]);
    expect(found('110斤不对吗 120斤', 'weight').map((w) => w.kg)).toEqual([55, 60]);
    expect(found('30码偏小 要31', 'size').map((s) => s.value)).toEqual(['30', '31']);
  });
});
