import { describe, expect, it } from 'vitest';
import { holidayNamed } from './calendar.ts';
import { holidayAnswerFacts, reopeningInstant } from './holiday-answer.ts';
import { loadDemoShop } from './load.ts';

const shop = loadDemoShop();
const sh = (local: string) => new Date(`${local}+08:00`);

describe('holidayAnswerFacts (the demo shop: closed on statutory holidays, 2-12..2-14 and 2-24 before/after Spring Festival)', () => {
  it('过年还发货吗, asked in January: the break with the shop’s own days, the last day before it and the day it reopens', () => {
    const facts = holidayAnswerFacts(shop, sh('2026-01-20T10:00:00'), { holiday: holidayNamed('过年还发货吗')! });
    expect(facts.holiday).toEqual({ name: '春节', start: '2026-02-15', end: '2026-02-23', makeUpWorkdays: ['2026-02-14', '2026-02-28'] });
    expect(facts.asked).toMatchObject({ date: '2026-02-15', open: false, reason: 'holiday' });
    expect(facts.closure).toEqual({ from: '2026-02-12', to: '2026-02-24', lastOpenBefore: '2026-02-11', reopensOn: '2026-02-25' });
    expect(facts.nextShippingDate).toBe('2026-01-20');
    expect(facts.serviceOpenNow).toBe(true);
    expect(facts.statutoryKnown).toBe(true);
    expect(reopeningInstant(shop, facts.closure!.reopensOn!).toISOString()).toBe(sh('2026-02-25T09:00:00').toISOString());
  });

  it('国庆放假吗, asked during the break: closed today, shipping and service resume on 10-08', () => {
    const facts = holidayAnswerFacts(shop, sh('2026-10-03T11:00:00'), { holiday: '国庆节' });
    expect(facts.today).toMatchObject({ open: false, reason: 'holiday', holidayName: '国庆节' });
    expect(facts.serviceOpenNow).toBe(false);
    expect(facts.nextServiceAt.toISOString()).toBe(sh('2026-10-08T09:00:00').toISOString());
    expect(facts.closure).toEqual({ from: '2026-10-01', to: '2026-10-07', lastOpenBefore: '2026-09-30', reopensOn: '2026-10-08' });
    expect(facts.nextShippingDate).toBe('2026-10-08');
  });

  it('a date asked about (10月10日, a make-up Saturday) is a working day', () => {
    const facts = holidayAnswerFacts(shop, sh('2026-09-01T10:00:00'), { date: '2026-10-10' });
    expect(facts.asked).toMatchObject({ open: true, reason: 'make_up_workday', holidayName: '国庆节' });
    expect(facts.closure).toBeUndefined();
  });

  it('夜里有客服在吗 at 23:00: not now, the hours, and the next shift', () => {
    const facts = holidayAnswerFacts(shop, sh('2025-11-20T23:00:00'));
    expect(facts.serviceOpenNow).toBe(false);
    expect(facts.serviceHours).toEqual(['09:00-22:30']);
    expect(facts.nextServiceAt.toISOString()).toBe(sh('2025-11-21T09:00:00').toISOString());
    expect(facts.nextShippingDate).toBe('2025-11-21');
    expect(facts.holiday).toBeUndefined();
    expect(facts.closure).toBeUndefined();
  });

  it('a holiday not yet announced (国庆 2027, asked in December 2026) says so instead of guessing', () => {
    const facts = holidayAnswerFacts(shop, sh('2026-12-04T10:00:00'), { holiday: '国庆节' });
    expect(facts.statutoryKnown).toBe(false);
    expect(facts.asked).toBeUndefined();
    expect(facts.holiday).toBeUndefined();
  });

  it('a shop closing day that is not a holiday (仓库盘点 3-20)', () => {
    const facts = holidayAnswerFacts(shop, sh('2026-03-19T17:00:00'), { date: '2026-03-20' });
    expect(facts.asked).toMatchObject({ open: false, reason: 'shop_closed' });
    expect(facts.holiday).toBeUndefined();
    expect(facts.closure).toEqual({ from: '2026-03-20', to: '2026-03-20', lastOpenBefore: '2026-03-19', reopensOn: '2026-03-21' });
    expect(facts.nextShippingDate).toBe('2026-03-21');
  });
});
