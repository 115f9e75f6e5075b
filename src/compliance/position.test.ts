import { describe, expect, it } from 'vitest';
import { lineColumn } from './position.ts';

describe('lineColumn', () => {
  it('counts lines and characters (not UTF-16 units) from 1', () => {
    expect(lineColumn('您好\n你好', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('😊你', 2)).toEqual({ line: 1, column: 2 });
    expect(lineColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
