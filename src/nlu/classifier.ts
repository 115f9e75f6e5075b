import { z } from 'zod';
import { EntitySchema, extractEntities } from './entities/index.ts';
import { featuresOf, type Features } from './features.ts';
import { IntentIdSchema, isIntentId, type IntentId } from './intents.ts';
import { activate, scoreRows, type LinearModel, type TrainOptions } from './linear-model.ts';
import { normalizeMessage } from './normalize.ts';
import { matchRule } from './rules.ts';
import { trainCalibratedModel, trainIntentModel } from './training.ts';
import type { LabelledExample } from './dataset.ts';

export { trainIntentModel } from './training.ts';

export const RankedIntentSchema = z.object({ intent: IntentIdSchema, confidence: z.number().min(0).max(1) });

export const ClassificationSchema = z.object({
  /** The primary intent; `other` when nothing is confident enough. */
  intent: IntentIdSchema,
  confidence: z.number().min(0).max(1),
  /** The model's top three, before the threshold (calibrated probabilities). */
  ranking: z.array(RankedIntentSchema).max(3),
  /**
   * Too unsure to act on: the answer should not be carried out but confirmed with the buyer,
   * e.g. by a short question naming the first two of `ranking`. Never set for a rule's answer
   * or for `other`.
   */
  abstain: z.boolean(),
  entities: z.array(EntitySchema),
  /** Further asks in the same message ("在吗 能便宜点吗 包邮吗" → shipping_fee), greetings dropped. */
  secondary: z.array(IntentIdSchema),
  /** The message as the classifier read it (simplified, half-width, emoji removed). */
  normalized: z.string(),
  /** `rule` when an exact rule decided, else `model`. */
  source: z.enum(['model', 'rule']),
});
export type Classification = z.infer<typeof ClassificationSchema>;
export type RankedIntent = z.infer<typeof RankedIntentSchema>;

/** Below this confidence the classifier answers `other` rather than guess. */
export const DEFAULT_THRESHOLD = 0.2;

/**
 * Below this calibrated confidence an answer is flagged `abstain`. Confidence is calibrated
 * (temperature scaling on held-out folds), so about half the answers under it are wrong:
 * a clarifying question costs the buyer less than a wrong flow.
 */
export const DEFAULT_ABSTAIN_BELOW = 0.5;

/** A clause must be at least this sure to add a further ask or to replace a social answer. */
const CLAUSE_THRESHOLD = 0.5;

/**
 * Below this share of known features the message is mostly words the model never saw
 * (keyboard mash, another language): the answer is `other`, however peaked the softmax.
 * 0.15 was chosen by cross-validation on the training split: higher values cost accuracy.
 */
export const DEFAULT_MIN_COVERAGE = 0.15;

/** Intents that open or close a chat; they never count as a further ask. */
const SOCIAL: ReadonlySet<IntentId> = new Set(['greeting', 'thanks_bye', 'other']);

export interface Classifier {
  classify(text: string): Classification;
  readonly threshold: number;
}

export interface ClassifierOptions {
  threshold?: number;
  /** Below this confidence the answer is flagged `abstain` (default DEFAULT_ABSTAIN_BELOW). */
  abstainBelow?: number;
  /**
   * Fit a softmax temperature on held-out folds of the examples (four more trainings), or
   * use the one given; without it confidences are the model's own.
   */
  calibrate?: boolean | number;
  /** Below this share of known multi-character features the answer is `other`. */
  minCoverage?: number;
  train?: Partial<TrainOptions>;
}

/** The k most probable intents, by one scan (this runs several times per message). */
function topIntents(labels: readonly string[], probs: Float64Array, k: number): RankedIntent[] {
  const top: RankedIntent[] = [];
  for (let i = 0; i < probs.length; i++) {
    const confidence = probs[i]!;
    if (top.length === k && confidence <= top[k - 1]!.confidence) continue;
    const intent = labels[i]!;
    if (!isIntentId(intent)) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.confidence < confidence) at--;
    top.splice(at, 0, { intent, confidence });
    if (top.length > k) top.pop();
  }
  return top;
}

