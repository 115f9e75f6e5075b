import { isConditionalBefore, isNoNeedBefore, isQuestionAfter, PHRASE_END } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseAfter, clauseBefore, type TextMatch } from '../text-view.ts';

/**
 * Tmall shops support credit-card express payment by default and the merchant pays its fee
 * (seed 004 第三章 信用卡: 违规成立扣6分, 错误案例1、2; seed 000 三(3) 不能说不支持可行的支付
 * 方式: 信用卡、蚂蚁花呗、快捷支付、余额宝). Flags refusing one of these methods (不支持信用卡,
 * 花呗也不能用) and charging the card fee (信用卡付款需要您承担1%的手续费). Left alone:
 * installments (信用卡分期: installment-refusal), 花呗分期 fees (the buyer's own choice),
 * the buyer's card trouble (您的信用卡额度不足 / 花呗用不了可能是额度不够), conditions, questions.
 */

const METHOD = '(?:信用卡快捷支付|信用卡|蚂蚁花呗|花呗|快捷支付|余额宝)';
const PAY = '(?:付款|支付)?';

/** 不支持信用卡 / 用不了花呗 (not followed by 分期). */
const REFUSE_BEFORE = new RegExp(
  `(?:暂不支持|不支持|不能用|不可以用|不能使用|无法使用|无法用|没法用|不接受|不收|没有开通|没开通|未开通|不开通|不给用|用不了)(?:使用|用)?${METHOD}${PAY}(?!分期)`,
  'g',
);
/** 信用卡不行 / 花呗也不能用 / 信用卡付款我们这边不支持的. */
const REFUSE_AFTER = new RegExp(
  `${METHOD}${PAY}(?:我们|这边|这里|店里|本店)*(?:是|也|都|暂时)?(?:不行|不可以|用不了|不能用|不支持|无法使用|不能使用|不能付款?|付不了|不可用|不接受|没开通|不开通|没有开通|无法支付)${PHRASE_END}`,
  'g',
);
/** 信用卡付款需要您承担1%的手续费 / 花呗付款加3个点. */
const FEE = /(?:信用卡|花呗)[^,.!?;，。！？；]{0,10}?(?:手续费|\d+(?:\.\d+)?%|百分之[\d.一二三四五六七八九十点]+|[\d一二三四五六七八九十几]+个点)(?:的?手续费)?/g;
const FEE_CUE = /加|收|另付|多付|补|交|承担|出|扣|您|要|得|需/;
const FEE_NOT = /无|不|免|没|我们|商家|店铺|本店|卖家|分期/;
/** 手续费…由我们承担 later in the sentence. */
const MERCHANT_PAYS = /(由|是)?(我们|商家|店铺|本店|卖家)(来)?(承担|出|付)/;
/** 手续费由您承担, in a sentence about a card. */
const FEE_ON_BUYER = /手续费(?:需要|要|得)?(?:由您|您|由买家|买家|顾客|由顾客)(?:自己|来)?(?:承担|出|付|支付|补)/g;

/** The buyer's own card or account is the subject: their trouble, not our refusal. */
const BUYERS_OWN = /您的?(?:这张|那张)?$|您那边的?$/;
/** 花呗用不了可能是额度不够: explaining, not refusing. */
const EXPLAINING = /可能|也许|应该是|是因为|因为|额度|限额|银行|风控/;

const MANUAL_ANSWER = '我们支持信用卡快捷支付和花呗，无需您支付任何额外的手续费';

export default defineRule({
  meta: {
    id: 'credit-card-refusal',
    description:
      'No refusing a payment method Tmall supports (信用卡, 花呗, 快捷支付, 余额宝) and no passing the card fee to the buyer; installments and the buyer’s own card trouble are left alone.',
    defaultSeverity: 'error',
    penaltyPoints: 6,
    source: 'seed 004 第三章 信用卡 (违规成立扣6分; 错误案例1、2: 手续费由商家承担); seed 000 三(3) 不能说不支持可行的支付方式',
    fixable: false,
    hasSuggestions: true,
    // Fees are flagged only in a sentence naming 信用卡/花呗.
    keywords: ['信用卡', '花呗', '快捷支付', '余额宝'],
    messages: {
      zh: {
        refusal: '天猫默认支持信用卡、花呗、快捷支付等付款方式，不能说“{text}”。可以说：“我们支持信用卡快捷支付，无需您支付任何额外的手续费”。',
        fee: '信用卡快捷支付的手续费由商家承担，不能让顾客出（“{text}”）。可以说：“无需您支付任何额外的手续费”。',
        suggestManual: '改为：“我们支持信用卡快捷支付和花呗，无需您支付任何额外的手续费”',
      },
      en: {
        refusal: 'Tmall supports credit cards, Huabei and express payment by default; do not say "{text}". Say: 我们支持信用卡快捷支付，无需您支付任何额外的手续费.',
        fee: 'The merchant pays the credit-card fee, never the buyer ("{text}"). Say: 无需您支付任何额外的手续费.',
        suggestManual: 'Replace with: 我们支持信用卡快捷支付和花呗，无需您支付任何额外的手续费',
      },
    },
  },
  check({ view, report }) {
    const isRefusal = (m: TextMatch) => {
      const before = clauseBefore(view, m.start, 12);
      if (isConditionalBefore(view, m.start) || BUYERS_OWN.test(before) || /(不会|没有|不存在)$/.test(before)) return false;
      const after = clauseAfter(view, m.end, 14);
      return !after.startsWith('的话') && !EXPLAINING.test(after) && !isQuestionAfter(view, m.end);
    };
    const isFee = (m: TextMatch) => {
      const inner = m.text.replace(/^(?:信用卡|花呗)/, '');
      // 信用卡支付手续费由商家承担: who pays may come after the fee.
      if (!FEE_CUE.test(inner) || FEE_NOT.test(inner)) return false;
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      if (isNoNeedBefore(view, m.start, 4) || /分期/.test(view.norm.slice(s, e)) || MERCHANT_PAYS.test(view.norm.slice(m.end, e))) return false;
      return !isQuestionAfter(view, m.end);
    };
    const isFeeOnBuyer = (m: TextMatch) => {
      const around = view.norm.slice(...sentenceBounds(view.norm, m.start, m.end));
      return /信用卡|花呗/.test(around) && !/分期/.test(around) && !isQuestionAfter(view, m.end);
    };
    const checks = [isRefusal, isRefusal, isFee, isFeeOnBuyer];
    const found = claimMatches(view, [REFUSE_BEFORE, REFUSE_AFTER, FEE, FEE_ON_BUYER], (m, pattern) => checks[pattern]!(m));
    for (const m of found) {
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      report({
        messageId: m.pattern < 2 ? 'refusal' : 'fee',
        data: { text: view.original.slice(m.start, m.end) },
        start: m.start,
        end: m.end,
        suggest: [{ messageId: 'suggestManual', text: MANUAL_ANSWER, start: s, end: e }],
      });
    }
  },
});
