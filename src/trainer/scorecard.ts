import { createLinter, type Linter } from '../compliance/linter.ts';
import type { Violation } from '../compliance/schema.ts';
import { tidyPunctuation } from '../dialogue/engine.ts';
import { replyLintContext } from '../dialogue/lint-context.ts';
import { renderVariant, type ScriptsLibrary } from '../dialogue/scripts.ts';
import { extractEntities } from '../nlu/entities/index.ts';
import { normalizeMessage } from '../nlu/normalize.ts';
import { readReply, refusesInvoice, type ReplyReading } from './reply-reading.ts';
import { OUTCOME_LABELS, SIGNAL_LABELS, type Ideal, type Scenario, type Signal, type StepId } from './schema.ts';
import type { SimulationState } from './simulator.ts';
import { factParams, resolveFacts, type ScenarioFacts, type TrainerWorld } from './world.ts';

/**
 * The scorecard of one practice dialogue (a trainee's or the bot's): penalty points per rule
 * from the linter (the manuals' values), the scenario's required steps, facts checked against
 * the shop and order data, response time per turn, and the outcome. 100 minus the points lost;
 * every miss names the rule or step, the line said, and the scripts-library line that would
 * have been right.
 */

/** Seconds within which a reply counts as prompt (Taobao's usual first-response standard). */
export const RESPONSE_TARGET_SEC = 30;

/** Points a missed step costs (seed 004: first ask 1–3, remarks 0.5–2, invoice 6, hand-over 0.5–2 … scaled to a 100-point card). */
export const STEP_POINTS: Record<StepId, number> = {
  answered: 5,
  first_ask_declined: 3,
  concession_within_policy: 6,
  photos_before_remedy: 3,
  invoice_arranged: 6,
  correct_handoff: 5,
};
export const STEP_LABELS: Record<StepId, string> = {
  answered: '回答了买家的问题',
  first_ask_declined: '第一次要求优惠委婉拒绝',
  concession_within_policy: '让步在店铺优惠原则内并备注',
  photos_before_remedy: '先请买家拍照再给处理方案',
  invoice_arranged: '发票按订单状态安排（不拒开）',
  correct_handoff: '正确转接人工',
};
export const FACT_POINTS = 5;
export const SLOW_TURN_POINTS = 1;
export const MAX_SLOW_POINTS = 5;
export const OUTCOME_POINTS = 10;
/** A rule that is an error but has no penalty value in the manuals. */
export const DEFAULT_RULE_POINTS = 1;

export type MissKind = 'rule' | 'step' | 'fact' | 'time' | 'outcome';

export interface Miss {
  kind: MissKind;
  /** Rule id, step id, fact kind, `slow` or `outcome`. */
  id: string;
  /** What went wrong, in Chinese. */
  label: string;
  points: number;
  /** 1-based turn of the agent's reply concerned. */
  turn?: number;
  /** The agent's line. */
  line?: string;
  /** The scripts-library line that would have been right. */
  advice?: string;
}

export interface StepResult {
  ask: number;
  step: StepId;
  label: string;
  hit: boolean;
}

export interface Scorecard {
  scenario: string;
  total: number;
  /** Every agenda ask was answered. */
  completed: boolean;
  /** Completed, outcome reached, no rule broken, no wrong fact, every step hit. */
  success: boolean;
  outcome: { expected: string; reached: boolean; end: string };
  handedOff: boolean;
  /** Replies with at least one linter error. */
  ruleBreaks: number;
  penaltyPoints: number;
  steps: StepResult[];
  misses: Miss[];
  turns: number;
  slowTurns: number;
}

/** One linter per scenario (its context: the buyer, their orders, the others' orders, the product). */
const linters = new WeakMap<Scenario, Linter>();

