import { dayStatus, holidayPeriodAt, nextHolidayPeriod, shiftDate, type DayStatus, type HolidayPeriod } from './calendar.ts';
import { instantAtLocal, isWithinWorkingHours, localDate, nextOpening, nextShippingDate } from './hours.ts';
import type { Shop } from './schema.ts';

/**
 * The facts a reply to 国庆放假吗 / 过年还发货吗 / 夜里有客服在吗 needs, from the shop's hours and
 * calendar at `now` (pure: the dialogue words them with scripts; nothing here is a promise).
 */
export interface HolidayAnswerFacts {
  /** Shop-local today (YYYY-MM-DD) and whether the shop works it, and why. */
  today: DayStatus;
  /** Whether an agent is on now: within a shift, on a day the shop works. */
  serviceOpenNow: boolean;
  /** When service is next on: `now` when it is on, else the first shift of the next open day. */
  nextServiceAt: Date;
  /** The shift hours, for 夜里有客服吗: '09:00-22:30' when shifts overlap, else each shift. */
  serviceHours: string[];
  /** The day asked about: the date given, or the first day of the holiday named; absent without a question. */
  asked?: DayStatus;
  /** The statutory holiday period of the asked day (or the next one of the holiday named), with its make-up workdays. */
  holiday?: HolidayPeriod;
  /**
   * The shop's closure around the asked day, statutory holidays and its own closing days merged:
   * first and last closed day, the last open day before (orders paid by its cut-off normally
   * leave before the break) and the day it reopens (service and shipping resume).
   */
  closure?: { from: string; to: string; lastOpenBefore?: string; reopensOn?: string };
  /** The day an order paid now normally leaves the warehouse (skips closed days; after the cut-off, the next open day). */
  nextShippingDate: string;
  /** Whether the statutory calendar of the asked (or current) year is published in the data; false: say it is not announced yet. */
  statutoryKnown: boolean;
}

export type HolidayQuestion = { date: string } | { holiday: string };

/** Closed days next to each other around `date`, looked at up to `reach` days each way. */
function closureAround(shop: Shop, date: string, reach = 60): HolidayAnswerFacts['closure'] {
  if (dayStatus(shop.calendar, date).open) return undefined;
  let from = date;
  for (let i = 0; i < reach && !dayStatus(shop.calendar, shiftDate(from, -1)).open; i++) from = shiftDate(from, -1);
  let to = date;
  for (let i = 0; i < reach && !dayStatus(shop.calendar, shiftDate(to, 1)).open; i++) to = shiftDate(to, 1);
  const before = shiftDate(from, -1);
  const after = shiftDate(to, 1);
  return {
    from,
    to,
    ...(dayStatus(shop.calendar, before).open ? { lastOpenBefore: before } : {}),
    ...(dayStatus(shop.calendar, after).open ? { reopensOn: after } : {}),
  };
}

/** The shifts as the buyer reads them: overlapping or touching shifts merged (09:00-16:30 + 16:00-22:30 → 09:00-22:30). */
function serviceHours(shop: Shop): string[] {
  const shifts = [...shop.workingHours].sort((a, b) => a.start.localeCompare(b.start));
  const merged: { start: string; end: string }[] = [];
  for (const s of shifts) {
    const last = merged.at(-1);
    // Only same-day shifts merge; a shift past midnight stays as written.
    if (last && last.end >= s.start && last.end > last.start && s.end > s.start) last.end = s.end > last.end ? s.end : last.end;
    else merged.push({ ...s });
  }
  return merged.map((s) => `${s.start}-${s.end}`);
}

/**
 * Facts for the shop's own questions about time: opening hours, holidays, shipping around them.
 * `question` is the date the buyer asked about (YYYY-MM-DD, e.g. from 10月1日) or a holiday's
 * name as `holidayNamed` gives it (春节, 国庆节 …); without it, only today's facts.
 */
export function holidayAnswerFacts(shop: Shop, now: Date, question?: HolidayQuestion): HolidayAnswerFacts {
  const todayDate = localDate(now, shop.timezone);
  const today = dayStatus(shop.calendar, todayDate);
  const serviceOpenNow = isWithinWorkingHours(shop, now);
  const base: HolidayAnswerFacts = {
    today,
    serviceOpenNow,
    nextServiceAt: nextOpening(shop, now),
    serviceHours: serviceHours(shop),
    nextShippingDate: nextShippingDate(shop, now),
    statutoryKnown: today.statutoryKnown,
  };
  if (question === undefined) {
    const closure = closureAround(shop, todayDate);
    const holiday = holidayPeriodAt(todayDate);
    return { ...base, ...(holiday ? { holiday } : {}), ...(closure ? { closure } : {}) };
  }
  let askedDate: string | undefined;
  let holiday: HolidayPeriod | undefined;
  if ('date' in question) {
    askedDate = question.date;
    holiday = holidayPeriodAt(askedDate);
  } else {
    holiday = nextHolidayPeriod(question.holiday, todayDate);
    askedDate = holiday?.start;
  }
  if (askedDate === undefined) {
    // The holiday named is not in the published calendar yet (next year's not announced).
    return { ...base, statutoryKnown: false };
  }
  const asked = dayStatus(shop.calendar, askedDate);
  const closure = closureAround(shop, askedDate);
  return { ...base, asked, statutoryKnown: asked.statutoryKnown, ...(holiday ? { holiday } : {}), ...(closure ? { closure } : {}) };
}

/** The instant service resumes after a closure (the first shift of `reopensOn`), for {opening}. */
export function reopeningInstant(shop: Shop, reopensOn: string): Date {
  return nextOpening(shop, instantAtLocal(reopensOn, shop.timezone));
}
