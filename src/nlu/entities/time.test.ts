import { describe, expect, it } from 'vitest';
import { found } from './test-helpers.ts';

describe('day counts', () => {
  it.each([
    ['拍了三天还没发', 3], ['3天能到吗', 3], ['两个工作日', 2], ['一周了', 7], ['两个星期', 14], ['七八天了', 7], ['等了５天', 5],
  ])('%s → %d days', (text, days) => {
    expect(found(text, 'days').map((d) => d.days)).toEqual([days]);
  });
  it('does not read a weekday as a week count', () => {
    expect(found('周五前能到吗', 'days')).toEqual([]);
  });
});

describe('dates', () => {
  it.each([
    ['明天能发吗', { text: '明天', offsetDays: 1, before: false }],
    ['今天发货吗', { text: '今天', offsetDays: 0, before: false }],
    ['後天能到嗎', { text: '後天', offsetDays: 2, before: false }],
    ['周五前能到吗', { text: '周五前', weekday: 5, before: true }],
    ['星期六之前', { text: '星期六之前', weekday: 6, before: true }],
    ['11月11日有活动吗', { text: '11月11日', month: 11, day: 11, before: false }],
    ['5号前能到吗', { text: '5号前', day: 5, before: true }],
  ])('%s', (text, expected) => {
    expect(found(text, 'date')).toEqual([expected]);
  });
  it.each(['39号鞋', '身高165'])('no date in %s', (text) => {
    expect(found(text, 'date')).toEqual([]);
  });
});
