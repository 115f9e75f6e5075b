import { describe, expect, it } from 'vitest';
import { createTextView } from '../text-view.ts';
import { findDigitRuns, findPhoneNumbers, hasDigitRun, phoneDigits, samePhone } from './phone.ts';

/** The phone numbers found in a reply, as the original text of each span. */
function phones(text: string): string[] {
  const { norm } = createTextView(text);
  return findPhoneNumbers(norm).map((m) => text.slice(m.start, m.end));
}

describe('findPhoneNumbers', () => {
  it.each([
    ['我的手机号是13800001111，您直接打给我。', '13800001111'],
    ['电话 138 1234 5678', '138 1234 5678'],
    ['电话138-1234-5678', '138-1234-5678'],
    ['电话138.1234.5678', '138.1234.5678'],
    ['電話１３８１２３４５６７８', '１３８１２３４５６７８'],
    ['一三八一二三四五六七八', '一三八一二三四五六七八'],
    ['幺三八 幺二三四 五六七八', '幺三八 幺二三四 五六七八'],
    ['号码是一3八1234五六七八哦', '一3八1234五六七八'],
    ['+86 138 1234 5678', '86 138 1234 5678'],
    ['8613812345678', '8613812345678'],
    ['打我们售后电话0571-88886666。', '0571-88886666'],
    ['座机(010)62345678转1', '010)62345678'],
    ['座机：01012345678', '01012345678'],
    ['客服热线400-820-8820', '400-820-8820'],
    ['客服热线4008208820', '4008208820'],
    ['800 810 8888', '800 810 8888'],
    ['1 3 8 1 2 3 4 5 6 7 8', '1 3 8 1 2 3 4 5 6 7 8'],
    ['2023-11-11 13812345678', '13812345678'],
    ['第二13812345678', '13812345678'],
  ])('finds the number in %s', (text, expected) => {
    expect(phones(text)).toEqual([expected]);
  });

  it('finds several numbers in one run', () => {
    expect(phones('13812345678/13987654321')).toEqual(['13812345678', '13987654321']);
  });

  it.each([
    '订单号：3921000011112222',
    '订单号3921000011112222333',
    '运单号 773012345678901',
    '中通单号 75312345678901',
    '卡号是6222021234567890123',
    '一共12800元',
    '活动时间2023-11-11到2023-11-12',
    '尺码165/88A，腰围72',
    '手机号138****5678',
    '0571-8888****',
    '尺码 165 170 175 180 185',
    '价格138元，满2件减20',
    '12345678901',
    '第一时间为您安排',
    '一二三四五六七',
    '顺丰客服95338',
  ])('finds nothing in %s', (text) => {
    expect(phones(text)).toEqual([]);
  });
});

describe('phoneDigits / samePhone', () => {
  it('normalises writing and prefixes', () => {
    expect(phoneDigits('+86 138-1234-5678')).toBe('13812345678');
    expect(phoneDigits('００８６１３８１２３４５６７８')).toBe('13812345678');
    expect(phoneDigits('0571-88886666')).toBe('057188886666');
    expect(samePhone('138 1234 5678', '13812345678')).toBe(true);
    expect(samePhone('13812345678', '13812345679')).toBe(false);
    expect(samePhone('', '')).toBe(false);
  });
});

describe('hasDigitRun', () => {
  it.each([
    ['13812345678', 7, true],
    ['138 1234', 7, true],
    ['一三八 一二三四', 7, true],
    ['0571-8888', 7, true],
    ['123456', 7, false],
    ['12.5元，共3件，1234号', 7, false],
    ['1 2 3    4 5 6 7', 7, false], // four spaces end the run
    ['订单号 2023111112345678', 7, true],
    ['没有数字', 1, false],
  ] as const)('%s (≥ %i digits) → %s', (text, min, expected) => {
    expect(hasDigitRun(createTextView(text).norm, min)).toBe(expected);
  });

  it('agrees with findDigitRuns', () => {
    const texts = ['电话138-1234-5678哦', '价格12.5元 规格 3*4 尺码 170/88a', '幺三八 幺二三四 五六七八', '1--2--3--4--5--6--7', '2023-11-11 13812345678'];
    for (const text of texts) {
      const norm = createTextView(text).norm;
      for (const min of [3, 7, 11, 12]) {
        expect(hasDigitRun(norm, min), `${text} ${min}`).toBe(findDigitRuns(norm).some((r) => r.digits.length >= min));
      }
    }
  });
});
