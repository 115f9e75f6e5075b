/**
 * Finds phone numbers in a normalised reply (`view.norm`), however they are written:
 * 13812345678, 138 1234 5678, 138-1234-5678, 138.1234.5678, full-width digits (already
 * half-width in `norm`), Chinese numerals 一三八一二三四五六七八 (幺 = 1, 〇/零 = 0, 壹贰…),
 * +86 prefixes, landlines 0571-88886666 / (010)12345678 and 400/800 service numbers.
 *
 * Numbers are read from maximal "digit runs" (digits joined by at most a few separator
 * characters), so a phone number is never found inside a longer number: order ids
 * (16–19 digits), tracking numbers (12–15), bank cards, amounts, dates and sizes
 * simply do not have the shape of a phone number.
 */

/** Chinese numerals people use to spell out phone numbers (simplified: `norm` is simplified). */
const CN_DIGITS: Record<string, string> = {
  零: '0', '〇': '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  壹: '1', 贰: '2', 叁: '3', 肆: '4', 伍: '5', 陆: '6', 柒: '7', 捌: '8', 玖: '9',
};

/** Every Chinese numeral `digitOf` reads, e.g. for a rule's keywords. */
export const CN_DIGIT_CHARS: readonly string[] = Object.keys(CN_DIGITS);

/** Characters that may separate the digits of one number. */
const SEPARATOR = /[ \t\-.·—_/()]/;
/** At most this many separator characters in a row ("138 - 1234"). */
const MAX_SEPARATORS = 3;

/** The digit a character stands for, or undefined. */
export function digitOf(ch: string): string | undefined {
  if (ch >= '0' && ch <= '9') return ch;
  return CN_DIGITS[ch];
}

/** A stretch of digits without separators (nor a change between Arabic and Chinese digits). */
export interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

/** A maximal run of digits joined by separators. */
export interface DigitRun {
  start: number;
  end: number;
  digits: string;
  groups: DigitGroup[];
}

function isArabic(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** Every maximal digit run of `text` (use `view.norm`). */
export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigitCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const groups: DigitGroup[] = [];
    let group: DigitGroup = { start: i, end: i, digits: '' };
    let j = i;
    for (;;) {
      const ch = text[j]!;
      group.digits += digitOf(ch)!;
      group.end = j + 1;
      j++;
      const next = text[j];
      if (next !== undefined && digitOf(next) !== undefined) {
        // Arabic ↔ Chinese digits: a soft boundary ("二13812345678" = 第二 + a number).
        if (isArabic(next) !== isArabic(ch)) {
          groups.push(group);
          group = { start: j, end: j, digits: '' };
        }
        continue;
      }
      // Look past a few separators for the next digit.
      let k = j;
      while (k < text.length && k - j < MAX_SEPARATORS && SEPARATOR.test(text[k]!)) k++;
      if (k > j && k < text.length && digitOf(text[k]!) !== undefined) {
        groups.push(group);
        group = { start: k, end: k, digits: '' };
        j = k;
        continue;
      }
      break;
    }
    groups.push(group);
    runs.push({ start: groups[0]!.start, end: group.end, digits: groups.map((g) => g.digits).join(''), groups });
    i = j;
  }
  return runs;
}

/**
 * True when `text` (use `view.norm`) has a digit run (as `findDigitRuns` reads them) of at least
 * `minDigits` digits. A cheap pre-check that allocates nothing: most replies have no number long
 * enough to be a phone number, and checking that is cheaper than finding the runs.
 */
export function hasDigitRun(text: string, minDigits: number): boolean {
  let count = 0;
  let i = 0;
  while (i < text.length) {
    if (isDigitCode(text.charCodeAt(i))) {
      if (++count >= minDigits) return true;
      i++;
      continue;
    }
    if (count > 0) {
      // A few separators between two digits keep the run going ("138 1234", "0571-8888").
      let k = i;
      while (k < text.length && k - i < MAX_SEPARATORS && SEPARATOR.test(text[k]!)) k++;
      if (k > i && k < text.length && isDigitCode(text.charCodeAt(k))) {
        i = k;
        continue;
      }
      count = 0;
    }
    i++;
  }
  return false;
}

/** 1 for each code unit `digitOf` reads as a digit: a table lookup instead of a one-character string and a property lookup. */
const DIGIT_CODES = new Uint8Array(0x10000);
for (const ch of [...'0123456789', ...Object.keys(CN_DIGITS)]) DIGIT_CODES[ch.charCodeAt(0)] = 1;

