/**
 * A notebook table: Chinese column titles and how each cell is shown. The same definition
 * renders the CSV download and the JSON table the web page draws, so both always agree.
 */
export type Cell = string | number | null;

export interface Column<Row> {
  title: string;
  value: (row: Row) => Cell;
}

export interface Table {
  headers: string[];
  cells: Cell[][];
}

export function toTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): Table {
  return { headers: columns.map((c) => c.title), cells: rows.map((row) => columns.map((c) => c.value(row))) };
}

/** Spreadsheet programs run cells that start like a formula; buyer text must never do that. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: Cell): string {
  if (cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF line ends, quoted fields where needed) with a UTF-8 byte-order mark, so
 * Excel opens the Chinese text correctly instead of guessing a legacy code page.
 */
export function toCsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const table = toTable(rows, columns);
  const lines = [table.headers, ...table.cells].map((line) => line.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
