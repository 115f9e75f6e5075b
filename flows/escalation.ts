import { assign, setup } from 'xstate';
import { localDate, localTime, nextOpening, nextShiftStart } from '../src/shop/hours.ts';
import { emptyOutput, type FlowOutput, type Handoff, type PromiseItem, replyIn, type TurnFacts } from './protocol.ts';

/**
 * Escalation and hand-off (seed 002 售后用语 / 差评回访, seed 003 大额订单, seed 004 违背承诺): the
 * orchestrator decides THAT a chat goes to a human; this machine decides what the buyer is told
 * and what is promised, and whether the case goes to the handover log.
 *
 * - In working hours with an agent available: a notice that fits the reason (an apology first
 *   for a complaint or a bad-review threat — never money for a review; a supervisor for a large
 *   order or a request beyond policy), then holding lines while the buyer waits.
 * - Outside working hours (or no agent online): only what the shop can keep — a human follows
 *   up when the shop opens (the time is said), recorded as a callback promise due then, and the
 *   case goes to the handover log (交接班). Further messages get an after-hours holding line.
 *
 * States: `idle`; `waitingForAgent` (handed off in hours); `waitingForShift` (handed off after
 * hours). RESOLVED (an agent joined or handed back) returns to `idle`.
 */

export type EscalationReason = Handoff['reason'];

export type EscalationEvent =
  | { type: 'ESCALATE'; reason: EscalationReason; text: string; facts: TurnFacts }
  | { type: 'TURN'; text: string; facts: TurnFacts }
  | { type: 'RESOLVED' };

export interface EscalationContext {
  out: FlowOutput;
  reason: EscalationReason | null;
  /** When agents are back (ISO), for a hand-off after hours. */
  opensAt: string | null;
}

export type EscalationInput = Record<string, never>;

/** A callback after hours is due within this many hours of the shop opening. */
export const CALLBACK_GRACE_HOURS = 1;

const HOUR_MS = 3_600_000;

const reply = replyIn('escalation');

/** 差评 / 投诉 / 举报 threats (traditional too) get the bad-review apology (seed 002 差评回访). */
const threatensBadReview = (text: string): boolean => /差[评評]|中[评評]|[举舉][报報]|[投][诉訴]|12315|曝光/u.test(text);

/** "今天16:00" / "明天09:00" in the shop's time zone. */
export function openingWords(opensAt: Date, now: Date, timeZone: string): string {
  const today = localDate(now, timeZone);
  const tomorrow = localDate(new Date(now.getTime() + 24 * HOUR_MS), timeZone);
  const date = localDate(opensAt, timeZone);
  const prefix = date === today ? '今天' : date === tomorrow ? '明天' : `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
  return `${prefix}${localTime(opensAt, timeZone)}`;
}

const IN_HOURS_SCRIPT: Record<EscalationReason, string> = {
  asked_for_human: 'handoff.human',
  complaint: 'handoff.complaint',
  large_order: 'handoff.large_order',
  outside_policy: 'handoff.outside_policy',
  misunderstood: 'handoff.misunderstood',
};

/** What the buyer is told when the chat is handed over, and what is promised. */
export function handoffNotice(reason: EscalationReason, text: string, facts: TurnFacts): { out: FlowOutput; opensAt: string | null } {
  const out = emptyOutput();
  const badReview = reason === 'complaint' && threatensBadReview(text);
  if (facts.agentAvailable) {
    out.replies.push(reply(badReview ? 'handoff.bad_review' : IN_HOURS_SCRIPT[reason]));
    return { out, opensAt: null };
  }
  const now = new Date(facts.now);
  // After hours: when the shop opens. In hours with nobody online: when the next shift comes on.
  const opensAt = facts.withinWorkingHours ? nextShiftStart(facts.shop, now) : nextOpening(facts.shop, now);
  const opening = openingWords(opensAt, now, facts.shop.timezone);
  if (reason === 'complaint') out.replies.push(reply(badReview ? 'after_hours.bad_review_apology' : 'after_hours.apology'));
  out.replies.push(reply('after_hours.follow_up', { opening }));
  // Due one grace hour after agents are back.
  const dueInHours = (opensAt.getTime() - now.getTime()) / HOUR_MS + CALLBACK_GRACE_HOURS;
  const promise: PromiseItem = { kind: 'callback', text: `${opening}上班后第一时间联系顾客跟进`, dueInHours };
  out.promises.push(promise);
  out.handover = true;
  return { out, opensAt: opensAt.toISOString() };
}

/** A holding line while the buyer waits: after hours it repeats when agents are back. */
function holding(context: EscalationContext, facts: TurnFacts): FlowOutput {
  const out = emptyOutput();
  if (context.opensAt === null) out.replies.push(reply('holding.in_hours'));
  else out.replies.push(reply('holding.after_hours', { opening: openingWords(new Date(context.opensAt), new Date(facts.now), facts.shop.timezone) }));
  return out;
}

export const escalationMachine = setup({
  types: {
    context: {} as EscalationContext,
    events: {} as EscalationEvent,
    input: {} as EscalationInput,
  },
  guards: {
    noAgentAvailable: ({ event }) => event.type === 'ESCALATE' && !event.facts.agentAvailable,
  },
  actions: {
    notify: assign(({ event }) => {
      if (event.type !== 'ESCALATE') return {};
      const { out, opensAt } = handoffNotice(event.reason, event.text, event.facts);
      return { out, reason: event.reason, opensAt };
    }),
    hold: assign(({ context, event }) => (event.type === 'TURN' ? { out: holding(context, event.facts) } : {})),
    clear: assign({ out: () => emptyOutput(), reason: null, opensAt: null }),
  },
}).createMachine({
  id: 'escalation',
  context: () => ({ out: emptyOutput(), reason: null, opensAt: null }),
  initial: 'idle',
  on: {
    ESCALATE: [
      { guard: 'noAgentAvailable', target: '.waitingForShift', actions: 'notify' },
      { target: '.waitingForAgent', actions: 'notify' },
    ],
    RESOLVED: { target: '.idle', actions: 'clear' },
  },
  states: {
    idle: {},
    /** Handed over in working hours: holding lines until an agent joins. */
    waitingForAgent: { on: { TURN: { actions: 'hold' } } },
    /** Handed over after hours: in the handover log; holding lines say when agents are back. */
    waitingForShift: { on: { TURN: { actions: 'hold' } } },
  },
});
