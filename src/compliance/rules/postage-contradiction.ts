import { isNegatedBefore, isNoNeedBefore, isQuestionAfter, listClauseAround } from '../clause.ts';
import { claimMatches } from '../patterns/claim.ts';
import { sentenceBounds } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseBefore, matchAll, type TextView } from '../text-view.ts';

/**
 * What the agent says about postage must match the freight template (seed 004 第三章 三 邮费:
 * 违规成立扣4分; 错误案例1-3; seed 000 三(9) 包邮产品不能说不包邮). Needs context.shipping.
 * freeShipping true: flags 不包邮, 需要补10元运费, 发顺丰的话需要多付15元邮费, 运费到付.
 * freeShipping false: flags an affirmative 包邮 (这款是包邮的).
 * Left alone: no context; negated (无需补运费, 无法包邮); return postage (退货运费); invoice
 * postage (invoice-extra-charge); thresholds (满99包邮 — the order amount is unknown);
 * concessions (给您包邮: the agent adjusts the price); a named region other than the buyer's
 * (江浙沪包邮 to a buyer in 新疆); a sentence that states which courier is free and what an
 * upgrade costs before payment (包邮中通，发邮政需补相应邮费: seed 004 我们的标准).
 */

const AMOUNT = '(?:\\d+(?:\\.\\d+)?(?:元|块)?|[一二两三四五六七八九十几]+(?:元|块))';
const POSTAGE = '(?:运费差价|邮费差价|运费|邮费|快递费|差价)';

const NOT_FREE = /(?:不是|没有|不|没|无法|不能|不可以|不给)(?:给您)?包邮/g;
const SURCHARGE = new RegExp(
  [
    `(?:另外|额外|再)?(?:补|加|另付|多付|补交|另加|再付|加付|补付|自付|加收|另收|多收)${AMOUNT}?的?(?:相应的?)?${POSTAGE}`,
    `(?:需要|要|得)您?(?:另外|额外|自己)?(?:支付|付|出|承担)${AMOUNT}?的?(?:运费|邮费|快递费)`,
    `(?:运费|邮费|快递费)(?:需要|要)?(?:由您承担|您承担|由您自己承担|您自己承担|自理|到付|自付|另算|另计|另付|另收)`,
  ].join('|'),
  'g',
);
const FREE = /包邮/g;

const REGIONS = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西',
  '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古',
  '内蒙', '广西', '西藏', '宁夏', '新疆', '香港', '澳门', '港澳台', '江浙沪', '偏远地区', '偏远',
];
const REMOTE = ['新疆', '西藏', '内蒙', '青海', '甘肃', '宁夏', '海南', '香港', '澳门', '台湾'];
const REGION_RE = new RegExp(REGIONS.join('|'), 'g');

/** True when the region named in the text covers the buyer's region. */
function regionCovers(named: string, buyer: string): boolean {
  if (named === '江浙沪') return /江苏|浙江|上海/.test(buyer);
  if (named === '偏远' || named === '偏远地区') return REMOTE.some((r) => buyer.includes(r));
  if (named === '港澳台') return /香港|澳门|台湾/.test(buyer);
  return buyer.includes(named) || named.includes(buyer);
}

/**
 * A statement about named regions that are not the buyer's (or the buyer's region is unknown).
 * Looks at the list-aware clause around [start, end), colons included: 新疆、西藏不包邮, 偏远地区：需补运费.
 */
function aboutOtherRegions(view: TextView, start: number, end: number, buyer: string | undefined): boolean {
  const named = listClauseAround(view, start, end, { colonEnds: false }).match(REGION_RE);
  if (!named) return false;
  if (buyer === undefined) return true;
  return !named.some((n) => regionCovers(n, buyer));
}

const ELSEWHERE = /退|换货|寄回|拒收|发票/;
const THRESHOLD = /满\s*[\d一二两三四五六七八九十百]/;
const COURIER = '(?:中通|圆通|申通|韵达|邮政|顺丰|百世|汇通|极兔|德邦|ems|京东|天天)';
const DISCLOSED = new RegExp(`(?<!不)包邮${COURIER}|${COURIER}(?:快递)?(?:是|都是)?包邮`);

