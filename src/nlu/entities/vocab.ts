import { at, matches } from './found.ts';
import type { Entity } from './schema.ts';

type Courier = Extract<Entity, { type: 'courier' }>;
type Color = Extract<Entity, { type: 'color' }>;

/** Courier names and how buyers write them, to one canonical name each. */
const COURIERS: [string, RegExp][] = [
  ['顺丰', /顺丰(?:速运|快递|\s*sf(?![a-z]))?|(?<![a-z])sf(?![a-z])/],
  ['中通', /中通(?:快递)?|(?<![a-z])zto(?![a-z])/],
  ['圆通', /圆通(?:快递)?|(?<![a-z])yto(?![a-z])/],
  ['韵达', /韵达(?:快递)?|(?<![a-z])yunda(?![a-z])/],
  ['申通', /申通(?:快递)?|(?<![a-z])sto(?![a-z])/],
  ['EMS', /(?<![a-z])ems(?![a-z])/],
  ['邮政', /(?:中国)?邮政(?:快递|包裹)?/],
  ['京东', /京东(?:快递|物流)?|(?<![a-z])jd(?![a-z])/],
  ['极兔', /极兔(?:速递|快递)?/],
  ['百世', /百世(?:快递|汇通)?|汇通/],
  ['德邦', /德邦(?:快递|物流)?/],
  ['天天快递', /天天快递/],
];
const COURIER = new RegExp(COURIERS.map(([, re]) => `(${re.source})`).join('|'), 'g');

export function findCouriers(text: string): Courier[] {
  const out: Courier[] = [];
  for (const m of matches(COURIER, text)) {
    const index = m.slice(1).findIndex((g) => g !== undefined);
    out.push(at<Courier>(m, { type: 'courier', name: COURIERS[index]![0] }));
  }
  return out;
}

// Two-character colour names stand alone; one-character ones need 色 or 的 (红色, 要黑的) so 白天, 金额 do not match.
const LONG_COLORS = '米白|米色|烟灰|燕麦|藏青|酒红|杏色|驼色|军绿|墨绿|深蓝|浅蓝|天蓝|宝蓝|湖蓝|玫红|大红|粉红|浅灰|深灰|卡其|咖啡|焦糖|香槟|奶白|雾霾蓝|薄荷绿|姜黄|土黄|肤色';
const SHORT_COLORS = '红|黑|白|蓝|绿|黄|粉|紫|灰|棕|橙|银|金|褐';
const COLOR = new RegExp(`(${LONG_COLORS})色?|(${SHORT_COLORS})(?:色|的(?!话|时候))`, 'g');

/** Colours written in English ("black M码", "那khaki呢"), as whole words, to their Chinese names. */
export const ENGLISH_COLORS: Readonly<Record<string, string>> = {
  black: '黑色', white: '白色', red: '红色', blue: '蓝色', navy: '藏青色', green: '绿色', yellow: '黄色', pink: '粉色',
  purple: '紫色', grey: '灰色', gray: '灰色', brown: '棕色', orange: '橙色', khaki: '卡其色', beige: '米色', camel: '驼色',
  burgundy: '酒红色', wine: '酒红色', caramel: '焦糖色', cream: '奶白色', ivory: '米白色', oatmeal: '燕麦色',
};
const ENGLISH_COLOR = new RegExp(`(?<![a-z])(${Object.keys(ENGLISH_COLORS).join('|')})(?![a-z])`, 'g');

export function findColors(text: string): Color[] {
  const chinese = [...matches(COLOR, text)].map((m) => {
    const base = m[1] ?? m[2]!;
    return at<Color>(m, { type: 'color', name: base.endsWith('色') ? base : `${base}色` });
  });
  const english = [...matches(ENGLISH_COLOR, text)].map((m) => at<Color>(m, { type: 'color', name: ENGLISH_COLORS[m[1]!]! }));
  return [...chinese, ...english].sort((a, b) => a.start - b.start);
}
