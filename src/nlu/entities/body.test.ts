import { describe, expect, it } from 'vitest';
import { weightFromNumber } from './body.ts';
import { found } from './test-helpers.ts';

describe('height', () => {
  it.each([
    ['身高165体重50', 165], ['身高1.7', 170], ['165cm', 165], ['一米七', 170], ['一米七五', 175], ['1米65', 165],
    ['1.68m穿多大', 168], ['身高一百六', 160], ['身高１６０', 160], ['165公分', 165],
  ])('%s → %d cm', (text, cm) => {
    expect(found(text, 'height').map((h) => h.cm)).toEqual([cm]);
  });
  it.each(['一米', '3米长的线', '身高999'])('no height in %s', (text) => {
    expect(found(text, 'height')).toEqual([]);
  });
});

describe('weight', () => {
  it.each([
    ['身高165体重50', 50], ['体重110', 55], ['120斤穿什么码', 60], ['60kg', 60], ['55公斤', 55], ['體重一百斤', 50], ['體重１００斤', 50],
  ])('%s → %d kg', (text, kg) => {
    expect(found(text, 'weight').map((w) => w.kg)).toEqual([kg]);
  });
});

describe('weight unit', () => {
  it('tells which unit a unit-less weight was read in', () => {
    expect(found('体重110', 'weight')).toEqual([{ text: '体重110', kg: 55, assumedUnit: 'jin' }]);
    expect(found('体重50', 'weight')).toEqual([{ text: '体重50', kg: 50, assumedUnit: 'kg' }]);
  });
  it('assumes nothing when the unit is written', () => {
    expect(found('120斤', 'weight')).toEqual([{ text: '120斤', kg: 60 }]);
    expect(found('60kg', 'weight')).toEqual([{ text: '60kg', kg: 60 }]);
  });
  it.each([
    [75, undefined, { kg: 75, assumedUnit: 'kg' }],
    [76, undefined, { kg: 38, assumedUnit: 'jin' }],
    [100, '斤', { kg: 50 }],
    [100, 'kg', { kg: 100 }],
  ] as const)('weightFromNumber(%d, %s)', (value, unit, expected) => {
    expect(weightFromNumber(value, unit)).toEqual(expected);
  });
});

describe('size', () => {
  it.each([
    ['有M码吗', [{ text: 'M码', value: 'M', system: 'letter' }]],
    ['xl还有吗', [{ text: 'xl', value: 'XL', system: 'letter' }]],
    ['ＸＸＬ', [{ text: 'ＸＸＬ', value: 'XXL', system: 'letter' }]],
    ['39码的鞋', [{ text: '39码', value: '39', system: 'number' }]],
    ['是均码吗', [{ text: '均码', value: '均码', system: 'free' }]],
    ['2xl和3xl', [{ text: '2xl', value: '2XL', system: 'letter' }, { text: '3xl', value: '3XL', system: 'letter' }]],
  ])('%s', (text, expected) => {
    expect(found(text, 'size')).toEqual(expected);
  });
  it.each(['发ems吗', '身高165cm', 'ok的', 'sf到付', '1.7m'])('no size in %s', (text) => {
    expect(found(text, 'size')).toEqual([]);
  });  it.each([
    ['买的26码 想换成27', ['26', '27']],
    ['29码太小了 改30吧', ['29', '30']],
  ])('a bare number asked for after a numeric size is a size too: %s', (text, values) => {
    expect(found(text, 'size').map((s) => s.value)).toEqual(values);
  });
  it.each(['27码的裤子要28块吗', '要28', '26码 要2件'])('no carried size in %s', (text) => {
    expect(found(text, 'size').map((s) => s.value)).not.toContain('28');
    expect(found(text, 'size').map((s) => s.value)).not.toContain('2');
  });
});
