import { defineRule } from '../rule.ts';
import { isNegatedBefore } from '../clause.ts';
import { clauseAfter, clauseBefore, matchAll, type TextView } from '../text-view.ts';

/**
 * A product on sale must not be refused shipment, or its order cancelled or refunded, on the
 * ground that it is out of stock (seed 000 三(12); seed 004: a 缺货 refund costs 30%).
 * Flags a stock-out word followed closely by a refusal (缺货了，发不了货), a cancellation
 * (没货了帮您关闭订单) or a refund pushed on the buyer (由于缺货给您退款 / 没货了您申请退款吧).
 * Conditionals (如果没货我会第一时间联系您退款, seed 002) and denials (不会因为缺货不发货) pass;
 * so does stating 暂时无货 with an exchange or a restock date.
 */
const STOCK = '(缺货|没货|(?<!有)没有货|断货|断码|无货)';
const REFUSE = '(发不了|发不出|无法发货|没法发|没办法发|不能发|不发了|不发货|不给发|发不到)';
const CANCEL = '(取消|关闭|关掉)(订单|交易|了)?';
const PUSH_REFUND = '(给|帮)?(您|你)?(申请|办理|直接)?退款';
/** Up to six characters in the same sentence, but not an offer to the buyer (如需取消 / 您可以选择取消). */
const GAP = '(?:(?!如|若|可以|要是|想|需要的话)[^。？?\\n]){0,6}?';
const REFUSAL = new RegExp(
  [
    `${STOCK}(了)?${GAP}${REFUSE}`,
    `${STOCK}(了)?${GAP}${CANCEL}`,
    `(因为|由于|因)${STOCK}${GAP}(${PUSH_REFUND}|${CANCEL})`,
    `${STOCK}了[,，]?(只能|那就|就)?${PUSH_REFUND}`,
  ].join('|'),
  'g',
);
/** A hypothesis is not a refusal: 如果缺货… / 万一断货… / 缺货的话… */
const CONDITIONAL_BEFORE = /(如果|若|万一|假如|要是|如有|如遇|假设|一旦)[^，。！？,.!?]{0,8}$/;

function conditional(view: TextView, start: number, stockEnd: number): boolean {
  return CONDITIONAL_BEFORE.test(clauseBefore(view, start, 12)) || clauseAfter(view, stockEnd, 3).startsWith('的话');
}

export default defineRule({
  meta: {
    id: 'no-stockout-refusal',
    description:
      'Refusing to ship, cancelling or refunding an order because the item is out of stock (缺货了发不了); conditionals and 暂时无货 with an exchange pass.',
    defaultSeverity: 'error',
    source: 'seed 000 三(12) 销售中的商品，不能以缺货为由，拒绝发货; seed 004 第三章 未按约定时间发货、缺货',
    fixable: false,
    hasSuggestions: false,
    // Every alternative of REFUSAL contains a STOCK word.
    keywords: ['缺货', '没货', '没有货', '断货', '断码', '无货'],
    messages: {
      zh: {
        stockoutRefusal:
          '在售商品不能以缺货为由拒绝发货、关闭订单或让顾客退款。请说明“暂时无货”和预计到货时间，或推荐其他颜色、尺码，需要时请主管处理。',
      },
      en: {
        stockoutRefusal:
          'Never refuse shipment, close the order or push a refund because an item on sale is out of stock. Say it is temporarily unavailable with a restock date, or suggest another colour/size; escalate if needed.',
      },
    },
  },
  check({ view, report }) {
    for (const m of matchAll(view, REFUSAL)) {
      const stock = /缺货|没货|没有货|断货|断码|无货/.exec(m.text);
      const stockStart = m.start + (stock?.index ?? 0);
      const stockEnd = stockStart + (stock?.[0].length ?? 0);
      if (isNegatedBefore(view, m.start) || conditional(view, m.start, stockEnd)) continue;
      report({ messageId: 'stockoutRefusal', start: m.start, end: m.end });
    }
  },
});
