import { sentenceBefore, sentenceSpan } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseAfter, clauseBefore, matchAll } from '../text-view.ts';

/**
 * The agent closing or cancelling the buyer's order (seed 004 六 关闭订单 错误案例1-3, 我们的标准
 * 坚决不给买家关闭订单; seed 000 三(2) 不能私自关闭买家订单). Flags a close verb (关闭, 关掉, 关了,
 * 取消, 撤销) with the agent as actor in the clause (我/我们/这边/帮您/给您…) and an order as the
 * object in the sentence: 我帮您把订单关闭了, 订单已经帮您取消了, 那个订单我这就给关闭,
 * 需要我帮您取消订单吗 (an offer is a promise to do it).
 * Not flagged: the system closing it (未付款订单二天后系统会自动关闭), the buyer doing it
 * (您可以在订单页面自行取消), descriptions (订单关闭后…), refusals (我们无法帮您关闭订单) and
 * other objects (帮您取消退款申请, 取消自动回复), the buyer's request reported (顾客让我们关闭订单).
 */
const CLOSE_WORDS = ['关闭', '关掉', '关了', '取消', '撤销', '撤掉', '撤单'];
const CLOSE = new RegExp(CLOSE_WORDS.join('|'), 'g');
const ACTOR = /(我们|我|这边|客服|帮您?|给您?|替您?|为您)/;
const REFUSAL = /(无法|不能|不可以|没办法|没法|不会|不方便|不支持|不给|不帮|不可|不允许|不予)/;
const NOT_AGENT = /(系统|平台|淘宝|天猫|超时|自动|自行|您可以|您自己|您在|您这边|您申请|您取消|让我|要求)/;
/** Checking the state is not closing it: 我帮您看看订单是否已经取消. */
const CHECKING = /(是否|有没有|是不是|查|看看|确认)/;
const ORDER = /(订单|交易|单子|这单|那单|这笔|该笔|此单|拍错|拍下的|撤单)/;
const ORDER_AFTER = /^(?:了|掉)?(?:一下|下)?(?:这个|您的|该|此|那个)?(?:订单|交易|单子)/;
const OTHER_OBJECT = /(退款|申请|售后|投诉|维权|提醒|自动回复|通知|推送|会员|活动|收藏|优惠券|备注|预约)/;

export default defineRule({
  meta: {
    id: 'close-order',
    description: 'The agent closing or cancelling the buyer’s order (or offering to); the system’s auto-close and the buyer cancelling pass.',
    defaultSeverity: 'error',
    penaltyPoints: 1,
    source: 'seed 004 第三章 六 关闭订单 (违规成立扣1分) 错误案例1-3, 我们的标准 坚决不给买家关闭订单; seed 000 三(2) 不能私自关闭买家订单',
    fixable: false,
    hasSuggestions: true,
    keywords: CLOSE_WORDS,
    messages: {
      zh: {
        noClose: '客服不能替买家关闭或取消订单，请说明：未付款的订单系统会在两天后自动关闭，或请您在订单页面申请取消。',
        autoClose: '改为：未付款的订单系统会在两天后自动关闭',
        selfCancel: '改为：您可以在订单页面申请取消',
      },
      en: {
        noClose: 'Agents must not close or cancel a buyer’s order; say that unpaid orders close automatically after two days, or that the buyer can cancel on the order page.',
        autoClose: 'Write instead: 未付款的订单系统会在两天后自动关闭',
        selfCancel: 'Write instead: 您可以在订单页面申请取消',
      },
    },
  },
  check({ view, report }) {
    for (const m of matchAll(view, CLOSE)) {
      const before = clauseBefore(view, m.start, 12);
      const actor = ACTOR.exec(before);
      if (actor === null) continue;
      if (REFUSAL.test(before) || NOT_AGENT.test(before) || CHECKING.test(before)) continue;
      const after = clauseAfter(view, m.end, 10);
      if (OTHER_OBJECT.test(before.slice(actor.index)) || OTHER_OBJECT.test(after.slice(0, 6))) continue;
      const ordered = m.text === '撤单' || ORDER_AFTER.test(after) || ORDER.test(sentenceBefore(view.norm, m.start, 24));
      if (!ordered) continue;

      const start = m.start - before.length + actor.index;
      const sentence = sentenceSpan(view.norm, m.start);
      report({
        messageId: 'noClose',
        start,
        end: m.end,
        suggest: [
          { messageId: 'autoClose', text: '未付款的订单系统会在两天后自动关闭', start: sentence.start, end: sentence.end },
          { messageId: 'selfCancel', text: '您可以在订单页面申请取消', start: sentence.start, end: sentence.end },
        ],
      });
    }
  },
});
