import { normalizeSameLength } from '../text/normalize.ts';

/**
 * The words buyers use for what listings call otherwise (裤子 for 牛仔裤, 核桃 for 山核桃), rewritten to the
 * listing's words so that a title match finds the product. Pure.
 */

/** How buyers name what listings call otherwise: 女生那条裤子 → 女士…牛仔裤. */
const BUYER_WORDS: readonly [RegExp, string][] = [
  [/女生|女款|女式|女孩|女的|女装/gu, '女士'],
  [/男生|男款|男式|男孩|男的|男装/gu, '男士'],
  [/裤子|褲子/gu, '牛仔裤'],
  [/坚果|堅果|核桃/gu, '山核桃'],
  [/饼|餅/gu, '鲜花饼'],
  [/羽绒|羽絨/gu, '羽绒服'],
];

export function buyerWordsToListing(text: string): string {
  let out = normalizeSameLength(text);
  for (const [pattern, word] of BUYER_WORDS) out = out.replace(pattern, word);
  return out;
}
