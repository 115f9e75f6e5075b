import { describe, expect, it } from 'vitest';
import { toCsv, toTable, type Column } from './table.ts';

interface Row {
  name: string;
  n: number | null;
}
const columns: Column<Row>[] = [
  { title: '名称', value: (r) => r.name },
  { title: '数量', value: (r) => r.n },
];

describe('toCsv', () => {
  it('starts with a UTF-8 BOM, uses Chinese headers and CRLF line ends', () => {
    const csv = toCsv([{ name: '羊毛大衣', n: 2 }], columns);
    expect(csv).toBe('\uFEFF名称,数量\r\n羊毛大衣,2\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180), and leaves null empty', () => {
    const csv = toCsv([{ name: '他说"好",\n明天', n: null }], columns);
    expect(csv).toBe('\uFEFF名称,数量\r\n"他说""好"",\n明天",\r\n');
  });

  it('keeps buyer text that looks like a formula from running in a spreadsheet, but not numbers', () => {
    const csv = toCsv([{ name: '=HYPERLINK("x")', n: -3 }], columns);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",-3`);
  });

  it('an empty notebook is the header line alone', () => {
    expect(toCsv([], columns)).toBe('\uFEFF名称,数量\r\n');
    expect(toTable([], columns)).toEqual({ headers: ['名称', '数量'], cells: [] });
  });
});
