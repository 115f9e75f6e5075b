import { isNoNeedBefore, isQuestionAfter } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceText } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseBefore } from '../text-view.ts';

/**
 * Never ask the buyer for extra money to get service — deposits, "unfreezing" or activation
 * fees, handling fees before shipping or a refund (seed 000 三(13) 不能以极端手段骗取、敲诈买家
 * 财物). Flags 您先付200元押金, 需要您另外缴纳保证金, 押金需要您先交. Left alone: negated (无需
 * 支付任何额外的手续费), the shop's own deposit (我们在天猫交了保证金), presale deposits (预售
 * 定金/尾款), rentals, and sentences other rules own (信用卡/花呗 fees: credit-card-refusal;
 * 分期 fees are the buyer's choice). Tax points and postage for an invoice belong to
 * invoice-extra-charge; a deposit or handling fee for one (开发票要另付20元手续费) is flagged here.
 */

const AMOUNT = '(?:\\d+(?:\\.\\d+)?(?:元|块|rmb)?|[一二两三四五六七八九十百千万几]+(?:元|块))';
const FEES = ['押金', '保证金', '定金', '订金', '手续费', '解冻费', '激活费', '保险费', '认证费', '验证费', '解冻金', '激活金', '保障金'];
const FEE = `(${FEES.join('|')})`;
const VERB = '(?:支付|缴纳|交纳|充值|付|交|缴|转|打|汇)';

const PATTERNS: readonly RegExp[] = [
  // 先付200元押金 / 需要您另外缴纳保证金 / 请先交一笔手续费
  new RegExp(
    `(?:(?:需要|要|得|须|必须|请|麻烦)您?)?(?:另外|额外|另|再)?先?${VERB}(?:给我们|给我|一下|一笔|个)?${AMOUNT}?的?${FEE}`,
    'g',
  ),
  // 押金需要您先交 / 手续费要您自己出
  new RegExp(`${FEE}(?:需要|要|得|须)(?:您|买家)(?:自己|先)?(?:支付|缴纳|交纳|付|交|缴|转|承担|出)`, 'g'),
];

const SHOP = /我们|店铺|商家|本店|我店|卖家|天猫/;
const DEMAND = /^(需要|要|得|须|必须|请|麻烦|先|另外|额外|另|再)/;
/** Sentences about legitimate fees or owned by other rules. */
const ELSEWHERE = /预售|尾款|定金膨胀|租|分期|信用卡|花呗/;

export default defineRule({
  meta: {
    id: 'no-extra-fee-demand',
    description:
      'No asking the buyer for extra money to get service (先付押金, 缴纳保证金/解冻费/手续费 before shipping or a refund); presale deposits and negated forms pass.',
    defaultSeverity: 'error',
    source: 'seed 000 三(13) 不能以极端手段骗取、敲诈买家财物',
    fixable: false,
    hasSuggestions: false,
    keywords: FEES,
    messages: {
      zh: {
        demand: '不能要求顾客另外支付{fee}等费用（“{text}”）；所有款项只能通过天猫订单支付，发货和退款都不需要顾客额外付钱。',
      },
      en: {
        demand: 'Never ask the buyer to pay an extra {fee} ("{text}"): all money goes through the Tmall order, and shipping or refunds never need extra payment.',
      },
    },
  },
  check({ view, report }) {
    const demands = claimMatches(view, PATTERNS, (m) => {
      const before = clauseBefore(view, m.start, 12);
      // 无需/不需要/不用/免 right before the demand; 已交 (done already).
      if (isNoNeedBefore(view, m.start) || /已经?$/.test(before) || isQuestionAfter(view, m.end)) return false;
      // 我们店铺交了/已交保证金: the shop's own deposit, unless phrased as a demand.
      if (SHOP.test(before) && !/您/.test(before + m.text) && !DEMAND.test(m.text)) return false;
      return !ELSEWHERE.test(sentenceText(view.norm, m.start, m.end));
    });
    for (const m of demands) {
      const fee = m.groups.find((g) => g !== undefined) ?? '';
      report({ messageId: 'demand', data: { fee, text: view.original.slice(m.start, m.end) }, start: m.start, end: m.end });
    }
  },
});
