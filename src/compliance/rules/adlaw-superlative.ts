import { defineRule, type ReportSuggestion } from '../rule.ts';
import { adlawExceptions, adlawPhrases } from '../tables/adlaw-words.ts';
import { escapeRegExp, tableKeywords } from '../tables/match.ts';
import { normalizeSameLength } from '../../text/normalize.ts';
import { clauseAfter, clauseBefore, matchAll } from '../text-view.ts';

/**
 * Absolute terms (最佳, 第一品牌, 国家级, 100%…) from the adlaw-words table. The table is data,
 * so the pattern is built from it; its exceptions keep advice (您最好看一下), time estimates
 * (最快两天), compositions (100%棉) and product names (万能胶) quiet.
 */
const entries = adlawPhrases.map((e) => ({ ...e, phrase: normalizeSameLength(e.phrase) }));
const byPhrase = new Map(entries.map((e) => [e.phrase, e]));
// Longest first, so 最优质 wins over 最优 and 全网最低价 over 全网最低.
const PHRASES = new RegExp(
  [...byPhrase.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'g',
);
/** Every match is one of the phrases: the phrases are the keywords (最优 covers 最优秀 and 最优质). */
const KEYWORDS = tableKeywords(entries);

/**
 * 这几款里最便宜的是黑色 / 全店最便宜的一款: ranking the shop's own items for the buyer is an
 * answer, not an ad claim. (我们家最好的 still fires: 我们家 usually means the brand vs the market.)
 */
const OWN_COMPARISON = /([款个种色样码件者](里|中)|里面|之中|当中|相比|比起来|对比|比较下来|全店|店里|店内|本店)/;

export default defineRule({
  meta: {
    id: 'adlaw-superlative',
    description:
      'Absolute advertising terms (最佳, 第一品牌, 国家级, 100%…) from the adlaw-words table; advice (最好+verb), 第一次/第一时间, 最快+time, compositions (100%棉) pass.',
    defaultSeverity: 'error',
    source: 'Advertising Law art. 9(3) 《广告法》第九条(三) 不得使用“国家级”、“最高级”、“最佳”等用语 (the manuals only hint at it)',
    fixable: false,
    hasSuggestions: true,
    keywords: KEYWORDS,
    messages: {
      zh: {
        absolute: '“{word}”属于广告法禁止的绝对化用语，请改用客观的描述。',
        absoluteHint: '“{word}”属于广告法禁止的绝对化用语，可以改为“{replacement}”等客观的描述。',
        absoluteRemove: '“{word}”属于广告法禁止的绝对化用语，建议删去。',
        useNeutral: '改为“{replacement}”',
        remove: '删去“{word}”',
      },
      en: {
        absolute: '“{word}” is an absolute term banned by the Advertising Law; describe the product objectively.',
        absoluteHint: '“{word}” is an absolute term banned by the Advertising Law; use a neutral wording such as “{replacement}”.',
        absoluteRemove: '“{word}” is an absolute term banned by the Advertising Law; leave it out.',
        useNeutral: 'Replace with “{replacement}”',
        remove: 'Remove “{word}”',
      },
    },
  },
  check({ view, report }) {
    for (const m of matchAll(view, PHRASES)) {
      const entry = byPhrase.get(m.text);
      if (!entry) continue;
      const exception = adlawExceptions[entry.phrase];
      const before = clauseBefore(view, m.start, 16);
      if (exception?.next?.test(clauseAfter(view, m.end, 12))) continue;
      if (exception?.prev?.test(before)) continue;
      // 全网最低 compares with the market even after 本店
      if (entry.phrase.includes('最') && !entry.phrase.startsWith('全') && OWN_COMPARISON.test(before)) continue;

      const word = view.original.slice(m.start, m.end);
      const { replacement } = entry;
      let suggest: ReportSuggestion<'useNeutral' | 'remove'>[] | undefined;
      let messageId: 'absolute' | 'absoluteHint' | 'absoluteRemove' = 'absolute';
      if (replacement === '') {
        messageId = 'absoluteRemove';
        suggest = [{ messageId: 'remove', data: { word }, text: '' }];
      } else if (replacement !== undefined) {
        messageId = 'absoluteHint';
        suggest = [{ messageId: 'useNeutral', data: { replacement }, text: replacement }];
      }
      report({ messageId, data: { word, replacement: replacement ?? '' }, start: m.start, end: m.end, ...(suggest ? { suggest } : {}) });
    }
  },
});
