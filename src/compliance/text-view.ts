import { normalizeSameLength } from '../text/normalize.ts';

/**
 * The linted text as rules see it. `norm` has exactly the same length as `original`,
 * so an offset found in `norm` is an offset in `original`: traditional characters are
 * mapped to simplified ones one by one, full-width ASCII to half-width, Latin letters
 * to lower case. Rules match on `norm` and report offsets; fixes edit `original`.
 */
export interface TextView {
  readonly original: string;
  readonly norm: string;
  /** Quoted stretches (“…”, 「…」, 『…』, "…"): usually the buyer's words, not the agent's. */
  readonly quoted: readonly (readonly [number, number])[];
}

/** Opening quote code unit → its closing one. */
const QUOTE_PAIRS = new Map<number, number>([
  [0x201c, 0x201d], // “ ”
  [0x300c, 0x300d], // 「 」
  [0x300e, 0x300f], // 『 』
  [0x22, 0x22], // " "
]);
const QUOTE_OPENERS = ['“', '「', '『', '"'];

/** Quoted spans in text order; a quote closes on its own line or not at all (an unclosed one quotes nothing). */
function findQuoted(norm: string): [number, number][] {
  const spans: [number, number][] = [];
  // Most replies quote nothing: four native scans are cheaper than a loop over every character.
  if (!QUOTE_OPENERS.some((q) => norm.includes(q))) return spans;
  for (let i = 0; i < norm.length; i++) {
    const close = QUOTE_PAIRS.get(norm.charCodeAt(i));
    if (close === undefined) continue;
    let end = i + 1;
    while (end < norm.length && norm.charCodeAt(end) !== close && norm.charCodeAt(end) !== 0x0a) end++;
    if (end < norm.length && norm.charCodeAt(end) === close) {
      spans.push([i, end + 1]);
      i = end;
    }
  }
  return spans;
}

export function createTextView(text: string): TextView {
  const norm = normalizeSameLength(text);
  return { original: text, norm, quoted: findQuoted(norm) };
}

export function isQuoted(view: TextView, start: number, end: number): boolean {
  // Binary search for the last span opening at or before `start` (spans are sorted and disjoint).
  const spans = view.quoted;
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![0] <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && end <= spans[found]![1];
}

/** Characters that end a clause: a hedge or a negation does not reach across them. */
export const CLAUSE_BREAK = /[,.!?;:~，。！？；：、…\n]/;

/** The stretch of `norm` from the start of the clause containing `offset` up to `offset`. */
export function clauseBefore(view: TextView, offset: number, maxChars = 12): string {
  let i = offset;
  while (i > 0 && offset - i < maxChars && !CLAUSE_BREAK.test(view.norm[i - 1]!)) i--;
  return view.norm.slice(i, offset);
}

/** The stretch of `norm` from `offset` to the end of its clause. */
export function clauseAfter(view: TextView, offset: number, maxChars = 12): string {
  let i = offset;
  while (i < view.norm.length && i - offset < maxChars && !CLAUSE_BREAK.test(view.norm[i]!)) i++;
  return view.norm.slice(offset, i);
}

export interface TextMatch {
  start: number;
  end: number;
  /** The matched text in `norm`. */
  text: string;
  groups: readonly (string | undefined)[];
}

/**
 * All matches of a global regex in `norm`, skipping those inside quotes unless asked.
 * The regex must have the `g` flag; it is reset before use.
 */
export function matchAll(view: TextView, re: RegExp, opts: { includeQuoted?: boolean } = {}): TextMatch[] {
  if (!re.global) throw new Error(`matchAll needs a global regex: ${re.source}`);
  const out: TextMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(view.norm); m !== null; m = re.exec(view.norm)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    if (!opts.includeQuoted && isQuoted(view, start, end)) continue;
    out.push({ start, end, text: m[0], groups: m.slice(1) });
  }
  return out;
}
