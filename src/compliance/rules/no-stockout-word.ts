import { defineRule } from '../rule.ts';
import { isNegatedBefore } from '../clause.ts';
import { clauseBefore, matchAll } from '../text-view.ts';

/**
 * A refund with the reason 缺货 costs the shop 30% of the price (at most 500) (seed 004
 * 未按约定时间发货、缺货), so agents avoid the word and say 暂时无货 / 断码 instead.
 * 缺货 → 暂时无货 reads right in a statement (这个颜色暂时无货, 导致暂时无货); after 暂时
 * the fix is 无货 so 暂时 is not doubled; where it would not read (已经缺货, 缺货了好几天)
 * there is no fix. Not flagged: reassurance (不会缺货, 没有缺货) and 没货/断货, which the
 * manuals themselves use (seed 002 如果没货我会第一时间联系您退款).
 * Naming 缺货 as a refund reason gets its own message and no fix: the reason's name is 缺货.
 */
const STOCKOUT = /缺货/g;
/** 退款原因选缺货 / 申请缺货 / 以缺货为由: the refund reason itself. */
const REFUND_REASON = /(选|选择|勾选|勾|填|写|理由|原因|申请|以)(为|是|成)?$/;
/** 严重缺货 / 已经缺货 → 严重暂时无货 / 已经暂时无货 would not read: report without a fix. */
const NO_FIX_BEFORE = /(有点|有些|比较|严重|很|非常|太|特别|十分|经常|一直|老是|总是|常|已经|已)$/;
/** 缺货了好几天 → 暂时无货了好几天 would not read either (缺货了吗 is fine). */
const NO_FIX_AFTER = /^了(?![吗呢吧啊呀哦])[\u3400-\u9fff]/;
/** 缺货了。 → 暂时无货。 (the 了 ending a clause goes with it; 缺货了吗 keeps it); 缺货中 → 暂时无货. */
const SWALLOW_AFTER = /^(了(?![\u3400-\u9fff])|中)/;

export default defineRule({
  meta: {
    id: 'no-stockout-word',
    description: 'The word 缺货 (a 缺货 refund costs 30% of the price): say 暂时无货; reassurance like 不会缺货 is left alone.',
    defaultSeverity: 'warning',
    source: 'seed 004 第三章 未按约定时间发货、缺货（以缺货为由退款，商家支付成交金额30%、最高500元违约金）',
    fixable: true,
    hasSuggestions: false,
    keywords: ['缺货'],
    messages: {
      zh: {
        sayTemporarilyOut: '请不要说“缺货”，可以说“暂时无货”，并告知预计到货时间或推荐其他款式。',
        refundReason: '请不要引导顾客以“缺货”为理由申请退款（店铺需支付30%违约金），可以先和顾客协商换款或等待到货。',
      },
      en: {
        sayTemporarilyOut: 'Avoid the word 缺货; say 暂时无货 and give the expected restock date or suggest another style.',
        refundReason: 'Do not lead the buyer to choose 缺货 as the refund reason (the shop pays a 30% penalty); offer an exchange or a wait first.',
      },
    },
  },
  check({ view, report }) {
    for (const m of matchAll(view, STOCKOUT)) {
      if (isNegatedBefore(view, m.start, 6)) continue;
      const before = clauseBefore(view, m.start, 8);
      if (REFUND_REASON.test(before)) {
        report({ messageId: 'refundReason', start: m.start, end: m.end });
        continue;
      }
      if (NO_FIX_BEFORE.test(before) || NO_FIX_AFTER.test(view.norm.slice(m.end, m.end + 2))) {
        report({ messageId: 'sayTemporarilyOut', start: m.start, end: m.end });
        continue;
      }
      // Keep the writer's script: 缺貨 in a traditional reply becomes 暫時無貨.
      const traditional = view.original.slice(m.start, m.end) !== m.text;
      const afterTemporarily = before.endsWith('暂时');
      const text = afterTemporarily ? (traditional ? '無貨' : '无货') : traditional ? '暫時無貨' : '暂时无货';
      const end = m.end + (SWALLOW_AFTER.exec(view.norm.slice(m.end, m.end + 2))?.[0].length ?? 0);
      report({ messageId: 'sayTemporarilyOut', start: m.start, end: m.end, fix: { text, end } });
    }
  },
});
