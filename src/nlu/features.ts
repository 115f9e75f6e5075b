import type { Entity } from './entities/index.ts';

/**
 * Features of a normalised message: character 1- to 3-grams (digits folded to 0, so 少10块
 * and 少20块 look alike; ^ and $ mark the ends, a space separates clauses) and the types of
 * the entities found (E:money, E:money-, E:days …), which carry meaning n-grams miss.
 */
export function featuresOf(text: string, entities: readonly Entity[] = []): string[] {
  const folded = `^${text.replace(/\d/g, '0')}$`;
  const chars = [...folded];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const a = chars[i]!;
    if (a !== ' ' && a !== '^' && a !== '$') out.add(a);
    if (i + 1 < chars.length) out.add(a + chars[i + 1]);
    if (i + 2 < chars.length) out.add(a + chars[i + 1] + chars[i + 2]);
  }
  for (const e of entities) {
    out.add(`E:${e.type}`);
    if (e.type === 'money' && e.reduction) out.add('E:money-');
    if (e.type === 'date' && e.before) out.add('E:deadline');
  }
  return [...out];
}
