import { INTENT_IDS, type IntentId } from './intents.ts';

export interface IntentScore {
  intent: IntentId;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  /** Mean F1 over the intents that occur in the gold labels. */
  macroF1: number;
  perIntent: IntentScore[];
  /** Gold → predicted pairs, most frequent first. */
  confusions: { gold: IntentId; predicted: IntentId; count: number }[];
}

/** Scores predictions against gold labels (same order). */
export function evaluate(pairs: readonly { gold: IntentId; predicted: IntentId }[]): Evaluation {
  const tp = new Map<IntentId, number>();
  const goldCount = new Map<IntentId, number>();
  const predCount = new Map<IntentId, number>();
  const confusion = new Map<string, number>();
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    goldCount.set(gold, (goldCount.get(gold) ?? 0) + 1);
    predCount.set(predicted, (predCount.get(predicted) ?? 0) + 1);
    if (gold === predicted) {
      correct++;
      tp.set(gold, (tp.get(gold) ?? 0) + 1);
    } else {
      const key = `${gold}\u0000${predicted}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
  }
  const perIntent: IntentScore[] = INTENT_IDS.filter((i) => goldCount.has(i) || predCount.has(i)).map((intent) => {
    const hits = tp.get(intent) ?? 0;
    const support = goldCount.get(intent) ?? 0;
    const predicted = predCount.get(intent) ?? 0;
    const precision = predicted === 0 ? 0 : hits / predicted;
    const recall = support === 0 ? 0 : hits / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { intent, precision, recall, f1, support };
  });
  const scored = perIntent.filter((s) => s.support > 0);
  return {
    total: pairs.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: scored.length === 0 ? 0 : scored.reduce((sum, s) => sum + s.f1, 0) / scored.length,
    perIntent,
    confusions: [...confusion.entries()]
      .map(([key, count]) => {
        const [gold, predicted] = key.split('\u0000') as [IntentId, IntentId];
        return { gold, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold)),
  };
}
