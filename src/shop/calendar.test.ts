import { describe, expect, it } from 'vitest';
import { parseShop } from './load.ts';
import { readFileSync } from 'node:fs';
import { DEMO_SHOP_PATH } from './load.ts';
import { dayStatus, holidayNamed, holidayPeriodAt, isStatutoryYearKnown, nextHolidayPeriod, nextOpenDate, ShopCalendarSchema } from './calendar.ts';

/** A shop that closes on statutory holidays only, and works every weekend. */
const plain = ShopCalendarSchema.parse({});
const officeHours = ShopCalendarSchema.parse({ weekendsOff: true });
const noMakeUp = ShopCalendarSchema.parse({ weekendsOff: true, worksMakeUpDays: false });
const withClosing = ShopCalendarSchema.parse({ closedDays: ['2026-02-12..2026-02-14', '2026-03-20'] });

describe('statutory data (chinese-days)', () => {
  it('covers 2025 and 2026; 2027 is not announced in the data yet', () => {
    expect(isStatutoryYearKnown(2025)).toBe(true);
    expect(isStatutoryYearKnown(2026)).toBe(true);
    expect(isStatutoryYearKnown(2027)).toBe(false);
  });
});

describe('dayStatus', () => {
  it('Spring Festival 2026: closed 2-15..2-23, the make-up Saturdays 2-14 and 2-28 are worked', () => {
    expect(dayStatus(plain, '2026-02-14')).toMatchObject({ open: true, reason: 'make_up_workday', holidayName: '春节' });
    for (const d of ['2026-02-15', '2026-02-17', '2026-02-23']) expect(dayStatus(plain, d), d).toMatchObject({ open: false, reason: 'holiday', holidayName: '春节' });
    expect(dayStatus(plain, '2026-02-24')).toMatchObject({ open: true, reason: 'workday' });
    expect(dayStatus(plain, '2026-02-28')).toMatchObject({ open: true, reason: 'make_up_workday' });
  });

  it('National Day 2026 with its make-up weekend days (Sunday 9-20, Saturday 10-10)', () => {
    expect(dayStatus(plain, '2026-10-01')).toMatchObject({ open: false, reason: 'holiday', holidayName: '国庆节' });
    expect(dayStatus(plain, '2026-10-07')).toMatchObject({ open: false, reason: 'holiday' });
    expect(dayStatus(plain, '2026-10-08')).toMatchObject({ open: true, reason: 'workday' });
    // A shop that rests at weekends works the make-up days only if it says so.
    expect(dayStatus(officeHours, '2026-10-10')).toMatchObject({ open: true, reason: 'make_up_workday' });
    expect(dayStatus(noMakeUp, '2026-10-10')).toMatchObject({ open: false, reason: 'make_up_workday' });
    expect(dayStatus(noMakeUp, '2026-09-20')).toMatchObject({ open: false, reason: 'make_up_workday' });
    expect(dayStatus(officeHours, '2026-10-17')).toMatchObject({ open: false, reason: 'weekend' });
  });

  it('a shop closing day closes even a make-up workday; holidays can be worked', () => {
    expect(dayStatus(withClosing, '2026-02-14')).toMatchObject({ open: false, reason: 'shop_closed', holidayName: '春节' });
    expect(dayStatus(withClosing, '2026-03-20')).toMatchObject({ open: false, reason: 'shop_closed' });
    expect(dayStatus(withClosing, '2026-03-21')).toMatchObject({ open: true, reason: 'weekend' });
    expect(dayStatus(ShopCalendarSchema.parse({ closedOnHolidays: false }), '2026-10-01')).toMatchObject({ open: true, reason: 'holiday' });
  });

  it('reports when the statutory calendar of the year is unknown', () => {
    expect(dayStatus(plain, '2027-10-01')).toMatchObject({ open: true, statutoryKnown: false });
  });
});

describe('holiday periods', () => {
  it('groups the days off and their make-up workdays', () => {
    expect(holidayPeriodAt('2026-10-03')).toEqual({ name: '国庆节', start: '2026-10-01', end: '2026-10-07', makeUpWorkdays: ['2026-09-20', '2026-10-10'] });
    expect(holidayPeriodAt('2026-02-20')).toEqual({ name: '春节', start: '2026-02-15', end: '2026-02-23', makeUpWorkdays: ['2026-02-14', '2026-02-28'] });
    // 2025: Mid-Autumn falls inside the National Day break.
    expect(holidayPeriodAt('2025-10-06')).toEqual({ name: '国庆节、中秋', start: '2025-10-01', end: '2025-10-08', makeUpWorkdays: ['2025-09-28', '2025-10-11'] });
    expect(holidayPeriodAt('2026-03-20')).toBeUndefined();
  });

  it('finds the next period of a named holiday, or none beyond the data', () => {
    expect(nextHolidayPeriod('春节', '2025-12-01')?.start).toBe('2026-02-15');
    expect(nextHolidayPeriod('国庆节', '2026-10-05')?.start).toBe('2026-10-01'); // inside it
    expect(nextHolidayPeriod('国庆节', '2026-12-04')).toBeUndefined(); // 2027 not announced
  });

  it.each([
    ['过年还发货吗', '春节'],
    ['年前能到吗', '春节'],
    ['國慶放假嗎', undefined], // traditional: the dialogue normalises first
    ['国庆放假吗', '国庆节'],
    ['十一放假吗', '国庆节'],
    ['双十一发货快吗', undefined],
    ['十一点还有人吗', undefined],
    ['五一上班吗', '劳动节'],
    ['中秋节发货吗', '中秋'],
    ['夜里有客服在吗', undefined],
  ])('holidayNamed(%s) = %s', (text, name) => {
    expect(holidayNamed(text)).toBe(name);
  });
});

describe('nextOpenDate', () => {
  it('skips holidays and closing days', () => {
    expect(nextOpenDate(withClosing, '2026-02-12')).toBe('2026-02-24');
    expect(nextOpenDate(plain, '2026-10-01')).toBe('2026-10-08');
    expect(nextOpenDate(plain, '2026-11-03')).toBe('2026-11-03');
  });
});

describe('the shop file', () => {
  const source = readFileSync(DEMO_SHOP_PATH, 'utf8');
  const withDays = (days: string) => source.replace(/ {2}closedDays:\n(?: {4}- .*\n)+/, `  closedDays:\n    - '${days}'\n`);
  const error = (text: string): string => {
    try {
      parseShop(text, 'shop.yaml');
    } catch (e) {
      return (e as Error).message;
    }
    return '(no error)';
  };

  it('the demo shop has a calendar with its own closing days', () => {
    const shop = parseShop(source, 'shop.yaml');
    expect(shop.calendar.closedDays).toContain('2026-03-20');
    expect(withDays('2026-05-06')).not.toBe(source);
  });

  it.each([
    ['2026-02-30', /^shop\.yaml:\d+: calendar\.closedDays\[0\]: 应为日期 YYYY-MM-DD 或日期范围 YYYY-MM-DD\.\.YYYY-MM-DD："2026-02-30"$/],
    ['2026-2-1', /calendar\.closedDays\[0\]: 应为日期/],
    ['2026-02-14..2026-02-10', /calendar\.closedDays\[0\]: 日期范围的结束早于开始："2026-02-14\.\.2026-02-10"$/],
    ['2026-02-10..2026-02-14..2026-02-20', /calendar\.closedDays\[0\]: 应为日期/],
  ])('refuses closedDays %s with file:line', (days, message) => {
    expect(error(withDays(days))).toMatch(message);
  });
});
