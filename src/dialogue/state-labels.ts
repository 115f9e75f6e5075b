import type { AnyStateMachine } from 'xstate';

/**
 * The machines' states in the words agents use (千牛 style: 等待人工, 议价中), for the agent page.
 * Keys are `machine.leafState`; a test checks that every leaf state of every machine has a name.
 */
export const STATE_LABELS: Readonly<Record<string, string>> = {
  'orchestrator.bot': '机器人接待',
  'orchestrator.pending': '等待人工',
  'orchestrator.agent': '人工接待中',
  'escalation.idle': '无需人工',
  'escalation.waitingForAgent': '等待人工',
  'escalation.waitingForShift': '等待上班后处理',
  'presale.idle': '售前咨询',
  'presale.awaitingBodyData': '等买家身高体重',
  'presale.hesitant': '买家犹豫中',
  'bargaining.opening': '议价开始',
  'bargaining.negotiating': '议价中',
  'bargaining.escalated': '议价转人工',
  'logistics.idle': '物流咨询',
  'logistics.choosingOrder': '等买家选订单',
  'logistics.awaitingAddress': '等买家新地址',
  'aftersale.idle': '售后咨询',
  'aftersale.awaitingPhotos': '等买家照片',
  'aftersale.awaitingChoice': '等买家选退换',
  'aftersale.awaitingVariant': '等买家选换货款式',
  'invoice.idle': '发票咨询',
  'invoice.awaitingTitle': '等买家发票抬头',
  'invoice.choosingOrder': '等买家确认开票订单',
};

/** Dotted paths of a machine's leaf states ("awaitingBodyData", "a.b"). */
export function leafStates(machine: AnyStateMachine): string[] {
  const out: string[] = [];
  const walk = (node: AnyStateMachine['root'], prefix: string): void => {
    const children = Object.values(node.states) as AnyStateMachine['root'][];
    if (children.length === 0) out.push(prefix);
    for (const child of children) walk(child, prefix ? `${prefix}.${child.key}` : child.key);
  };
  walk(machine.root, '');
  return out;
}

/**
 * A turn's state ("pending/escalation.waitingForAgent", "bot/bargaining.negotiating") in Chinese:
 * the scenario's words, preceded by who answers when a human is involved. Unknown parts stay as
 * they are, so a new state shows up (and the label test fails) instead of vanishing.
 */
export function stateLabel(state: string): string {
  const [owner = '', flow] = state.split('/');
  const ownerLabel = STATE_LABELS[`orchestrator.${owner}`] ?? owner;
  if (flow === undefined || flow === '') return ownerLabel;
  const flowLabel = STATE_LABELS[flow] ?? flow;
  if (owner === 'bot' || flowLabel === ownerLabel) return flowLabel;
  // The escalation machine only says what the owner already says (waiting for / with an agent).
  if (flow.startsWith('escalation.')) return ownerLabel;
  return `${ownerLabel} · ${flowLabel}`;
}
