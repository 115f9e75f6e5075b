import { isQuestionAfter, listClauseBefore } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseAfter } from '../text-view.ts';

/**
 * On Tmall the only way to buy is an online order paid through Alipay (seed 004 第三章 二
 * 付款方式: 违规成立扣6分; seed 000 三(7)(8)). Flags offering or agreeing to pay elsewhere:
 * bank transfer and account numbers, cash on delivery, WeChat/QQ/Alipay person-to-person
 * transfers, buying at the warehouse, cash in hand (付现金, 当面给钱), offline payment. Left alone: refusals (不支持货到付款,
 * 暂时无法银行卡转账或货到付款, 货到付款是不支持的), questions, money going to the buyer
 * (退差价转账给您, 退款原路退回), 支付宝付款 (the normal checkout).
 */

type Kind = 'transfer' | 'account' | 'cod' | 'warehouse' | 'offline' | 'im' | 'cash';

const PATTERNS: readonly [Kind, RegExp][] = [
  // 支付宝付款 is the normal checkout; only a transfer to a person is off-platform.
  [
    'im',
    /(?:微信|qq|vx|威信)(?:支付|付款|付钱|转[账帐]|转钱|转给我|转我|红包|收款码|扫码付款|扫码支付|扫码)|支付宝(?:转[账帐]|转钱|转给我|转我|红包|收款码|扫码付款|扫码支付|扫码)|扫码(?:付款|支付|转[账帐])|收款码/g,
  ],
  ['transfer', /(?:银行卡|银行|网银|对公|个人)?(?:转[账帐]|打款|汇款|转钱|打钱|汇钱)/g],
  ['account', /银行卡号|银行[账帐]号|卡号(?:是|为|[:：])(?=\s*\d)|(?:我们|我|公司)的?(?:银行)?[账帐]号(?:是|为|[:：])|[账帐]号(?=(?:是|为|[:：])?\s*\d{6})|收款[账帐](?:号|户)|对公[账帐]户(?:是|为|[:：]|号)|(?:我们|公司)的?对公[账帐]户/g],
  ['cod', /货到付款|到付货款|代收货款/g],
  [
    'warehouse',
    /(?:(?:来|到|去)(?:我们|我们的|我们公司的?)?(?:仓库|门店|实体店|工厂|厂里|公司|店里)|仓库|门店|实体店)(?:直接|现场|当面)?(?:买|购买|提货|拿货|付款|付钱|交钱|自提|取货|现金交易|现金付款|付现金|给现金|交现金|下单)/g,
  ],
  // Cash in hand (来仓库付现金, 现金交易也可以, 当面给钱): there is no cash on Tmall.
  ['cash', /(?:付|给|交|收|用)现金|现金(?:交易|付款|支付|结算|结账|付|给)|当面(?:给钱|付款|付钱|交钱|结算|结账|交易)|现场(?:付款|付钱|交钱|结算)/g],
  ['offline', /线下(?:付款|交易|支付|打款|转[账帐]|购买|成交|结算|汇款|付现|交钱|下单)/g],
];
const REGEXES = PATTERNS.map(([, re]) => re);

/** A refusal earlier in the clause; 、/或 lists keep it going (暂时无法银行卡转账或货到付款). */
const NEG_BEFORE = /(不支持|不能|不可以|无法|没法|没办法|没有|没开通|未开通|暂未|暂不|不接受|拒绝|不提供|不允许|不方便|谢绝|禁止|不做|不走|不用|不)/;
const RESET = /的话|没关系|也行/;
const NOT_NEG = /不用担心|不要担心|不好意思|不客气|不过|不管/g;
/** A refusal right after the noun (货到付款是不支持的, 微信支付我们暂不支持). */
const NEG_AFTER = /不支持|不行|不可以|不能|无法|做不了|办不了|不了|没有|暂不|暂未|没开通|未开通|不提供|不接受|不方便/;
/** Money going to the buyer: a refund, not a payment. */
const TO_BUYER = /^(?:给您|到您|至您|回您|您)/;
const REFUND = /退款|退差价|返现|退还|退回|赔偿|补偿|理赔|原路|退给/;
/** Refusal wording later in the sentence, for clauses that only name the method (如果您想货到付款，非常抱歉…). */
const LATER_REFUSAL = /抱歉|无法|不支持|暂不|只支持|仅支持|只能在线|不可以|不能/;
const AFFIRM = /可以|支持|能|行|安排|直接|就|用|走/;

const MANUAL_ANSWER = '非常抱歉，我们只支持天猫商城在线下单付款';

export default defineRule({
  meta: {
    id: 'offplatform-payment',
    description:
      'No paying outside Tmall: bank transfer or account numbers, cash on delivery, WeChat/QQ/Alipay transfers to a person, buying at the warehouse, offline payment; refusals pass.',
    defaultSeverity: 'error',
    penaltyPoints: 6,
    source: 'seed 004 第三章 二 付款方式 (违规成立扣6分; 错误案例1-3); seed 000 三(7) 不能用线下打款方式或其他平台付款, 三(8) 不支持货到付款',
    fixable: false,
    hasSuggestions: true,
    keywords: [
      ...['微信', 'qq', 'vx', '威信', '支付宝', '扫码', '收款'], // im (收款码), account (收款账户)
      ...['转账', '转帐', '打款', '汇款', '转钱', '打钱', '汇钱'], // transfer
      ...['卡号', '账号', '帐号', '对公'], // account
      ...['货到付款', '到付货款', '代收货款'], // cod
      ...['仓库', '门店', '实体店', '工厂', '厂里'], // warehouse; 公司/店里 only after 来/到/去 (我们(公司)?的?)
      ...[...'来到去们的司'].flatMap((c) => [`${c}公司`, `${c}店里`]),
      '线下', // offline
      ...['现金', '当面', '现场'], // cash
    ],
    messages: {
      zh: {
        offplatform: '天猫只能在线下单、通过支付宝付款，不能同意“{text}”等站外付款方式。可以说：“非常抱歉，我们只支持天猫商城在线下单付款”。',
        suggestManual: '改为：“非常抱歉，我们只支持天猫商城在线下单付款”',
      },
      en: {
        offplatform: 'On Tmall buyers can only order online and pay through Alipay; do not agree to "{text}". Say: 非常抱歉，我们只支持天猫商城在线下单付款.',
        suggestManual: 'Replace with: 非常抱歉，我们只支持天猫商城在线下单付款',
      },
    },
  },
  check({ view, report }) {
    const offers = claimMatches(view, REGEXES, (m, pattern) => {
      const kind = PATTERNS[pattern]![0];
      const before = listClauseBefore(view, m.start).split(RESET).pop()!.replace(NOT_NEG, '');
      if (NEG_BEFORE.test(before) || NEG_AFTER.test(clauseAfter(view, m.end, 10)) || isQuestionAfter(view, m.end)) return false;
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      if (!AFFIRM.test(before) && LATER_REFUSAL.test(view.norm.slice(m.end, e))) return false;
      if ((kind === 'transfer' || kind === 'account' || kind === 'im') && (TO_BUYER.test(view.norm.slice(m.end, m.end + 2)) || REFUND.test(view.norm.slice(s, e)))) return false;
      return !(kind !== 'cod' && kind !== 'warehouse' && /(给|向|帮|为)您|您的$/.test(before));
    });
    for (const m of offers) {
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      report({
        messageId: 'offplatform',
        data: { text: view.original.slice(m.start, m.end) },
        start: m.start,
        end: m.end,
        suggest: [{ messageId: 'suggestManual', text: MANUAL_ANSWER, start: s, end: e }],
      });
    }
  },
});
