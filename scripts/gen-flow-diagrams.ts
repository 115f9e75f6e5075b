// Rewrites the flow diagrams section of README.md from the machine definitions.
import { readFileSync, writeFileSync } from 'node:fs';
import { flowDiagramsSection, replaceFlowDiagrams } from '../src/dialogue/diagram-docs.ts';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, replaceFlowDiagrams(readFileSync(readme, 'utf8'), flowDiagramsSection()));
console.log('README.md: flow diagrams updated');
