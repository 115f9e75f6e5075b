import type { IntentId } from '../nlu/intents.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * "呵呵 服务真好", "你们真行", "好棒棒哦": praise said with a sneer is a complaint, never thanks to answer with
 * "感谢您的认可". A plain "呵呵 收到了很喜欢" (a laugh beside real liking) stays praise.
 */
const SNEER = /呵呵|真行|好棒棒|棒棒哒|服了|可真是|真是好样的|厉害了我的|谢谢你们啊|效率真高|速度真快啊/u;
/** Real liking beside the laugh. */
const SINCERE = /喜欢|满意|好评|开心|不错|舒服|好吃|暖和/u;

const PRAISE_READINGS: ReadonlySet<IntentId> = new Set(['praise', 'thanks_bye', 'other']);

export function isSarcasticPraise(text: string): boolean {
  const plain = normalizeSameLength(text);
  return SNEER.test(plain) && !SINCERE.test(plain);
}

/** The reading of a message that may be praise said in sarcasm: a complaint then. */
export function readingPastSarcasm(intent: IntentId, text: string): IntentId {
  return PRAISE_READINGS.has(intent) && isSarcasticPraise(text) ? 'complaint' : intent;
}
