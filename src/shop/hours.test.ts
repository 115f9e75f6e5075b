import { afterEach, describe, expect, it } from 'vitest';
import { ShopCalendarSchema } from './calendar.ts';
import { addDays, instantAtLocal, isWithinWorkingHours, localDate, localDateTime, localTime, nextOpening, nextShiftStart, nextShippingDate, shiftMinutes } from './hours.ts';

/** The manuals' shifts, in the shop's zone. */
const shop = {
  timezone: 'Asia/Shanghai',
  workingHours: [
    { start: '09:00', end: '16:30' },
    { start: '16:00', end: '22:30' },
  ],
};
const dayOnly = { timezone: 'Asia/Shanghai', workingHours: [{ start: '09:00', end: '16:30' }] };
const overnight = { timezone: 'Asia/Shanghai', workingHours: [{ start: '22:00', end: '02:00' }] };

/** An instant given as Shanghai wall-clock time (the offset is in the string, so the host zone never matters). */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('isWithinWorkingHours', () => {
  it.each([
    ['2025-11-20T08:59:59', false],
    ['2025-11-20T09:00:00', true],
    ['2025-11-20T12:00:00', true],
    ['2025-11-20T16:00:00', true], // both shifts
    ['2025-11-20T16:15:00', true], // overlap
    ['2025-11-20T16:30:00', true], // day shift over, evening shift on
    ['2025-11-20T22:29:59', true],
    ['2025-11-20T22:30:00', false],
    ['2025-11-21T00:30:00', false],
  ])('two shifts: %s → %s', (local, open) => {
    expect(isWithinWorkingHours(shop, sh(local))).toBe(open);
  });

  it('ends a shift at its end minute (16:30 is closed with the day shift alone)', () => {
    expect(isWithinWorkingHours(dayOnly, sh('2025-11-20T16:29:59'))).toBe(true);
    expect(isWithinWorkingHours(dayOnly, sh('2025-11-20T16:30:00'))).toBe(false);
  });

  it.each([
    ['2025-11-20T21:59:00', false],
    ['2025-11-20T22:00:00', true],
    ['2025-11-20T23:59:00', true],
    ['2025-11-21T00:00:00', true],
    ['2025-11-21T01:59:00', true],
    ['2025-11-21T02:00:00', false],
    ['2025-11-21T12:00:00', false],
  ])('a shift past midnight: %s → %s', (local, open) => {
    expect(isWithinWorkingHours(overnight, sh(local))).toBe(open);
  });

  it('reads the clock in the shop zone, not UTC', () => {
    // 01:00 UTC is 09:00 in Shanghai: open; 15:00 UTC is 23:00 in Shanghai: closed.
    expect(isWithinWorkingHours(shop, new Date('2025-11-20T01:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(shop, new Date('2025-11-20T15:00:00Z'))).toBe(false);
    // The same instant for a shop in New York (10:00 there).
    const newYork = { ...shop, timezone: 'America/New_York' };
    expect(isWithinWorkingHours(newYork, new Date('2025-11-20T15:00:00Z'))).toBe(true);
  });
});

describe('nextOpening', () => {
  it('is the instant itself while a shift is on', () => {
    const at = sh('2025-11-20T16:15:00');
    expect(nextOpening(shop, at).toISOString()).toBe(at.toISOString());
  });

  it.each([
    ['2025-11-20T07:45:00', '2025-11-20T09:00:00'],
    ['2025-11-20T22:30:00', '2025-11-21T09:00:00'],
    ['2025-11-20T23:59:59', '2025-11-21T09:00:00'],
    ['2025-11-21T00:00:00', '2025-11-21T09:00:00'],
    ['2025-12-31T23:00:00', '2026-01-01T09:00:00'],
  ])('two shifts: closed at %s, open at %s', (local, opening) => {
    expect(nextOpening(shop, sh(local)).toISOString()).toBe(sh(opening).toISOString());
  });

  it('finds the evening start after the day shift alone', () => {
    const split = { timezone: 'Asia/Shanghai', workingHours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] };
    expect(nextOpening(split, sh('2025-11-20T12:00:00')).toISOString()).toBe(sh('2025-11-20T13:30:00').toISOString());
  });

  it('handles a shift past midnight', () => {
    expect(nextOpening(overnight, sh('2025-11-21T02:00:00')).toISOString()).toBe(sh('2025-11-21T22:00:00').toISOString());
    expect(nextOpening(overnight, sh('2025-11-21T01:00:00')).toISOString()).toBe(sh('2025-11-21T01:00:00').toISOString());
  });

  it('follows a daylight-saving change in the shop zone', () => {
    const london = { timezone: 'Europe/London', workingHours: [{ start: '09:00', end: '17:00' }] };
    // Saturday 25 Oct 2025 18:00 BST (UTC+1); the clocks go back that night, so Sunday 09:00 is GMT.
    expect(nextOpening(london, new Date('2025-10-25T17:00:00Z')).toISOString()).toBe('2025-10-26T09:00:00.000Z');
    // And forward in March: Sunday 30 Mar 2025 09:00 BST is 08:00 UTC.
    expect(nextOpening(london, new Date('2025-03-29T20:00:00Z')).toISOString()).toBe('2025-03-30T08:00:00.000Z');
  });
});

describe('host time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it.each([
    ['UTC', 0],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
    ['Asia/Kolkata', -330],
  ])('gives the same answers with TZ=%s', (tz, offset) => {
    process.env.TZ = tz;
    // The host zone really changed (November: no daylight saving in any of these).
    expect(new Date(Date.UTC(2025, 10, 20)).getTimezoneOffset()).toBe(offset);
    expect(isWithinWorkingHours(shop, sh('2025-11-20T16:30:00'))).toBe(true);
    expect(isWithinWorkingHours(shop, sh('2025-11-20T22:30:00'))).toBe(false);
    expect(isWithinWorkingHours(overnight, sh('2025-11-21T01:00:00'))).toBe(true);
    expect(nextOpening(shop, sh('2025-11-20T23:00:00')).toISOString()).toBe('2025-11-21T01:00:00.000Z');
    expect(localTime(sh('2025-11-20T00:05:00'), 'Asia/Shanghai')).toBe('00:05');
  });
});

