import type { PhraseEntry } from './types.ts';
import { buPhrases } from './bu-phrasings.ts';
import { dismissiveFixedPhrases } from './dismissive-phrases.ts';
import { rudeFixedPhrases } from './rude-phrases.ts';
import { adlawFixedPhrases } from './adlaw-words.ts';

/**
 * Every literal phrase the linter's phrase tables hold, with replacements where the manuals
 * give one. The benchmark feeds the same list to textlint-rule-prh, so both linters check
 * the same fixed-phrase dictionary. Each table adds its entries here.
 */
export const fixedPhrases: readonly PhraseEntry[] = [
  // tables: add `...xxxPhrases` here
  ...buPhrases,
  ...dismissiveFixedPhrases,
  ...rudeFixedPhrases,
  ...adlawFixedPhrases,
];
