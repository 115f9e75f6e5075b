import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createClassifier, type Classifier } from '../src/nlu/classifier.ts';
import { loadIntentData, splitDataset, type LabelledExample } from '../src/nlu/dataset.ts';
import { IntentIdSchema, isIntentId, type IntentId } from '../src/nlu/intents.ts';
import { evaluate, type Evaluation } from '../src/nlu/metrics.ts';
import { formatCount, formatRatio, measure, sig3, throughputJson, type Throughput } from './measure.ts';
import { createNlpjsPeer, type NlpjsPeer } from './nlpjs-peer.ts';
import type { BenchContext, BenchRow, BenchSection, JsonValue, SectionResult } from './types.ts';

/**
 * The intent classifier against NLP.js (@nlpjs/basic + @nlpjs/lang-zh), in the same process:
 *
 * - both are trained on exactly the same examples: the training part of
 *   splitDataset(loadIntentData()) (fixed seed, 80/20);
 * - accuracy and macro-F1 (src/nlu/metrics.ts) on the dev part and on the independent blind
 *   set test/fixtures/nlu-blind.jsonl; NLP.js's 'None' counts as 'other';
 * - throughput over the dev + blind messages, one call per message as a chat gate uses it
 *   (kefu's classify() is synchronous, NLP.js's process() is awaited);
 * - training time, one run each.
 *
 * Goals (reported, not enforced): kefu ≥ 10 points more macro-F1 than NLP.js on the dev split,
 * and ≥ 5× its throughput.
 */

const ID = 'nlu';
const TITLE = 'Intent classifier vs NLP.js';
const GOAL_F1_POINTS = 10;
const GOAL_SPEEDUP = 5;
const BLIND_FILE = path.join('test', 'fixtures', 'nlu-blind.jsonl');
/** Shown in the notes: how lang-zh reads a typical message. */
const EXPLAIN_TEXT = '能不能换个收货地址呀';

const BlindLineSchema = z.object({ text: z.string().min(1), intent: IntentIdSchema });

function loadBlind(projectRoot: string): LabelledExample[] {
  const file = path.join(projectRoot, BLIND_FILE);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      const parsed = BlindLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${BLIND_FILE}:${n}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
      return parsed.data;
    });
}

