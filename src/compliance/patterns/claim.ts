import { matchAll, type TextMatch, type TextView } from '../text-view.ts';

/** A match kept by `claimMatches`, with the index of the pattern that found it. */
export interface ClaimedMatch extends TextMatch {
  pattern: number;
}

/**
 * The matches of several patterns, each stretch of text claimed once: patterns are tried in
 * order (so list the more specific first), each pattern's matches in text order, and a match
 * that overlaps one already claimed is skipped. `accept` filters the others (conditions,
 * questions, negations…); a rejected match claims nothing, so a later pattern may still find
 * that text. Quoted stretches are skipped unless `includeQuoted` (see `matchAll`).
 */
export function claimMatches(
  view: TextView,
  patterns: readonly RegExp[],
  accept: (m: TextMatch, pattern: number) => boolean = () => true,
  opts: { includeQuoted?: boolean } = {},
): ClaimedMatch[] {
  const claimed: ClaimedMatch[] = [];
  patterns.forEach((re, pattern) => {
    for (const m of matchAll(view, re, opts)) {
      if (claimed.some((c) => m.start < c.end && c.start < m.end)) continue;
      if (accept(m, pattern)) claimed.push({ ...m, pattern });
    }
  });
  return claimed;
}
