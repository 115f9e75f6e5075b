import chineseDays from 'chinese-days';
import { z } from 'zod';
import { boundedMemo } from '../text/bounded-memo.ts';

// chinese-days ships CommonJS to Node (its ESM build only to bundlers): Node's ESM loader sees
// the default export, not named ones, so `kefu` run by node and vitest both read it this way.
const { getDayDetail, getHolidaysInRange } = chineseDays;

/**
 * The shop's calendar: China's statutory holidays with their make-up workdays (调休, from the
 * maintained `chinese-days` data, 2004 up to the latest year the State Council has announced)
 * plus the shop's own closing days from the shop file. Pure functions of a calendar date
 * (YYYY-MM-DD, shop-local); hours.ts applies them to instants.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** One closing day ('2026-02-12') or an inclusive range ('2026-02-10..2026-02-14'). */
export const ClosedDaysEntrySchema = z.string().superRefine((text, ctx) => {
  const [start, end, extra] = text.split('..');
  if (extra !== undefined || start === undefined || !isRealDate(start) || (end !== undefined && !isRealDate(end))) {
    ctx.addIssue({ code: 'custom', message: `应为日期 YYYY-MM-DD 或日期范围 YYYY-MM-DD..YYYY-MM-DD："${text}"` });
  } else if (end !== undefined && end < start) {
    ctx.addIssue({ code: 'custom', message: `日期范围的结束早于开始："${text}"` });
  }
});

export const ShopCalendarSchema = z
  .object({
    /** Closed (no customer service, no shipping) on statutory holidays (法定节假日). */
    closedOnHolidays: z.boolean().default(true),
    /** Rest on ordinary Saturdays and Sundays (most online shops work them: default false). */
    weekendsOff: z.boolean().default(false),
    /** Work the make-up workdays (调休上班日, a Saturday or Sunday) announced with the holidays. */
    worksMakeUpDays: z.boolean().default(true),
    /** The shop's own closing days: dates and inclusive ranges (年前提前放假, 盘点, 团建…). */
    closedDays: z.array(ClosedDaysEntrySchema).default([]),
  })
  .prefault({});
export type ShopCalendar = z.infer<typeof ShopCalendarSchema>;

/** Why a day is open or closed. */
export type DayReason = 'workday' | 'weekend' | 'holiday' | 'make_up_workday' | 'shop_closed';

export interface DayStatus {
  date: string;
  open: boolean;
  reason: DayReason;
  /** The statutory holiday (春节, 国庆节 …) the day belongs to: a day off or a make-up workday. */
  holidayName?: string;
  /** Whether the statutory calendar of that year is published (in the data); if not, weekends only. */
  statutoryKnown: boolean;
}

/** A calendar date moved by whole days. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

const yearKnown = new Map<number, boolean>();

/** Whether the statutory holidays of a year are in the data (2027 was not announced when 1.5.7 shipped). */
export function isStatutoryYearKnown(year: number): boolean {
  let known = yearKnown.get(year);
  if (known === undefined) {
    known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    yearKnown.set(year, known);
  }
  return known;
}

type StatutoryDay = { holiday: boolean; makeUp: boolean; name?: string };

/** chinese-days' tables are fixed for the life of the process: each date is read from them once. */
const rememberStatutoryDay = boundedMemo<StatutoryDay>(5_000);

/** The statutory side of a date: a holiday, a make-up workday, or neither. */
export function statutoryDay(date: string): StatutoryDay {
  return rememberStatutoryDay(date, () => readStatutoryDay(date));
}

