import { isNoNeedBefore, isQuestionAfter } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';

/**
 * The buyer never pays for an invoice: no tax points, no postage for sending it (seed 004
 * 第三章 一 发票知识 4) 开发票不可以让买家承担税点金额，或者让买家承担发票邮寄费用; 错误案例2).
 * Flags 开发票要加6个点, 开票加3%, 税点由您承担, 发票邮费由您承担, 发票运费到付, 寄发票要您出
 * 10元邮费. Left alone: 无需/不需要/不用 (negated), 运费我们承担, questions.
 */

const AMOUNT = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十几]+)';
const BUYER = '(?:由您|您|由买家|买家|由顾客|顾客)(?:自己|来)?';

const PATTERNS: readonly RegExp[] = [
  // 开发票需要另加6个点的税 / 开票加3% / 开发票要加税点 / 开发票要加钱
  new RegExp(
    `开发?票(?:的话)?(?:价格|价)?(?:需要|要|得|须)?您?(?:另外|额外|再)?` +
      `(?:(?:加|另加|加收|收|另付|补|多付|补交|承担|支付|付|出)${AMOUNT}个?(?:点|%)(?:的?(?:税点|税费|手续费|税(?![号务率局])))?` +
      `|(?:加|另加|加收|另付|补|承担|出)的?(?:税点|税费|税钱|税(?![号务率局]))` +
      `|加钱|加价|另外收费|额外收费|收费)`,
    'g',
  ),
  // 税点由您承担 / 需要您承担6%的税点
  new RegExp(`税(?:点|费)(?:需要|要|得)?${BUYER}(?:承担|出|付|支付|补)|(?:需要|要|得)(?:您|买家)(?:自己|来)?(?:承担|出|付|支付|补)(?:${AMOUNT}个?(?:点|%))?的?(?:税点|税费|税钱)`, 'g'),
  // 发票邮费由您承担 / 发票单独寄的话运费您出 / 发票运费到付
  new RegExp(
    `发票[^,.!?;，。！？；]{0,6}?(?:邮费|运费|快递费|邮寄费用?)(?:需要|要|得)?(?:${BUYER}(?:承担|出|付|支付|补|自理|自付)|自理|到付|自付)` +
      `|发票(?:是|都|会)?(?:邮费|运费)?到付` +
      `|寄发票(?:需要|要|得)?您?(?:付|出|承担|补)(?:${AMOUNT}元?)?的?(?:邮费|运费|快递费)`,
    'g',
  ),
];

const MANUAL_ANSWER = '我们是无理由提供发票的，不需要您承担税点，财务会统一寄出，运费我们承担';

export default defineRule({
  meta: {
    id: 'invoice-extra-charge',
    description:
      'No charging the buyer for an invoice: tax points (开发票加6个点, 税点由您承担) or its postage (发票邮费由您承担, 发票运费到付).',
    defaultSeverity: 'error',
    penaltyPoints: 6,
    source: 'seed 004 第三章 一 发票知识 4) 不可以让买家承担税点金额或发票邮寄费用 (错误案例2、4; 违规成立扣6分)',
    fixable: false,
    hasSuggestions: true,
    keywords: ['发票', '开票', '税点', '税费', '税钱'],
    messages: {
      zh: {
        charge: '开发票不能让顾客承担税点或发票邮费（“{text}”）。可以说：“我们是无理由提供发票的，财务会统一寄出，运费我们承担”。',
        suggestManual: '改为：“我们是无理由提供发票的，不需要您承担税点…”',
      },
      en: {
        charge: 'Never make the buyer pay tax points or postage for an invoice ("{text}"). Say: 我们是无理由提供发票的，财务会统一寄出，运费我们承担.',
        suggestManual: 'Replace with: 我们是无理由提供发票的，不需要您承担税点…',
      },
    },
  },
  check({ view, report }) {
    // 无需/不需要/不用/免 right before: the opposite of a charge.
    const charges = claimMatches(view, PATTERNS, (m) => !isNoNeedBefore(view, m.start) && !isQuestionAfter(view, m.end));
    for (const m of charges) {
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      report({
        messageId: 'charge',
        data: { text: view.original.slice(m.start, m.end) },
        start: m.start,
        end: m.end,
        suggest: [{ messageId: 'suggestManual', text: MANUAL_ANSWER, start: s, end: e }],
      });
    }
  },
});
