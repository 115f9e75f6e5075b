import type { AnyStateMachine } from 'xstate';

type StateNodeLike = AnyStateMachine['root'];

function nodeName(node: StateNodeLike): string {
  return node.id.replace(/[^A-Za-z0-9_]/g, '_');
}

function guardName(guard: unknown): string | undefined {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  return undefined;
}

/** Transitions of one node that change state, as Mermaid lines; `from` overrides the source (root-level events). */
function transitionLines(node: StateNodeLike, indent: string, sources: StateNodeLike[]): string[] {
  const lines: string[] = [];
  for (const [event, definitions] of node.transitions) {
    for (const definition of definitions) {
      for (const target of definition.target ?? []) {
        const guard = guardName(definition.guard);
        const label = guard ? `${event} [${guard}]` : event;
        for (const source of sources) {
          if (source === target) continue;
          lines.push(`${indent}${nodeName(source)} --> ${nodeName(target)} : ${label}`);
        }
      }
    }
  }
  return lines;
}

function body(node: StateNodeLike, indent: string): string[] {
  const children = Object.values(node.states) as StateNodeLike[];
  const lines: string[] = [];
  for (const child of children) {
    const label = child.key;
    if (Object.keys(child.states).length > 0) {
      lines.push(`${indent}state "${label}" as ${nodeName(child)} {`, ...body(child, `${indent}  `), `${indent}}`);
    } else {
      lines.push(`${indent}state "${label}" as ${nodeName(child)}`);
    }
  }
  const initial = node.initial?.target[0];
  if (initial && node.type === 'compound') lines.push(`${indent}[*] --> ${nodeName(initial)}`);
  for (const child of children) lines.push(...transitionLines(child, indent, [child]));
  // Events handled on the parent apply in every child state.
  if (node !== node.machine.root || children.length > 0) lines.push(...transitionLines(node, indent, node === node.machine.root ? children : [node]));
  return lines;
}

/** A Mermaid state diagram generated from a machine's definition (states, events, guards). */
export function mermaidDiagram(machine: AnyStateMachine): string {
  return ['stateDiagram-v2', ...body(machine.root, '  ')].join('\n');
}