function readStatutoryDay(date: string): StatutoryDay {
  const detail = getDayDetail(date);
  // A statutory day's name is "English,中文,n" (Spring Festival,春节,4); an ordinary day's is the weekday.
  const parts = detail.name.split(',');
  if (parts.length < 2) return { holiday: false, makeUp: false };
  const name = parts[1]!;
  return detail.work ? { holiday: false, makeUp: true, name } : { holiday: true, makeUp: false, name };
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function isShopClosingDay(calendar: ShopCalendar, date: string): boolean {
  return calendar.closedDays.some((entry) => {
    const [start = '', end = start] = entry.split('..');
    return date >= start && date <= end;
  });
}

/** Whether the shop works on a date, and why. */
export function dayStatus(calendar: ShopCalendar, date: string): DayStatus {
  const statutoryKnown = isStatutoryYearKnown(Number(date.slice(0, 4)));
  const statutory = statutoryDay(date);
  const named = statutory.name === undefined ? {} : { holidayName: statutory.name };
  const status = (open: boolean, reason: DayReason): DayStatus => ({ date, open, reason, ...named, statutoryKnown });
  if (isShopClosingDay(calendar, date)) return status(false, 'shop_closed');
  if (statutory.holiday) return status(!calendar.closedOnHolidays, 'holiday');
  if (statutory.makeUp && isWeekend(date)) {
    return status(calendar.worksMakeUpDays || !calendar.weekendsOff, 'make_up_workday');
  }
  if (isWeekend(date)) return status(!calendar.weekendsOff, 'weekend');
  return status(true, 'workday');
}

/** The first open date on or after `date` (within a year: a shop closed longer has no next day). */
export function nextOpenDate(calendar: ShopCalendar, date: string): string | undefined {
  for (let d = 0; d <= 366; d++) {
    const day = shiftDate(date, d);
    if (dayStatus(calendar, day).open) return day;
  }
  return undefined;
}

/** A stretch of statutory holidays: 2026-02-15..2026-02-23 春节, with its make-up workdays. */
export interface HolidayPeriod {
  name: string;
  start: string;
  end: string;
  makeUpWorkdays: string[];
}

/**
 * The statutory holiday period containing `date`, or undefined. Consecutive days off form one
 * period (2025-10-01..08 is 国庆节、中秋); make-up workdays with one of its names within two weeks
 * of it belong to it.
 */
export function holidayPeriodAt(date: string): HolidayPeriod | undefined {
  if (!statutoryDay(date).holiday) return undefined;
  let start = date;
  while (statutoryDay(shiftDate(start, -1)).holiday) start = shiftDate(start, -1);
  let end = date;
  while (statutoryDay(shiftDate(end, 1)).holiday) end = shiftDate(end, 1);
  const names: string[] = [];
  for (let d = start; d <= end; d = shiftDate(d, 1)) {
    const name = statutoryDay(d).name;
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  const makeUpWorkdays: string[] = [];
  for (let d = shiftDate(start, -14); d <= shiftDate(end, 14); d = shiftDate(d, 1)) {
    const s = statutoryDay(d);
    if (s.makeUp && s.name !== undefined && names.includes(s.name)) makeUpWorkdays.push(d);
  }
  return { name: names.join('、'), start, end, makeUpWorkdays };
}

/** Buyers' words for the statutory holidays → the names in the data. */
const HOLIDAY_WORDS: readonly [RegExp, string][] = [
  [/过年|春节|年前|年后|除夕|大年|新年(?!第一)|正月/, '春节'],
  [/国庆|(?<!双)十一(?!点|月|号|日)|黄金周/, '国庆节'],
  [/五一|劳动节/, '劳动节'],
  [/元旦/, '元旦'],
  [/清明/, '清明'],
  [/端午/, '端午'],
  [/中秋/, '中秋'],
];

/** The statutory holiday a buyer's message names (过年 → 春节, 十一 → 国庆节), if any. */
export function holidayNamed(text: string): string | undefined {
  return HOLIDAY_WORDS.find(([re]) => re.test(text))?.[1];
}

/**
 * The next period of a named holiday starting on or after `from` (or containing it), within
 * about a year and a half; undefined when the data does not reach it (not announced yet).
 */
export function nextHolidayPeriod(name: string, from: string): HolidayPeriod | undefined {
  const until = shiftDate(from, 550);
  for (let d = from; d <= until; d = shiftDate(d, 1)) {
    const s = statutoryDay(d);
    if (s.holiday && s.name === name) return holidayPeriodAt(d);
  }
  return undefined;
}
