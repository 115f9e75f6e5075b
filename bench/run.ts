import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusStats, generateCorpusItems } from './corpus.ts';
import { lintBench } from './lint-bench.ts';
import { formatCount, sig3 } from './measure.ts';
import { nluBench } from './nlu-bench.ts';
import { httpBench } from './http-bench.ts';
import { turnBench } from './turn-bench.ts';
import { selfPlayBench } from './selfplay-bench.ts';
import type { BenchContext, BenchOptions, BenchRow, BenchSection, Corpus, JsonValue, SectionResult } from './types.ts';

/**
 * `npm run bench`: generates the corpus once, runs each bench section on it, prints one
 * Markdown table and writes bench/results/latest.json. Sections are a list: add the NLU and
 * HTTP benches here.
 *
 *   npm run bench -- --replies 20000 --seed 42 --peer-replies 2000 --min-seconds 2 --only lint
 */
const sections: readonly BenchSection[] = [lintBench, nluBench, turnBench, selfPlayBench, httpBench];

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      replies: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '42' },
      'peer-replies': { type: 'string', default: '2000' },
      'min-seconds': { type: 'string', default: '2' },
      only: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(`usage: npm run bench -- [--replies N] [--seed N] [--peer-replies N|all] [--min-seconds S] [--only ${sections.map((s) => s.id).join('|')}]`);
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
    return n;
  };
  const replies = int('replies', values.replies, 1);
  const minSeconds = Number(values['min-seconds']);
  if (!Number.isFinite(minSeconds) || minSeconds < 0) throw new Error(`--min-seconds must be a number ≥ 0, got ${values['min-seconds']}`);
  const only = values.only.flatMap((s) => s.split(',')).filter((s) => s !== '');
  const unknown = only.filter((id) => !sections.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown bench section(s): ${unknown.join(', ')}; known: ${sections.map((s) => s.id).join(', ')}`);
  return {
    replies,
    seed: int('seed', values.seed, 0),
    peerReplies: values['peer-replies'] === 'all' ? replies : int('peer-replies', values['peer-replies'], 1),
    minSeconds,
    only,
  };
}

function buildCorpus(options: BenchOptions): Corpus {
  const items = generateCorpusItems(options.replies, options.seed);
  const replies = items.map((i) => i.text);
  const id = createHash('sha256').update(replies.join('\n')).digest('hex').slice(0, 16);
  return { seed: options.seed, items, replies, stats: corpusStats(items), id };
}

function machineInfo(): { [key: string]: JsonValue } {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    totalMemoryGB: Math.round(os.totalmem() / 2 ** 30),
  };
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function table(rows: readonly BenchRow[]): string {
  const lines = ['| bench | kefu | peer | peer name | ratio |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${[r.bench, r.kefu, r.peer, r.peerName, r.ratio].map(escapeCell).join(' | ')} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const t0 = performance.now();
  const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);

  log(`generating corpus: ${formatCount(options.replies)} replies, seed ${options.seed}`);
  const corpus = buildCorpus(options);
  const { stats } = corpus;
  const machine = machineInfo();
  const ctx: BenchContext = { options, corpus, projectRoot, log };

  const results: SectionResult[] = [];
  for (const section of sections) {
    if (options.only.length > 0 && !options.only.includes(section.id)) continue;
    log(`section ${section.id}: ${section.title}`);
    results.push(await section.run(ctx));
  }
  const seconds = (performance.now() - t0) / 1000;

  const noise = Object.entries(stats.byNoise)
    .map(([k, v]) => `${k} ${formatCount(v)}`)
    .join(', ');
  const out: string[] = [
    '## kefu bench',
    '',
    `- node ${process.version} · ${String(machine.cpuModel)} × ${String(machine.cpus)} · ${os.platform()} ${os.arch()} · ${String(machine.totalMemoryGB)} GB`,
    `- corpus: ${formatCount(stats.replies)} replies, ${sig3(stats.bytes / 1e6)} MB UTF-8 (${formatCount(stats.chars)} characters), seed ${corpus.seed}, id ${corpus.id}; ${formatCount(stats.withPlanted)} replies (${((100 * stats.withPlanted) / Math.max(1, stats.replies)).toFixed(1)}%) with a planted violation; noise: ${noise}`,
    `- total time ${seconds.toFixed(1)} s`,
    '',
    table(results.flatMap((r) => r.rows)),
    '',
  ];
  for (const r of results) {
    out.push(`${r.title}:`);
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }
  process.stdout.write(out.join('\n'));

  const json: { [key: string]: JsonValue } = {
    schema: 1,
    startedAt: started.toISOString(),
    seconds,
    options: { ...options },
    machine,
    corpus: {
      replies: stats.replies,
      bytes: stats.bytes,
      chars: stats.chars,
      seed: corpus.seed,
      id: corpus.id,
      withPlanted: stats.withPlanted,
      noise: { ...stats.byNoise },
    },
    sections: results.map((r) => ({ id: r.id, title: r.title, rows: r.rows.map((row) => ({ ...row })), notes: r.notes, data: r.data })),
  };
  const resultsDir = path.join(projectRoot, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'latest.json');
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), file) || file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
