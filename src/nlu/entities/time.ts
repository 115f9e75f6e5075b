import { NUMERAL, parseNumeral } from '../numbers.ts';
import { at, matches } from './found.ts';
import type { Entity } from './schema.ts';

type Days = Extract<Entity, { type: 'days' }>;
type DateEntity = Extract<Entity, { type: 'date' }>;

// 三天 / 3天 / 两个工作日 / 一周 / 两个星期 (weeks need a numeral, so 周五 stays a weekday).
const DAYS = new RegExp(`(${NUMERAL})\\s*个?\\s*(天|日|工作日|星期|礼拜|周)(?![一二三四五六日天末])`, 'g');

export function findDays(text: string): Days[] {
  const out: Days[] = [];
  for (const m of matches(DAYS, text)) {
    const n = parseNumeral(m[1]!);
    if (n === undefined || n > 365) continue;
    const unit = m[2]!;
    const days = unit === '星期' || unit === '礼拜' || unit === '周' ? n * 7 : n;
    out.push(at<Days>(m, { type: 'days', days }));
  }
  return out;
}

const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 末: 6 };

// 明天 / 周五前 / 星期六之前 / 11月11日 / 11.11 / 5号前
const DATE =
  /(大后天|今天|今日|明天|明日|后天)|(?:周|星期|礼拜)([一二三四五六日天末])|(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|(?<![\d.])(\d{1,2})\s*[号日](?!码)/g;
const BEFORE = /^\s*(之前|以前|前)/;

export function findDates(text: string): DateEntity[] {
  const out: DateEntity[] = [];
  for (const m of matches(DATE, text)) {
    const after = text.slice(m.index + m[0].length);
    const before = BEFORE.exec(after);
    const base = { type: 'date' as const, before: before !== null };
    let entity: DateEntity | undefined;
    if (m[1] !== undefined) entity = at<DateEntity>(m, { ...base, offsetDays: RELATIVE[m[1]]! });
    else if (m[2] !== undefined) entity = at<DateEntity>(m, { ...base, weekday: WEEKDAY[m[2]]! });
    else if (m[3] !== undefined) {
      const month = Number(m[3]);
      const day = Number(m[4]);
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31) entity = at<DateEntity>(m, { ...base, month, day });
    } else {
      const day = Number(m[5]);
      if (day >= 1 && day <= 31) entity = at<DateEntity>(m, { ...base, day });
    }
    if (!entity) continue;
    // The deadline word belongs to the entity's text: "周五前".
    if (before) {
      entity.text += before[0];
      entity.end += before[0].length;
    }
    out.push(entity);
  }
  return out;
}
