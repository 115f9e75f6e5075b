import { readFileSync } from 'node:fs';
import path from 'node:path';
import { respond, type ConversationState, type EngineDeps } from '../src/dialogue/engine.ts';
import { loadScripts, type ScriptsLibrary } from '../src/dialogue/scripts.ts';
import { loadIntentData, splitDataset } from '../src/nlu/dataset.ts';
import { defaultClassifier } from '../src/nlu/default-classifier.ts';
import { DEMO_NOW, loadDemoOrderProvider } from '../src/orders/demo-provider.ts';
import { loadDemoShop } from '../src/shop/load.ts';
import { createNlpjsPeer } from './nlpjs-peer.ts';
import { Rng } from './prng.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

/**
 * In-process dialogue turn latency: respond() end to end (classify, look up the buyer's orders
 * in the demo provider, orchestrator, scenario machine, render, compliance gate), over
 * conversations of eight turns mixing the blind-set messages with haggling sequences.
 * Goal: p99 ≤ 1 ms. No other library runs this pipeline; the peer is NLP.js used as a chatbot
 * (trained on the same intent data, one answer per intent, `await nlp.process('zh', text)` per
 * turn) over the same messages: a floor for a bot turn, not the same work.
 */
const TURNS = 10_000;
const HAGGLE = ['羊毛大衣能便宜点吗', '学生党没钱 再便宜点吧', '少20块我就拍', '别家才卖600', '以后常来买 送点东西吧'];
const BUYERS = ['tb_buyer_anna', 'tb_buyer_bowen', 'tb_buyer_chenxi', 'tb_buyer_dali', 'tb_buyer_enya', 'tb_buyer_fang'];

/** Intents whose kefu script is not found as `<area>.<intent>.*`: the script that answers them. */
const ANSWER_SCRIPT: Readonly<Record<string, string>> = {
  bargain_comparison: 'bargaining.comparison_decline',
  bargain_decisive: 'bargaining.decisive_decline',
  bargain_excuse: 'bargaining.excuse_decline',
  bargain_generic: 'bargaining.generic_decline',
  bargain_promise: 'bargaining.promise_decline',
  human: 'escalation.handoff.human',
  complaint: 'escalation.handoff.complaint',
  thanks_bye: 'common.thanks',
  other: 'common.fallback',
  payment_method: 'presale.payment.methods',
};
/** The answer for intents no kefu script covers (after-sale ones are answered by flows over orders). */
const FIXED_ANSWER = '亲，您的问题我们已经收到，马上为您处理，请稍等～';

