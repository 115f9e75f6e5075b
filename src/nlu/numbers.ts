/** Chinese and Arabic numerals as buyers write them: 12, 十二, 两百五, 一千二, 3.5, 七八 (→ 7). */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** A regex source matching one numeral: Arabic (with decimals) or Chinese. */
export const NUMERAL = '(?:\\d+(?:\\.\\d+)?|[零〇一二两俩三四五六七八九十百千万]+)';

/**
 * Parses a numeral. Chinese forms follow the usual reading (十二 = 12, 二十 = 20,
 * 一百零五 = 105, 两百五 = 250: a trailing digit after 百/千 counts one unit lower).
 * Returns undefined for anything it cannot read.
 */
export function parseNumeral(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!/^[零〇一二两俩三四五六七八九十百千万]+$/.test(text)) return undefined;
  if (text.length > 1 && [...text].every((ch) => ch in DIGITS)) {
    // Two digits are a range (七八天 → 7, the lower bound); more are read digit by digit (一三八 → 138).
    if (text.length === 2) return DIGITS[text[0]!];
    return Number([...text].map((ch) => DIGITS[ch]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 1;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
      continue;
    }
    const unit = UNITS[ch]!;
    if (unit === 10000) {
      total += (section + (digit ?? 0)) * unit;
      section = 0;
      digit = undefined;
      lastUnit = 10000;
      continue;
    }
    section += (digit ?? 1) * unit;
    digit = undefined;
    lastUnit = unit;
  }
  if (digit !== undefined) {
    // 两百五 → 250, 一千二 → 1200, 三万五 → 35000; but 十二 → 12 and 一百零五 → 105.
    const prev = text[text.length - 2];
    section += prev !== undefined && prev in UNITS && lastUnit >= 100 ? (digit * lastUnit) / 10 : digit;
  }
  return total + section;
}
