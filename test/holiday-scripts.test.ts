import { describe, expect, it } from 'vitest';
import { createLinter } from '../src/compliance/linter.ts';
import { loadScripts, renderVariant } from '../src/dialogue/scripts.ts';
import { holidayNamed } from '../src/shop/calendar.ts';
import { holidayAnswerFacts, reopeningInstant } from '../src/shop/holiday-answer.ts';
import { localTime } from '../src/shop/hours.ts';
import { loadDemoShop } from '../src/shop/load.ts';

/**
 * The presale.calendar.* scripts filled from holidayAnswerFacts the way the dialogue is meant to
 * (issue 12: 国庆放假吗 / 过年还发货吗 / 夜里有客服在吗): every variant reads right and is lint-clean
 * with real values, not only with the library's sample values.
 */
const shop = loadDemoShop();
const scripts = loadScripts();
const linter = createLinter({ profile: 'tmall' });
const sh = (local: string) => new Date(`${local}+08:00`);
const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

function rendered(id: string, params: Record<string, string>): string[] {
  const script = scripts.get(id);
  expect(script, id).toBeDefined();
  return script!.variants.map((v) => renderVariant(v, params, id));
}

function expectClean(texts: string[]): void {
  for (const text of texts) expect(linter.lint(text).violations.map((v) => `${v.ruleId}: ${text.slice(v.start, v.end)}`), text).toEqual([]);
}

describe('presale.calendar scripts with the facts of the demo shop', () => {
  it('过年还发货吗 (asked 2026-01-20): the closure 2月12日至2月24日, back on 2月25日09:00, cut-off before the break', () => {
    const facts = holidayAnswerFacts(shop, sh('2026-01-20T10:00:00'), { holiday: holidayNamed('过年还发货吗')! });
    const { closure, holiday } = facts;
    const reopen = reopeningInstant(shop, closure!.reopensOn!);
    const opening = `${md(closure!.reopensOn!)}${localTime(reopen, shop.timezone)}`;
    const closed = rendered('presale.calendar.closed_period', { shop: shop.name, attribute: `${holiday!.name}放假时间`, value: `${md(closure!.from)}至${md(closure!.to)}`, opening });
    expect(closed[0]).toBe(
      '您好，暖阳生活旗舰店的春节放假时间是2月12日至2月24日，放假期间客服休息、仓库暂停发货，2月25日09:00恢复上班，期间付款的订单会在恢复后按付款顺序尽快为您安排发出。',
    );
    expectClean(closed);
    expectClean(rendered('presale.calendar.ship_before_break', { cutoff: shop.shipping.cutoff, opening }));
  });

  it('国庆放假吗 for a shop that works holidays, and for a year not announced', () => {
    expectClean(rendered('presale.calendar.open_through', { shop: shop.name, attribute: '国庆节' }));
    const facts = holidayAnswerFacts(shop, sh('2026-12-04T10:00:00'), { holiday: '国庆节' });
    expect(facts.statutoryKnown).toBe(false);
    expectClean(rendered('presale.calendar.not_announced', { attribute: '2027年国庆节' }));
  });

  it('夜里有客服在吗: the hours in working hours, the next shift after them', () => {
    const day = holidayAnswerFacts(shop, sh('2025-11-20T14:30:00'));
    expect(day.serviceOpenNow).toBe(true);
    expectClean(rendered('presale.calendar.service_hours', { shop: shop.name, attribute: '在线时间', value: `每天${day.serviceHours.join('、')}` }));
    const night = holidayAnswerFacts(shop, sh('2025-11-20T23:10:00'));
    expect(night.serviceOpenNow).toBe(false);
    expectClean(rendered('presale.calendar.service_closed_now', { opening: `明天${localTime(night.nextServiceAt, shop.timezone)}` }));
  });
});
