import { routeFor } from '../../flows/routing.ts';
import { isIntentId } from '../nlu/intents.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/**
 * A bare impatient nudge ("？？？", "人呢", "你就说能不能 别绕", "到底怎么取", "改了没？？") asks nothing new:
 * it presses for the answer to the question already asked. Read alone it is not understood; read as
 * that question again, the buyer gets its answer (after a holding line) instead of "please rephrase".
 */

/** The holding line before the answer given again. */
export const PRESSED_SCRIPT = 'common.pressed';

/** Words of pressing that carry no ask of their own. */
const PRESSING =
  /人呢|在吗|在么|在嘛|在不在|还在吗|有人吗|有没有人|回个?话|回复一?下|说话|快点|快回|别绕(?:弯子)?了?|你就说|直说|给个准话|给句话|我问你话呢|问你呢|听到没|看到没|怎么不回|咋不回|到底|究竟|能不能|行不行|可不可以|是不是|喂|亲|啊|呀|吧|嘛|呢|哈|了|[?？!！。，,.~～\s…]/gu;
/** A question word with no object ("怎么取", "咋办") or a bare check on the case ("改了没", "好了没"): the open question's own. */
const BARE_FOLLOW_UP = /^(?:(?:怎么|咋|如何)(?:办|弄|搞|取|拿|处理|回事|样)?|[改发退好到弄办处理换]+了?没有?)$/u;

/** "改好了没", "处理了没有": a bare check on a case (not "怎么办", which asks the question again). */
const CASE_CHECK = /^[改发退好弄办处理换]+了?没有?$/u;
const checksOnCase = (text: string): boolean => CASE_CHECK.test(normalizeSameLength(text).trim().replace(PRESSING, ''));

/**
 * "在吗", "有人吗" alone (one mark at most) checks whether someone is there — a greeting, answered as one;
 * "在吗？？？" or "人呢" presses.
 */
const PRESENCE_CHECK = /^(?:亲|親)?\s*(?:在吗|在嗎|在么|在麼|在嘛|在不在|还在吗|還在嗎|有人吗|有人嗎|有人在吗|有人在嗎)[?？!！。.~～]?$/u;

/** Whether the message only presses for an answer (and names nothing of its own). */
export function isBareNudge(text: string): boolean {
  const plain = normalizeSameLength(text).trim();
  if (plain.length === 0 || plain.length > 14 || PRESENCE_CHECK.test(plain)) return false;
  const rest = plain.replace(PRESSING, '');
  return rest.length === 0 || BARE_FOLLOW_UP.test(rest);
}

/** A turn of the conversation as the nudge reads it. */
export interface EarlierTurn {
  text: string;
  intent: string;
}

/** Questions a repeat may answer again: not greetings or chat, not hand-offs, never a haggle (a second ask could concede). */
function answerable(intent: string): boolean {
  if (!isIntentId(intent) || intent === 'greeting') return false;
  const route = routeFor(intent);
  return route !== 'social' && route !== 'handoff' && route !== 'bargaining';
}

/**
 * The earlier message a nudge presses for: the last one that was not itself a nudge, if it asked something
 * the flows answer. Undefined when the message is no bare nudge or nothing open was asked.
 */
export function questionPressedFor(text: string, history: readonly EarlierTurn[], caseTakenOn = false): string | undefined {
  // ("？" then "还在吗": a presence check right after a nudge keeps pressing.)
  const pressing = isBareNudge(text) || (PRESENCE_CHECK.test(normalizeSameLength(text).trim()) && history.length > 0 && isBareNudge(history.at(-1)!.text));
  if (!pressing) return undefined;
  // "改好了没" once the change was remarked or promised: its progress is asked, not the change again.
  if (caseTakenOn && checksOnCase(text)) return undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i]!;
    if (isBareNudge(turn.text)) continue;
    return answerable(turn.intent) ? turn.text : undefined;
  }
  return undefined;
}
