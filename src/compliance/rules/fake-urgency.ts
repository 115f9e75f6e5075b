import { defineRule } from '../rule.ts';
import { clauseBefore, matchAll } from '../text-view.ts';

/**
 * Seed 002 时间暗示 recommends urgency hints (活动即将结束, 库存有限) — but they must be true:
 * a false "last one" or "price rises tomorrow" is false advertising (虚假宣传).
 * - Scarcity with a count (最后一件, 仅剩3件) fires only when context.product.stock is known
 *   and larger than the count claimed; without the stock we cannot tell, so it stays quiet.
 * - A coming price rise (明天就涨价) or now-or-never pressure (今天不买就没了) cannot be checked
 *   from the text, and a false one is a legal risk: it fires unless the shop has set
 *   context.shop.priceRiseAnnounced = true. A true end date (活动截止到11月11日) and talk of
 *   past rises (原材料涨价了) are not urgency claims and pass.
 */

const N = '(\\d+|[一二两三四五六七八九十]+|几)';
/** 只剩一件没发货 / 就剩两件在路上: what is left of the buyer's order, not of the stock. */
const NOT_ORDER = '(?![没未待在]|还没|需要|要|正在)';
/**
 * 只剩最后一件 / 仅剩3件 / 库存只有2件 / 最后一件了. Not 您只拍了一件, 只有一件需要退,
 * 只剩一件没发货 (the buyer's order) nor 最后一件商品已发出 (the last item of an order).
 */
const SCARCITY = new RegExp(
  [
    `(仅|只|就|才)(剩|剩下|余)(最后)?${N}件${NOT_ORDER}`,
    `(仅|只|就|才)有最后${N}件${NOT_ORDER}`,
    `(库存|现货|货)(也)?(仅|只|就|才)?(剩|剩下|余)(最后)?${N}件`,
    `(库存|现货)(也)?(仅|只|就|才)有(最后)?${N}件`,
    `最后${N}件(?=了|啦|咯|喽|哦|呢|[,.!?~，。！？～…\\s]|$)`,
  ].join('|'),
  'g',
);
const PRICE_RISE = new RegExp(
  [
    '(明天|明日|后天|马上|很快|即将|过两天|过几天|下周|下个月|月底|过了今天|今天过后|过了今晚|今晚过后|零点后|零点以后)(就|会|要|将|都|可能|全面|开始){0,3}(涨价|提价|涨回去|价格上涨|上调价格)',
    '(价格|价钱)(明天|明日|马上|很快|即将|过两天|过几天|下周)(就|会|要|将){0,2}(涨|上调|提高)',
  ].join('|'),
  'g',
);
const NOW_OR_NEVER = /(今天|现在|今晚|这次|再)不(买|拍|下单)(的话)?(就|可)?(没|没有)(了|机会)|(错过|过了)(今天|今晚|这次)(就|可)?(没|没有|再也没)(了|机会|这个价)/g;

/**
 * 如果明天涨价… / 会不会涨价: a hypothesis or a question, not a claim. 快递费下个月涨价 is about
 * the courier or costs, not the product's price. 活动结束后涨价 is left alone: the end of a
 * real promotion (say 恢复原价).
 */
const NOT_A_CLAIM_BEFORE = /(如果|若|万一|假如|要是|假设|是否|会不会|担心|怕)[^，。！？,.!?]{0,8}$|(快递|运费|邮费|物流|原材料|材料|成本|人工)/;

const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 3 → 3, 十二 → 12, 二十 → 20; 几 is "a few" and cannot be compared. */
function countOf(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '几') return undefined;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? ZH_DIGITS[s] : undefined;
  const tens = ten === 0 ? 1 : ZH_DIGITS[s.slice(0, ten)];
  const ones = ten === s.length - 1 ? 0 : ZH_DIGITS[s.slice(ten + 1)];
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

export default defineRule({
  meta: {
    id: 'fake-urgency',
    description:
      'False urgency: "only N left" when the product stock says more, and price-rise or now-or-never pressure unless the shop has announced a price rise.',
    defaultSeverity: 'error',
    source: 'seed 002 第三章 溝通的技巧 時間暗示（庫存有限、活動即將結束）— 须属实，虚假的稀缺和涨价说法属虚假宣传',
    fixable: false,
    hasSuggestions: false,
    keywords: [
      // SCARCITY: 仅剩/库存余… (剩, 余), 只有最后一件 / 最后一件了 (最后), 库存只有2件 (库存, 现货)
      '剩', '余', '最后', '库存', '现货',
      // PRICE_RISE: 涨价, 涨回去, 价格上涨, 提价, 上调价格, 价格…提高
      '涨', '提价', '上调', '提高',
      // NOW_OR_NEVER: 今天不买/不拍/不下单就没了, 错过今天 / 过了今晚就没了
      '不买', '不拍', '不下单', '错过', '过了今天', '过了今晚', '过了这次',
    ],
    messages: {
      zh: {
        falseScarcity: '库存显示还有{stock}件，请不要说“{claim}”。可以说“这款很受欢迎，喜欢的话建议尽早下单”。',
        unannouncedPriceRise: '没有确认店铺已公布涨价，请不要说“{claim}”。可以如实说明活动的截止时间，例如“本次活动截止到X月X日”。',
        nowOrNever: '请不要用“{claim}”催促顾客。可以如实说明活动的截止时间，例如“活动价截止到X月X日”。',
      },
      en: {
        falseScarcity: 'Stock shows {stock} units left; do not say “{claim}”. Say the item is popular and suggest ordering early instead.',
        unannouncedPriceRise: 'No announced price rise is on record; do not say “{claim}”. State the real end date of the promotion instead.',
        nowOrNever: 'Do not pressure the buyer with “{claim}”. State the real end date of the promotion instead.',
      },
    },
  },
  check({ view, context, report }) {
    const stock = context.product?.stock;
    if (stock !== undefined) {
      for (const m of matchAll(view, SCARCITY)) {
        const raw = m.groups.find((g) => g !== undefined && /^(\d+|[一二两三四五六七八九十]+|几)$/.test(g));
        const claimed = raw === undefined ? undefined : countOf(raw);
        if (claimed === undefined || stock <= claimed) continue;
        report({ messageId: 'falseScarcity', data: { stock, claim: view.original.slice(m.start, m.end) }, start: m.start, end: m.end });
      }
    }
    if (context.shop?.priceRiseAnnounced === true) return;
    for (const m of matchAll(view, PRICE_RISE)) {
      if (NOT_A_CLAIM_BEFORE.test(clauseBefore(view, m.start, 10))) continue;
      report({ messageId: 'unannouncedPriceRise', data: { claim: view.original.slice(m.start, m.end) }, start: m.start, end: m.end });
    }
    for (const m of matchAll(view, NOW_OR_NEVER)) {
      report({ messageId: 'nowOrNever', data: { claim: view.original.slice(m.start, m.end) }, start: m.start, end: m.end });
    }
  },
});
