import { matchAll, type TextMatch, type TextView } from '../text-view.ts';
import { requiredWords, requiredWordsOfAll } from './keywords.ts';

/**
 * Matching a phrase table against a reply, shared by the table-driven rules (no-bu-phrasing,
 * no-dismissive, no-rude): each entry is a literal phrase or a regex source; where entries
 * overlap (我不清楚 / 不清楚, 不能便宜了 / 不能) the longest match wins, then the earliest.
 */
export interface TablePhrase {
  /** The literal phrase. */
  phrase: string;
  /** A regex source (normalised text, compiled with the `u` flag) when the literal is not enough. */
  pattern?: string;
}

export interface CompiledPhrase<E extends TablePhrase> {
  entry: E;
  re: RegExp;
  /** Words one of which each match contains: the entry is skipped on a text without them. */
  words: readonly string[] | undefined;
}

export interface PhraseMatch<E extends TablePhrase> extends TextMatch {
  entry: E;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The regex source of an entry: its pattern, or its phrase taken literally. */
export function phraseSource(entry: TablePhrase): string {
  return entry.pattern ?? escapeRegExp(entry.phrase);
}

export function compilePhrases<E extends TablePhrase>(entries: readonly E[]): CompiledPhrase<E>[] {
  return entries.map((entry) => ({ entry, re: new RegExp(phraseSource(entry), 'gu'), words: requiredWords(phraseSource(entry)) }));
}

/**
 * A rule's `keywords` from its table: the words every entry's matches need (see keywords.ts),
 * without those that contain another. Undefined when an entry has none: the rule then runs on
 * every text (the table tests forbid that).
 */
export function tableKeywords(entries: readonly TablePhrase[]): string[] | undefined {
  return requiredWordsOfAll(entries.map(phraseSource));
}

/** Of overlapping spans, the longest wins, then the earliest; the kept ones in text order. */
export function longestNonOverlapping<T extends { start: number; end: number }>(found: readonly T[]): T[] {
  const byLength = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const f of byLength) if (kept.every((k) => f.end <= k.start || f.start >= k.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The table's matches outside quotes that `accept` lets through (all when omitted), of
 * overlapping ones the longest, in text order.
 */
export function findPhrases<E extends TablePhrase>(
  view: TextView,
  table: readonly CompiledPhrase<E>[],
  accept?: (match: TextMatch, entry: E) => boolean,
): PhraseMatch<E>[] {
  const found: PhraseMatch<E>[] = [];
  for (const { entry, re, words } of table) {
    if (words !== undefined && !words.some((w) => view.norm.includes(w))) continue;
    for (const m of matchAll(view, re)) if (accept === undefined || accept(m, entry)) found.push({ ...m, entry });
  }
  return longestNonOverlapping(found);
}
