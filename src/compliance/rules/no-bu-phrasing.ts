import { defineRule } from '../rule.ts';
import { buPhrasings, type BuPhrasing } from '../tables/bu-phrasings.ts';
import { matchAll } from '../text-view.ts';

/**
 * No 不-phrasings (seed 000 二(7)): 不能便宜 → 无法再低了, 不好意思 → 非常抱歉, 不行 → 无法帮到您,
 * 到不了 → 无法到达 … from the table in ../tables/bu-phrasings.ts. Safe entries are fixes, the
 * others suggestions. Only table entries are reported (不客气, 不用担心, 不错 pass), and A-not-A
 * questions (能不能, 可不可以, 行不行) are questions, not refusals.
 */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = buPhrasings.map((entry) => ({ entry, re: new RegExp(entry.pattern ?? escape(entry.phrase), 'gu') }));

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
    triggers: '不',
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
    const found: { start: number; end: number; entry: BuPhrasing }[] = [];
    for (const { entry, re } of compiled) {
      for (const m of matchAll(view, re)) {
        if (isAnotA(view.norm, m.start + m.text.indexOf('不'))) continue;
        found.push({ start: m.start, end: m.end, entry });
      }
    }
    // 不能便宜了 beats 不能: the longest match wins, then the earliest.
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: typeof found = [];
    for (const f of found) if (kept.every((k) => f.end <= k.start || f.start >= k.end)) kept.push(f);
    kept.sort((a, b) => a.start - b.start);
    for (const { start, end, entry } of kept) {
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
