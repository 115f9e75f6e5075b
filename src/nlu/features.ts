import type { Entity } from './entities/index.ts';
import { wordsOf } from './segment.ts';

/**
 * Features of a normalised message, as 32-bit ids hashed straight from the character codes
 * (no strings are built, so a message costs microseconds): character 1- to 3-grams with ^ and
 * $ marking the ends and digits folded to 0 (少10块 and 少20块 look alike), the words jieba cuts
 * the message into, plus the types of the entities found (money, a reduction, days, a deadline …),
 * which carry meaning n-grams miss.
 */
export interface Features {
  /** Every feature id (a repeated n-gram repeats; the model counts it once). */
  ids: Uint32Array;
  /** 1 where ids[i] is a 2- or 3-gram: what "have we seen words like these" is judged on. */
  multi: Uint8Array;
}

const START = 0x5e; // ^
const END = 0x24; // $
const DIGIT_0 = 0x30;

function mix(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193) >>> 0;
}

/** A feature id for a name (entity features), in the same space as the n-grams. */
export function namedFeature(name: string): number {
  let h = mix(0x811c9dc5, 4);
  for (let i = 0; i < name.length; i++) h = mix(h, name.charCodeAt(i));
  return h;
}

const ENTITY_FEATURES: Record<string, number> = {};
function entityFeature(name: string): number {
  return (ENTITY_FEATURES[name] ??= namedFeature(`E:${name}`));
}

function codeAt(text: string, i: number): number {
  if (i < 0) return START;
  if (i >= text.length) return END;
  const c = text.charCodeAt(i);
  return c >= 0x30 && c <= 0x39 ? DIGIT_0 : c;
}

/** A word's id, digits folded like the n-grams'. */
function wordHash(h: number, word: string): number {
  for (let i = 0; i < word.length; i++) h = mix(h, codeAt(word, i));
  return h;
}

export function featuresOf(text: string, entities: readonly Entity[] = []): Features {
  const words = wordsOf(text);
  const capacity = 3 * (text.length + 2) + 3 * entities.length + words.length;
  const ids = new Uint32Array(capacity);
  const multi = new Uint8Array(capacity);
  let n = 0;
  // Positions -1 (^) to text.length ($): every n-gram starting there.
  for (let i = -1; i <= text.length; i++) {
    const a = codeAt(text, i);
    if (a !== START && a !== END && a !== 0x20) ids[n++] = mix(mix(0x811c9dc5, 1), a);
    if (i + 1 > text.length) continue;
    const b = codeAt(text, i + 1);
    ids[n] = mix(mix(mix(0x811c9dc5, 2), a), b);
    multi[n++] = 1;
    if (i + 2 > text.length) continue;
    ids[n] = mix(mix(mix(mix(0x811c9dc5, 3), a), b), codeAt(text, i + 2));
    multi[n++] = 1;
  }
  // Words by jieba: what fixed-width n-grams miss (坏了 the word, not 坏 + 了 across a boundary).
  // Word pairs were tried too and added nothing on the dev split.
  for (const word of words) ids[n++] = wordHash(mix(0x811c9dc5, 5), word);
  for (const e of entities) {
    ids[n++] = entityFeature(e.type);
    if (e.type === 'money' && e.reduction) ids[n++] = entityFeature('money-');
    if (e.type === 'date' && e.before) ids[n++] = entityFeature('deadline');
  }
  return { ids: ids.subarray(0, n), multi: multi.subarray(0, n) };
}
