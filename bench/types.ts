import type { CorpusItem, CorpusStats } from './corpus.ts';

export interface BenchOptions {
  /** Replies in the generated corpus. */
  replies: number;
  seed: number;
  /** Replies the peer lints one by one (a prefix of the corpus); `replies` means all. */
  peerReplies: number;
  /** Each timed measurement repeats whole passes until at least this long. */
  minSeconds: number;
  /** Section ids to run; empty = all. */
  only: string[];
}

export interface Corpus {
  seed: number;
  items: readonly CorpusItem[];
  replies: readonly string[];
  stats: CorpusStats;
  /** sha256 of the replies joined with \n, first 16 hex digits: the same corpus gives the same id. */
  id: string;
}

export interface BenchContext {
  options: BenchOptions;
  corpus: Corpus;
  projectRoot: string;
  log(message: string): void;
}

/** One line of the printed table; cells are already formatted. */
export interface BenchRow {
  bench: string;
  kefu: string;
  peer: string;
  peerName: string;
  ratio: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SectionResult {
  id: string;
  title: string;
  rows: BenchRow[];
  /** Printed under the table: subsets, caveats, sanity warnings. */
  notes: string[];
  /** Raw numbers for bench/results/latest.json. */
  data: { [key: string]: JsonValue };
}

/** A part of `npm run bench` (lint today; NLU and HTTP later). */
export interface BenchSection {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}
