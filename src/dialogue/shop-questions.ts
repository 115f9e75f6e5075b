import type { ReplyPlan } from '../../flows/protocol.ts';
import type { Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * Questions about the shop itself rather than a product or an order: when agents are online
 * ("夜里有客服在吗", "早上几点上班"). Answered from the shop file, never guessed. Pure.
 */
const HOURS_QUESTION =
  /(?:夜里|夜裡|晚上|半夜|凌晨|早上|几点|幾點|什么时候|什麼時候).{0,6}(?:客服|有人|在吗|在嗎|在不在|上班|下班|营业|營業|回复|回覆)|(?:客服|人工).{0,4}(?:几点|幾點|时间|時間|上班|下班)|上班时间|上班時間|营业时间|營業時間|工作时间|工作時間|几点上班|幾點上班|几点下班|幾點下班/u;

/** "9:00-22:30": the span of the shop's shifts (overlapping shifts read as one day). */
export function hoursOf(shop: Pick<Shop, 'workingHours'>): string {
  const starts = shop.workingHours.map((s) => s.start).sort();
  const ends = shop.workingHours.map((s) => s.end).sort();
  const trim = (hhmm: string): string => hhmm.replace(/^0(\d)/, '$1');
  return `${trim(starts[0]!)}-${trim(ends.at(-1)!)}`;
}

export function shopQuestionReply(text: string, shop: Shop, _now: Date): ReplyPlan | null {
  const plain = normalizeSameLength(text);
  if (HOURS_QUESTION.test(plain)) return { scriptId: 'common.hours', params: { hours: hoursOf(shop), shop: shop.name } };
  return null;
}
