import { describe, expect, it } from 'vitest';
import { displayWidth } from './width.ts';

describe('displayWidth', () => {
  it('gives CJK, full-width forms and emoji two cells', () => {
    expect(displayWidth('你好')).toBe(4);
    expect(displayWidth('ab')).toBe(2);
    expect(displayWidth('，')).toBe(2);
    expect(displayWidth('😊')).toBe(2);
    expect(displayWidth('👍🏻')).toBe(4);
  });
});
