import { defineRule } from '../rule.ts';
import { minimalWords } from '../tables/keywords.ts';
import { compilePhrases, findPhrases, tableKeywords } from '../tables/match.ts';
import { rudePhrases } from '../tables/rude-phrases.ts';
import { trimmedSpan } from './no-curt-reply.ts';

/**
 * No insults or contempt (seed 000 三(11) 不能谩骂或以恶劣态度接待客户; seed 002 千万不可以说我这里
 * 不还价，没有等伤害顾客自尊的话语): 傻, 滚, 神经病, 爱买不买, 买不起就别买, 说了多少遍, 不还价 …
 * from the table in ../tables/rude-phrases.ts, plus a bare 没有 as the whole reply. No fix:
 * where a calm wording fits in place of the phrase it is a suggestion.
 * Product words pass: 滚筒洗衣机, 傻瓜相机, 有病虫害吗, 穷举, 层出不穷, 补脑.
 */
const table = compilePhrases(rudePhrases);
/** seed 002: a flat 没有 to the buyer (no discount, no way) is as hurtful as 不还价. */
const FLAT_NO = /^没(?:有|得)?(?:了|的|啊|呢)?$/;
/** The table's words (傻逼, 滚, 神经病, 不还价 …, derived from it) and 没 for a flat 没有. */
const tableWords = tableKeywords(rudePhrases);
const KEYWORDS = tableWords === undefined ? undefined : minimalWords([...tableWords, '没']);

export default defineRule({
  meta: {
    id: 'no-rude',
    description: 'No insults or contempt (傻, 滚, 神经病, 爱买不买, 买不起就别买, 说了多少遍, 不还价, a bare 没有 …); product words like 滚筒 pass.',
    defaultSeverity: 'error',
    source: 'seed 000 三(11) 不能谩骂或以恶劣态度接待客户; seed 000 二(2); seed 002 千万不可以说我这里不还价，没有等伤害顾客自尊的话语',
    fixable: false,
    hasSuggestions: true,
    keywords: KEYWORDS,
    messages: {
      zh: {
        rude: '“{phrase}”是不礼貌的说法，会伤害顾客，请换成平和、礼貌的表达。',
        flatNo: '只回“{phrase}”太生硬，会伤害顾客自尊，请说明原因并给出可行的办法。',
        calm: '改为“{replacement}”',
      },
      en: {
        rude: '“{phrase}” is rude and hurts the buyer; say it calmly and politely.',
        flatNo: 'A bare “{phrase}” is curt and hurtful; explain why and offer what you can do.',
        calm: 'Write “{replacement}” instead.',
      },
    },
  },
  check({ view, report }) {
    const span = trimmedSpan(view);
    if (span.end > span.start && FLAT_NO.test(view.norm.slice(span.start, span.end))) {
      report({ messageId: 'flatNo', data: { phrase: view.original.slice(span.start, span.end) }, ...span });
      return;
    }
    // Overlapping entries: the longest match wins, then the earliest.
    for (const { start, end, entry } of findPhrases(view, table)) {
      const phrase = view.original.slice(start, end);
      const replacement = entry.replacement;
      report({
        messageId: 'rude',
        data: { phrase },
        start,
        end,
        ...(replacement === undefined ? {} : { suggest: [{ messageId: 'calm' as const, data: { replacement }, text: replacement }] }),
      });
    }
  },
});
