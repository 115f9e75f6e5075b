import { defineRule } from '../rule.ts';
import { clauseAfter, clauseBefore, matchAll, type TextView } from '../text-view.ts';

/**
 * Money or gifts for a (good) review, and money for deleting or changing a review (seed 000
 * 一(3): there is no cashback-for-review activity). Asking for a review, or politely asking
 * to change one once the problem is solved (seed 002 中差评), has no reward and passes.
 */

/** What a reward looks like right after the review word: 好评返5元, 好评送小礼品, 五星好评就送. */
const REWARD = '(返现|返利|返还|现金|小?(红包|礼品|礼物|礼包|赠品|样)|优惠券|代金券|无门槛券|话费|积分|\\d+(元|块|毛|块钱)|[一二两三四五六七八九十]+(元|块))';
const CASHBACK = new RegExp(
  [
    // 晒图有礼 alone is left alone: it may be the shop's own review activity the manual says to explain
    '(五星|全五星|带图|晒图)?好评(返现|返利|有礼)|(评价|追评|晒图)(返现|返利)',
    // 好评后送您一份小礼品 / 给个好评，我给您发个红包 (same sentence, no negation in between)
    `(五星|全五星|带图|晒图)?好评(?:(?!不|没|无|别)[^。！？!?\\n]){0,8}?(返|送|给|补|领|领取|发)(您|你)?(一份|一个|一张|个|份|张)?${REWARD}`,
    '五星好评(就|即可|可以)?(返|送)',
    '(带图|晒图)好评(就|即可|可以)?(送|返)',
  ].join('|'),
  'g',
);

/** Deleting or changing a review. */
const CHANGE = '((删除|删掉|删了|删|修改|改成|改为|改|撤销|撤回)(一下|掉)?(中差评|差评|中评|评价|评论)|(中差评|差评|中评|评价|评论)(删除|删掉|删|修改|改|撤)(掉|一下|了)?|改(成|为)?好评|追加好评)';
/** Money or compensation offered with it (给您带来不便 is an apology, not an offer). */
const MONEY = '(返现|返利|红包|现金|补偿|赔偿|\\d+(元|块)|[返退补送赠](您|你)|(给|帮)(您|你)(办理)?退款|礼品|小礼物|礼物|赠品|优惠券|代金券)';
// Either order, within one sentence (commas allowed): 删了差评给您返10元 / 给您补5元，麻烦把差评删一下.
const PAID_CHANGE = new RegExp(`${CHANGE}[^。！？!?\\n]{0,12}?${MONEY}|${MONEY}[^。！？!?\\n]{0,12}?${CHANGE}`, 'g');

/**
 * 我们没有好评返现的活动 is the manual's own answer (seed 000 一(3)); 您说的好评返现 / 关于好评返现
 * only names what the buyer asked about.
 */
const NEGATED_BEFORE = /(没有|没|无|暂无|不|未|禁止|严禁|杜绝|拒绝|不能|不可以|不会|不参加|不支持|不提供)[^，。！？,.!?]{0,6}$|(关于|您说的|您问的|您提到的|您咨询的|您看到的|所谓的?)$/;
/** 感谢您的好评，给您10元优惠券下次用: thanks for a review already given, not an offer for one. */
const THANKS_BEFORE = /(感谢|谢谢|多谢)(您|你|亲)?的?$/;
const NEGATED_AFTER = /^[^，。！？,.!?]{0,10}(没有|暂无|不参加|不做|不支持|不提供|违规|禁止|不允许|不可以|不能)/;

/**
 * 已经帮您退款了，麻烦您修改一下评价: the problem was solved first (seed 002 中差评) — a refund or
 * compensation already given is not an offer in exchange for the review.
 */
const ALREADY_DONE = /已|(退款|补偿|赔偿|红包|现金|元|块)了/;

function negatedBefore(view: TextView, start: number): boolean {
  return NEGATED_BEFORE.test(clauseBefore(view, start, 10));
}

export default defineRule({
  meta: {
    id: 'review-cashback',
    description:
      'Money or gifts for a good review (好评返现, 五星好评送…) or for deleting/changing a review; denying the activity and asking politely pass.',
    defaultSeverity: 'error',
    source: 'seed 000 一(3) 好评返现：委婉回答没有这个活动，并讲解我们的好评活动; seed 002 第五章 中差评',
    fixable: false,
    hasSuggestions: false,
    // CASHBACK needs 好评 or 返现/返利 (评价返现, 晒图返利); PAID_CHANGE needs a review word of CHANGE.
    keywords: ['好评', '返现', '返利', '差评', '中评', '评价', '评论'],
    messages: {
      zh: {
        cashbackForReview: '不能用返现、红包或礼品换取好评。顾客问起时请委婉说明没有好评返现活动，并介绍店铺的好评活动。',
        paidReviewChange: '不能用钱款、红包或补偿换取删除或修改评价。请先道歉并解决问题，再礼貌请顾客方便时修改评价。',
      },
      en: {
        cashbackForReview: 'Never offer cash, red packets or gifts for a good review. If asked, politely say there is no such activity and explain the shop’s review activity.',
        paidReviewChange: 'Never offer money or compensation for deleting or changing a review. Apologise and solve the problem first, then politely ask the buyer to update the review.',
      },
    },
  },
  check({ view, report }) {
    const seen: [number, number][] = [];
    for (const m of matchAll(view, CASHBACK)) {
      if (negatedBefore(view, m.start) || NEGATED_AFTER.test(clauseAfter(view, m.end, 14))) continue;
      if (THANKS_BEFORE.test(clauseBefore(view, m.start, 6))) continue;
      seen.push([m.start, m.end]);
      report({ messageId: 'cashbackForReview', start: m.start, end: m.end });
    }
    for (const m of matchAll(view, PAID_CHANGE)) {
      if (negatedBefore(view, m.start) || ALREADY_DONE.test(m.text)) continue;
      if (seen.some(([s, e]) => m.start < e && s < m.end)) continue;
      report({ messageId: 'paidReviewChange', start: m.start, end: m.end });
    }
  },
});