function isDigitCode(code: number): boolean {
  return DIGIT_CODES[code] === 1;
}

export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface PhoneMatch {
  start: number;
  end: number;
  /** The number's digits, without a +86 prefix. */
  digits: string;
  kind: PhoneKind;
}

const MOBILE = /^1[3-9]\d{9}$/;
const MOBILE_86 = /^861[3-9]\d{9}$/;
const SERVICE = /^(400|800)\d{7}$/;
const AREA_CODE = /^0[1-9]\d{1,2}$/;
const LOCAL = /^[2-9]\d{6,7}$/;
const LANDLINE_PLAIN = /^0[1-9]\d{8,10}$/;
/** A word right before an unseparated 0… number that makes it a phone number, not a code. */
const PHONE_WORD = /(电话|座机|热线|致电|拨打|打给|tel|号码|联系方式)[^0-9]{0,4}$/;
/** Group-length patterns of a phone number inside a longer run ("86 138 1234 5678"). */
const MOBILE_SHAPES = new Set(['11', '3,4,4', '3,8', '7,4']);
const SERVICE_SHAPES = new Set(['10', '3,3,4', '3,7', '3,4,3']);

function span(groups: DigitGroup[], from: number, to: number) {
  return { start: groups[from]!.start, end: groups[to]!.end };
}

function classifyWhole(run: DigitRun, text: string): PhoneMatch | undefined {
  const { digits: d, groups } = run;
  if (MOBILE.test(d)) return { start: run.start, end: run.end, digits: d, kind: 'mobile' };
  if (MOBILE_86.test(d)) return { start: run.start, end: run.end, digits: d.slice(2), kind: 'mobile' };
  if (SERVICE.test(d)) return { start: run.start, end: run.end, digits: d, kind: 'service' };
  // Landline: area code, local number, optional extension.
  if (groups.length >= 2 && groups.length <= 3 && AREA_CODE.test(groups[0]!.digits) && LOCAL.test(groups[1]!.digits)) {
    if (groups.length === 2 || groups[2]!.digits.length <= 5) return { start: run.start, end: run.end, digits: d, kind: 'landline' };
  }
  if (groups.length === 1 && LANDLINE_PLAIN.test(d) && PHONE_WORD.test(text.slice(Math.max(0, run.start - 12), run.start))) {
    return { start: run.start, end: run.end, digits: d, kind: 'landline' };
  }
  return undefined;
}

/** Phone numbers made of some of the run's groups ("2023-11-11 13812345678", "+86 138 1234 5678", "138…/139…"). */
function classifyParts(run: DigitRun): PhoneMatch[] {
  const { groups } = run;
  const out: PhoneMatch[] = [];
  let from = 0;
  outer: while (from < groups.length) {
    for (let to = from; to < groups.length && to - from < 3; to++) {
      if (from === 0 && to === groups.length - 1) continue;
      const parts = groups.slice(from, to + 1);
      const shape = parts.map((g) => g.digits.length).join(',');
      const d = parts.map((g) => g.digits).join('');
      let kind: PhoneKind | undefined;
      if (MOBILE_SHAPES.has(shape) && MOBILE.test(d)) kind = 'mobile';
      else if (SERVICE_SHAPES.has(shape) && SERVICE.test(d)) kind = 'service';
      else if (to === from + 1 && AREA_CODE.test(parts[0]!.digits) && LOCAL.test(parts[1]!.digits)) kind = 'landline';
      if (kind !== undefined) {
        out.push({ ...span(groups, from, to), digits: d, kind });
        from = to + 1;
        continue outer;
      }
    }
    from++;
  }
  return out;
}

/** Every phone number in `text` (use `view.norm`), in text order. */
export function findPhoneNumbers(text: string): PhoneMatch[] {
  const out: PhoneMatch[] = [];
  for (const run of findDigitRuns(text)) {
    const whole = classifyWhole(run, text);
    if (whole) out.push(whole);
    else out.push(...classifyParts(run));
  }
  return out;
}

/** The digits of a phone number written anywhere (context data), without a +86 / 0086 prefix. */
export function phoneDigits(value: string): string {
  let d = '';
  for (const ch of value.normalize('NFKC')) d += digitOf(ch) ?? '';
  if (d.startsWith('0086')) d = d.slice(4);
  else if (MOBILE_86.test(d)) d = d.slice(2);
  return d;
}

/** True when two phone numbers (in any writing) are the same number. */
export function samePhone(a: string, b: string): boolean {
  const da = phoneDigits(a);
  return da.length >= 5 && da === phoneDigits(b);
}
