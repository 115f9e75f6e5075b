import { NUMERAL, parseNumeral } from '../numbers.ts';
import { at, matches } from './found.ts';
import type { Entity } from './schema.ts';

type Money = Extract<Entity, { type: 'money' }>;
type Discount = Extract<Entity, { type: 'discount' }>;

// 少10块 / 便宜十块钱 / ¥12 / 12元 / 99rmb; a leading 少/便宜/减 makes it a reduction.
const MONEY = new RegExp(
  `(少|便宜|减|优惠|降|再少)?\\s*(?:[¥￥]\\s*(\\d+(?:\\.\\d+)?)(?:元|块钱|块)?|(${NUMERAL})\\s*(?:元|块钱|块|rmb|大洋))`,
  'g',
);

export function findMoney(text: string): Money[] {
  const out: Money[] = [];
  for (const m of matches(MONEY, text)) {
    const amount = parseNumeral(m[2] ?? m[3] ?? '');
    if (amount === undefined) continue;
    out.push(at<Money>(m, { type: 'money', amount, reduction: m[1] !== undefined }));
  }
  return out;
}

// 9折 / 8.5折 / 85折 / 九五折 / 打个折 / 打折.
const DISCOUNT = /(\d+(?:\.\d+)?|[一二三四五六七八九]{1,2})\s*折|打个?折扣?|折扣/g;

function rateOf(numeral: string): number | undefined {
  const chinese = /^[一二三四五六七八九]{2}$/.test(numeral);
  const value = chinese ? Number([...numeral].map((ch) => parseNumeral(ch)).join('')) : parseNumeral(numeral);
  if (value === undefined || value <= 0) return undefined;
  const rate = value < 10 ? value / 10 : value / 100;
  return rate > 0 && rate <= 1 ? Math.round(rate * 1000) / 1000 : undefined;
}

export function findDiscounts(text: string): Discount[] {
  const out: Discount[] = [];
  for (const m of matches(DISCOUNT, text)) {
    if (m[1] === undefined) {
      out.push(at<Discount>(m, { type: 'discount' }));
      continue;
    }
    const rate = rateOf(m[1]);
    if (rate !== undefined) out.push(at<Discount>(m, { type: 'discount', rate }));
  }
  return out;
}
