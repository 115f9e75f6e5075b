import type { Entity } from './schema.ts';

/** Builds an entity at normalised positions from a regex match; the index maps spans back. */
export function at<T extends Entity>(m: RegExpExecArray, fields: Omit<T, 'text' | 'start' | 'end'>): T {
  return { ...fields, text: m[0], start: m.index, end: m.index + m[0].length } as T;
}

/** Every match of a global regex. */
export function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    yield m;
  }
}
