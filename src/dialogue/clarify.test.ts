import { describe, expect, it } from 'vitest';
import { createLinter } from '../compliance/linter.ts';
import { INTENT_IDS } from '../nlu/intents.ts';
import { clarifyingQuestion, CLARIFY_CONFIDENCE, INTENT_TOPIC } from './clarify.ts';
import { loadScripts, renderVariant } from './scripts.ts';

describe('clarifyingQuestion', () => {
  it('asks between two readings that lead to different flows when the classifier is unsure', () => {
    const plan = clarifyingQuestion('shipping_time', 0.3, [
      { intent: 'shipping_time', confidence: 0.3 },
      { intent: 'logistics_track', confidence: 0.25 },
    ]);
    expect(plan).toEqual({ scriptId: 'common.clarify', params: { topic: INTENT_TOPIC.shipping_time, otherTopic: INTENT_TOPIC.logistics_track } });
  });

  it('does not ask when sure enough, when the runner-up is the same flow or unlikely, or for social/complaint readings', () => {
    expect(clarifyingQuestion('shipping_time', CLARIFY_CONFIDENCE, [{ intent: 'shipping_time', confidence: 0.4 }, { intent: 'logistics_track', confidence: 0.3 }])).toBeNull();
    expect(clarifyingQuestion('bargain_generic', 0.3, [{ intent: 'bargain_generic', confidence: 0.3 }, { intent: 'bargain_excuse', confidence: 0.29 }])).toBeNull();
    expect(clarifyingQuestion('stock', 0.3, [{ intent: 'stock', confidence: 0.3 }, { intent: 'invoice', confidence: 0.05 }])).toBeNull();
    expect(clarifyingQuestion('complaint', 0.3, [{ intent: 'complaint', confidence: 0.3 }, { intent: 'quality_issue', confidence: 0.3 }])).toBeNull();
  });

  it('every topic pair renders to a question that passes the strict linter', () => {
    const script = loadScripts().get('common.clarify')!;
    const linter = createLinter({ profile: 'tmall' });
    const topics = [...new Set(INTENT_IDS.map((i) => INTENT_TOPIC[i]))];
    for (const topic of topics) {
      for (const variant of script.variants) {
        const text = renderVariant(variant, { topic, otherTopic: INTENT_TOPIC.invoice }, script.id);
        expect(linter.lint(text).violations.map((v) => v.ruleId), text).toEqual([]);
      }
    }
  });
});
