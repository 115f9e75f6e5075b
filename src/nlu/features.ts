import type { Entity } from './entities/index.ts';

/**
 * Features of a normalised message, as 32-bit ids hashed straight from the character codes
 * (no strings are built, so a message costs microseconds): character 1- to 3-grams with ^ and
 * $ marking the ends and digits folded to 0 (少10块 and 少20块 look alike), plus the types of
 * the entities found (money, a reduction, days, a deadline …), which carry meaning n-grams miss.
 */
export interface Features {
  /** Every feature id, without repeats. */
  ids: number[];
  /** The ids of the 2- and 3-grams: what "have we seen words like these" is judged on. */
  multi: number[];
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

export function featuresOf(text: string, entities: readonly Entity[] = []): Features {
  const ids = new Set<number>();
  const multi = new Set<number>();
  // Positions -1 (^) to text.length ($): every n-gram starting there.
  for (let i = -1; i <= text.length; i++) {
    const a = codeAt(text, i);
    const one = mix(mix(0x811c9dc5, 1), a);
    if (a !== START && a !== END && a !== 0x20) ids.add(one);
    if (i + 1 > text.length) continue;
    const two = mix(mix(mix(0x811c9dc5, 2), a), codeAt(text, i + 1));
    ids.add(two);
    multi.add(two);
    if (i + 2 > text.length) continue;
    const three = mix(mix(mix(mix(0x811c9dc5, 3), a), codeAt(text, i + 1)), codeAt(text, i + 2));
    ids.add(three);
    multi.add(three);
  }
  for (const e of entities) {
    ids.add(entityFeature(e.type));
    if (e.type === 'money' && e.reduction) ids.add(entityFeature('money-'));
    if (e.type === 'date' && e.before) ids.add(entityFeature('deadline'));
  }
  return { ids: [...ids], multi: [...multi] };
}
