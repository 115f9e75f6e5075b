import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { reliability } from '../src/nlu/calibration.ts';
import { classifierFromModel, type Classifier } from '../src/nlu/classifier.ts';
import { loadIntentData, splitDataset, type LabelledExample } from '../src/nlu/dataset.ts';
import { IntentIdSchema, isIntentId, type IntentId } from '../src/nlu/intents.ts';
import { evaluate, type Evaluation } from '../src/nlu/metrics.ts';
import { fitIntentTemperature, trainIntentModel } from '../src/nlu/training.ts';
import { formatCount, formatRatio, measure, sig3, throughputJson, type Throughput } from './measure.ts';
import { createNlpjsPeer, type NlpjsPeer } from './nlpjs-peer.ts';
import type { BenchContext, BenchRow, BenchSection, JsonValue, SectionResult } from './types.ts';

/**
 * The intent classifier against NLP.js (@nlpjs/basic + @nlpjs/lang-zh), in the same process:
 *
 * - both are trained on exactly the same examples: the training part of
 *   splitDataset(loadIntentData()) (fixed seed, 80/20);
 * - accuracy and macro-F1 (src/nlu/metrics.ts) on the dev part and on the two independent blind
 *   sets test/fixtures/nlu-blind.jsonl and test/fixtures/nlu-blind-real.jsonl (real-style buyer
 *   messages); NLP.js's 'None' counts as 'other';
 * - calibration: expected calibration error (ECE, 10 bins) of each one's confidence (kefu's
 *   temperature fitted on folds of the training part, NLP.js's score as it comes);
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
const BLIND_REAL_FILE = path.join('test', 'fixtures', 'nlu-blind-real.jsonl');
const BLIND_REAL2_FILE = path.join('test', 'fixtures', 'nlu-blind-real2.jsonl');
/** Shown in the notes: how lang-zh reads a typical message. */
const EXPLAIN_TEXT = '能不能换个收货地址呀';

const BlindLineSchema = z.object({ text: z.string().min(1), intent: IntentIdSchema });

