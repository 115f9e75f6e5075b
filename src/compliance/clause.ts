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
