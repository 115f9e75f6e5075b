import { describe, expect, it } from 'vitest';
import { loadDemoShop } from '../shop/load.ts';
import { shopQuestionReply } from './shop-questions.ts';

const shop = loadDemoShop();
const at = (local: string) => new Date(`${local}+08:00`);

describe('questions about the shop itself', () => {
  it.each(['亲 你们夜里有客服在吗', '那早上几点上班', '客服几点下班', '晚上有人吗', '營業時間是幾點'])('"%s" in working hours → the service hours', (text) => {
    expect(shopQuestionReply(text, shop, at('2025-11-20T14:30:00'))).toEqual({
      scriptId: 'presale.calendar.service_hours',
      params: { shop: shop.name, attribute: '在线时间', value: '每天09:00-22:30' },
    });
  });

  it('after hours: when agents are back', () => {
    expect(shopQuestionReply('夜里有客服在吗', shop, at('2025-11-20T23:30:00'))).toEqual({ scriptId: 'presale.calendar.service_closed_now', params: { opening: '明天（11月21日）09:00' } });
  });

  it.each(['今天有人吗？？？', '现在有客服没', '啥时候有人'])('"%s" while nobody is on: when agents are back, with the date', (text) => {
    expect(shopQuestionReply(text, shop, at('2025-11-20T23:30:00'))).toEqual({ scriptId: 'presale.calendar.service_closed_now', params: { opening: '明天（11月21日）09:00' } });
  });

  it('"今天有人吗" while agents are on is a greeting, no shop question; "今天有货吗" is none either', () => {
    expect(shopQuestionReply('今天有人吗', shop, at('2025-11-20T14:30:00'))).toBeNull();
    expect(shopQuestionReply('今天有货吗', shop, at('2025-11-20T23:30:00'))).toBeNull();
  });

  it('过年还发货吗: the shop\'s closure around Spring Festival and when it reopens', () => {
    const reply = shopQuestionReply('过年还发货吗 想买件大衣给我妈', shop, at('2025-11-20T14:30:00'));
    expect(reply?.scriptId).toBe('presale.calendar.closed_period');
    expect(reply?.params.attribute).toBe('春节放假时间');
    expect(String(reply?.params.value)).toMatch(/^2月\d+日至2月\d+日$/);
  });

  it('国庆放假吗 in a year not published yet: says so, no guess', () => {
    expect(shopQuestionReply('你们国庆放假吗', shop, at('2026-12-04T10:00:00'))?.scriptId).toBe('presale.calendar.not_announced');
  });

  it.each(['在吗', '几点能发货', '晚上能送到吗', '羊毛大衣有货吗', '双十一有活动吗', '过年送长辈买啥好'])('"%s" is no question about the shop', (text) => {
    expect(shopQuestionReply(text, shop, at('2025-11-20T14:30:00'))).toBeNull();
  });
});

describe('a season\'s greeting and a day asked about', () => {
  it('"过年好 你们明天发货吗" on 元旦 eve: the 元旦 closure, not Spring Festival', () => {
    const reply = shopQuestionReply('过年好 你们明天发货吗', shop, at('2025-12-31T20:00:00'));
    expect(reply?.scriptId).toBe('presale.calendar.closed_period');
    expect(reply?.params.attribute).toBe('元旦放假时间');
    expect(String(reply?.params.opening)).toMatch(/^1月4日/);
  });

  it('"新年快乐 今天有人吗" on a closing day of the shop\'s own: that closure', () => {
    const reply = shopQuestionReply('新年快乐 今天有人吗', shop, at('2026-03-20T10:00:00'));
    expect(reply?.params.attribute).toBe('店铺休息时间');
    expect(reply?.params.value).toBe('3月20日');
  });

  it('"新年好 今天能发货吗" on an open day: no shop answer (the flows answer shipping)', () => {
    expect(shopQuestionReply('新年好 今天能发货吗', shop, at('2025-11-20T10:00:00'))).toBeNull();
  });

  it('near miss: "春节放假吗" still names Spring Festival', () => {
    expect(shopQuestionReply('春节放假吗', shop, at('2026-01-01T10:00:00'))?.params.attribute).toBe('春节放假时间');
  });
});
