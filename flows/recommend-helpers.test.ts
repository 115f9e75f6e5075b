import { describe, expect, it } from 'vitest';
import { asksWhichOfProduct, coloursCompared, coloursSetAside, coloursToRecommend, setsAsideAndAsksMore } from './recommend-helpers.ts';

const scarf = {
  name: '暖阳 羊毛流苏围巾 秋冬保暖',
  shortName: '羊毛流苏围巾',
  skus: [
    { color: '燕麦色', size: '均码', stock: 3 },
    { color: '酒红色', size: '均码', stock: 5 },
    { color: '藏青色', size: '均码', stock: 0 },
  ],
};

describe('asksWhichOfProduct', () => {
  it.each(['搭大衣选哪条围巾好', '围巾哪个颜色好看', '推荐个围巾呗', '挑一条流苏的'])('%s asks which of the scarf', (text) => {
    expect(asksWhichOfProduct(scarf, text)).toBe(true);
  });
  it.each(['围巾配什么好', '还有什么推荐', '推荐下', '除了围巾还有啥'])('near miss: %s asks what else', (text) => {
    expect(asksWhichOfProduct(scarf, text)).toBe(false);
  });
});

describe('colours set aside', () => {
  it('a colour had or not wanted is left out of the colours in stock', () => {
    expect(coloursSetAside(scarf, '酒红的已经有了')).toEqual(['酒红色']);
    expect(coloursToRecommend(scarf, coloursSetAside(scarf, '酒红的已经有了'))).toEqual(['燕麦色']);
    expect(coloursToRecommend(scarf, [])).toEqual(['燕麦色', '酒红色']);
  });
  it('near misses: a colour named without setting it aside, and no colour at all', () => {
    expect(coloursSetAside(scarf, '酒红色还有吗')).toEqual([]);
    expect(coloursSetAside(scarf, '不要了')).toEqual([]);
  });
  it('what else, with something set aside', () => {
    expect(setsAsideAndAsksMore('燕麦的不喜欢 还有别的吗')).toBe(true);
    expect(setsAsideAndAsksMore('燕麦的还有吗')).toBe(false);
  });
});

describe('coloursCompared', () => {
  it('two colours of the product to choose between', () => {
    expect(coloursCompared(scarf, '燕麦还是酒红好看')).toEqual(['燕麦色', '酒红色']);
    expect(coloursCompared(scarf, '藏青色和燕麦色选哪个')).toEqual(['燕麦色', '藏青色']);
  });
  it('near misses: one colour, or two named without a choice asked', () => {
    expect(coloursCompared(scarf, '酒红哪个好看')).toEqual([]);
    expect(coloursCompared(scarf, '燕麦和酒红都要')).toEqual([]);
  });
});
