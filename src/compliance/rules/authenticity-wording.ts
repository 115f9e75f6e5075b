import { defineRule } from '../rule.ts';
import { isNegatedBefore } from '../clause.ts';
import { clauseAfter, clauseBefore, matchAll } from '../text-view.ts';

/**
 * Seed 000 一(4): asked whether the goods are 原装, never say they are, never say they are not:
 * say the shop's wording (自己的品牌原厂正品; context.shop.authenticityWording).
 * - 原装 in any form fires, 原装进口 included: answering 是原装进口的 is still the 原装 claim the
 *   manual forbids. Quote the listing (“原装进口”) when it must be named.
 * - 原装 before an accessory (原装充电器, 原装包装, 原装箱) describes what is in the box and passes.
 * - Admitting a copy of our own goods (我们是高仿, 这款是a货) fires; talk about others' fakes
 *   (市面上仿品很多) and denials (我们不卖假货) pass. 复刻 alone is a brand's own reissue and
 *   passes; 1:1复刻 / 大牌复刻 fire.
 */
const DEFAULT_WORDING = '自有品牌原厂正品';

const CLAIM = /(是|都是|就是|保证是?|绝对是?|百分百是?|百分之百是?|肯定是?|确实是?)?原装(的|正品|货|进口)?/g;
/** Tested on the clause before 原装 plus the copula the match took (不 + 是原装). */
const DENIAL_BEFORE = /(不是|并非|并不是|非|不算|不属于)$/;
const A_NOT_A = /是不是$/;
const ACCESSORY = /^(的)?(配件|充电器|充电线|充电头|数据线|电池|包装|盒|外盒|箱|纸箱|耳机|镜头|螺丝|滤芯|刀头|附件|说明书|线材|电源|适配器|遥控器|机头|替换)/;

// 高仿真花 (artificial flowers), 原单号 / 原单退回 (the original waybill) are not copies.
const COPY =
  '(高仿(?!真)|(?<![a-z])a货|仿品|假货|山寨货?|精仿|超a(?=货|级|版|的|[,.!?，。！？]|$)|原单(?!号|退|返|寄|发|地址|快递|物流|运单)|(1:1)?复刻(大牌|原版|正品|专柜)|1:1复刻|(大牌|专柜|原版)复刻)';
const ADMISSION = new RegExp(`(是|都是|就是|属于|算)?${COPY}(的|货|版|款)?`, 'g');
/** About our own goods: 我们是高仿 / 这款是a货 / 我们卖高仿的 — a subject, then a copula or 卖/做. */
const OWN_SUBJECT = /(我们|我家|本店|咱家|咱们|店里|这款|这个|这件|这双|这些|这)[^，。！？,.!?]{0,6}$/;
const SELL_VERB = /(卖|卖的|做|做的|出售|销售|经营|的是)$/;

export default defineRule({
  meta: {
    id: 'authenticity-wording',
    description:
      'Saying the goods are (or are not) 原装, or admitting a copy (我们是高仿): use the shop’s wording (自有品牌原厂正品); accessories (原装充电器) and others’ fakes pass.',
    defaultSeverity: 'error',
    source: 'seed 000 一(4) 原装/假冒品牌：不能说不是原装，更不能说是原装，要表明我们是自己的品牌原厂正品',
    fixable: false,
    hasSuggestions: true,
    // CLAIM needs 原装; ADMISSION needs a COPY word (复刻 covers 1:1复刻, 大牌复刻, 复刻原版 …).
    keywords: ['原装', '高仿', 'a货', '仿品', '假货', '山寨', '精仿', '超a', '原单', '复刻'],
    messages: {
      zh: {
        saysOriginal: '请不要说“{phrase}”，请回答“我们是{wording}，请您放心”。',
        deniesOriginal: '请不要说“不是原装”，请回答“我们是{wording}，请您放心”。',
        admitsCopy: '请不要说“{phrase}”，请回答“我们是{wording}，请您放心”。',
        useWording: '改为“{text}”',
      },
      en: {
        saysOriginal: 'Do not say “{phrase}”; answer “we are {wording}, please rest assured”.',
        deniesOriginal: 'Do not say the goods are not 原装; answer “we are {wording}, please rest assured”.',
        admitsCopy: 'Do not say “{phrase}”; answer “we are {wording}, please rest assured”.',
        useWording: 'Replace with “{text}”',
      },
    },
  },
  check({ view, context, report }) {
    const wording = context.shop?.authenticityWording ?? DEFAULT_WORDING;
    const suggestion = (text: string) => [{ messageId: 'useWording' as const, data: { text }, text }];
    // Keep the copula the agent wrote (都是/是), drop 保证/绝对: 我们绝对原装 → 我们是…
    const withCopula = (prefix: string | undefined) =>
      prefix === undefined ? wording : `${prefix.startsWith('都') ? '都是' : '是'}${wording}`;

    for (const m of matchAll(view, CLAIM)) {
      const prefix = m.groups[0];
      const core = m.start + (prefix?.length ?? 0) + 2; // end of 原装
      if (ACCESSORY.test(clauseAfter(view, core, 8))) continue;
      const before = clauseBefore(view, m.start, 6) + (prefix ?? '');
      if (A_NOT_A.test(before)) continue; // 您问的是不是原装: the buyer's question
      const denial = prefix === undefined || prefix === '是' ? DENIAL_BEFORE.exec(before) : null;
      if (denial) {
        const start = m.start + (prefix?.length ?? 0) - denial[0].length;
        report({ messageId: 'deniesOriginal', data: { wording }, start, end: m.end, suggest: suggestion(withCopula('是')) });
        continue;
      }
      const phrase = view.original.slice(m.start, m.end);
      report({ messageId: 'saysOriginal', data: { phrase, wording }, start: m.start, end: m.end, suggest: suggestion(withCopula(prefix)) });
    }

    for (const m of matchAll(view, ADMISSION)) {
      if (isNegatedBefore(view, m.start)) continue;
      const before = clauseBefore(view, m.start, 10);
      const prefix = m.groups[0];
      if (!OWN_SUBJECT.test(before)) continue;
      if (prefix === undefined && !SELL_VERB.test(before)) continue; // 我们跟高仿不一样
      const phrase = view.original.slice(m.start, m.end);
      report({ messageId: 'admitsCopy', data: { phrase, wording }, start: m.start, end: m.end, suggest: suggestion(withCopula(prefix)) });
    }
  },
});
