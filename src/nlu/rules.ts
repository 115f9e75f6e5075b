import type { IntentId } from './intents.ts';

/**
 * Exact rules: phrasings that mean one intent whatever else the message says, where a
 * statistical model could still be swayed by the other words. Kept few and precise; each
 * is tested with look-alikes that must not match.
 */
const RULES: readonly { intent: IntentId; pattern: RegExp }[] = [
  { intent: 'human', pattern: /转人工|人工客服|找人工|要人工|接人工|真人客服|活人|换个?客服|机器人吗|是机器人/ },
  { intent: 'review_cashback', pattern: /好评返现|返现吗|晒图返|好评有返|好评送钱/ },
];

/** The intent of the first rule that matches normalised text, if any. */
export function matchRule(text: string): IntentId | undefined {
  return RULES.find((r) => r.pattern.test(text))?.intent;
}
