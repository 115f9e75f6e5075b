import fc from 'fast-check';
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

/** A strict RFC 4180 reader for the round trip (quoted fields may hold commas, quotes, CR and LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else if (i >= text.length) {
          throw new Error('unterminated quote');
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

describe('toCsv round trip', () => {
  it('any text comes back cell for cell (formula-looking text with its guard)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string({ unit: 'grapheme' }), n: fc.option(fc.integer()) }), { maxLength: 8 }), (rows) => {
        const csv = toCsv(rows, columns);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        const parsed = parseCsv(csv.slice(1));
        expect(parsed[0]).toEqual(['名称', '数量']);
        expect(parsed.slice(1)).toEqual(rows.map((r) => [/^[=+\-@\t\r]/.test(r.name) ? `'${r.name}` : r.name, r.n === null ? '' : String(r.n)]));
      }),
    );
  });
});
