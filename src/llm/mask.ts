import { findOrderIds, findPhones } from '../nlu/entities/contact.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * Buyer data never leaves for the model in clear: phone numbers, order ids, e-mail addresses,
 * WeChat/QQ-like handles, and the receiver names and addresses the caller knows are replaced by
 * stable tokens ⟦1⟧, ⟦2⟧ … (the same value always gets the same token across the script text,
 * the buyer message and the retry prompt) and put back in the model's answer.
 */

export interface KnownValues {
  /** Receiver names of the buyer's orders. */
  names?: readonly string[];
  /** Receiver addresses of the buyer's orders. */
  addresses?: readonly string[];
}

export interface Masker {
  /** The text with every sensitive value replaced by its token. */
  mask(text: string): string;
  /**
   * Puts the values back into a model answer. `problems` (Chinese, for the retry prompt) lists
   * tokens that are missing, repeated or unknown: each token of `expected` (the masked script
   * text) must come back exactly as often as it was sent.
   */
  restore(answer: string, expected: string): { text: string; problems: string[] };
}

const TOKEN = /⟦(\d+)⟧/g;
const STRAY_BRACKET = /[⟦⟧]/;

interface Span {
  start: number;
  end: number;
}

// A handle after a channel word: 微信 abc_123, vx：kefu01, QQ 12345678.
const HANDLE = /(?:微信|薇信|威信|v信|vx|wx|qq|扣扣|wechat)\s*(?:号|id)?\s*[:：是为]?\s*([a-z0-9][a-z0-9_-]{4,24})(?![a-z0-9_-])/g;
/** E-mail addresses (lower-case text); also a contact the rephraser may not add (facts.ts). */
export const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g;

function regexSpans(re: RegExp, norm: string, group = 0): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    const value = m[group];
    if (value === undefined || value === '') continue;
    const start = m.index + m[0].lastIndexOf(value);
    spans.push({ start, end: start + value.length });
  }
  return spans;
}

function literalSpans(norm: string, values: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const value of values) {
    const needle = normalizeSameLength(value.trim());
    if (needle.length < 2) continue; // one character would mask ordinary words
    for (let i = norm.indexOf(needle); i !== -1; i = norm.indexOf(needle, i + needle.length)) spans.push({ start: i, end: i + needle.length });
  }
  return spans;
}

/**
 * Sensitive spans of a text, longest first where they overlap (an address holding a name stays
 * one token). `seen` are the values masked before: they stay masked wherever they reappear, even
 * where the patterns no longer see them (an order id glued to a phone number in a model answer
 * quoted back in the retry prompt).
 */
function sensitiveSpans(text: string, known: KnownValues, seen: readonly string[]): Span[] {
  // Same-length normalisation: full-width digits and traditional characters match, offsets stay the text's.
  const norm = normalizeSameLength(text);
  const all = [
    ...literalSpans(norm, known.addresses ?? []),
    ...literalSpans(norm, known.names ?? []),
    ...literalSpans(norm, seen),
    ...findOrderIds(norm),
    ...findPhones(norm),
    ...regexSpans(EMAIL, norm),
    ...regexSpans(HANDLE, norm, 1),
  ].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  for (const span of all) if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
  return kept.sort((a, b) => a.start - b.start);
}

function countTokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(TOKEN)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

export function createMasker(known: KnownValues = {}): Masker {
  const tokenOf = new Map<string, string>();
  const valueOf = new Map<string, string>();

  function tokenFor(value: string): string {
    // Phone numbers written with spaces or dashes are the same number.
    const key = /^[\d\s-]+$/.test(value) ? value.replace(/\D/g, '') : normalizeSameLength(value);
    let token = tokenOf.get(key);
    if (token === undefined) {
      token = `⟦${tokenOf.size + 1}⟧`;
      tokenOf.set(key, token);
      valueOf.set(token, value);
    }
    return token;
  }

  return {
    mask(text) {
      let out = '';
      let last = 0;
      for (const { start, end } of sensitiveSpans(text, known, [...tokenOf.keys()])) {
        out += text.slice(last, start) + tokenFor(text.slice(start, end));
        last = end;
      }
      return out + text.slice(last);
    },
    restore(answer, expected) {
      const problems: string[] = [];
      const want = countTokens(expected);
      const got = countTokens(answer);
      for (const [token, n] of want) {
        const m = got.get(token) ?? 0;
        if (m < n) problems.push(`遗漏了占位符${token}，请原样保留`);
        else if (m > n) problems.push(`占位符${token}只能出现${n}次`);
      }
      for (const token of got.keys()) if (!want.has(token)) problems.push(`占位符${token}不属于原话术，请删去`);
      const text = answer.replace(TOKEN, (token) => valueOf.get(token) ?? token);
      if (problems.length === 0 && STRAY_BRACKET.test(text)) problems.push('回复中有残缺的占位符，请原样保留⟦数字⟧');
      return { text, problems };
    },
  };
}