function linterFor(world: TrainerWorld, scenario: Scenario): Linter {
  let linter = linters.get(scenario);
  if (!linter) {
    const resolved = resolveFacts(world, scenario.facts);
    const context = replyLintContext({
      shop: world.shop,
      buyerId: resolved.facts.buyer,
      ownOrders: resolved.ownOrders,
      otherOrders: resolved.otherOrders,
      product: resolved.product,
    });
    linter = createLinter({ profile: world.shop.profile, severities: world.shop.lintSeverities, context });
    linters.set(scenario, linter);
  }
  return linter;
}

/** The trainee's reply linted as the scorecard will count it (for live feedback while typing). */
export function lintReply(world: TrainerWorld, scenario: Scenario, text: string): Violation[] {
  return linterFor(world, scenario).lint(text).violations;
}

/** The scripts-library line for an ideal, filled from the facts (the raw variant if a value is missing). */
export function idealLine(ideal: Ideal, scripts: ScriptsLibrary, params: Record<string, string | number>): string {
  const script = scripts.get(ideal.script);
  if (!script) return '';
  const variant = script.variants[0]!;
  try {
    return tidyPunctuation(renderVariant(variant, { ...params, ...ideal.params }, script.id));
  } catch {
    return variant;
  }
}

const SHIPPED_STATES = new Set(['shipped', 'delivered', 'completed']);
const SAYS_SHIPPED = /(已经?|已)(为您)?(发货|发出)|已经由.{0,8}发出/;
const SAYS_NOT_SHIPPED = /(还没|还未|尚未|未)(有)?(发货|发出)|等待(打包|发出)/;
const SAYS_SIGNED = /已签收|签收了/;
const SAYS_IN_STOCK = /(?<![无没])(有货|现货)/;
const SAYS_OUT = /无货|没货|缺货|售罄|卖完|暂时没有/;
const ABOUT_PARCEL = /单号|物流|已经?由|包裹|派送|签收/;

/** Facts a reply gets wrong, checked against the shop and order data (never against wording). */
function wrongFacts(reply: string, reading: ReplyReading, world: TrainerWorld, resolved: ScenarioFacts): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  const { product, order, facts } = resolved;
  if (product && reading.signals.has('conceded')) {
    for (const e of reading.entities) {
      // 满299元减20: a threshold, not a price.
      const threshold = reply.slice(Math.max(0, e.start - 1), e.start) === '满';
      if (e.type === 'money' && !e.reduction && !threshold && e.amount >= product.price * 0.5 && e.amount < product.floorPrice) {
        out.push({ id: 'price', label: `价格 ${e.amount} 元低于底价（店铺最低 ${product.floorPrice} 元）` });
      }
    }
  }
  if (product && facts.size !== undefined) {
    const sku = product.skus.find((k) => (facts.color === undefined || k.color === facts.color) && k.size === facts.size);
    const text = reading.text;
    if (sku && sku.stock === 0 && SAYS_IN_STOCK.test(text) && !SAYS_OUT.test(text)) out.push({ id: 'stock', label: `${facts.color ?? ''}${facts.size} 实际无货，回复说有货` });
    if (sku && sku.stock > 0 && SAYS_OUT.test(text) && !SAYS_IN_STOCK.test(text)) out.push({ id: 'stock', label: `${facts.color ?? ''}${facts.size} 实际有货（${sku.stock} 件），回复说无货` });
  }
  if (order) {
    const text = reading.text;
    const shipped = SHIPPED_STATES.has(order.state);
    if (!shipped && SAYS_SHIPPED.test(text)) out.push({ id: 'order_state', label: `订单 ${order.id} 还没有发货，回复说已发货` });
    if (shipped && SAYS_NOT_SHIPPED.test(text)) out.push({ id: 'order_state', label: `订单 ${order.id} 已经发货，回复说还没发` });
    if (order.state === 'shipped' && SAYS_SIGNED.test(text) && !/显示签收|签收后/.test(text)) out.push({ id: 'order_state', label: `订单 ${order.id} 还在运输中，回复说已签收` });
    // Only a reply about this order's parcel names its courier (a presale answer lists the options).
    if (order.courier && ABOUT_PARCEL.test(text)) {
      const wrong = reading.entities.find((e) => e.type === 'courier' && !order.courier!.startsWith(e.name));
      if (wrong && wrong.type === 'courier') out.push({ id: 'courier', label: `订单 ${order.id} 由${order.courier}发出，回复说${wrong.text}` });
    }
  }
  const others = new Set(resolved.otherOrders.map((o) => o.id));
  for (const e of extractEntities(normalizeMessage(reply))) {
    if (e.type === 'order_id' && others.has(e.value)) out.push({ id: 'other_order', label: `说出了其他买家的订单 ${e.value} 的信息` });
  }
  return out;
}

