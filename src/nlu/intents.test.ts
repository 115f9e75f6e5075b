import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INTENT_IDS } from './intents.ts';

// The contract lives in shared/ beside the checkout (as in CI); the list here must match it exactly.
const contract = new URL('../../../shared/intents.md', import.meta.url);

describe('intent ids', () => {
  it.runIf(existsSync(contract))('match ../shared/intents.md exactly, in order', () => {
    const ids = readFileSync(contract, 'utf8')
      .split('\n')
      .slice(2)
      .filter((line) => line.includes('|'))
      .map((line) => line.split('|')[0]!.trim());
    expect([...INTENT_IDS]).toEqual(ids);
  });

  it('has 44 unique ids including other', () => {
    expect(new Set(INTENT_IDS).size).toBe(44);
    expect(INTENT_IDS).toContain('other');
  });
});
