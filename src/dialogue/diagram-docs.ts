import type { AnyStateMachine } from 'xstate';
import { mermaidDiagram } from './diagram.ts';
import { ALL_MACHINES } from './flows.ts';

export const DIAGRAMS_START = '<!-- flow-diagrams:start (npm run docs:flows) -->';
export const DIAGRAMS_END = '<!-- flow-diagrams:end -->';

/** The README's diagrams: one Mermaid block per machine, generated from the definitions. */
export function flowDiagramsSection(): string {
  const machines: [string, AnyStateMachine][] = Object.entries(ALL_MACHINES);
  return machines.map(([name, machine]) => `#### ${name}\n\n\`\`\`mermaid\n${mermaidDiagram(machine)}\n\`\`\``).join('\n\n');
}

export function replaceFlowDiagrams(readme: string, section: string): string {
  const start = readme.indexOf(DIAGRAMS_START);
  const end = readme.indexOf(DIAGRAMS_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${DIAGRAMS_START} … ${DIAGRAMS_END}`);
  return `${readme.slice(0, start + DIAGRAMS_START.length)}\n\n${section}\n\n${readme.slice(end)}`;
}
