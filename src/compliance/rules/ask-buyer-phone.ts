import { isNegatedBefore, isNoNeedBefore } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';

/**
 * Asking the buyer for a phone number or "contact" in the chat (seed 004 其他方式联系 违规成立扣3分:
 * 天猫商家不得主动邀请顾客以其他方式联系; seed 000 三(5)): 留个电话给我, 您的电话号码多少,
 * 您把手机号发我一下, 留一下您的联系方式. Asking for a WeChat/QQ id is
 * offplatform-contact-handle's; giving the shop's number is offplatform-phone's.
 * Not flagged: the receiver's phone of an address (收件人和电话, 收货电话: order data the
 * manuals ask the agent to check), the phone already on the order (预留的电话, 订单上的电话),
 * the courier calling (快递员会给您打电话), no-need and refusals (无需留电话). A question
 * (方便留个电话吗) is still a request.
 */
const PHONE = '(?:电话号码|电话号|电话|手机号码|手机号|联系方式|联系电话|联系号码)';
/** 留个电话给我 / 发一下您的手机号 / 告诉我您的联系方式. */
const ASK_BEFORE = new RegExp(
  `(?:留下?|发|发给我|告诉我|报|提供|给我)(?:一下|一个|个|下)?(?:您的?|你的?)?${PHONE}`,
  'g',
);
/** 您的电话号码多少 / 您把手机号发我 / 联系方式留一下. */
const ASK_AFTER = new RegExp(
  `(?:您的?|你的?|您把|你把)${PHONE}(?:是)?(?:多少|发我|发给我|给我|告诉我|留一下|留给我|留个|报一下|发一下)`,
  'g',
);
/** The phone of an address or of the order: data the agent checks, not a channel. */
const ORDER_DATA = /收件|收货|地址|订单上|订单里|预留|下单时|快递员|快递小哥|快递|物流|派送|配送|开票|发票/;

export default defineRule({
  meta: {
    id: 'ask-buyer-phone',
    description:
      'No asking the buyer for a phone number or other contact in the chat (留个电话给我, 您的手机号多少); the receiver phone of an address and the phone on the order pass.',
    defaultSeverity: 'error',
    penaltyPoints: 3,
    source: 'seed 004 第三章 其他方式联系 (违规成立扣3分: 不得主动邀请顾客以其他方式联系); seed 000 三(5)',
    fixable: false,
    hasSuggestions: true,
    keywords: ['电话', '手机号', '联系方式'],
    messages: {
      zh: {
        askPhone: '请不要在聊天中向顾客索要“{text}”：天猫不允许邀请顾客用旺旺以外的方式联系。可以说：“您有任何问题直接在这里留言，我们会第一时间为您处理”。',
        suggestChat: '改为：“您有任何问题直接在这里留言，我们会第一时间为您处理”',
      },
      en: {
        askPhone: 'Do not ask the buyer for "{text}" in the chat: Tmall forbids inviting buyers to other channels. Say: 您有任何问题直接在这里留言，我们会第一时间为您处理.',
        suggestChat: 'Replace with: 您有任何问题直接在这里留言，我们会第一时间为您处理',
      },
    },
  },
  check({ view, report }) {
    const asks = claimMatches(view, [ASK_AFTER, ASK_BEFORE], (m) => {
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      if (ORDER_DATA.test(view.norm.slice(s, e))) return false;
      // 方便留个电话吗 is still a request: a question is no excuse here.
      return !isNegatedBefore(view, m.start) && !isNoNeedBefore(view, m.start);
    });
    for (const m of asks) {
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      report({
        messageId: 'askPhone',
        data: { text: view.original.slice(m.start, m.end) },
        start: m.start,
        end: m.end,
        suggest: [{ messageId: 'suggestChat', text: '您有任何问题直接在这里留言，我们会第一时间为您处理', start: s, end: e }],
      });
    }
  },
});
