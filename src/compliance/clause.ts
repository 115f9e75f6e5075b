import { clauseAfter, clauseBefore, type TextView } from './text-view.ts';

/** Words that turn what follows into a refusal or a denial within the same clause. */
const NEGATION = /(不|无法|没有|没|未|别|勿|禁止|不能|不可以|不允许|不支持|暂不|拒绝|不会|不方便|不提供|严禁|不得)[^不无没未别勿禁拒严]{0,4}$/;

/** True when the clause before `offset` negates what starts there ("不支持货到付款"). */
export function isNegatedBefore(view: TextView, offset: number, maxChars = 8): boolean {
  return NEGATION.test(clauseBefore(view, offset, maxChars));
}

/** Words that hedge a statement about time or outcome (seed 000 二(10): 正常今天可以发出). */
const HEDGE = /(正常|一般|通常|预计|大概|大约|争取|尽量|尽快|尽力|力争|如果|若|如无意外|不出意外|估计|应该)/;

export function isHedgedBefore(view: TextView, offset: number, maxChars = 12): boolean {
  return HEDGE.test(clauseBefore(view, offset, maxChars));
}

/** True when what follows `offset` in the clause matches `re` (anchored at the start). */
export function clauseStartsWith(view: TextView, offset: number, re: RegExp, maxChars = 12): boolean {
  return re.test(clauseAfter(view, offset, maxChars));
}

/**
 * True when the reply asks rather than states from `end` on: a question particle in the rest
 * of the clause (吗 by default; pass e.g. `/[吗吧]/` for guesses), or a '?' ending the clause
 * (`？` is '?' in `norm`). 您需要开发票吗？ / 是不支持分期吗 are questions, not refusals.
 */
export function isQuestionAfter(view: TextView, end: number, particles: RegExp = /吗/): boolean {
  const after = clauseAfter(view, end, 30);
  return particles.test(after) || view.norm[end + after.length] === '?';
}

/** Words that make the rest of the clause a condition, not a statement (如果…/万一…). */
export const CONDITION_WORDS = /如果|若|假如|要是|万一/;

/** True when the clause before `offset` opens a condition (如果不开发票的话, 万一不支持分期). */
export function isConditionalBefore(view: TextView, offset: number, maxChars = 12): boolean {
  return CONDITION_WORDS.test(clauseBefore(view, offset, maxChars));
}

/**
 * 不需要/无需/不用/免/没有必要… (optionally + 您/再/另外/额外/自己) right before `offset`:
 * the opposite of a charge or a demand (无需您另外支付手续费, 不用补运费). At most six characters
 * long, so a window of six sees every form; a smaller `maxChars` only sees the short ones.
 */
const NO_NEED = /(不|无|免|没有?|毋|未|别)(需要|需|须|用|必要?|要|会|能|可以)?(您|再|另外|额外|自己)?$/;

export function isNoNeedBefore(view: TextView, offset: number, maxChars = 6): boolean {
  return NO_NEED.test(clauseBefore(view, offset, maxChars));
}

/**
 * Regex source of a lookahead that ends a phrase: the end of the text, a character that is not
 * Chinese (punctuation, digits, Latin) or a sentence-final particle (的/哦/呢/了/吧…). Appended to
 * refusal patterns so 不支持分期 matches in 不支持分期的哦 but 不支持分期付款方式 is read to its end.
 */
export const PHRASE_END = '(?=$|[^\\u4e00-\\u9fff]|[的哦喔噢呢哈啦了呀啊哒嘛吧哟])';

/**
 * Clause ends for list-aware look-arounds: like text-view's CLAUSE_BREAK, but 、 (and …, ~)
 * do not end the clause, so a refusal or a region covers every item of a list: 暂时无法银行卡
 * 转账或货到付款, 新疆、西藏不包邮. A colon ends it unless `colonEnds` is false (偏远地区：需补
 * 运费 keeps the region with what it gets).
 */
// `norm` has ，！？；： as half-width ,!?;: already.
const LIST_BREAK = /[,.!?;:。\n]/;
const LIST_BREAK_NO_COLON = /[,.!?;。\n]/;

export interface ListClauseOptions {
  /** Whether ':' ends the clause (default true). */
  colonEnds?: boolean;
}

/** The list-aware clause before `offset`, at most `maxChars` long. */
export function listClauseBefore(view: TextView, offset: number, maxChars = 14, opts: ListClauseOptions = {}): string {
  const breaks = opts.colonEnds === false ? LIST_BREAK_NO_COLON : LIST_BREAK;
  let i = offset;
  while (i > 0 && offset - i < maxChars && !breaks.test(view.norm[i - 1]!)) i--;
  return view.norm.slice(i, offset);
}

/** The whole list-aware clause around [start, end), without a length limit. */
export function listClauseAround(view: TextView, start: number, end: number, opts: ListClauseOptions = {}): string {
  const breaks = opts.colonEnds === false ? LIST_BREAK_NO_COLON : LIST_BREAK;
  let s = start;
  while (s > 0 && !breaks.test(view.norm[s - 1]!)) s--;
  let e = end;
  while (e < view.norm.length && !breaks.test(view.norm[e]!)) e++;
  return view.norm.slice(s, e);
}