const MANUAL_ANSWER = '我们的模板上面有详细说明的，请按照网页上面的提示购买付款';

export default defineRule({
  meta: {
    id: 'postage-contradiction',
    description:
      'Postage must match the freight template (context.shipping): no 不包邮 or extra postage when it is free, no 包邮 when it is not; silent without context.',
    defaultSeverity: 'error',
    penaltyPoints: 4,
    source:
      'seed 004 第三章 三 邮费 (违规成立扣4分; 错误案例1-3); seed 000 三(9) 包邮产品不能说不包邮. seed 004 案例演示3 (新疆/内蒙古) says 扣6分; the official section’s 4 is used.',
    fixable: false,
    hasSuggestions: true,
    keywords: ['包邮', '运费', '邮费', '快递费', '差价'],
    messages: {
      zh: {
        chargeOnFree: '运费模板显示包邮，不能说“{text}”或让顾客另付邮费。可以说：“我们的模板上面有详细说明的，请按照网页上面的提示购买付款”。',
        freeOnPaid: '运费模板显示不包邮，不能说“包邮”。邮费请以页面运费模板为准：“我们的模板上面有详细说明的，请按照网页上面的提示购买付款”。',
        suggestManual: '改为：“我们的模板上面有详细说明的，请按照网页上面的提示购买付款”',
      },
      en: {
        chargeOnFree: 'The freight template says free shipping: do not say "{text}" or ask for extra postage. Say: 我们的模板上面有详细说明的，请按照网页上面的提示购买付款.',
        freeOnPaid: 'The freight template does not include free shipping: do not say 包邮. Refer to the template: 我们的模板上面有详细说明的，请按照网页上面的提示购买付款.',
        suggestManual: 'Replace with: 我们的模板上面有详细说明的，请按照网页上面的提示购买付款',
      },
    },
  },
  check({ view, context, report }) {
    const shipping = context.shipping;
    if (!shipping) return;
    const emit = (messageId: 'chargeOnFree' | 'freeOnPaid', start: number, end: number, s: number, e: number) =>
      report({
        messageId,
        data: { text: view.original.slice(start, end) },
        start,
        end,
        suggest: [{ messageId: 'suggestManual', text: MANUAL_ANSWER, start: s, end: e }],
      });

    if (shipping.freeShipping) {
      const charges = claimMatches(view, [NOT_FREE, SURCHARGE], (m, pattern) => {
        const text = view.norm.slice(...sentenceBounds(view.norm, m.start, m.end));
        const before = clauseBefore(view, m.start, 12);
        if (isNoNeedBefore(view, m.start) || /(给|帮|为)您$/.test(before) || isQuestionAfter(view, m.end)) return false;
        if (ELSEWHERE.test(text) || THRESHOLD.test(text)) return false;
        if (aboutOtherRegions(view, m.start, m.end, shipping.region)) return false;
        // 差价 alone is a price difference unless the sentence is about postage.
        if (m.text.endsWith('差价') && !/运费|邮费|快递/.test(text)) return false;
        return !(pattern === 1 && DISCLOSED.test(text)); // SURCHARGE
      });
      for (const m of charges) emit('chargeOnFree', m.start, m.end, ...sentenceBounds(view.norm, m.start, m.end));
      return;
    }

    for (const m of matchAll(view, FREE)) {
      const [s, e] = sentenceBounds(view.norm, m.start, m.end);
      const before = clauseBefore(view, m.start, 12);
      if (isNegatedBefore(view, m.start) || /(?:不是|非)$/.test(before) || isQuestionAfter(view, m.end)) continue;
      // 给您包邮 / 改成包邮: a concession the agent makes by adjusting the price, not a template claim.
      if (/(给|帮|为)您$|改成$|改为$|申请$|免费$/.test(before)) continue;
      if (/^(活动|券|卡|门槛|条件|范围|地区|区域|政策)/.test(view.norm.slice(m.end, m.end + 2))) continue;
      if (THRESHOLD.test(before) || /如果|若|假如|要是/.test(before)) continue;
      if (aboutOtherRegions(view, m.start, m.end, shipping.region)) continue;
      emit('freeOnPaid', m.start, m.end, s, e);
    }
  },
});
