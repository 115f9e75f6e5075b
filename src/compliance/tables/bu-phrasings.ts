import type { PhraseEntry } from './types.ts';

/**
 * 不-phrasings and the wording the manuals give instead (seed 000 二(7): 聊天窗口不可带有“不”字的词汇，
 * 例如：不能便宜，不好意思，不行，到不了等。应改为：无法再低了，非常抱歉，无法帮到您，无法到达等).
 * Only phrases listed here are reported: 不客气, 不用担心, 不错, 不仅, 不管… have no entry and pass.
 * Left out on purpose: 不清楚 / 不知道 (no-dismissive), 不支持 / 不提供 (the payment and invoice rules).
 */
export interface BuPhrasing {
  /** The literal phrase; it also goes into `fixedPhrases`. */
  phrase: string;
  /** A regex source (simplified Chinese, matched on the normalised text) when the literal is not enough. */
  pattern?: string;
  /** The manuals' wording; replaces the whole match. */
  replacement: string;
  /** true: the replacement is right in any sentence, so it is a safe fix; false: a suggestion. */
  safe: boolean;
  /** Further suggestions after `replacement`. */
  alternatives?: string[];
}

/**
 * A match must end here to be replaced by 无法再低了 (so 不能便宜卖给您 stays with the generic 不能
 * entry). Patterns are compiled with the `u` flag.
 */
const AT_CLAUSE_END = String.raw`(?=[,.!?;~，。！？；…\s哦呢啦哈呀啊亲]|$|\p{Extended_Pictographic})`;

export const buPhrasings: readonly BuPhrasing[] = [
  { phrase: '不能便宜了', pattern: `不能便宜了?${AT_CLAUSE_END}`, replacement: '无法再低了', safe: true },
  { phrase: '不能再便宜了', pattern: `不能再便宜了?${AT_CLAUSE_END}`, replacement: '无法再低了', safe: true },
  { phrase: '不能再低了', pattern: `不能再低了?${AT_CLAUSE_END}`, replacement: '无法再低了', safe: true },
  // 真不好意思 / 太不好意思了 → 非常抱歉 (not 真非常抱歉): the degree word and 了 go with it.
  {
    phrase: '不好意思',
    pattern: '(?:真的是|真的|真是|真|实在是|实在|太|很|挺)?不好意思了?',
    replacement: '非常抱歉',
    safe: true,
  },
  // Not 达到不了 / 做到不了 / 想到不了: there 到 belongs to the verb before it (but 韵达 is a courier).
  { phrase: '到不了', pattern: '(?<![做办收拿找想遇看听感提得])(?<!(?<!韵)达)到不了', replacement: '无法到达', safe: true },
  { phrase: '做不到', replacement: '无法做到', safe: true },
  { phrase: '办不到', replacement: '无法办到', safe: true },
  // Conditional 不行 (实在不行的话, 如果不行就…, a clause opening 实在不行) is advice, not a refusal
  // (这个价格实在不行 still is); 不行动 / 不行驶 are other words.
  {
    phrase: '不行',
    pattern: String.raw`(?<!如果|若|要是|万一|假如|(?:^|[,.!?;~，。！？；\s])实在)不行(?!的话|就|[动驶李])`,
    replacement: '无法帮到您',
    safe: false,
    alternatives: ['暂时无法办理'],
  },
  { phrase: '不可以', replacement: '无法', safe: false, alternatives: ['请勿'] },
  { phrase: '不能', pattern: '不能够?', replacement: '无法', safe: false, alternatives: ['请勿'] },
];

/** The literal phrases with their replacements, for `fixedPhrases`. */
export const buPhrases: readonly PhraseEntry[] = buPhrasings.map(({ phrase, replacement }) => ({ phrase, replacement }));
