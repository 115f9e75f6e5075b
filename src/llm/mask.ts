import { findOrderIds, findPhones } from '../nlu/entities/contact.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * Buyer data never leaves for the model in clear: phone numbers (in digits or in Chinese numerals,
 * 一三八… or 壹叁捌…), order ids, e-mail addresses, WeChat/QQ-like handles, addresses the buyer
 * types (province/city/district, road and number), names after 收件人/我叫/联系人…, and the
 * receiver names and addresses the caller knows are replaced by
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

/** Digits as people type them in Chinese: lower-case, financial (大写) and traditional forms, 幺 and 两. */
const CN_DIGIT = '[0-9零〇一二两三四五六七八九幺壹贰貳叁參肆伍陆陸柒捌玖]';
/** A mainland mobile number in any mix of those numerals: 1, then 3–9, then nine more digits (spaces or dashes between). */
const CN_PHONE = new RegExp(`(?<![0-9零〇一二两三四五六七八九幺壹贰貳叁參肆伍陆陸柒捌玖])[1一幺壹][3-9三四五六七八九叁參肆伍陆陸柒捌玖](?:[\\s-]?${CN_DIGIT}){9}(?!${CN_DIGIT})`, 'g');

const PROVINCES = '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';
const HAN = '\\u4e00-\\u9fa5';
const NUMBER = '[0-9零〇一二三四五六七八九十百]+';
/** A street address: optional province, city and district, then a road or street with its number, then building/unit/room. */
const STREET_ADDRESS = new RegExp(
  `(?:(?:${PROVINCES})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)?)?` +
    `(?:[${HAN}]{2,6}?(?:市|州|盟))?(?:[${HAN}]{1,6}?(?:区|县|旗|镇|乡))?` +
    `[${HAN}a-z0-9]{1,12}?(?:路|街|大道|道|巷|胡同|弄|里)${NUMBER}(?:号|弄)` +
    `(?:[0-9a-z一二三四五六七八九十-]+(?:号楼|栋|幢|座|单元|楼|层|室|号))*`,
  'g',
);
/** An address given only down to the district: starts with a province, then a city (and district). */
const AREA_ADDRESS = new RegExp(
  `(?:${PROVINCES})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)?[${HAN}]{2,6}?(?:市|州|盟)(?:[${HAN}]{1,6}?(?:区|县|旗))?`,
  'g',
);
/** Words the buyer puts before an address ("地址是", "寄到"); the span starts after them. */
const ADDRESS_CUE = /^.*(?:地址|是|到|成|在|为|[:：])/;
/** A name after 收件人/收货人/联系人/我叫/名字是/姓名, up to a boundary (punctuation, a particle, digits). */
const NAME_AFTER_CUE = new RegExp(
  `(?:收件人|收货人|联系人|我叫|名字是|名字叫|姓名)\\s*[:：是为叫]?\\s*([${HAN}·]{2,5}?)(?=$|[\\s,，。.!！?？;；、0-9]|电话|手机|地址|的|吧|啊|呀|哦|呢|了|收)`,
  'g',
);

const PROVINCE_START = new RegExp(`^(?:${PROVINCES})`);
/** The first administrative or road marker: cue words can only stand before it (成都, 到达路 are names). */
const FIRST_MARKER = /[省市区县州盟旗镇乡路街道巷弄里]/;

/** Addresses typed by the buyer; the cue words in front of them stay in clear. */
function addressSpans(norm: string): Span[] {
  return [...regexSpans(STREET_ADDRESS, norm), ...regexSpans(AREA_ADDRESS, norm)].map((span) => {
    const text = norm.slice(span.start, span.end);
    if (PROVINCE_START.test(text)) return span;
    const marker = FIRST_MARKER.exec(text)?.index ?? text.length;
    const cue = ADDRESS_CUE.exec(text.slice(0, Math.max(0, marker - 1)));
    return cue === null ? span : { start: span.start + cue[0].length, end: span.end };
  });
}

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
    ...regexSpans(CN_PHONE, norm),
    ...addressSpans(norm),
    ...regexSpans(NAME_AFTER_CUE, norm, 1),
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
