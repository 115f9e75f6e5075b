import { describe, expect, it } from 'vitest';
import { createTextView } from '../text-view.ts';
import { claimMatches } from './claim.ts';

describe('claimMatches', () => {
  const view = createTextView('发票开不了，不开发票，“不开发票”');
  const spans = (found: { start: number; end: number; pattern: number }[]) =>
    found.map((m) => `${m.pattern}:${view.original.slice(m.start, m.end)}`);

  it('claims each stretch for the first pattern that finds it, outside quotes', () => {
    expect(spans(claimMatches(view, [/不开发票/g, /开不了|开发票/g]))).toEqual(['0:不开发票', '1:开不了']);
  });

  it('includes quoted stretches when asked', () => {
    expect(spans(claimMatches(view, [/不开发票/g], undefined, { includeQuoted: true }))).toEqual(['0:不开发票', '0:不开发票']);
  });

  it('lets a later pattern take the text of a rejected match', () => {
    const found = claimMatches(view, [/不开发票/g, /开发票/g], (_, pattern) => pattern === 1);
    expect(spans(found)).toEqual(['1:开发票']);
  });
});
