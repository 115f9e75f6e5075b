import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from '../src/compliance/linter.ts';
import { allRules } from '../src/compliance/rules/index.ts';
import { fixedPhrases } from '../src/compliance/tables/index.ts';
import type { PhraseEntry } from '../src/compliance/tables/types.ts';
import { utf8Bytes } from './corpus.ts';
import { formatCount, formatRatio, measure, sig3, throughputJson, type Throughput } from './measure.ts';
import { buildPrhDictionary } from './prh-dictionary.ts';
import { createTextlintPeer } from './textlint-peer.ts';
import type { BenchContext, BenchRow, BenchSection, JsonValue, SectionResult } from './types.ts';

/**
 * The compliance linter against textlint + textlint-rule-prh, on the same corpus in the
 * same process:
 *
 * - per reply: each reply is one lint call (`linter.lint(reply)` / `lintText(reply)`), as a
 *   reply gate uses a linter. textlint may lint only a prefix of the corpus (it is the slow
 *   one); kefu is timed on that same prefix for the ratio, and on the whole corpus as well.
 * - whole document: the whole corpus joined with \n as one text, for both.
 *
 * kefu runs the strict `tmall` profile with every rule; textlint runs prh with a dictionary
 * generated from kefu's own fixed-phrase tables (see prh-dictionary.ts). The two do not find
 * the same things — kefu's rules look at context and normalised text, prh matches literal
 * phrases — so the findings are reported as a sanity check, not as a score.
 */

const WARMUP_REPLIES = 2_000;
const PEER_WARMUP_REPLIES = 300;
const WARMUP_DOC_REPLIES = 1_000;

/** A per-reply figure, or a whole-document one (`repliesPerDocument` set) shown as replies/s too. */
function cell(t: Throughput, repliesPerDocument?: number): string {
  if (repliesPerDocument === undefined) return `${sig3(t.itemsPerSecond)} replies/s · ${sig3(t.mbPerSecond)} MB/s`;
  return `${sig3(t.itemsPerSecond * repliesPerDocument)} replies/s · ${sig3(t.mbPerSecond)} MB/s (${sig3(t.seconds / t.passes)} s/pass)`;
}

function bytesOf(texts: readonly string[]): number {
  let bytes = 0;
  for (const t of texts) bytes += utf8Bytes(t);
  return bytes;
}