function ruleMisses(violations: Violation[]): { id: string; label: string; points: number }[] {
  const byRule = new Map<string, { id: string; label: string; points: number }>();
  for (const v of violations) {
    if (v.severity !== 'error' || byRule.has(v.ruleId)) continue;
    byRule.set(v.ruleId, { id: v.ruleId, label: v.message, points: v.penaltyPoints ?? DEFAULT_RULE_POINTS });
  }
  return [...byRule.values()];
}

function stepHit(step: StepId, expect: readonly Signal[], satisfied: boolean, readings: ReplyReading[], replies: string[], factMissIn: boolean[]): boolean {
  if (!satisfied) return false;
  const has = (i: number, s: Signal) => readings[i]!.signals.has(s);
  switch (step) {
    case 'answered':
    case 'correct_handoff':
      return true;
    case 'first_ask_declined':
      return readings.every((_, i) => !has(i, 'conceded')) && readings.some((_, i) => has(i, 'declined'));
    case 'concession_within_policy':
      return readings.every((_, i) => !has(i, 'conceded') || (has(i, 'remarked') && !factMissIn[i]));
    case 'photos_before_remedy': {
      const photos = readings.findIndex((_, i) => has(i, 'asked_photos'));
      const remedy = readings.findIndex((_, i) => has(i, 'remedy'));
      return photos !== -1 && (remedy === -1 || remedy > photos);
    }
    case 'invoice_arranged':
      return replies.every((r) => !refusesInvoice(r));
  }
}

