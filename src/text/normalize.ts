import * as OpenCC from 'opencc-js';

/**
 * Chinese text normalisation that keeps every offset: traditional characters map to
 * simplified ones one by one, full-width ASCII to half-width, Latin letters to lower case.
 * The output has exactly the input's length, so a span found in it is a span of the input.
 * Shared by the compliance linter and the NLU (a leaf module: it imports nothing of kefu).
 */
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
