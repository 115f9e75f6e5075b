import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowDiagramsSection, replaceFlowDiagrams } from './diagram-docs.ts';

describe('README flow diagrams', () => {
  it('are up to date with the machines (npm run docs:flows)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(replaceFlowDiagrams(readme, flowDiagramsSection())).toBe(readme);
  });

  it('refuses a README without markers', () => {
    expect(() => replaceFlowDiagrams('# no markers', 'x')).toThrow(/lacks the markers/);
  });
});