/** Scores a finished (or abandoned) simulation of `scenario`. */
export function scoreDialogue(scenario: Scenario, state: SimulationState, world: TrainerWorld, scripts: ScriptsLibrary): Scorecard {
  const resolved = resolveFacts(world, scenario.facts);
  const params = factParams(world, resolved);
  const linter = linterFor(world, scenario);
  const transcript = state.transcript;
  const agentTurns = transcript.map((t, i) => ({ t, i })).filter(({ t }) => t.role === 'agent');
  const turnNumber = new Map(agentTurns.map(({ i }, n) => [i, n + 1]));
  const readings = new Map<number, ReplyReading>();
  const factMiss = new Map<number, boolean>();
  const misses: Miss[] = [];
  const adviceFor = (ask: number): string | undefined => {
    const ideal = ask >= 0 ? scenario.agenda[ask]?.ideal : undefined;
    return ideal ? idealLine(ideal, scripts, params) : undefined;
  };

  let ruleBreaks = 0;
  let slowTurns = 0;
  let handedOff = false;
  for (const { t, i } of agentTurns) {
    const reading = readReply(t.text, world.shop, resolved.product);
    // A remark made through the agent's tools counts as much as one announced in the reply.
    if (t.remarked) reading.signals.add('remarked');
    readings.set(i, reading);
    if (reading.signals.has('handoff')) handedOff = true;
    const turn = turnNumber.get(i)!;
    const advice = adviceFor(t.ask);
    const result = linter.lint(t.text);
    if (result.errorCount > 0) ruleBreaks += 1;
    for (const r of ruleMisses(result.violations)) {
      misses.push({ kind: 'rule', id: r.id, label: r.label, points: r.points, turn, line: t.text, ...(advice ? { advice } : {}) });
    }
    const facts = wrongFacts(t.text, reading, world, resolved);
    factMiss.set(i, facts.length > 0);
    for (const f of facts) misses.push({ kind: 'fact', id: f.id, label: f.label, points: FACT_POINTS, turn, line: t.text, ...(advice ? { advice } : {}) });
    if ((t.elapsedSec ?? 0) > RESPONSE_TARGET_SEC) {
      slowTurns += 1;
      const points = slowTurns * SLOW_TURN_POINTS <= MAX_SLOW_POINTS ? SLOW_TURN_POINTS : 0;
      misses.push({ kind: 'time', id: 'slow', label: `第 ${turn} 轮用了 ${Math.round(t.elapsedSec!)} 秒回复（目标 ${RESPONSE_TARGET_SEC} 秒内）`, points, turn, line: t.text });
    }
  }

  const askLine = (n: number): string => transcript.find((t) => t.role === 'buyer' && t.ask === n)?.text ?? scenario.agenda[n]!.act ?? '';
  const steps: StepResult[] = scenario.agenda.map((ask, n) => {
    const record = state.asks[n]!;
    const satisfied = record.satisfiedAt !== undefined;
    const hit = stepHit(
      ask.step,
      ask.expect,
      satisfied,
      record.replies.map((i) => readings.get(i)!),
      record.replies.map((i) => transcript[i]!.text),
      record.replies.map((i) => factMiss.get(i) ?? false),
    );
    if (!hit) {
      const last = record.replies.at(-1);
      misses.push({
        kind: 'step',
        id: ask.step,
        label: `${STEP_LABELS[ask.step]}（第 ${n + 1} 个诉求：${askLine(n)}）`,
        points: STEP_POINTS[ask.step],
        ...(last === undefined ? {} : { turn: turnNumber.get(last)!, line: transcript[last]!.text }),
        advice: idealLine(ask.ideal, scripts, params),
      });
    }
    return { ask: n, step: ask.step, label: STEP_LABELS[ask.step], hit };
  });

  const completed = state.asks.every((a) => a.satisfiedAt !== undefined);
  const seen = new Set<Signal>();
  for (const r of readings.values()) for (const s of r.signals) seen.add(s);
  const requiredSeen = scenario.success.require.every((s) => seen.has(s));
  const handoffRight = scenario.success.handoff ? handedOff : state.end !== 'handed_off' || scenario.agenda.some((a) => a.expect.includes('handoff'));
  const reached = completed && state.end === 'completed' && requiredSeen && handoffRight;
  if (!reached) {
    const why = !completed ? '没有完成买家的全部诉求' : !requiredSeen ? `缺少：${scenario.success.require.filter((s) => !seen.has(s)).map((s) => SIGNAL_LABELS[s]).join('、')}` : !handoffRight ? '转人工与否不对' : '对话没有正常结束';
    const pending = state.asks.findIndex((a) => a.satisfiedAt === undefined);
    const advice = adviceFor(pending === -1 ? scenario.agenda.length - 1 : pending);
    misses.push({ kind: 'outcome', id: 'outcome', label: `没有达成目标（${OUTCOME_LABELS[scenario.success.outcome]}）：${why}`, points: OUTCOME_POINTS, ...(advice ? { advice } : {}) });
  }
  const lost = misses.reduce((sum, m) => sum + m.points, 0);
  const penaltyPoints = misses.filter((m) => m.kind === 'rule').reduce((sum, m) => sum + m.points, 0);
  const success = reached && ruleBreaks === 0 && !misses.some((m) => m.kind === 'fact') && steps.every((s) => s.hit);
  return {
    scenario: scenario.id,
    total: Math.max(0, Math.round((100 - lost) * 10) / 10),
    completed,
    success,
    outcome: { expected: scenario.success.outcome, reached, end: state.end ?? 'open' },
    handedOff,
    ruleBreaks,
    penaltyPoints,
    steps,
    misses,
    turns: agentTurns.length,
    slowTurns,
  };
}
