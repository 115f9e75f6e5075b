import * as OpenCC from 'opencc-js';

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

let toSimplified: ((s: string) => string) | undefined;
const charCache = new Map<string, string>();

/** Maps one traditional character to its simplified form (same length), caching the answer. */
function simplifyChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  const convert = (toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  const converted = ch === '妳' ? '你' : convert(ch);
  // A conversion that changes the length would break offsets: keep the original then.
  const out = converted.length === ch.length ? converted : ch;
  charCache.set(ch, out);
  return out;
}

/** Normalises one UTF-16 code unit (or surrogate-free character) without changing its length. */
function normChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  if (c >= 0xff01 && c <= 0xff5e) {
    const half = c - 0xfee0;
    return String.fromCharCode(half >= 65 && half <= 90 ? half + 32 : half);
  }
  if (c === 0x3000) return ' ';
  if (c >= 0x3400 && c <= 0x9fff) return simplifyChar(ch);
  return ch;
}

export function normalizeSameLength(text: string): string {
  let out = '';
  let plainRun = 0;
  // Fast path: copy runs of characters that need no change in one slice.
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const n = normChar(ch);
    if (n === ch) continue;
    out += text.slice(plainRun, i) + n;
    plainRun = i + 1;
  }
  return plainRun === 0 ? text : out + text.slice(plainRun);
}

const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"' };

function findQuoted(norm: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < norm.length; i++) {
    const close = QUOTE_PAIRS[norm[i]!];
    if (close === undefined) continue;
    const end = norm.indexOf(close, i + 1);
    if (end < 0) break;
    spans.push([i, end + 1]);
    i = end;
  }
  return spans;
}

export function createTextView(text: string): TextView {
  const norm = normalizeSameLength(text);
  return { original: text, norm, quoted: findQuoted(norm) };
}

export function isQuoted(view: TextView, start: number, end: number): boolean {
  return view.quoted.some(([qs, qe]) => start >= qs && end <= qe);
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