function peerIntent(answer: string): IntentId {
  if (answer === 'None') return 'other';
  if (!isIntentId(answer)) throw new Error(`NLP.js answered an intent it was never trained on: ${answer}`);
  return answer;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} pts`;
const secs = (s: number) => `${sig3(s)} s`;

function scoreCell(e: Evaluation): string {
  return `acc ${pct(e.accuracy)} · macro-F1 ${pct(e.macroF1)}`;
}

function scoreRatio(kefu: Evaluation, peer: Evaluation): string {
  return `macro-F1 ${pts(kefu.macroF1 - peer.macroF1)} · acc ${pts(kefu.accuracy - peer.accuracy)}`;
}

function evaluationJson(e: Evaluation): { [key: string]: JsonValue } {
  return {
    total: e.total,
    accuracy: e.accuracy,
    macroF1: e.macroF1,
    perIntent: e.perIntent.map((s) => ({ intent: s.intent, precision: s.precision, recall: s.recall, f1: s.f1, support: s.support })),
    topConfusions: e.confusions.slice(0, 10).map((c) => ({ gold: c.gold, predicted: c.predicted, count: c.count })),
  };
}

/** Timed single pass (the first sight of each message), with the predictions. */
async function firstPass(texts: readonly string[], classify: (text: string) => IntentId | Promise<IntentId>): Promise<{ predicted: IntentId[]; seconds: number }> {
  const predicted: IntentId[] = [];
  const t = performance.now();
  for (const text of texts) predicted.push(await classify(text));
  return { predicted, seconds: (performance.now() - t) / 1000 };
}

function countCorrect(predicted: readonly IntentId[], gold: readonly LabelledExample[]): number {
  let n = 0;
  for (let i = 0; i < gold.length; i++) if (predicted[i] === gold[i]!.intent) n++;
  return n;
}

function bytesOf(texts: readonly string[]): number {
  let bytes = 0;
  for (const t of texts) bytes += Buffer.byteLength(t, 'utf8');
  return bytes;
}

async function run(ctx: BenchContext): Promise<SectionResult> {
  const { options, log, projectRoot } = ctx;
  const all = loadIntentData();
  const { train, dev } = splitDataset(all);
  const blind = loadBlind(projectRoot);
  const evalSet = [...dev, ...blind];
  const evalTexts = evalSet.map((e) => e.text);
  const evalBytes = bytesOf(evalTexts);
  const trainTexts = new Set(train.map((e) => e.text));
  const devSeenInTrain = dev.filter((e) => trainTexts.has(e.text)).length;
  const blindSeenInTrain = blind.filter((e) => trainTexts.has(e.text)).length;
  log(`nlu: ${formatCount(all.length)} examples → train ${formatCount(train.length)}, dev ${formatCount(dev.length)}; blind ${formatCount(blind.length)}`);

  // --- training, one run each
  log('nlu: training kefu');
  let t = performance.now();
  const kefu: Classifier = createClassifier(train);
  const kefuTrainSeconds = (performance.now() - t) / 1000;

  log('nlu: loading NLP.js and compiling its Chinese dictionary');
  const peer: NlpjsPeer = await createNlpjsPeer();
  const dictionarySeconds = await peer.compileDictionary();
  log('nlu: training NLP.js');
  t = performance.now();
  await peer.train(train);
  const peerTrainSeconds = (performance.now() - t) / 1000;

  const classifyKefu = (text: string): IntentId => kefu.classify(text).intent;
  let peerNone = 0;
  const classifyPeer = async (text: string): Promise<IntentId> => peerIntent((await peer.process(text)).intent);

  // --- warm-up on the training texts (NLP.js has already prepared those while training)
  log(`nlu: warming up (${formatCount(train.length)} training messages each)`);
  for (const e of train) classifyKefu(e.text);
  for (const e of train) await classifyPeer(e.text);

  // --- accuracy: one pass over dev + blind, also the first-sight timing
  log(`nlu: classifying dev + blind (${formatCount(evalSet.length)} messages) once each`);
  const kefuFirst = await firstPass(evalTexts, classifyKefu);
  const peerFirst = await firstPass(evalTexts, async (text) => {
    const answer = await peer.process(text);
    if (answer.intent === 'None') peerNone++;
    return peerIntent(answer.intent);
  });
  const pairs = (predicted: readonly IntentId[], from: number, to: number) =>
    evalSet.slice(from, to).map((e, i) => ({ gold: e.intent, predicted: predicted[from + i]! }));
  const kefuDev = evaluate(pairs(kefuFirst.predicted, 0, dev.length));
  const kefuBlind = evaluate(pairs(kefuFirst.predicted, dev.length, evalSet.length));
  const peerDev = evaluate(pairs(peerFirst.predicted, 0, dev.length));
  const peerBlind = evaluate(pairs(peerFirst.predicted, dev.length, evalSet.length));
  const kefuCorrect = countCorrect(kefuFirst.predicted, evalSet);
  const peerCorrect = countCorrect(peerFirst.predicted, evalSet);

  // --- throughput: whole passes for at least --min-seconds; findings = correct answers per pass
  const passOf = (classify: (text: string) => IntentId | Promise<IntentId>) => async (): Promise<number> => {
    let correct = 0;
    for (let i = 0; i < evalSet.length; i++) if ((await classify(evalTexts[i]!)) === evalSet[i]!.intent) correct++;
    return correct;
  };
  const opts = { items: evalSet.length, bytes: evalBytes, minSeconds: options.minSeconds };
  log(`nlu: kefu throughput (≥ ${options.minSeconds} s)`);
  const kefuThroughput = await measure(passOf(classifyKefu), opts);
  log(`nlu: NLP.js throughput (≥ ${options.minSeconds} s)`);
  const peerThroughput = await measure(passOf(classifyPeer), opts);
  const explained = await peer.explain(EXPLAIN_TEXT);

  const f1Gap = kefuDev.macroF1 - peerDev.macroF1;
  const speedup = kefuThroughput.itemsPerSecond / peerThroughput.itemsPerSecond;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const rate = (t: Throughput) => `${sig3(t.itemsPerSecond)} msgs/s`;
  const firstRate = (p: { seconds: number }) => `${sig3(evalSet.length / p.seconds)} msgs/s`;
  const peerName = peer.name;

  const rows: BenchRow[] = [
    {
      bench: `intents, dev split (${formatCount(dev.length)} msgs; goal: macro-F1 ≥ +${GOAL_F1_POINTS} pts)`,
      kefu: scoreCell(kefuDev),
      peer: scoreCell(peerDev),
      peerName,
      ratio: `${scoreRatio(kefuDev, peerDev)} (goal ${met(f1Gap >= GOAL_F1_POINTS / 100)})`,
    },
    {
      bench: `intents, blind set (${formatCount(blind.length)} msgs)`,
      kefu: scoreCell(kefuBlind),
      peer: scoreCell(peerBlind),
      peerName,
      ratio: scoreRatio(kefuBlind, peerBlind),
    },
    {
      bench: `classify throughput, dev + blind (${formatCount(evalSet.length)} msgs, repeated passes; goal ≥ ${GOAL_SPEEDUP}×)`,
      kefu: rate(kefuThroughput),
      peer: rate(peerThroughput),
      peerName,
      ratio: `${formatRatio(kefuThroughput.itemsPerSecond, peerThroughput.itemsPerSecond)} (goal ${met(speedup >= GOAL_SPEEDUP)})`,
    },
    {
      bench: `classify throughput, first sight of each message (one pass, ${formatCount(evalSet.length)} msgs)`,
      kefu: firstRate(kefuFirst),
      peer: firstRate(peerFirst),
      peerName,
      ratio: formatRatio(evalSet.length / kefuFirst.seconds, evalSet.length / peerFirst.seconds),
    },
    {
      bench: `training (${formatCount(train.length)} examples, one run)`,
      kefu: secs(kefuTrainSeconds),
      peer: secs(peerTrainSeconds),
      peerName,
      ratio: formatRatio(peerTrainSeconds, kefuTrainSeconds),
    },
  ];

  const notes: string[] = [
    `data: loadIntentData() → ${formatCount(all.length)} examples, splitDataset() (fixed seed) → train ${formatCount(train.length)} / dev ${formatCount(dev.length)}; both trained on the same ${formatCount(train.length)}. Blind set ${BLIND_FILE}: ${formatCount(blind.length)} messages written without seeing the training data. Texts also in the training split: dev ${devSeenInTrain}, blind ${blindSeenInTrain}.`,
    `scores from src/nlu/metrics.ts evaluate(): accuracy, macro-F1 = mean F1 over the intents present in the gold labels; pts = percentage points, kefu − NLP.js. NLP.js answers 'None' below its threshold (${peer.threshold}); mapped to 'other' (${formatCount(peerNone)} of ${formatCount(evalSet.length)} answers).`,
    `throughput ratio = kefu ÷ NLP.js messages/s (>1 = kefu faster); training ratio = NLP.js seconds ÷ kefu seconds. Repeated passes run ≥ ${options.minSeconds} s each after a warm-up on the training texts (kefu ${kefuThroughput.passes} passes in ${sig3(kefuThroughput.seconds)} s, NLP.js ${peerThroughput.passes} in ${sig3(peerThroughput.seconds)} s).`,
    `kefu: createClassifier(train).classify(text).intent (synchronous; normalisation, entities, rules, linear model, clause split). NLP.js: await nlp.process('zh', text) per message, the full default pipeline (NLU, NER, sentiment, answers), as an app calls it.`,
    `NLP.js keeps a per-text cache of prepared (normalised, tokenised, stemmed) input for an hour, so from the second pass on it skips preparing every message: the repeated-pass row is its cached speed, the first-sight row (one timed pass, the one that also gives the scores; about ${sig3(peerFirst.seconds)} s for NLP.js, so noisier) is what new messages cost. kefu has no such cache.`,
    `@nlpjs/lang-zh does tokenise Chinese: its tokenizer segments by longest match in CC-CEDICT, and its stemmer (what the classifier sees) re-segments and replaces each word by its pinyin syllables with tones, dropping particles, so homophones merge and word boundaries are lost. "${EXPLAIN_TEXT}" → tokens [${explained.tokens.join(' ')}] → features [${explained.stems.join(' ')}]. Used as documented, not tuned.`,
    `NLP.js one-off costs not in the training row: loading the packages and bootstrapping ${secs(peer.setupSeconds)}, compiling lang-zh's dictionary on first use ${secs(dictionarySeconds)}.`,
    `NLP.js quiet setup: nlp.settings.autoSave/autoLoad = false, the NLU manager's log: false (what nlu: { log: false } sets), bootstrap with loadEnv: false, a recording logger in the container; no model file written, other settings at their defaults.${
      peer.captured.length === 0 ? '' : ` Output it produced anyway was captured instead of printed (${peer.captured.length} line${peer.captured.length === 1 ? '' : 's'}): ${[...new Set(peer.captured)].slice(0, 4).map((c) => `“${c.length > 120 ? `${c.slice(0, 117)}…` : c}”`).join('; ')}.`
    }`,
  ];
  if (kefuThroughput.findings !== kefuCorrect || peerThroughput.findings !== peerCorrect) {
    notes.push(
      `WARNING: answers changed between the scoring pass and the timed passes (correct: kefu ${kefuCorrect} then ${kefuThroughput.findings}, NLP.js ${peerCorrect} then ${peerThroughput.findings}).`,
    );
  }
  if (peerNone === evalSet.length) notes.push('WARNING: NLP.js answered None for every message — its training or tokenisation failed.');

  const data: { [key: string]: JsonValue } = {
    kefu: { name: 'kefu createClassifier', trainSeconds: kefuTrainSeconds },
    peer: {
      name: peer.name,
      versions: { ...peer.versions },
      threshold: peer.threshold,
      setupSeconds: peer.setupSeconds,
      dictionarySeconds,
      trainSeconds: peerTrainSeconds,
      noneAnswers: peerNone,
      captured: [...peer.captured],
      explain: { text: EXPLAIN_TEXT, tokens: explained.tokens, stems: explained.stems },
    },
    dataset: { examples: all.length, train: train.length, dev: dev.length, blind: blind.length, devSeenInTrain, blindSeenInTrain },
    dev: { kefu: evaluationJson(kefuDev), nlpjs: evaluationJson(peerDev), macroF1Points: 100 * f1Gap, goalPoints: GOAL_F1_POINTS, goalMet: f1Gap >= GOAL_F1_POINTS / 100 },
    blind: { kefu: evaluationJson(kefuBlind), nlpjs: evaluationJson(peerBlind), macroF1Points: 100 * (kefuBlind.macroF1 - peerBlind.macroF1) },
    throughput: {
      messages: evalSet.length,
      bytes: evalBytes,
      kefu: throughputJson(kefuThroughput),
      nlpjs: throughputJson(peerThroughput),
      ratio: speedup,
      goal: GOAL_SPEEDUP,
      goalMet: speedup >= GOAL_SPEEDUP,
      firstPass: { kefuSeconds: kefuFirst.seconds, nlpjsSeconds: peerFirst.seconds, ratio: peerFirst.seconds / kefuFirst.seconds },
    },
    training: { kefuSeconds: kefuTrainSeconds, nlpjsSeconds: peerTrainSeconds, ratio: peerTrainSeconds / kefuTrainSeconds },
  };
  return { id: ID, title: TITLE, rows, notes, data };
}

export const nluBench: BenchSection = { id: ID, title: TITLE, run };
