import { boundedMemo } from '../text/bounded-memo.ts';
import { dayStatus, nextOpenDate, shiftDate, type ShopCalendar } from './calendar.ts';
import type { Shop } from './schema.ts';

/**
 * Working hours, read in the shop's time zone whatever the machine's zone is.
 *
 * A shift `{ start, end }` is open from `start` (included) to `end` (excluded): with the
 * manuals' shifts 09:00–16:30 and 16:00–22:30 the shop is open from 09:00 to 22:30, 16:30
 * falls in the evening shift and 22:30 is closed. A shift whose end is before its start runs
 * past midnight (22:00–02:00 is open at 23:59 and at 01:59, closed at 02:00). A shift whose
 * start equals its end is open all day (the shop loader refuses such a shift; a shop built in
 * code may still use it).
 *
 * With a calendar (every loaded shop has one), shifts run only on the days it keeps open: not
 * on statutory holidays or the shop's closing days (calendar.ts); a shift past midnight belongs
 * to the day it started.
 */

/** What the functions read from a shop (a whole Shop will do); without a calendar every day is open. */
export type Shifts = Pick<Shop, 'workingHours' | 'timezone'> & { calendar?: ShopCalendar | undefined };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time in a time zone at an instant, read from Intl (slow: see wallClock). */
function formattedWallClock(instant: Date, timeZone: string): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some engines print midnight as 24 even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * Zone offsets by 15-minute slice of UTC time. Every zone's offset is a multiple of 15 minutes
 * and changes only at such instants, so one Intl read per slice serves every turn in it
 * (formatToParts costs more than the rest of a turn's clock work together).
 */
const SLICE_MS = 15 * 60_000;
const rememberOffset = boundedMemo<number>(10_000);

function cachedOffset(ms: number, timeZone: string): number {
  return rememberOffset(`${timeZone}|${Math.floor(ms / SLICE_MS)}`, () => {
    const w = formattedWallClock(new Date(ms), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (((ms % 1000) + 1000) % 1000));
  });
}

/** The wall-clock time in a time zone at an instant. */
function wallClock(instant: Date, timeZone: string): WallClock {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) return formattedWallClock(instant, timeZone);
  const local = new Date(ms + cachedOffset(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** The shop's local time at an instant, as HH:MM (for greetings and handover notes). */
export function localTime(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

function shiftContains(shift: { start: string; end: string }, minute: number): boolean {
  const start = toMinutes(shift.start);
  const end = toMinutes(shift.end);
  if (start === end) return true;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function dateOf(w: WallClock): string {
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** Whether the shop's calendar keeps a shop-local date open (always, without a calendar). */
function isOpenDay(shop: Shifts, date: string): boolean {
  return shop.calendar === undefined || dayStatus(shop.calendar, date).open;
}

/** Whether any shift is on at this instant, in the shop's time zone, on a day the shop works. */
export function isWithinWorkingHours(shop: Shifts, instant: Date): boolean {
  const w = wallClock(instant, shop.timezone);
  const minute = w.hour * 60 + w.minute;
  const today = dateOf(w);
  return shop.workingHours.some((shift) => {
    if (!shiftContains(shift, minute)) return false;
    // The small hours of a shift past midnight belong to the day before.
    const wrapsIn = toMinutes(shift.end) < toMinutes(shift.start) && minute < toMinutes(shift.end);
    return isOpenDay(shop, wrapsIn ? shiftDate(today, -1) : today);
  });
}

/** Milliseconds the zone is ahead of UTC at an instant (480 min for Asia/Shanghai). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(new Date(ms), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time happens in a zone. Tries the zone's offset a day before and a
 * day after (one of them is right unless two time changes fall within two days) and keeps the
 * earliest that shows that wall-clock time. Around a daylight-saving change a doubled time is its
 * first occurrence, and a time that does not exist (02:30 on a spring-forward night) comes out
 * one gap later.
 */
function zonedInstant(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  const before = guess - offsetAt(guess - DAY_MS, timeZone);
  const after = guess - offsetAt(guess + DAY_MS, timeZone);
  const shows = (t: number) => {
    const w = wallClock(new Date(t), timeZone);
    return w.year === year && w.month === month && w.day === day && w.hour * 60 + w.minute === minuteOfDay;
  };
  const matching = [before, after].filter(shows);
  return matching.length > 0 ? Math.min(...matching) : before;
}

/**
 * When the shop is next open: `instant` itself when a shift is on, otherwise the start of the
 * next shift (as a Date), e.g. for telling a buyer after hours when agents are back.
 */
export function nextOpening(shop: Shifts, instant: Date): Date {
  if (shop.workingHours.length === 0) throw new RangeError('a shop without working hours never opens');
  if (isWithinWorkingHours(shop, instant)) return new Date(instant.getTime());
  return nextShiftStart(shop, instant);
}

/** The longest closure looked across (a shop closed longer than a year never reopens). */
const MAX_CLOSED_DAYS = 370;

/**
 * The first shift start strictly after `instant` (the next time fresh agents come on), on a day
 * the shop works: after a holiday or closing days, the first shift of the day it reopens.
 */
export function nextShiftStart(shop: Shifts, instant: Date): Date {
  if (shop.workingHours.length === 0) throw new RangeError('a shop without working hours never opens');
  const now = instant.getTime();
  const today = dateOf(wallClock(instant, shop.timezone));
  let best = Number.POSITIVE_INFINITY;
  // Today, tomorrow and (around a time change) the day after hold every shift start of open
  // days in a row; closed days push the search on to the next open day.
  for (let d = 0; d <= MAX_CLOSED_DAYS && (d <= 2 || best === Number.POSITIVE_INFINITY); d++) {
    const date = shiftDate(today, d);
    if (!isOpenDay(shop, date)) continue;
    const [y, m, day] = date.split('-').map(Number) as [number, number, number];
    for (const shift of shop.workingHours) {
      const at = zonedInstant(y, m, day, toMinutes(shift.start), shop.timezone);
      if (at > now && at < best) best = at;
    }
  }
  if (best === Number.POSITIVE_INFINITY) throw new RangeError('the shop is closed for more than a year');
  return new Date(best);
}

/** What shipping reads from a shop. */
export type ShippingDays = Pick<Shop, 'timezone'> & { shipping: Pick<Shop['shipping'], 'cutoff'>; calendar?: ShopCalendar | undefined };

/**
 * The shop-local date an order paid at `instant` normally leaves the warehouse: today when the
 * shop works today and it is before the cut-off, otherwise the next day the shop works (skipping
 * holidays and closing days). An estimate for wording such as 正常…可以发出, never a promise.
 */
export function nextShippingDate(shop: ShippingDays, instant: Date): string {
  const w = wallClock(instant, shop.timezone);
  const today = dateOf(w);
  const beforeCutoff = w.hour * 60 + w.minute < toMinutes(shop.shipping.cutoff);
  const from = beforeCutoff ? today : shiftDate(today, 1);
  if (shop.calendar === undefined) return from;
  const open = nextOpenDate(shop.calendar, from);
  if (open === undefined) throw new RangeError('the shop is closed for more than a year');
  return open;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The shop-local calendar date of an instant, as YYYY-MM-DD (day boundaries of the notebooks). */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** The shop-local date and time of an instant, as "YYYY-MM-DD HH:MM" (notebook rows). */
export function localDateTime(instant: Date, timeZone: string): string {
  return `${localDate(instant, timeZone)} ${localTime(instant, timeZone)}`;
}

/** The instant a shop-local date (YYYY-MM-DD) reaches a wall-clock time (HH:MM, default midnight). */
export function instantAtLocal(date: string, timeZone: string, hhmm = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(zonedInstant(y ?? 1970, m ?? 1, d ?? 1, toMinutes(hhmm), timeZone));
}

/** A calendar date (YYYY-MM-DD) moved by whole days, independent of any time zone. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** Minutes a shift lasts (a shift past midnight wraps; start = end is a whole day). */
export function shiftMinutes(shift: { start: string; end: string }): number {
  const length = toMinutes(shift.end) - toMinutes(shift.start);
  return length > 0 ? length : length + 1440;
}
