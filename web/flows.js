// Every dialogue machine's Mermaid diagram, drawn in the page by mermaid (served by kefu itself).
import { el, reportError, status } from './api.js';

const mermaid = globalThis.mermaid;

async function main() {
  const res = await fetch('/flows.json');
  if (!res.ok) throw new Error(`无法载入流程图（${res.status}）`);
  const { machines } = await res.json();
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  document.getElementById('flow-index').replaceChildren(...machines.map((m) => el('a', { href: `#flow-${m.name}` }, m.title)));
  const list = document.getElementById('flow-list');
  for (const m of machines) {
    const figure = el('section', { className: 'panel flow', id: `flow-${m.name}`, 'data-machine': m.name }, el('h2', {}, `${m.title}（${m.name}）`));
    list.append(figure);
    const { svg } = await mermaid.render(`diagram-${m.name}`, m.diagram);
    const holder = el('div', { className: 'diagram' });
    holder.innerHTML = svg; // mermaid's own output, rendered with securityLevel strict
    figure.append(holder);
  }
  status(`共 ${machines.length} 个状态机`);
}

main().catch(reportError);
