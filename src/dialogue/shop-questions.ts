import type { ReplyPlan } from '../../flows/protocol.ts';
import { holidayNamed } from '../shop/calendar.ts';
import { holidayAnswerFacts, reopeningInstant } from '../shop/holiday-answer.ts';
import { localDate, localTime } from '../shop/hours.ts';
import type { Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * Questions about the shop itself rather than a product or an order: when agents are online
 * ("夜里有客服在吗", "早上几点上班") and holidays ("国庆放假吗", "过年还发货吗"), answered from the shop
 * file and the statutory calendar (src/shop/calendar.ts), never guessed. Pure: the clock comes in.
 */
const HOURS_QUESTION =
  /(?:夜里|夜裡|晚上|半夜|凌晨|早上|几点|幾點|什么时候|什麼時候).{0,6}(?:客服|有人|在吗|在嗎|在不在|上班|下班|营业|營業|回复|回覆)|(?:客服|人工).{0,4}(?:几点|幾點|时间|時間|上班|下班)|上班时间|上班時間|营业时间|營業時間|工作时间|工作時間|几点上班|幾點上班|几点下班|幾點下班/u;
/** "今天有人吗", "现在有客服没", "啥时候有人": whether anyone is on now — when nobody is, when they are back. */
const ANYONE_NOW = /(?:今天|今日|现在|現在|这会|這會|此刻)(?:有人|有客服|客服在|上班)|(?:啥时候|啥時候|什么时候|什麼時候|几点|幾點|何时|何時)(?:才)?(?:有人|有客服|上班)/u;
/** A holiday question asks about the shop's days (放假, 发货, 上班, 休息, 营业, 有人), not a gift for the holiday. */
const HOLIDAY_QUESTION = /放假|休息|发货|發貨|发不发|上班|营业|營業|有人|客服|开门|開門|停发|停發|快递|快遞|还发|還發|能发|能發/u;

/** "2月25日" from YYYY-MM-DD. */
const monthDay = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** "明天（3月21日）09:00" / "2月25日09:00": when service is next on, as the buyer reads it (the date too, to leave no doubt). */
function openingWords(shop: Shop, now: Date, at: Date): string {
  const day = localDate(at, shop.timezone);
  const today = localDate(now, shop.timezone);
  const tomorrow = localDate(new Date(now.getTime() + 86_400_000), shop.timezone);
  const prefix = day === today ? '今天' : day === tomorrow ? `明天（${monthDay(day)}）` : monthDay(day);
  return `${prefix}${localTime(at, shop.timezone)}`;
}

function holidayReply(shop: Shop, now: Date, holiday: string): ReplyPlan {
  const facts = holidayAnswerFacts(shop, now, { holiday });
  if (!facts.statutoryKnown || facts.holiday === undefined) {
    const year = facts.asked?.date.slice(0, 4);
    return { scriptId: 'presale.calendar.not_announced', params: { attribute: `${year ? `${year}年` : ''}${holiday}` } };
  }
  const closure = facts.closure;
  if (closure === undefined || closure.reopensOn === undefined) return { scriptId: 'presale.calendar.open_through', params: { shop: shop.name, attribute: facts.holiday.name } };
  const opening = openingWords(shop, now, reopeningInstant(shop, closure.reopensOn));
  return {
    scriptId: 'presale.calendar.closed_period',
    params: { shop: shop.name, attribute: `${facts.holiday.name}放假时间`, value: `${monthDay(closure.from)}至${monthDay(closure.to)}`, opening },
  };
}

function hoursReply(shop: Shop, now: Date): ReplyPlan {
  const facts = holidayAnswerFacts(shop, now);
  if (facts.serviceOpenNow) return { scriptId: 'presale.calendar.service_hours', params: { shop: shop.name, attribute: '在线时间', value: `每天${facts.serviceHours.join('、')}` } };
  return { scriptId: 'presale.calendar.service_closed_now', params: { opening: openingWords(shop, now, facts.nextServiceAt) } };
}

/** Season's greetings ("新年好", "过年好") name no holiday asked about: on 元旦 "新年好" is no question about 春节. */
const SEASON_GREETING = /(?:新年|新春|过年|過年|春节|春節|元旦|节日|節日|国庆|國慶|中秋|端午)(?:好|快乐|快樂|大吉)/gu;
/** "今天上班吗", "明天发货吗": a question about a day named relative to now. */
const RELATIVE_DAY = /(今天|今日|明天|明日|后天|後天)/u;
const DAY_OFFSET: Readonly<Record<string, number>> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 後天: 2 };

/** A day asked about that the shop is closed on: its closure and when service resumes; null on an open day. */
function closedDayReply(shop: Shop, now: Date, date: string): ReplyPlan | null {
  const facts = holidayAnswerFacts(shop, now, { date });
  const closure = facts.closure;
  if (facts.asked?.open !== false || closure?.reopensOn === undefined) return null;
  const opening = openingWords(shop, now, reopeningInstant(shop, closure.reopensOn));
  const name = facts.holiday?.name;
  const value = closure.from === closure.to ? monthDay(closure.from) : `${monthDay(closure.from)}至${monthDay(closure.to)}`;
  return { scriptId: 'presale.calendar.closed_period', params: { shop: shop.name, attribute: name === undefined ? '店铺休息时间' : `${name}放假时间`, value, opening } };
}

export function shopQuestionReply(text: string, shop: Shop, now: Date): ReplyPlan | null {
  const plain = normalizeSameLength(text).replace(SEASON_GREETING, '');
  const holiday = holidayNamed(plain);
  if (holiday !== undefined && HOLIDAY_QUESTION.test(plain)) return holidayReply(shop, now, holiday);
  const day = RELATIVE_DAY.exec(plain)?.[1];
  if (day !== undefined && HOLIDAY_QUESTION.test(plain)) {
    const closed = closedDayReply(shop, now, localDate(new Date(now.getTime() + DAY_OFFSET[day]! * 86_400_000), shop.timezone));
    if (closed !== null) return closed;
  }
  if (HOURS_QUESTION.test(plain)) return hoursReply(shop, now);
  // (While agents are on, "今天有人吗" is a greeting: the greeting answers it.)
  if (ANYONE_NOW.test(plain) && !holidayAnswerFacts(shop, now).serviceOpenNow) return hoursReply(shop, now);
  return null;
}