function loadBlind(projectRoot: string, name: string): LabelledExample[] {
  const file = path.join(projectRoot, name);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      const parsed = BlindLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${name}:${n}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
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

interface Answer {
  intent: IntentId;
  confidence: number;
}

/** Timed single pass (the first sight of each message), with the answers. */
async function firstPass(texts: readonly string[], classify: (text: string) => Answer | Promise<Answer>): Promise<{ predicted: IntentId[]; confidence: number[]; seconds: number }> {
  const predicted: IntentId[] = [];
  const confidence: number[] = [];
  const t = performance.now();
  for (const text of texts) {
    const answer = await classify(text);
    predicted.push(answer.intent);
    confidence.push(answer.confidence);
  }
  return { predicted, confidence, seconds: (performance.now() - t) / 1000 };
}

/** ECE of answers [from, to) of a pass against the gold labels. */
function eceOf(pass: { predicted: readonly IntentId[]; confidence: readonly number[] }, gold: readonly LabelledExample[], from: number, to: number): number {
  const answers = [];
  for (let i = from; i < to; i++) answers.push({ confidence: pass.confidence[i]!, correct: pass.predicted[i] === gold[i]!.intent });
  return reliability(answers).ece;
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
  const blind = loadBlind(projectRoot, BLIND_FILE);
  const blindReal = loadBlind(projectRoot, BLIND_REAL_FILE);
  const blindReal2 = loadBlind(projectRoot, BLIND_REAL2_FILE);
  const evalSet = [...dev, ...blind, ...blindReal, ...blindReal2];
  const blindEnd = dev.length + blind.length;
  const blindRealEnd = blindEnd + blindReal.length;
  const evalTexts = evalSet.map((e) => e.text);
  const evalBytes = bytesOf(evalTexts);
  const trainTexts = new Set(train.map((e) => e.text));
  const devSeenInTrain = dev.filter((e) => trainTexts.has(e.text)).length;
  const blindSeenInTrain = blind.filter((e) => trainTexts.has(e.text)).length;
  const blindRealSeenInTrain = blindReal.filter((e) => trainTexts.has(e.text)).length;
  const blindReal2SeenInTrain = blindReal2.filter((e) => trainTexts.has(e.text)).length;
  log(`nlu: ${formatCount(all.length)} examples → train ${formatCount(train.length)}, dev ${formatCount(dev.length)}; blind ${formatCount(blind.length)}, blind-real ${formatCount(blindReal.length)}, blind-real2 ${formatCount(blindReal2.length)}`);

  // --- training, one run each; kefu's calibration (four more trainings on folds) timed apart
  log('nlu: training kefu');
  let t = performance.now();
  const kefuModel = trainIntentModel(train);
  const kefuTrainSeconds = (performance.now() - t) / 1000;
  log('nlu: calibrating kefu on folds of the training part');
  t = performance.now();
  kefuModel.temperature = fitIntentTemperature(train);
  const kefuCalibrationSeconds = (performance.now() - t) / 1000;
  const kefu: Classifier = classifierFromModel(kefuModel);

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
  const answerKefu = (text: string): Answer => kefu.classify(text);

  // --- warm-up on the training texts (NLP.js has already prepared those while training)
  log(`nlu: warming up (${formatCount(train.length)} training messages each)`);
  for (const e of train) classifyKefu(e.text);
  for (const e of train) await classifyPeer(e.text);

  // --- accuracy: one pass over dev + blind, also the first-sight timing
  log(`nlu: classifying dev + blind sets (${formatCount(evalSet.length)} messages) once each`);
  const kefuFirst = await firstPass(evalTexts, answerKefu);
  const peerFirst = await firstPass(evalTexts, async (text) => {
    const answer = await peer.process(text);
    if (answer.intent === 'None') peerNone++;
    return { intent: peerIntent(answer.intent), confidence: Math.min(1, Math.max(0, answer.score)) };
  });
  const pairs = (predicted: readonly IntentId[], from: number, to: number) =>
    evalSet.slice(from, to).map((e, i) => ({ gold: e.intent, predicted: predicted[from + i]! }));
  const kefuDev = evaluate(pairs(kefuFirst.predicted, 0, dev.length));
  const kefuBlind = evaluate(pairs(kefuFirst.predicted, dev.length, blindEnd));
  const kefuBlindReal = evaluate(pairs(kefuFirst.predicted, blindEnd, blindRealEnd));
  const kefuBlindReal2 = evaluate(pairs(kefuFirst.predicted, blindRealEnd, evalSet.length));
  const peerDev = evaluate(pairs(peerFirst.predicted, 0, dev.length));
  const peerBlind = evaluate(pairs(peerFirst.predicted, dev.length, blindEnd));
  const peerBlindReal = evaluate(pairs(peerFirst.predicted, blindEnd, blindRealEnd));
  const peerBlindReal2 = evaluate(pairs(peerFirst.predicted, blindRealEnd, evalSet.length));
  const ranges: [string, number, number][] = [['dev', 0, dev.length], ['blind', dev.length, blindEnd], ['blind-real', blindEnd, blindRealEnd], ['blind-real2', blindRealEnd, evalSet.length]];
  const kefuEce = ranges.map(([, from, to]) => eceOf(kefuFirst, evalSet, from, to));
  const peerEce = ranges.map(([, from, to]) => eceOf(peerFirst, evalSet, from, to));
  const eceCell = (eces: number[]) => ranges.map(([name], i) => `${name} ${pct(eces[i]!)}`).join(' · ');
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
      bench: `intents, blind-real set (${formatCount(blindReal.length)} real-style msgs; issue goal: acc ≥ 92%)`,
      kefu: scoreCell(kefuBlindReal),
      peer: scoreCell(peerBlindReal),
      peerName,
      ratio: scoreRatio(kefuBlindReal, peerBlindReal),
    },
    {
      bench: `intents, blind-real2 set (${formatCount(blindReal2.length)} real-style msgs, a third hand, written after the fifth story round)`,
      kefu: scoreCell(kefuBlindReal2),
      peer: scoreCell(peerBlindReal2),
      peerName,
      ratio: scoreRatio(kefuBlindReal2, peerBlindReal2),
    },
    {
      bench: 'calibration: expected calibration error (ECE, 10 bins; lower is better)',
      kefu: eceCell(kefuEce),
      peer: eceCell(peerEce),
      peerName,
      ratio: '—',
    },
    {
      bench: `classify throughput, dev + the three blind sets (${formatCount(evalSet.length)} msgs, repeated passes; goal ≥ ${GOAL_SPEEDUP}×)`,
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
      kefu: `${secs(kefuTrainSeconds)} (+ ${secs(kefuCalibrationSeconds)} calibration on 4 folds)`,
      peer: secs(peerTrainSeconds),
      peerName,
      ratio: formatRatio(peerTrainSeconds, kefuTrainSeconds),
    },
  ];

  const notes: string[] = [
    `data: loadIntentData() → ${formatCount(all.length)} examples, splitDataset() (fixed seed) → train ${formatCount(train.length)} / dev ${formatCount(dev.length)}; both trained on the same ${formatCount(train.length)}. Blind set ${BLIND_FILE}: ${formatCount(blind.length)} messages written without seeing the training data; blind-real set ${BLIND_REAL_FILE}: ${formatCount(blindReal.length)} real-style buyer messages (slang, typos, long angry ones) written by another hand, never read for training; blind-real2 set ${BLIND_REAL2_FILE}: ${formatCount(blindReal2.length)} more by a third hand (pinyin, typos, emoji, traditional characters), never read for training. Texts also in the training split: dev ${devSeenInTrain}, blind ${blindSeenInTrain}, blind-real ${blindRealSeenInTrain}, blind-real2 ${blindReal2SeenInTrain}.`,
    `calibration: ECE = Σ bin share · |accuracy − mean confidence| over 10 confidence bins (src/nlu/calibration.ts). kefu's confidence is its softmax at a temperature (${sig3(kefuModel.temperature)}) fitted on 4 folds of the training part; NLP.js's is its answer's score, clamped to [0, 1].`,
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
    kefu: { name: 'kefu trainIntentModel + fitIntentTemperature', trainSeconds: kefuTrainSeconds, calibrationSeconds: kefuCalibrationSeconds, temperature: kefuModel.temperature },
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
    dataset: {
      examples: all.length,
      train: train.length,
      dev: dev.length,
      blind: blind.length,
      blindReal: blindReal.length,
      blindReal2: blindReal2.length,
      devSeenInTrain,
      blindSeenInTrain,
      blindRealSeenInTrain,
      blindReal2SeenInTrain,
    },
    dev: { kefu: evaluationJson(kefuDev), nlpjs: evaluationJson(peerDev), macroF1Points: 100 * f1Gap, goalPoints: GOAL_F1_POINTS, goalMet: f1Gap >= GOAL_F1_POINTS / 100 },
    blind: { kefu: evaluationJson(kefuBlind), nlpjs: evaluationJson(peerBlind), macroF1Points: 100 * (kefuBlind.macroF1 - peerBlind.macroF1) },
    blindReal: { kefu: evaluationJson(kefuBlindReal), nlpjs: evaluationJson(peerBlindReal), macroF1Points: 100 * (kefuBlindReal.macroF1 - peerBlindReal.macroF1) },
    blindReal2: { kefu: evaluationJson(kefuBlindReal2), nlpjs: evaluationJson(peerBlindReal2), macroF1Points: 100 * (kefuBlindReal2.macroF1 - peerBlindReal2.macroF1) },
    calibration: Object.fromEntries(ranges.map(([name], i) => [name, { kefuEce: kefuEce[i]!, nlpjsEce: peerEce[i]! }])),
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
