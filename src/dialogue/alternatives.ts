import { routeFor, type Route } from '../../flows/routing.ts';
import type { FlowOutput, ReplyPlan } from '../../flows/protocol.ts';
import type { RankedIntent } from '../nlu/classifier.ts';
import type { IntentId } from '../nlu/intents.ts';

/**
 * Assist mode's candidates beyond the best reading (pure). An agent on a busy shift wants three
 * options that differ in what they do, not three wordings of one answer:
 * 1. the best reading's script (its variants, best first);
 * 2. the runner-up reading's answer, when the classifier's margin is not overwhelming
 *    ("这件羊毛大衣有M码吗": stock 79 %, size_advice 16 % — the size advice may be what was meant);
 * 3. otherwise a holding line (seed 002, 其他礼貌用语: "需要客户暂时等待的：您稍等，马上帮您查询"), so the
 *    agent answers within the response target while checking the order or the stock.
 */

/** At or above this confidence the best reading is overwhelming: no runner-up is offered. */
export const OVERWHELMING = 0.9;
/** The runner-up must be at least this likely to be worth an agent's look (as in clarify.ts). */
export const RUNNER_UP_MIN = 0.1;
/** Assist mode shows this many candidates. */
export const ASSIST_CANDIDATES = 3;

/** Routes whose flows answer a reading; social chatter, hand-offs and `other` are no alternative answer. */
const ANSWERING: ReadonlySet<Route> = new Set(['presale', 'bargaining', 'logistics', 'aftersale', 'invoice']);
/** Readings that are no question to answer: a holding line or an alternative makes no sense for them. */
const CHATTER: ReadonlySet<IntentId> = new Set(['greeting', 'thanks_bye', 'praise', 'other', 'human', 'complaint', 'hesitation']);

/** The second reading worth offering, or undefined when the best one is overwhelming or none fits. */
export function runnerUpReading(acted: readonly IntentId[], confidence: number, ranking: readonly RankedIntent[]): IntentId | undefined {
  if (confidence >= OVERWHELMING) return undefined;
  return ranking.find((r) => !acted.includes(r.intent) && r.confidence >= RUNNER_UP_MIN && !CHATTER.has(r.intent) && ANSWERING.has(routeFor(r.intent)))?.intent;
}

/**
 * A what-if run for another reading may only answer: anything it would do (a remark, a promise,
 * a concession, a hand-off) is not recorded, so such an answer is not offered.
 */
export function isAnswerOnly(out: FlowOutput): ReplyPlan[] {
  const acts = out.unhandled === true || out.handoff !== undefined || out.remarks.length > 0 || out.promises.length > 0 || out.concessions.length > 0;
  return acts ? [] : out.replies;
}

/** The holding line fits a question the agent may need to check; not chatter. */
export function holdingLineFits(intent: IntentId): boolean {
  return !CHATTER.has(intent) && ANSWERING.has(routeFor(intent));
}

export const HOLD_SCRIPT = 'common.hold';

/**
 * The candidates in order, best first: the best reading's first two (two wordings of the likely
 * answer), then the extras in their order (the runner-up reading, the holding line), then any
 * further wording of the best reading — up to `count`. A text or script already shown is not shown twice.
 */
export function assistCandidates<C extends { text: string; scriptId: string }>(best: readonly C[], extras: readonly C[], count = ASSIST_CANDIDATES): C[] {
  const fresh = extras.filter((e, i) => !best.some((b) => b.text === e.text || b.scriptId === e.scriptId) && extras.findIndex((x) => x.scriptId === e.scriptId) === i);
  return [...best.slice(0, 2), ...fresh, ...best.slice(2)].slice(0, count);
}