describe('localTime', () => {
  it('is HH:MM in the zone', () => {
    expect(localTime(new Date('2025-11-20T06:30:00Z'), 'Asia/Shanghai')).toBe('14:30');
    expect(localTime(new Date('2025-11-20T16:00:00Z'), 'Asia/Shanghai')).toBe('00:00');
  });
});

describe('nextShiftStart', () => {
  const shop = { timezone: 'Asia/Shanghai', workingHours: [{ start: '09:00', end: '16:30' }, { start: '16:00', end: '22:30' }] };
  it('is the first shift start strictly after the instant, in or out of hours', () => {
    expect(nextShiftStart(shop, new Date('2026-11-23T10:00:00+08:00')).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(nextShiftStart(shop, new Date('2026-11-23T16:00:00+08:00')).toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(nextShiftStart(shop, new Date('2026-11-23T23:00:00+08:00')).toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });
});

describe('shop-local dates', () => {
  it('the local date changes at midnight in the shop zone, not in UTC', () => {
    expect(localDate(new Date('2025-11-20T15:59:59Z'), 'Asia/Shanghai')).toBe('2025-11-20');
    expect(localDate(new Date('2025-11-20T16:00:00Z'), 'Asia/Shanghai')).toBe('2025-11-21');
    expect(localDateTime(new Date('2025-11-20T16:05:00Z'), 'Asia/Shanghai')).toBe('2025-11-21 00:05');
  });

  it('instantAtLocal is the inverse: midnight and a shift start in +08:00', () => {
    expect(instantAtLocal('2025-11-21', 'Asia/Shanghai').toISOString()).toBe('2025-11-20T16:00:00.000Z');
    expect(instantAtLocal('2025-11-21', 'Asia/Shanghai', '09:00').toISOString()).toBe('2025-11-21T01:00:00.000Z');
  });

  it('addDays crosses month and year ends', () => {
    expect(addDays('2025-11-30', 1)).toBe('2025-12-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('shiftMinutes wraps past midnight and treats start = end as all day', () => {
    expect(shiftMinutes({ start: '09:00', end: '16:30' })).toBe(450);
    expect(shiftMinutes({ start: '22:00', end: '02:00' })).toBe(240);
    expect(shiftMinutes({ start: '00:00', end: '00:00' })).toBe(1440);
  });
});

describe('the cached zone offsets', () => {
  it('give the same wall clock as Intl for any instant, in zones with DST and 30/45-minute offsets', async () => {
    const fc = await import('fast-check');
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Adelaide', 'America/St_Johns', 'Pacific/Chatham'];
    const intl = (ms: number, timeZone: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms)).replace(',', '');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        expect(localDateTime(new Date(ms), zone)).toBe(intl(ms, zone));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('working hours and shipping on the shop calendar (holidays, make-up days, closing days)', () => {
  const calendar = ShopCalendarSchema.parse({ closedDays: ['2026-02-12..2026-02-14', '2026-02-24', '2026-03-20'] });
  const withCalendar = { ...shop, calendar, shipping: { cutoff: '16:00' } };
  const officeWeek = { ...shop, calendar: ShopCalendarSchema.parse({ weekendsOff: true }), shipping: { cutoff: '16:00' } };

  it('is closed on a statutory holiday and a closing day, open on a make-up Saturday the shop works', () => {
    expect(isWithinWorkingHours(withCalendar, sh('2026-02-17T10:00:00'))).toBe(false); // 春节
    expect(isWithinWorkingHours(withCalendar, sh('2026-03-20T10:00:00'))).toBe(false); // 盘点
    expect(isWithinWorkingHours(withCalendar, sh('2026-03-19T10:00:00'))).toBe(true);
    expect(isWithinWorkingHours(officeWeek, sh('2026-10-10T10:00:00'))).toBe(true); // 调休 Saturday
    expect(isWithinWorkingHours(officeWeek, sh('2026-10-17T10:00:00'))).toBe(false); // ordinary Saturday
    expect(isWithinWorkingHours(shop, sh('2026-02-17T10:00:00'))).toBe(true); // no calendar: every day
  });

  it('a shift past midnight belongs to the day it started', () => {
    const night = { ...overnight, calendar };
    expect(isWithinWorkingHours(night, sh('2026-02-12T01:00:00'))).toBe(true); // started on the open 2-11
    expect(isWithinWorkingHours(night, sh('2026-02-12T23:00:00'))).toBe(false); // a closing day
    expect(isWithinWorkingHours(night, sh('2026-02-25T01:00:00'))).toBe(false); // started on the closed 2-24
  });

  it('opens again on the first shift after the break (Spring Festival with the shop’s extra days)', () => {
    expect(nextOpening(withCalendar, sh('2026-02-11T23:00:00')).toISOString()).toBe(sh('2026-02-25T09:00:00').toISOString());
    expect(nextShiftStart(withCalendar, sh('2026-09-30T20:00:00')).toISOString()).toBe(sh('2026-10-08T09:00:00').toISOString());
    expect(nextOpening(withCalendar, sh('2026-10-08T08:00:00')).toISOString()).toBe(sh('2026-10-08T09:00:00').toISOString());
  });

  it('ships the next day the shop works: today before the cut-off, else after the holidays and closing days', () => {
    expect(nextShippingDate(withCalendar, sh('2026-02-11T15:00:00'))).toBe('2026-02-11');
    expect(nextShippingDate(withCalendar, sh('2026-02-11T16:00:00'))).toBe('2026-02-25');
    expect(nextShippingDate(withCalendar, sh('2026-09-30T17:00:00'))).toBe('2026-10-08');
    expect(nextShippingDate(withCalendar, sh('2026-10-03T10:00:00'))).toBe('2026-10-08');
    expect(nextShippingDate(officeWeek, sh('2026-10-09T17:00:00'))).toBe('2026-10-10'); // 调休 Saturday
    expect(nextShippingDate(officeWeek, sh('2026-10-16T17:00:00'))).toBe('2026-10-19'); // weekend skipped
    expect(nextShippingDate({ timezone: 'Asia/Shanghai', shipping: { cutoff: '16:00' } }, sh('2026-10-01T17:00:00'))).toBe('2026-10-02');
  });

  it('refuses a shop closed for more than a year instead of looping', () => {
    const closed = { ...shop, calendar: ShopCalendarSchema.parse({ closedDays: ['2026-01-01..2027-12-31'] }), shipping: { cutoff: '16:00' } };
    expect(() => nextOpening(closed, sh('2026-01-02T10:00:00'))).toThrow(RangeError);
    expect(() => nextShippingDate(closed, sh('2026-01-02T10:00:00'))).toThrow(RangeError);
  });
});
