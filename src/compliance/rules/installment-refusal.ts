import { isConditionalBefore, isQuestionAfter, PHRASE_END } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseAfter, clauseBefore } from '../text-view.ts';

/**
 * Never say installments are unsupported; direct the buyer to the bank (seed 000 三(14) 不能
 * 说无法使用信用卡分期付款; 一(5) 要委婉的和客户说我不太清楚，麻烦您咨询下银行是否支持).
 * Flags 不支持分期, 无法使用信用卡分期付款, 信用卡分期我们这边不支持, 这款没有分期. Left alone:
 * 分期免息 (interest-free offers are the shop's choice), the buyer's own card or the bank as
 * subject (您的卡/银行不支持分期), conditions, questions. The manuals give no Tmall points.
 */

const NEG = '(?:暂不支持|不支持|不能|不可以|无法|没法|没办法|不提供|不做|不开通|没开通|没有开通|未开通|不给|办不了|做不了|用不了)';

const PATTERNS: readonly RegExp[] = [
  // 不支持分期 / 无法使用信用卡分期付款
  new RegExp(`${NEG}(?:使用|用|办理|办)?(?:信用卡|花呗|银行卡)?的?分期(?:付款|支付)?(?!免息)`, 'g'),
  // 信用卡分期我们这边不支持的 / 分期也不行
  new RegExp(
    `(?:信用卡|花呗)?分期(?:付款|支付)?(?:我们|这边|这里|店里|本店)*(?:是|也|都|暂时|目前)?(?:不支持|不行|办不了|不可以|不能|做不了|用不了|没有|不了|不提供|没开通|不开通|无法办理|不能办|不给办)${PHRASE_END}`,
    'g',
  ),
  // 这款没有分期
  new RegExp(`没有(?:信用卡|花呗)?分期(?!免息)(?:付款|服务|功能)?${PHRASE_END}`, 'g'),
];

/** The bank or the buyer's own card is the subject: the very redirection the manual wants. */
const OTHER_SUBJECT = /银行|您的|您那张|您这张|这张卡|那张卡/;

const MANUAL_ANSWER = '分期的话我不太清楚，麻烦您咨询下银行是否支持';

export default defineRule({
  meta: {
    id: 'installment-refusal',
    description:
      'Never say installments are unsupported (不支持分期, 信用卡分期不行); say 我不太清楚，麻烦您咨询下银行是否支持. Interest-free offers and the bank as subject pass.',
    defaultSeverity: 'error',
    source: 'seed 000 三(14) 不能说无法使用信用卡分期付款（可指导买家联系银行工作人员咨询）; 一(5) 信用卡分期支付',
    fixable: false,
    hasSuggestions: true,
    keywords: ['分期'],
    messages: {
      zh: {
        refusal: '不要说不支持分期（“{text}”），请引导顾客咨询银行：“我不太清楚，麻烦您咨询下银行是否支持”。',
        suggestManual: '改为：“分期的话我不太清楚，麻烦您咨询下银行是否支持”',
      },
      en: {
        refusal: 'Do not say installments are unsupported ("{text}"); refer the buyer to the bank: 我不太清楚，麻烦您咨询下银行是否支持.',
        suggestManual: 'Replace with: 分期的话我不太清楚，麻烦您咨询下银行是否支持',
      },
    },
  },
  check({ view, report }) {
    const refusals = claimMatches(view, PATTERNS, (m) => {
      const before = clauseBefore(view, m.start, 12);
      if (isConditionalBefore(view, m.start) || OTHER_SUBJECT.test(before) || /(不会|不存在)$/.test(before)) return false;
      return !clauseAfter(view, m.end, 4).startsWith('的话') && !isQuestionAfter(view, m.end);
    });
    for (const m of refusals) {
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      report({
        messageId: 'refusal',
        data: { text: view.original.slice(m.start, m.end) },
        start: m.start,
        end: m.end,
        suggest: [{ messageId: 'suggestManual', text: MANUAL_ANSWER, start: s, end: e }],
      });
    }
  },
});
