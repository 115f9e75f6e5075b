import { defineRule } from '../rule.ts';
import { buPhrasings } from '../tables/bu-phrasings.ts';
import { compilePhrases, findPhrases, tableKeywords } from '../tables/match.ts';
import type { TextMatch } from '../text-view.ts';

/**
 * No 不-phrasings (seed 000 二(7)): 不能便宜 → 无法再低了, 不好意思 → 非常抱歉, 不行 → 无法帮到您,
 * 到不了 → 无法到达 … from the table in ../tables/bu-phrasings.ts. Safe entries are fixes, the
 * others suggestions. Only table entries are reported (不客气, 不用担心, 不错 pass), and A-not-A
 * questions (能不能, 可不可以, 行不行) are questions, not refusals.
 */
const table = compilePhrases(buPhrasings);

/** 能不能 / 可不可以 / 行不行: the character before 不 repeats after it. */
function isAnotA(norm: string, bu: number): boolean {
  return bu > 0 && norm[bu - 1] === norm[bu + 1];
}

export default defineRule({
  meta: {
    id: 'no-bu-phrasing',
    description: 'No 不-phrasings from the table (不能便宜→无法再低了, 不好意思→非常抱歉, 不行→无法帮到您, 到不了→无法到达 …); safe ones are fixed.',
    defaultSeverity: 'error',
    source: 'seed 000 二(7) 聊天窗口不可带有“不”字的词汇，例如：不能便宜，不好意思，不行，到不了等。应改为：无法再低了，非常抱歉，无法帮到您，无法到达等',
    fixable: true,
    hasSuggestions: true,
    // The table's phrases (不能, 不行, 不好意思, 到不了 …), derived from it: 不 alone is on almost every reply.
    keywords: tableKeywords(buPhrasings),
    messages: {
      zh: {
        bu: '请避免带“不”字的说法：“{phrase}”可改为“{replacement}”。',
        replace: '改为“{replacement}”',
      },
      en: {
        bu: 'Avoid 不-phrasings: write “{replacement}” instead of “{phrase}”.',
        replace: 'Write “{replacement}” instead.',
      },
    },
  },
  check({ view, report }) {
    const notAnotA = (m: TextMatch) => !isAnotA(view.norm, m.start + m.text.indexOf('不'));
    // 不能便宜了 beats 不能: the longest match wins, then the earliest.
    for (const { start, end, entry } of findPhrases(view, table, notAnotA)) {
      const data = { phrase: view.original.slice(start, end), replacement: entry.replacement };
      if (entry.safe) {
        report({ messageId: 'bu', data, start, end, fix: { text: entry.replacement } });
        continue;
      }
      const options = [entry.replacement, ...(entry.alternatives ?? [])];
      report({
        messageId: 'bu',
        data,
        start,
        end,
        suggest: options.map((text) => ({ messageId: 'replace' as const, data: { replacement: text }, text })),
      });
    }
  },
});
