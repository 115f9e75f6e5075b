import { isConditionalBefore, isQuestionAfter, PHRASE_END } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseAfter, clauseBefore } from '../text-view.ts';

/**
 * Tmall shops must always issue an invoice (seed 004 第三章 一 发票知识: 拒开发票违规成立扣6分;
 * seed 000 三(4) 不能说无法开具发票). Flags refusals (不提供发票, 无法开具发票, 发票开不了,
 * 这款没有发票), receipts instead (只能给您开收据) and restrictions (只能开公司抬头, 不能开个人
 * 发票, 只能开办公用品类目的发票). Left alone: the buyer's choice (您不需要发票的话), conditions
 * (如果…/…的话), questions, 还没开/包裹里没有发票 (not a refusal), invoice types the shop may
 * legitimately limit (纸质/专用发票).
 */

const NEG = '(?:不能|不可以|不支持|不提供|不给|不予|不会开|无法|没法|没办法|暂不|拒绝|拒开|不)';
const OBJ = '(?:增值税)?(?:普通)?发票';

const PATTERNS: readonly RegExp[] = [
  // 不提供发票 / 无法开具发票 / 不能给您开发票 / 不开票
  new RegExp(`${NEG}(?:给您|为您|帮您)?(?:提供|开具|开立|出具|补开|开)?(?:任何)?的?${OBJ}|${NEG}(?:给您|为您|帮您)?(?:补开|开)票`, 'g'),
  // 开不了发票 / 开不出票
  /开不(?:了|出来?|到)(?:发票|票)/g,
  // 发票开不了 / 发票我们是不提供的 / 发票没有的
  new RegExp(`发票(?:我们|这边|这里|店里|暂时)*(?:是|都|也)?(?:开不了|开不出来?|不能开|不可以开|无法开具?|没法开|不开|不提供|不给开|提供不了|没有|不支持)${PHRASE_END}`, 'g'),
  // 这款没有发票 (还没有发票 = not yet)
  new RegExp(`(?<!还)没有?${OBJ}${PHRASE_END}`, 'g'),
  // 只能给您开收据 / 用收据代替发票
  /只(?:能|可以|有|提供)(?:给您|为您|帮您)?(?:开具?|出具|提供|给)?(?:个|张)?收据|收据(?:代替|替代)发票/g,
  // 只能开公司抬头 / 发票只能写单位名称 / 发票只能是公司的
  /只(?:能|可以)(?:开具?|写|填|是)(?:公司|单位|企业)的?(?:抬头|名称)(?:的?发票)?|只(?:能|可以)(?:开具?|写|填|是)(?:公司|单位|企业)的?发票|发票(?:抬头)?只(?:能|可以)(?:开具?|写|填|是)(?:公司|单位|企业)(?:的?(?:抬头|名称))?/g,
  // 不能开个人发票 / 个人抬头开不了
  /(?:不能|不可以|不支持|不给|无法|没法)(?:开具?|提供)个人(?:抬头的?(?:发票|票)?|的?(?:发票|票))|个人(?:抬头|发票|抬头的发票)(?:开不了|不能开|无法开具?|不开|不支持)/g,
  // 只能开办公用品类目的发票 (category other than the one sold: seed 004 错误案例4)
  /只(?:能|可以)开(?:具)?(?:类目为)?[^,.!?;，。！？；]{0,8}?类目的?(?:发票)?|只(?:能|可以)开(?:具)?(?:办公用品|办公耗材|劳保用品|日用品)(?:类目?的?(?:发票)?|的?发票)/g,
];

/** 我们不会不给您开发票 / 不存在不开发票的情况: double negation. */
const DOUBLE_NEG = /(不会|不存在|不可能|绝不会|从来没有|没有)$/;
/** The buyer is the subject (您不需要发票 / 包裹里没有发票): not the shop refusing. */
const NOT_SHOP = /(您|里|里面|中|内)(也|都|暂时|就)?$/;

const MANUAL_ANSWER = '我们是无理由提供发票的，您拍下时在买家留言栏填写发票抬头就可以了';

export default defineRule({
  meta: {
    id: 'invoice-refusal',
    description:
      'No refusing or restricting invoices (不提供发票, 无法开具发票, 只能给收据, 只能开公司抬头, 只能开B类目发票); conditions, questions and the buyer’s own choice pass.',
    defaultSeverity: 'error',
    penaltyPoints: 6,
    source: 'seed 004 第三章 一 发票知识 (拒开发票违规成立扣6分; 错误案例1、3、4、5、6); seed 000 三(4) 不能说无法开具发票',
    fixable: false,
    hasSuggestions: true,
    // 发票/开票 in most patterns; 收据, 抬头/名称 (只能开公司抬头), 个人票, 类目 and the named
    // categories (只能开办公用品类), 开不了票 in the others.
    keywords: ['发票', '开票', '开不了票', '开不出票', '开不出来票', '开不到票', '收据', '抬头', '名称', '个人票', '个人的票', '类目', '办公用品', '办公耗材', '劳保用品', '日用品'],
    messages: {
      zh: {
        refusal: '天猫店铺必须提供发票，不能拒开、以收据代替或限制抬头和类目（“{text}”）。可以说：“我们是无理由提供发票的，拍下时在买家留言栏填写发票抬头就可以了”。',
        suggestManual: '改为：“我们是无理由提供发票的…”',
      },
      en: {
        refusal: 'A Tmall shop must issue invoices: never refuse one, offer a receipt instead, or limit the title or category ("{text}"). Say: 我们是无理由提供发票的，拍下时在买家留言栏填写发票抬头就可以了.',
        suggestManual: 'Replace with: 我们是无理由提供发票的…',
      },
    },
  },
  check({ view, report }) {
    const refusals = claimMatches(view, PATTERNS, (m) => {
      const before = clauseBefore(view, m.start, 12);
      if (isConditionalBefore(view, m.start) || DOUBLE_NEG.test(before) || NOT_SHOP.test(before)) return false;
      // …的话 (a condition); 无法开具发票的情况是不存在的 (talking about refusals, not refusing).
      return !/^的?(话|情况|说法)/.test(clauseAfter(view, m.end, 4)) && !isQuestionAfter(view, m.end);
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
