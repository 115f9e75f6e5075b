import { defineRule } from '../rule.ts';
import { dismissivePhrases, type DismissivePhrase } from '../tables/dismissive-phrases.ts';
import { compilePhrases, findPhrases, tableKeywords } from '../tables/match.ts';
import { clauseAfter, clauseBefore, type TextMatch } from '../text-view.ts';

/**
 * Brush-offs (seed 000 二(6) 严禁用…我不清楚，我找不到人问，自己选吧我也不懂): 不清楚, 不知道,
 * 自己选吧, 不归我管, a flat 没办法 … from the table in ../tables/dismissive-phrases.ts, each with
 * a helpful wording as a suggestion. The table's exceptions keep polite questions
 * (不知道您喜欢哪个颜色呢), the buyer's doubts (您哪里不清楚), blurred pictures (图片看不清楚:
 * asking for a clearer photo is service) and the manual's own 我不太清楚，麻烦您咨询下银行 out.
 */
const table = compilePhrases(dismissivePhrases);
const exceptions = new Map(
  dismissivePhrases.map((entry) => [
    entry,
    {
      unlessBefore: entry.unlessBefore === undefined ? undefined : new RegExp(entry.unlessBefore, 'u'),
      unlessAfter: entry.unlessAfter === undefined ? undefined : new RegExp(entry.unlessAfter, 'u'),
    },
  ]),
);

export default defineRule({
  meta: {
    id: 'no-dismissive',
    description: 'No brush-offs (我不清楚, 不知道, 找不到人问, 自己选吧, 我也不懂, 不归我管, a flat 没办法 …); suggests a helpful wording.',
    defaultSeverity: 'error',
    source: 'seed 000 二(6) 聊天窗口严禁用…我不清楚，我找不到人问，自己选吧我也不懂等',
    fixable: false,
    hasSuggestions: true,
    // The words every table entry's matches contain (不清楚, 不知道, 自己选吧, 没办法 …), derived from the table.
    keywords: tableKeywords(dismissivePhrases),
    messages: {
      zh: {
        dismissive: '“{phrase}”显得推脱，请主动帮顾客解决，例如改为“{replacement}”。',
        helpful: '改为“{replacement}”',
      },
      en: {
        dismissive: '“{phrase}” brushes the buyer off; offer help instead, e.g. “{replacement}”.',
        helpful: 'Write “{replacement}” instead.',
      },
    },
  },
  check({ view, report }) {
    const accept = (m: TextMatch, entry: DismissivePhrase) => {
      const { unlessBefore, unlessAfter } = exceptions.get(entry)!;
      return !unlessBefore?.test(clauseBefore(view, m.start)) && !unlessAfter?.test(clauseAfter(view, m.end));
    };
    // Overlapping entries (我不清楚 / 不清楚): the longest match wins, then the earliest.
    for (const { start, end, entry } of findPhrases(view, table, accept)) {
      const data = { phrase: view.original.slice(start, end), replacement: entry.replacement };
      report({
        messageId: 'dismissive',
        data,
        start,
        end,
        suggest: [{ messageId: 'helpful', data, text: entry.replacement }],
      });
    }
  },
});
