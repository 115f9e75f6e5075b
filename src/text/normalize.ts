import * as OpenCC from 'opencc-js';

/**
 * Chinese text normalisation that keeps every offset: traditional characters map to
 * simplified ones one by one, full-width ASCII to half-width, Latin letters to lower case.
 * The output has exactly the input's length, so a span found in it is a span of the input.
 * Shared by the compliance linter and the NLU (a leaf module: it imports nothing of kefu).
 */
let toSimplified: ((s: string) => string) | undefined;

const CJK_FIRST = 0x3400;
const CJK_LAST = 0x9fff;
/** Simplified code unit per CJK code unit, filled on first sight (0 = not looked up yet). */
const cjkTable = new Uint16Array(CJK_LAST - CJK_FIRST + 1);

/** The simplified form of one CJK code unit; conversions that would change the length keep the original. */
function simplifyCode(code: number): number {
  const slot = code - CJK_FIRST;
  const cached = cjkTable[slot]!;
  if (cached !== 0) return cached;
  const ch = String.fromCharCode(code);
  const convert = (toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  const converted = ch === '妳' ? '你' : convert(ch);
  const out = converted.length === 1 ? converted.charCodeAt(0) : code;
  cjkTable[slot] = out;
  return out;
}

/** Normalises one UTF-16 code unit without changing the length. */
function normCode(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c >= CJK_FIRST && c <= CJK_LAST) return simplifyCode(c);
  if (c >= 0xff01 && c <= 0xff5e) {
    const half = c - 0xfee0;
    return half >= 65 && half <= 90 ? half + 32 : half;
  }
  return c === 0x3000 ? 32 : c;
}

const utf16 = new TextDecoder('utf-16le');

export function normalizeSameLength(text: string): string {
  // Most replies need few changes: find the first one before building anything.
  let i = 0;
  while (i < text.length && normCode(text.charCodeAt(i)) === text.charCodeAt(i)) i++;
  if (i === text.length) return text;
  const codes = new Uint16Array(text.length);
  for (let k = 0; k < text.length; k++) codes[k] = k < i ? text.charCodeAt(k) : normCode(text.charCodeAt(k));
  return utf16.decode(codes);
}
