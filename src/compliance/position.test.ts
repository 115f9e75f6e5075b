import { describe, expect, it } from 'vitest';
import { LineIndex, lineColumn } from './position.ts';

describe('lineColumn', () => {
  it('counts lines and characters (not UTF-16 units) from 1', () => {
    expect(lineColumn('您好\n你好', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('😊你', 2)).toEqual({ line: 1, column: 2 });
    expect(lineColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('LineIndex', () => {
  it('agrees with a plain scan on every offset', () => {
    const text = '第一行\n😊第二行\r\n\n最后一行';
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const before = text.slice(0, offset);
      const lineStart = before.lastIndexOf('\n') + 1;
      expect(lines.locate(offset)).toEqual({ line: before.split('\n').length, column: [...text.slice(lineStart, offset)].length + 1 });
    }
  });
});