/** NLP.js's answer for an intent: the first variant of a kefu script for it, else FIXED_ANSWER. */
function answerFor(intent: string, scripts: ScriptsLibrary): { text: string; fromScript: boolean } {
  const mapped = ANSWER_SCRIPT[intent];
  const script = mapped !== undefined ? scripts.get(mapped) : scripts.all().find((s) => s.id.split('.')[1] === intent);
  const first = script?.variants[0];
  return first === undefined ? { text: FIXED_ANSWER, fromScript: false } : { text: first, fromScript: true };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const turnBench: BenchSection = {
  id: 'turns',
  title: 'Dialogue turn latency',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const blind = readFileSync(path.join(ctx.projectRoot, 'test', 'fixtures', 'nlu-blind.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const shop = loadDemoShop();
    const deps: EngineDeps = { classifier: defaultClassifier(), scripts: loadScripts(), shop, orders: loadDemoOrderProvider(shop), clock: () => DEMO_NOW };
    const rng = new Rng(ctx.options.seed);
    const conversations: { buyer: string; texts: string[] }[] = [];
    for (let turns = 0; turns < TURNS; turns += 8) {
      const texts = Array.from({ length: 8 }, (_, i) => (i % 3 === 2 ? HAGGLE[rng.int(0, HAGGLE.length - 1)]! : blind[rng.int(0, blind.length - 1)]!));
      conversations.push({ buyer: BUYERS[rng.int(0, BUYERS.length - 1)]!, texts });
    }
    ctx.log(`turns: warm-up and ${conversations.length * 8} timed turns`);
    const run = async (record: number[] | undefined) => {
      for (const [n, c] of conversations.entries()) {
        let state: ConversationState | undefined;
        for (const text of c.texts) {
          const start = performance.now();
          const turn = await respond(state, { buyerId: c.buyer, text, mode: n % 4 === 0 ? 'assist' : 'auto' }, deps);
          record?.push(performance.now() - start);
          // A real server stores the state as JSON between turns.
          state = JSON.parse(JSON.stringify(turn.conversation)) as ConversationState;
        }
      }
    };
    await run(undefined);
    const times: number[] = [];
    await run(times);
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const ms = (x: number) => `${x.toFixed(3)} ms`;
    const p99 = quantile(times, 0.99);

    // The peer: NLP.js as a chatbot over exactly the same message sequence.
    const peer = await createNlpjsPeer();
    const dictionarySeconds = await peer.compileDictionary();
    const { train } = splitDataset(loadIntentData());
    const intents = [...new Set(train.map((e) => e.intent))].sort();
    let answersFromScripts = 0;
    for (const intent of intents) {
      const answer = answerFor(intent, deps.scripts);
      if (answer.fromScript) answersFromScripts++;
      peer.addAnswer(intent, answer.text);
    }
    const trainStart = performance.now();
    await peer.train(train);
    const peerTrainSeconds = (performance.now() - trainStart) / 1000;
    ctx.log(`turns: NLP.js trained on ${train.length} examples in ${peerTrainSeconds.toFixed(1)} s; warm-up and ${conversations.length * 8} timed turns`);
    let peerNoAnswer = 0;
    const runPeer = async (record: number[] | undefined) => {
      for (const c of conversations) {
        for (const text of c.texts) {
          const start = performance.now();
          const reply = await peer.reply(text);
          record?.push(performance.now() - start);
          if (record && reply.answer === undefined) peerNoAnswer++;
        }
      }
    };
    await runPeer(undefined);
    const peerTimes: number[] = [];
    await runPeer(peerTimes);
    peerTimes.sort((a, b) => a - b);
    const peerMean = peerTimes.reduce((a, b) => a + b, 0) / peerTimes.length;
    const peerP99 = quantile(peerTimes, 0.99);
    const ratio = peerP99 / p99;
    return {
      id: 'turns',
      title: 'Dialogue turn latency',
      rows: [
        {
          bench: `turn latency, ${times.length.toLocaleString('en-US')} turns (goal: p99 ≤ 1 ms)`,
          kefu: `p50 ${ms(quantile(times, 0.5))} · p99 ${ms(p99)} · mean ${ms(mean)}`,
          peer: `p50 ${ms(quantile(peerTimes, 0.5))} · p99 ${ms(peerP99)} · mean ${ms(peerMean)}`,
          peerName: 'NLP.js 4.27 (classify + answer)',
          ratio: `${ratio.toFixed(2)}× p99 (>1 means kefu faster)`,
        },
      ],
      notes: [
        'respond() end to end: classify, demo order look-up, orchestrator, scenario machine, scripts, strict compliance gate; the conversation state goes through JSON between turns as a store would keep it.',
        'conversations of 8 turns: blind-set messages with a haggling message every third turn; a quarter in assist mode (three checked candidates).',
        `goal p99 ≤ 1 ms: ${p99 <= 1 ? 'met' : 'NOT met'} (kefu p99 ${ms(p99)}).`,
        `peer: ${peer.name} as a chatbot, in the same run after kefu: trained on the same ${train.length.toLocaleString('en-US')} examples (splitDataset(loadIntentData()).train) in ${peerTrainSeconds.toFixed(1)} s, one answer per intent via nlp.addAnswer (${answersFromScripts} of ${intents.length} the first variant of a kefu script for the intent, unrendered; the rest a fixed sentence), then \`await nlp.process('zh', text)\` per turn over the same ${peerTimes.length.toLocaleString('en-US')} messages; ${peerNoAnswer.toLocaleString('en-US')} timed turns got no answer (intent 'None' below the ${peer.threshold} threshold).`,
        "NLP.js's turn has no state, orders, rules or compliance gate: it is a floor for a bot turn, not the same work.",
        `NLP.js caches processed texts (its NLU keeps the tokenised and stemmed features of every text it has processed, for an hour; classification and answer still run per call): the timed pass comes after a warm-up pass over the same texts, as for kefu, so both timed passes run warm. One-off NLP.js costs outside the timings: setup ${peer.setupSeconds.toFixed(2)} s, lang-zh dictionary ${dictionarySeconds.toFixed(2)} s, training ${peerTrainSeconds.toFixed(1)} s.`,
      ],
      data: {
        turns: times.length,
        p50: quantile(times, 0.5),
        p90: quantile(times, 0.9),
        p99,
        max: times[times.length - 1]!,
        mean,
        peer: {
          name: peer.name,
          versions: { ...peer.versions },
          trainExamples: train.length,
          trainSeconds: peerTrainSeconds,
          setupSeconds: peer.setupSeconds,
          dictionarySeconds,
          answers: intents.length,
          answersFromScripts,
          noAnswerTurns: peerNoAnswer,
          turns: peerTimes.length,
          p50: quantile(peerTimes, 0.5),
          p90: quantile(peerTimes, 0.9),
          p99: peerP99,
          max: peerTimes[peerTimes.length - 1]!,
          mean: peerMean,
        },
        ratioP99: ratio,
      },
    };
  },
};