/** Top intents of one piece of normalised text, by the exact rules first, then the model. */
function rank(
  model: LinearModel,
  text: string,
  features: Features,
  minCoverage: number,
): { ranking: RankedIntent[]; source: 'rule' | 'model'; familiar: boolean } {
  const activation = activate(model, features.ids, features.multi);
  const probs = scoreRows(model, activation.rows);
  const familiar = activation.coverage >= minCoverage;
  const ranking = topIntents(model.labels, probs, 3);
  const ruled = matchRule(text);
  if (ruled === undefined) return { ranking, source: 'model', familiar };
  const rest = ranking.filter((r) => r.intent !== ruled);
  return { ranking: [{ intent: ruled, confidence: Math.max(0.95, ranking.find((r) => r.intent === ruled)?.confidence ?? 0) }, ...rest].slice(0, 3), source: 'rule', familiar: true };
}

/** Clauses a buyer strings together with spaces or punctuation: "在吗 能便宜点吗 包邮吗". */
function clausesOf(text: string): string[] {
  return text.split(/[ ,.!?;~]+/).filter((c) => c.length >= 2);
}

export function createClassifier(examples: readonly LabelledExample[], options: ClassifierOptions = {}): Classifier {
  const { calibrate } = options;
  const model =
    calibrate === undefined || calibrate === false
      ? trainIntentModel(examples, options.train)
      : trainCalibratedModel(examples, options.train, calibrate === true ? undefined : calibrate);
  return classifierFromModel(model, options);
}

/** A classifier over an already trained (or cached) model. */
export function classifierFromModel(model: LinearModel, options: Pick<ClassifierOptions, 'threshold' | 'minCoverage' | 'abstainBelow'> = {}): Classifier {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const abstainBelow = options.abstainBelow ?? DEFAULT_ABSTAIN_BELOW;
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;

  return {
    threshold,
    classify(text) {
      const message = normalizeMessage(text);
      const entities = extractEntities(message);
      const { ranking, source, familiar } = rank(model, message.text, featuresOf(message.text, entities), minCoverage);
      const top = ranking[0];
      let intent: IntentId = top && familiar && top.confidence >= threshold ? top.intent : 'other';
      let confidence = top?.confidence ?? 0;

      // Several clauses may carry several asks; the whole message's answer stays primary
      // unless it is only social, or unsure and no clause agrees with it.
      const clauses = clausesOf(message.text);
      const asks: { intent: IntentId; confidence: number }[] = [];
      if (clauses.length > 1) {
        // When the whole message reads as `other` ("北京博文商贸有限公司 税号9111…"), a clause's
        // intent holds only as far as the message is not `other` after all.
        const otherShare = top?.intent === 'other' ? top.confidence : 0;
        for (const clause of clauses) {
          const clauseRank = rank(model, clause, featuresOf(clause), minCoverage);
          const best = clauseRank.ranking[0];
          if (!best || !clauseRank.familiar || SOCIAL.has(best.intent) || asks.some((a) => a.intent === best.intent)) continue;
          const sure = best.confidence * (1 - otherShare);
          if (sure >= CLAUSE_THRESHOLD) asks.push({ intent: best.intent, confidence: sure });
        }
        // A confident whole-message reading wins over its clauses: "便宜点吧 用得好我还会再来的"
        // is a promise, though its first clause alone is plain haggling.
        const overrule = SOCIAL.has(intent) || (confidence < CLAUSE_THRESHOLD && !asks.some((a) => a.intent === intent));
        if (overrule && asks[0]) ({ intent, confidence } = asks[0]);
      }
      return {
        intent,
        // For a fallback to `other` this is the best guess's own (low) confidence.
        confidence,
        ranking,
        abstain: source === 'model' && intent !== 'other' && confidence < abstainBelow,
        entities,
        secondary: asks.map((a) => a.intent).filter((i) => i !== intent),
        normalized: message.text,
        source,
      };
    },
  };
}
