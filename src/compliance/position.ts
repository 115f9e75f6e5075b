/**
 * Maps UTF-16 offsets of one text to 1-based line and column (columns count characters,
 * not code units). Line starts are found once, so a long document with many findings
 * costs a binary search per finding rather than a scan from the start.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    return (this.starts = starts);
  }

  locate(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo]!;
    let column = 1;
    for (let i = lineStart; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      // A surrogate pair is one character.
      if (!(c >= 0xdc00 && c <= 0xdfff && i > lineStart)) column++;
    }
    return { line: lo + 1, column };
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return new LineIndex(text).locate(offset);
}