async function run(ctx: BenchContext, phrases: readonly PhraseEntry[]): Promise<SectionResult> {
  const { corpus, options, log } = ctx;
  const all = corpus.replies;
  const peerCount = Math.min(options.peerReplies, all.length);
  const subset = all.slice(0, peerCount);
  const subsetBytes = bytesOf(subset);
  const document = all.join('\n');
  const documentBytes = utf8Bytes(document);
  const warmDoc = all.slice(0, WARMUP_DOC_REPLIES).join('\n');

  // --- kefu
  const kefu = createLinter({ profile: 'tmall' });
  const kefuName = `kefu tmall profile (${allRules.length} rule${allRules.length === 1 ? '' : 's'})`;
  log(`lint: warming up kefu (${Math.min(WARMUP_REPLIES, all.length)} replies ×3 + one ${WARMUP_DOC_REPLIES}-reply document)`);
  for (let round = 0; round < 3; round++) for (const r of all.slice(0, WARMUP_REPLIES)) kefu.lint(r);
  kefu.lint(warmDoc);

  const kefuCounts = new Int32Array(peerCount);
  const lintKefu = (texts: readonly string[], counts?: Int32Array) => (): number => {
    let findings = 0;
    for (let i = 0; i < texts.length; i++) {
      const n = kefu.lint(texts[i]!).violations.length;
      if (counts) counts[i] = n;
      findings += n;
    }
    return findings;
  };
  log(`lint: kefu per reply, ${formatCount(peerCount)} replies`);
  const kefuSubset = await measure(lintKefu(subset, kefuCounts), { items: peerCount, bytes: subsetBytes, minSeconds: options.minSeconds });
  log(`lint: kefu per reply, all ${formatCount(all.length)} replies`);
  const kefuAll =
    peerCount === all.length
      ? kefuSubset
      : await measure(lintKefu(all), { items: all.length, bytes: corpus.stats.bytes, minSeconds: options.minSeconds });
  log(`lint: kefu whole document (${sig3(documentBytes / 1e6)} MB)`);
  const kefuDoc = await measure(() => kefu.lint(document).violations.length, {
    items: 1,
    bytes: documentBytes,
    minSeconds: options.minSeconds,
    maxPasses: 20,
  });

  // --- textlint + prh
  const dictionary = buildPrhDictionary(phrases);
  const resultsDir = path.join(ctx.projectRoot, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, 'prh.yml'), dictionary.yaml);
  const peer = await createTextlintPeer(dictionary, ctx.projectRoot);
  const peerName = `${peer.name} (${dictionary.ruleCount} prh rules)`;
  const peerCounts = new Int32Array(peerCount);
  let textlintSubset: Throughput;
  let textlintDoc: Throughput;
  try {
    log(`lint: warming up textlint (${Math.min(PEER_WARMUP_REPLIES, all.length)} replies + one ${WARMUP_DOC_REPLIES}-reply document)`);
    for (const r of all.slice(0, PEER_WARMUP_REPLIES)) await peer.lint(r);
    await peer.lint(warmDoc);
    log(`lint: textlint per reply, ${formatCount(peerCount)} replies`);
    textlintSubset = await measure(
      async () => {
        let findings = 0;
        for (let i = 0; i < subset.length; i++) {
          const n = await peer.lint(subset[i]!);
          peerCounts[i] = n;
          findings += n;
        }
        return findings;
      },
      { items: peerCount, bytes: subsetBytes, minSeconds: options.minSeconds },
    );
    log(`lint: textlint whole document (${sig3(documentBytes / 1e6)} MB)`);
    textlintDoc = await measure(() => peer.lint(document), { items: 1, bytes: documentBytes, minSeconds: options.minSeconds, maxPasses: 20 });
  } finally {
    await peer.close();
  }

  // textlint's own floor: the same API with an empty prh dictionary, to show how much of the
  // per-reply time is the kernel (parse, traverse, messages) and how much is prh's rules.
  let textlintFloor: Throughput | undefined;
  if (dictionary.ruleCount > 0) {
    const bare = await createTextlintPeer(buildPrhDictionary([]), ctx.projectRoot);
    try {
      for (const r of all.slice(0, PEER_WARMUP_REPLIES)) await bare.lint(r);
      log(`lint: textlint per reply with an empty prh dictionary, ${formatCount(peerCount)} replies`);
      textlintFloor = await measure(
        async () => {
          let findings = 0;
          for (const r of subset) findings += await bare.lint(r);
          return findings;
        },
        { items: peerCount, bytes: subsetBytes, minSeconds: options.minSeconds },
      );
    } finally {
      await bare.close();
    }
  }

  // --- sanity: who flags what, on the replies both linted
  let kefuFlagged = 0;
  let peerFlagged = 0;
  let bothFlagged = 0;
  let planted = 0;
  let plantedByKefu = 0;
  let plantedByPeer = 0;
  let cleanByKefu = 0;
  let cleanByPeer = 0;
  for (let i = 0; i < peerCount; i++) {
    const k = kefuCounts[i]! > 0;
    const p = peerCounts[i]! > 0;
    if (k) kefuFlagged++;
    if (p) peerFlagged++;
    if (k && p) bothFlagged++;
    if (corpus.items[i]!.planted.length > 0) {
      planted++;
      if (k) plantedByKefu++;
      if (p) plantedByPeer++;
    } else {
      if (k) cleanByKefu++;
      if (p) cleanByPeer++;
    }
  }
  const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}%`);

  const subsetLabel = peerCount === all.length ? `all ${formatCount(peerCount)} replies` : `first ${formatCount(peerCount)} of ${formatCount(all.length)} replies`;
  const rows: BenchRow[] = [
    {
      bench: `lint per reply (${subsetLabel})`,
      kefu: cell(kefuSubset),
      peer: cell(textlintSubset),
      peerName,
      ratio: formatRatio(kefuSubset.itemsPerSecond, textlintSubset.itemsPerSecond),
    },
  ];
  if (textlintFloor !== undefined) {
    rows.push({
      bench: `lint per reply (${subsetLabel}), textlint with an empty prh dictionary`,
      kefu: cell(kefuSubset),
      peer: cell(textlintFloor),
      peerName: `${peer.name} (0 prh rules: kernel + text plugin only)`,
      ratio: formatRatio(kefuSubset.itemsPerSecond, textlintFloor.itemsPerSecond),
    });
  }
  if (peerCount !== all.length) {
    rows.push({
      bench: `lint per reply (all ${formatCount(all.length)} replies, kefu only)`,
      kefu: cell(kefuAll),
      peer: '—',
      peerName: `not run: textlint is timed on the first ${formatCount(peerCount)}`,
      ratio: '—',
    });
  }
  rows.push(
    {
      bench: `lint whole corpus as one document (${formatCount(all.length)} replies, ${sig3(documentBytes / 1e6)} MB)`,
      kefu: cell(kefuDoc, all.length),
      peer: cell(textlintDoc, all.length),
      peerName,
      ratio: formatRatio(kefuDoc.mbPerSecond, textlintDoc.mbPerSecond),
    },
    {
      bench: `findings per reply (${subsetLabel}; replies flagged)`,
      kefu: `${formatCount(kefuSubset.findings)} (${formatCount(kefuFlagged)} replies)`,
      peer: `${formatCount(textlintSubset.findings)} (${formatCount(peerFlagged)} replies)`,
      peerName,
      ratio: '—',
    },
    {
      bench: 'findings whole document',
      kefu: formatCount(kefuDoc.findings),
      peer: formatCount(textlintDoc.findings),
      peerName,
      ratio: '—',
    },
  );

  const notes: string[] = [
    `ratio = kefu throughput ÷ textlint throughput (>1 means kefu is faster); MB = 10^6 UTF-8 bytes; each figure repeats whole passes for at least ${options.minSeconds} s after a warm-up.`,
    `kefu: createLinter({ profile: 'tmall' }).lint(text), ${kefuName}; lint() also computes the fixed text when a finding is fixable.`,
    `textlint: loadTextlintrc() + createLinter({ descriptor }).lintText(text, 'reply.txt') (built-in text plugin), prh dictionary generated from ${formatCount(phrases.length)} fixedPhrases entries → ${dictionary.ruleCount} rules (${dictionary.withoutReplacement} without a replacement, expected = ［禁用：phrase］; ${dictionary.duplicates} duplicates dropped); copy in bench/results/prh.yml.`,
    `replies flagged (${subsetLabel}): kefu ${formatCount(kefuFlagged)}, textlint ${formatCount(peerFlagged)}, both ${formatCount(bothFlagged)}; of the ${formatCount(planted)} replies with a planted violation kefu flags ${pct(plantedByKefu, planted)}, textlint ${pct(plantedByPeer, planted)}; of the ${formatCount(peerCount - planted)} clean ones kefu flags ${pct(cleanByKefu, peerCount - planted)}, textlint ${pct(cleanByPeer, peerCount - planted)}.`,
  ];
  if (peerCount !== all.length) {
    notes.push(`textlint lints one reply at a time only on the first ${formatCount(peerCount)} replies (to keep the bench short; --peer-replies to change); throughput is per reply and per byte, and kefu is timed on the same replies for the ratio.`);
  }
  if (textlintFloor !== undefined) {
    notes.push(
      `textlint calls each rule's factory once per lintText(), and textlint-rule-prh builds its prh engine there (YAML parse + ${dictionary.ruleCount} regexes), so per reply its cost grows with the dictionary; the empty-dictionary row is textlint's floor. On one big document that cost is paid once.`,
    );
  }
  if (dictionary.ruleCount === 0) {
    notes.push('WARNING: fixedPhrases is empty, so prh has no rules and textlint finds nothing: the ratio only compares kefu with textlint\'s parse-and-traverse overhead.');
  }
  if (kefuSubset.findings === 0) notes.push('WARNING: kefu found nothing on the corpus — check that rules are registered.');
  if (textlintSubset.findings === 0 && dictionary.ruleCount > 0) notes.push('WARNING: textlint found nothing although prh has rules — check the dictionary.');
  if (kefuDoc.mbPerSecond < 0.5 * kefuAll.mbPerSecond) {
    notes.push(
      `kefu is ${sig3(kefuAll.mbPerSecond / kefuDoc.mbPerSecond)}× slower per byte on the one ${sig3(documentBytes / 1e6)} MB document than reply by reply: some per-finding work grows with the text's length (e.g. line/column lookup from the start of the text, re-linting the whole text after fixes).`,
    );
  }
  if (kefuDoc.findings !== kefuAll.findings) {
    notes.push(`kefu finds ${formatCount(kefuDoc.findings)} in the joined document but ${formatCount(kefuAll.findings)} reply by reply (rules that look across reply boundaries or at whole-text context).`);
  }

  const data: { [key: string]: JsonValue } = {
    kefu: { name: kefuName, rules: allRules.length, profile: 'tmall' },
    peer: {
      name: peer.name,
      versions: peer.versions,
      fixedPhrases: phrases.length,
      prhRules: dictionary.ruleCount,
      prhRulesWithoutReplacement: dictionary.withoutReplacement,
      duplicatesDropped: dictionary.duplicates,
    },
    perReply: {
      replies: peerCount,
      bytes: subsetBytes,
      kefu: throughputJson(kefuSubset),
      textlint: throughputJson(textlintSubset),
      ratio: kefuSubset.itemsPerSecond / textlintSubset.itemsPerSecond,
    },
    perReplyTextlintEmptyDictionary: textlintFloor === undefined ? null : throughputJson(textlintFloor),
    perReplyAllKefu: { replies: all.length, bytes: corpus.stats.bytes, kefu: throughputJson(kefuAll) },
    wholeDocument: {
      bytes: documentBytes,
      kefu: throughputJson(kefuDoc),
      textlint: throughputJson(textlintDoc),
      ratio: kefuDoc.mbPerSecond / textlintDoc.mbPerSecond,
    },
    flagged: { kefu: kefuFlagged, textlint: peerFlagged, both: bothFlagged, planted, plantedByKefu, plantedByPeer, cleanByKefu, cleanByPeer },
  };
  return { id: 'lint', title: 'Compliance linter vs textlint + prh', rows, notes, data };
}

/** The lint section; `phrases` (default: kefu's fixedPhrases) is what prh gets. */
export function createLintBench(phrases: readonly PhraseEntry[] = fixedPhrases): BenchSection {
  return { id: 'lint', title: 'Compliance linter vs textlint + prh', run: (ctx) => run(ctx, phrases) };
}

export const lintBench: BenchSection = createLintBench();
