import { z } from 'zod';
import type { SnapshotFrom } from 'xstate';
import { orchestratorMachine, type HandoffReason, type Mode, type OrchestratorContext, type OrchestratorEvent } from '../../flows/orchestrator.ts';
import { persistMachine, restoreMachine, stepMachine } from './machine-step.ts';
import { ordersHolding } from '../../flows/logistics-helpers.ts';
import { ConcessionSchema, emptyOutput, type FlowOutput, type ReplyPlan, type TurnEvent, type TurnFacts } from '../../flows/protocol.ts';
import { routeFor, type Route } from '../../flows/routing.ts';
import type { Violation } from '../compliance/schema.ts';
import type { Classification, Classifier } from '../nlu/classifier.ts';
import type { Entity } from '../nlu/entities/index.ts';
import { courierAgreedTo } from './courier-consent.ts';
import { IntentIdSchema, isIntentId, type IntentId } from '../nlu/intents.ts';
import type { Order, OrderProvider } from '../orders/schema.ts';
import { isWithinWorkingHours } from '../shop/hours.ts';
import { respell } from '../nlu/spelling.ts';
import { normalizeSameLength } from '../text/normalize.ts';
import { glossEnglish } from '../nlu/english-gloss.ts';
import { PRESSED_SCRIPT, questionPressedFor } from './nudge.ts';
import { readingPastSarcasm } from './sarcasm.ts';
import { CANCEL_WITHDRAWN_REMARK, CANCEL_WITHDRAWN_SCRIPT, cancelTakenBack } from './cancel-withdrawal.ts';
import type { Product, Shop } from '../shop/schema.ts';
import { coloursNamed } from '../../flows/recommend-helpers.ts';
import { aboutToOrder, anotherProductAsked, askedAttributes, asksForExtraFeeCourier, asksVariantList, bareNumberOf, correctionTarget, isBareVariant, isReturnPolicyBeforeOrder, productsOfSameKind, purchaseQuantity, statesPurchaseOnly, productOnItsWay, waitsForOwnOrder, waitsForParcel } from '../../flows/presale-helpers.ts';
import { questionToRepeat } from '../../flows/presale.ts';
import { asksBareRemark, asksForRemark, demandsGift } from '../../flows/bargaining-policy.ts';
import { hasAgreedRemarks } from '../../flows/bargaining.ts';
import { productsNamedTogether, PurchaseLineSchema } from '../shop/basket.ts';
import { purchaseAfter } from './purchase.ts';
import { asksVariantChange, asksVariantInStock } from './stock-question.ts';
import { answersWaitingFlow, FLOW_MACHINES, isFlowName, isWaiting, runFlow, runMachine, statePath, type FlowName } from './flows.ts';
import { escalationMachine, type EscalationEvent } from '../../flows/escalation.ts';
import { replyLintContext, replyLinter } from './lint-context.ts';
import { createRephraser, type ChatClient, type FallbackReason, type LlmConfig } from '../llm/index.ts';
import { askBesideThreat, asksAboutSomeoneElsesOrder, buysAnew, insistsOnSomeoneElse, intentForEarlierCase, intentForGift, intentForHurry, intentForMissedGift, intentForOrderState, intentForRestock, intentForThreat, intentWhilePressing, speaksOfSomeoneElsesPurchase } from './reinterpret.ts';
import { shopQuestionReply } from './shop-questions.ts';
import { feeNotPrice, keepsFurtherAsk, plausibleAsk, SURE_CONFIDENCE, UNSURE_CONFIDENCE, understandInContext, withdrawsRequest } from './understanding.ts';
import { clarifyingQuestion } from './clarify.ts';
import { assistCandidates, HOLD_SCRIPT, holdingLineFits, isAnswerOnly, runnerUpReading } from './alternatives.ts';
import { asksAboutItsOwnThing, clauseAsks, eventForAsk, primaryClause, type ClauseContext } from './clauses.ts';
import { orderCheckReply } from './order-check.ts';
import { receiverCheckReply } from '../../flows/receiver-info.ts';
import { ASKS_FOR_ANSWER, progressReply } from './progress.ts';
import { withdrawCallbacks } from './promises.ts';
import { focusedOpenOrder, focusedOrders, ORDER_POINTER, orderInFocus, PURCHASE_POINTER, referredOrders } from './order-reference.ts';
import { ofKind, onlyProductWithColours } from './product-words.ts';
import { productWordsOf, scoresOf, type ProductWords } from './product-words.ts';
import { renderVariant, type ScriptsLibrary } from './scripts.ts';
import { handoffSummary } from './summary.ts';
import { asksLessOnPlacedOrder } from './large-order.ts';
import { ordersEach } from './each-order.ts';

/**
 * The dialogue engine: classify → look up facts (orders, clock, shop) → orchestrator → scenario
 * machine → render scripts → compliance gate. It knows no HTTP and no database: the
 * conversation state goes in and comes out as plain JSON, to be stored by the caller.
 */

export const LedgerPromiseSchema = z.object({
  /** "p<turn>-<n>": unique in the conversation, for marking it kept. */
  id: z.string(),
  kind: z.string(),
  text: z.string(),
  orderId: z.string().optional(),
  madeAt: z.string(),
  dueAt: z.string(),
  /** When an agent marked it kept; unkept promises cost 4/6/12 points (seed 004 违背承诺). */
  keptAt: z.string().optional(),
  /** When the buyer took back what it was made for ("算了不用了" after asking for a human): no longer owed. */
  withdrawnAt: z.string().optional(),
});
export type LedgerPromise = z.infer<typeof LedgerPromiseSchema>;

export const TurnRecordSchema = z.object({
  turn: z.number().int(),
  at: z.string(),
  text: z.string(),
  intent: z.string(),
  replies: z.array(z.string()),
  /** The flow state the turn ended in (bot/privacy …): what the bot was doing, for the next turn's reading. */
  state: z.string().optional(),
});

/** A flow's reply asked which product the buyer means; the intent it was answering waits for the answer. */
export const PendingAskSchema = z.object({
  flow: z.custom<FlowName>((v) => typeof v === 'string' && isFlowName(v)),
  intent: IntentIdSchema,
  /** The products the question named ("女士高腰牛仔裤还是男士加绒牛仔裤"): "女款的" picks among them. */
  candidates: z.array(z.string()).optional(),
  /** The message that was asked about ("牛仔裤28码有吗"): its size and colour still hold once the product is known. */
  text: z.string().optional(),
});
export type PendingAsk = z.infer<typeof PendingAskSchema>;

export const ConversationStateSchema = z.object({
  buyerId: z.string().min(1),
  /** Persisted snapshots: opaque JSON owned by xstate. */
  orchestrator: z.unknown(),
  flows: z.record(z.string(), z.unknown()),
  productId: z.string().optional(),
  history: z.array(TurnRecordSchema),
  promises: z.array(LedgerPromiseSchema),
  concessions: z.array(ConcessionSchema.extend({ at: z.string() })),
  /** Set when the last reply asked which product (bargaining.ask_product, presale.*ask_product*). */
  pendingAsk: PendingAskSchema.optional(),
  /** Persisted snapshot of the escalation machine (hand-off notices, holding lines). */
  escalation: z.unknown().optional(),
  /** The order the last answers were about: a follow-up naming no order is about it. */
  orderId: z.string().optional(),
  /** The flow whose question is still open (see WAITING_STATES). */
  awaiting: z.custom<FlowName>((v) => typeof v === 'string' && isFlowName(v)).optional(),
  /** The last change made (a remark on an order): "改好了吗" with nothing open is answered with it. */
  done: z.object({ orderId: z.string().optional(), text: z.string() }).optional(),
  /** What the buyer says they will buy (products and counts), while the talk is about buying. */
  purchase: z.array(PurchaseLineSchema).optional(),
});

/** Readings of "再加一件大衣 黑色L 一起买" (the variant, the wavering) that are the added item, not a question of their own. */
const ADDED_ITEM_READINGS: ReadonlySet<IntentId> = new Set(['other', 'stock', 'hesitation']);


/** Routes of a conversation about buying: what was talked about there can be added to. */
const BUYING_ROUTES: ReadonlySet<Route> = new Set(['presale', 'bargaining', 'social']);
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export interface EngineDeps {
  classifier: Classifier;
  scripts: ScriptsLibrary;
  shop: Shop;
  orders: OrderProvider;
  /** The clock lives outside the machines. */
  clock: () => Date;
  /** Whether an agent is online to take a hand-off (default: during working hours there is). */
  agentsOnline?: () => boolean;
  /** The optional LLM rephraser (off unless configured): it rephrases a chosen script, gated. */
  llm?: { config: LlmConfig; client?: ChatClient; tone?: string };
}

export interface IncomingMessage {
  buyerId: string;
  text: string;
  mode?: Mode;
}

export interface ReplyCandidate {
  text: string;
  scriptId: string;
  lint: { errorCount: number; warningCount: number; violations: Violation[] };
  /** `llm`: a gated rephrasing of the script; `script`: the script itself. */
  source: 'script' | 'llm';
  /** Why the LLM's text was not used (only when the rephraser ran and fell back). */
  fallbackReason?: FallbackReason;
  /** Suggestions only: the reading the candidate answers (absent on the holding line, which answers none). */
  intent?: IntentId;
}

export type Owner = 'bot' | 'pending' | 'agent';

export interface TurnResult {
  replies: ReplyCandidate[];
  /** `send`: the bot may send replies[0] now; `suggest`: a human decides (assist mode, or an agent owns the chat). */
  delivery: 'send' | 'suggest';
  owner: Owner;
  intent: IntentId;
  confidence: number;
  secondary: IntentId[];
  entities: Entity[];
  /** Owner and scenario state, e.g. "bot/presale.awaitingBodyData". */
  state: string;
  remarks: { orderId?: string; text: string }[];
  promises: LedgerPromise[];
  handoff?: { reason: HandoffReason; summary: string };
  /** Handed over with nobody to take it now (after hours): an entry for the handover log. */
  handover?: { reason: HandoffReason; summary: string };
}

/**
 * Turns kept in the state: the reading looks at the last one and a hand-off summary at the last
 * three; the whole conversation is in the store's messages. A short history keeps the state row
 * small (it is read, validated and written on every turn).
 */
const HISTORY_LIMIT = 8;
const PROMISE_DUE_MS = 3600_000;

/** How many buyer messages the conversation has had (the orchestrator counts them; the history is capped). */
export function turnsSoFar(state: ConversationState): number {
  const counted = TurnCountSchema.safeParse(state.orchestrator);
  return counted.success ? counted.data.context.turnCount : state.history.length;
}

const TurnCountSchema = z.object({ context: z.object({ turnCount: z.number().int().nonnegative() }) });

export function newConversation(buyerId: string): ConversationState {
  return { buyerId, orchestrator: undefined, flows: {}, history: [], promises: [], concessions: [] };
}

/**
 * The product a message names (see product-words.ts for the scoring). The best product wins when
 * it scores at least 1 and alone; when several tie, none is chosen; when nothing scores, the
 * conversation's last product stays.
 */
const productWords = new WeakMap<Shop, ProductWords>();

function wordsOf(shop: Shop): ProductWords {
  let cached = productWords.get(shop);
  if (!cached) productWords.set(shop, (cached = productWordsOf(shop.products)));
  return cached;
}

/** A product named right after 的 ("…一起拍的裤子", "…那单里的那条围巾"): the head of the phrase. */
const CORRECTION = /(?:不是|不对|不對)[^，,。]{0,8}?[，,\s]*(?:是|要的是|说的是|說的是|我说的是|我說的是)(.{2,12})/u;
const AFTER_DE = /的(?:[那这哪]?[个件条款双袋盒单])?/gu;
/** "女儿给我买的那个毛衣挺好…我想再给自己买一件大衣": the product the buyer means to buy is the one asked about. */
const WANTED = /(?:想|要|打算|准备)[^，,。？?]{0,8}?买(?:[一两几]?[件条个双袋盒款])?(?:[那这][个件条款])?/gu;

function productScores(shop: Shop, text: string): number[] {
  const index = wordsOf(shop);
  const whole = scoresOf(index, text);
  // "羽绒服一起拍的裤子": the buyer talks about the jeans; the down jacket only says which order.
  // Only the products the head names count, ranked by the whole message ("男款的牛仔裤").
  let head: number[] | undefined;
  for (const m of text.matchAll(AFTER_DE)) {
    const named = scoresOf(index, text.slice(m.index + m[0].length, m.index + m[0].length + 4));
    if (Math.max(0, ...named) >= 1) head = named;
  }
  for (const m of text.matchAll(WANTED)) {
    const wanted = scoresOf(index, text.slice(m.index + m[0].length, m.index + m[0].length + 4));
    if (Math.max(0, ...wanted) >= 1) head = wanted;
  }
  // "不是裤子 是大衣": the product after the correction is the one meant.
  const corrected = CORRECTION.exec(text);
  if (corrected !== null) {
    const meant = scoresOf(index, corrected[1]!);
    if (Math.max(0, ...meant) >= 1) head = meant;
  }
  if (head === undefined) return whole;
  const headBest = Math.max(...head);
  return whole.map((score, i) => (head[i] === headBest ? score : 0));
}

const productsOfKind = (shop: Shop, text: string): Product[] => ofKind(shop.products, text);

/** "你好，请问大衣有XL吗": a greeting before the question is no greeting turn. */
const GREETING_PREFIX = /^(?:你好|您好|妳好|你們好|你们好|在吗|在嗎|在不|在么|亲|親|哈喽|哈囉|嗨|hi|hello)[\s，,。.！!~～呀啊呢哈]*/iu;
/** "好吧 那我自己的鲜花饼到了没": an acknowledgement, then the next question (那/还有/对了 opens it). */
const ACK_PREFIX = /^(?:好吧|好的|好滴|好|行吧|行|嗯嗯|嗯|哦哦|哦|ok|okay|知道了|明白了|了解了?)[\s，,。.！!~～]+(?:(?:那么|那麼|那|对了|對了)[\s，,]*|(?=还有|還有|另外|顺便|順便))/iu;

/** "谢谢你啊那我再想想 对了是包邮的吧": a goodbye, then one last question opened by 对了/顺便问一下. */
const LAST_QUESTION = /(?:对了|對了|顺便问一?下|順便問一?下|还想问一?下|還想問一?下)[\s，,]*/gu;

/** Where the question after a greeting, an acknowledgement or a goodbye starts, if one is there. */
function questionStart(text: string): number | undefined {
  const prefix = GREETING_PREFIX.exec(text.trim()) ?? ACK_PREFIX.exec(text.trim());
  if (prefix !== null) return text.indexOf(prefix[0]) + prefix[0].length;
  let start: number | undefined;
  for (const m of text.matchAll(LAST_QUESTION)) if (m.index > 0) start = m.index + m[0].length;
  return start;
}

const SMALL_TALK: ReadonlySet<IntentId> = new Set(['greeting', 'thanks_bye', 'praise']);

export function readPastGreeting(classifier: Classifier, text: string): Classification {
  const whole = classifier.classify(text);
  const offset = questionStart(text);
  if (!SMALL_TALK.has(whole.intent) || offset === undefined) return whole;
  const rest = text.slice(offset);
  if ([...rest.trim()].length < 2) return whole;
  const question = classifier.classify(rest);
  if (SMALL_TALK.has(question.intent) || question.intent === 'other') return whole;
  // Entities keep their places in the whole message.
  return { ...question, entities: question.entities.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset })) };
}

/** A colour or a size named: a product question that a shop-day answer does not replace. */
const namesVariant = (entities: readonly Entity[]): boolean => entities.some((e) => e.type === 'color' || e.type === 'size');
/** A flow reply that already says the shop does not ship today. */
const saysClosedDay = (plan: ReplyPlan): boolean => /\.closed(?:_|$)/u.test(plan.scriptId);

export function findProduct(shop: Shop, text: string, lastId: string | undefined, among?: readonly string[]): Product | undefined {
  // Answering "which of these?": only the products just named count ("女款的" among two jeans).
  const picked = among === undefined ? undefined : pickAmong(shop, text, among);
  if (picked !== undefined) return picked;
  const scores = productScores(shop, text);
  const best = Math.max(0, ...scores);
  const winners = scores.filter((x) => x === best).length;
  if (best >= 1 && winners === 1) return shop.products[scores.indexOf(best)];
  // A kind the shop has several of ("外套"): none is known — the flow asks which, naming them.
  if (best < 1 && productsOfKind(shop, text).length > 1) return undefined;
  // The buyer named a product the shop has twice (牛仔裤: women's and men's): none is known,
  // and the last one is not it either — the flow asks which.
  if (best >= 1) return undefined;
  return shop.products.find((p) => p.id === lastId);
}

/** The products a message names equally well ("裤子": the women's and the men's jeans), when more than one. */
export function productCandidates(shop: Shop, text: string): Product[] {
  const scores = productScores(shop, text);
  const best = Math.max(0, ...scores);
  const tied = shop.products.filter((_, i) => scores[i] === best);
  if (best >= 1) return tied.length > 1 ? tied : [];
  const ofKind = productsOfKind(shop, text);
  return ofKind.length > 1 ? ofKind : [];
}

const candidateIds = (shop: Shop, names: readonly string[]): string[] => shop.products.filter((p) => names.includes(p.shortName ?? p.name)).map((p) => p.id);

/** Scores above this count when picking among candidates ("女款的" shares only 女士 with the women's jeans). */
export function pickAmong(shop: Shop, text: string, among: readonly string[]): Product | undefined {
  const scores = productScores(shop, text);
  const inSet = shop.products.map((p, i) => (among.includes(p.id) ? scores[i]! : 0));
  const best = Math.max(0, ...inSet);
  return best > 0 && inSet.filter((x) => x === best).length === 1 ? shop.products[inSet.indexOf(best)] : undefined;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function remarkText(reason: string, agent: string, now: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const date = format.format(now);
  return `${reason}（${agent} ${date}）`;
}

/** Renders one plan; rotates the starting variant with the turn so replies do not repeat word for word. */
function renderPlan(scripts: ScriptsLibrary, plan: ReplyPlan, baseParams: Record<string, string | number>, offset: number): { scriptId: string; texts: string[] } {
  const script = scripts.get(plan.scriptId);
  if (!script) throw new Error(`flow asked for unknown script ${plan.scriptId}`);
  const params = { ...baseParams, ...plan.params };
  const n = script.variants.length;
  const texts = script.variants.map((_, i) => renderVariant(script.variants[(i + offset) % n]!, params, script.id));
  return { scriptId: script.id, texts };
}

/** Shop texts inserted into scripts may end in punctuation the script adds again ("…即止。，"). */
export function tidyPunctuation(text: string): string {
  return text.replace(/[。！；]+([，。！？；])/g, '$1').replace(/，{2,}/g, '，');
}

interface Gate {
  lint(text: string): ReplyCandidate['lint'];
}

/** Candidates that pass the gate (no error); a reply that fails is never returned. */
function gatedCandidates(
  plans: ReplyPlan[],
  deps: EngineDeps,
  gate: Gate,
  baseParams: Record<string, string | number>,
  turn: number,
  count: number,
): ReplyCandidate[] {
  const rendered = plans.map((plan) => renderPlan(deps.scripts, plan, baseParams, turn));
  const scriptId = rendered.map((r) => r.scriptId).join('+');
  const out: ReplyCandidate[] = [];
  const tries = Math.max(...rendered.map((r) => r.texts.length));
  for (let k = 0; k < tries && out.length < count; k++) {
    const text = tidyPunctuation(rendered.map((r) => r.texts[k % r.texts.length]).join(''));
    const lint = gate.lint(text);
    if (lint.errorCount === 0 && !out.some((c) => c.text === text)) out.push({ text, scriptId, lint, source: 'script' });
  }
  return out;
}

type OrchestratorSnapshot = SnapshotFrom<typeof orchestratorMachine>;

/** The orchestrator's snapshot of a conversation (its initial state for a new one). */
function restoreOrchestrator(state: ConversationState): OrchestratorSnapshot {
  return restoreMachine(orchestratorMachine, state.orchestrator, { buyerId: state.buyerId }) as OrchestratorSnapshot;
}

const stepOrchestrator = (snapshot: OrchestratorSnapshot, event: OrchestratorEvent): OrchestratorSnapshot =>
  stepMachine(orchestratorMachine, snapshot, event) as OrchestratorSnapshot;

/** Whether a flow's persisted snapshot has left the machine's initial state (the flow has started). */
export function flowStarted(persisted: unknown, initial: string): boolean {
  if (persisted === null || typeof persisted !== 'object' || !('value' in persisted)) return false;
  return persisted.value !== initial;
}

const initialStateOf = (name: FlowName): string => {
  const initial: unknown = FLOW_MACHINES[name].config.initial;
  return typeof initial === 'string' ? initial : '';
};

/**
 * Where an intent goes in this conversation: a gift asked for once bargaining has started is a
 * concession request (the bargaining flow's gift_ask), not a pre-sale question.
 */
export function routeInConversation(intent: IntentId, flows: ConversationState['flows'], initialBargaining: string, text = ''): Route {
  if (intent === 'gift' && (flowStarted(flows.bargaining, initialBargaining) || demandsGift(text))) return 'bargaining';
  // "那你给我备注一下 别漏了" after a gift or price was agreed: the remark of that agreement, whatever the reading.
  if (asksForRemark(text) && hasAgreedRemarks(flows.bargaining)) return 'bargaining';
  // "备注一下" with nothing agreed and nothing said to note: ask what to note (not a contact or a concession).
  // Once an order case has started, the remark may be of it: the case's flow answers as before.
  const caseStarted = (['logistics', 'aftersale', 'invoice'] as const).some((name) => flows[name] !== undefined && flowStarted(flows[name], initialStateOf(name)));
  if (asksBareRemark(text) && !caseStarted) return 'social';
  return routeFor(intent);
}

/**
 * Whether a turn answers pre-sale's size question although its intent is no pre-sale one: body
 * data alone ("52公斤") reads as `other`, and a bare number ("163", "52") while pre-sale waits for
 * body data reads as `other` or `thanks_bye`. The pre-sale machine reads the number itself.
 */
export function answersBodyQuestion(intent: IntentId, event: Pick<TurnEvent, 'text' | 'entities'>, flows: ConversationState['flows']): boolean {
  if (intent === 'other' && event.entities.some((e) => e.type === 'height' || e.type === 'weight')) return true;
  if (intent !== 'other' && intent !== 'thanks_bye') return false;
  const presale = flows.presale;
  const waiting = presale !== null && typeof presale === 'object' && 'value' in presale && statePath(presale.value) === 'awaitingBodyData';
  return waiting && bareNumberOf(event.text) !== null;
}

/** Below this confidence a message that names a product may be the answer to "which product?". */
export const PENDING_ASK_CONFIDENCE = 0.5;

/** Whether a reply script asks which product the buyer means. */
export const asksForProduct = (scriptId: string): boolean => scriptId === 'bargaining.ask_product' || /^presale\..*ask_product/.test(scriptId);

/**
 * The flow and intent a turn continues: after "which product?", a message that names a product
 * (a product of the shop, not the conversation's last one) and reads as a low-confidence intent or
 * a social/other one answers that question, so the flow that asked goes on with its pending intent.
 */
export function resumedAsk(
  pending: PendingAsk | undefined,
  classification: { intent: IntentId; confidence: number },
  namesProduct: boolean,
): PendingAsk | undefined {
  if (pending === undefined || !namesProduct) return undefined;
  const unsure = classification.confidence < PENDING_ASK_CONFIDENCE || routeFor(classification.intent) === 'social';
  return unsure ? pending : undefined;
}

interface FlowsRun {
  out: FlowOutput;
  flowState: string;
  flows: ConversationState['flows'];
  /** The flow that answered the primary intent (none for social turns). */
  primary?: FlowName;
  pendingAsk?: PendingAsk;
  /** The replies to the message's further asks (a parcel asked about beside a complaint). */
  further?: ReplyPlan[];
}

/**
 * The flow waiting for an answer that a turn nobody else claims goes to: a social or unsure
 * turn ("尾号5678那个", "照片发您了") after a flow asked something. The last flow that asked
 * wins while it still waits.
 */
export function waitingFlowFor(state: ConversationState, event: TurnEvent, route: Route, confidence: number): FlowName | undefined {
  const awaiting = state.awaiting;
  if (awaiting === undefined || !isWaiting(awaiting, state.flows[awaiting])) return undefined;
  const unclaimed = route === 'social' || confidence < PENDING_ASK_CONFIDENCE || pointsAtAnOrder(event);
  return unclaimed || answersWaitingFlow(awaiting, state.flows[awaiting], event) ? awaiting : undefined;
}

/**
 * A short message that only points at an order ("围巾那单", "就上次买的那件") answers the context of
 * the question the bot asked (which order the invoice or the change is for), whatever it reads as.
 */
const SHORT_POINTER_CHARS = 16;
export function pointsAtAnOrder(event: Pick<TurnEvent, 'text' | 'facts'>): boolean {
  const text = event.text.trim();
  return [...text].length <= SHORT_POINTER_CHARS && ORDER_POINTER.test(text) && !/[吗嗎?？]|怎么|怎麼|能不能|可以/u.test(text);
}

/** Closing lines (an invitation to order, a follow-up offer) once, after every answer. */
const CLOSERS = /^presale\.(?:nudge|hesitation\.follow_up)/;
function answersFirst(replies: ReplyPlan[]): ReplyPlan[] {
  const seen = new Set<string>();
  // The same answer twice (a closer from each pre-sale run) is said once; the same script about another thing stays.
  const key = (r: ReplyPlan): string => (CLOSERS.test(r.scriptId) ? r.scriptId : `${r.scriptId} ${JSON.stringify(r.params)}`);
  const unique = replies.filter((r) => !seen.has(key(r)) && seen.add(key(r)));
  return [...unique.filter((r) => !CLOSERS.test(r.scriptId)), ...unique.filter((r) => CLOSERS.test(r.scriptId))];
}

/** Runs the primary intent's flow and any further asks (secondary intents) of other flows. */
/** `route` is where the primary intent goes (routeInConversation, as the caller computed it). */
function runFlows(
  state: ConversationState,
  event: TurnEvent,
  route: Route,
  waiting: FlowName | undefined,
  resume: PendingAsk | undefined,
  clauses: ClauseContext,
  each?: readonly Order[],
): FlowsRun {
  const flows = { ...state.flows };
  const initialBargaining = initialStateOf('bargaining');
  const routeOf = (intent: IntentId): Route => routeInConversation(intent, state.flows, initialBargaining);
  const out = emptyOutput();
  const further: ReplyPlan[] = [];
  let flowState: string = route;
  let primary: FlowName | undefined;
  let pendingAsk: PendingAsk | undefined;
  const take = (name: FlowName, intent: IntentId, result: ReturnType<typeof runFlow>, isPrimary: boolean): void => {
    flows[name] = result.snapshot;
    if (isPrimary) {
      primary = name;
      flowState = result.state;
      if (result.out.unhandled) out.unhandled = true;
      if (result.out.handoff) out.handoff = result.out.handoff;
      if (result.out.replies.some((r) => asksForProduct(r.scriptId))) {
        const candidates = event.facts.productCandidates === undefined ? [] : candidateIds(event.facts.shop, event.facts.productCandidates);
        pendingAsk = { flow: name, intent, text: event.text, ...(candidates.length > 1 ? { candidates } : {}) };
      }
    }
    out.replies.push(...result.out.replies);
    if (!isPrimary) further.push(...result.out.replies);
    if (result.out.covers) out.covers = [...(out.covers ?? []), ...result.out.covers];
    // Two asks of one flow ("包邮吗 走顺丰吧") may note the same thing: one remark per order and reason.
    out.remarks.push(...result.out.remarks.filter((r) => !out.remarks.some((o) => o.orderId === r.orderId && o.reason === r.reason)));
    out.promises.push(...result.out.promises);
    out.concessions.push(...result.out.concessions);
  };

  // A waiting flow tries first; if it cannot use the message, the turn is routed as usual.
  let primaryDone = false;
  if (waiting !== undefined) {
    const trial = runFlow(waiting, flows[waiting], { ...event, secondary: [] });
    if (!trial.out.unhandled) {
      take(waiting, event.intent, trial, true);
      primaryDone = true;
    }
  }

  // A further ask runs only when it belongs to another flow: one flow answers once per turn. After-sale
  // and logistics asks about the same parcel ("发货了吗，物流到哪了", "在路上，我不要了怎么退") are one
  // question: the primary answers it, a second post-sale flow would only guess.
  // An ask about a thing of its own ("还有羽绒服那单什么时候发") is answered whatever flow it belongs to.
  const postSale = (r: Route): boolean => r === 'logistics' || r === 'aftersale';
  // Each ask read on its own clause, against the orders that clause points at ("羽绒服那单什么时候发": not_shipped).
  const askEvents = new Map(
    event.secondary.map((i) => {
      const ask = eventForAsk(event, i, clauses);
      return [ask.intent, ask] as const;
    }),
  );
  const secondary = [...askEvents.keys()].filter((i) => i !== event.intent);
  const ownThing = (i: IntentId): boolean => (postSale(routeOf(i)) || routeOf(i) === 'invoice') && asksAboutItsOwnThing(askEvents.get(i)!, event);
  // Pre-sale answers one question per run: a second pre-sale ask runs it again ("包邮吗，能发顺丰吗").
  const presaleAgain = (i: IntentId): boolean => routeOf(i) === 'presale' && route === 'presale' && i !== event.intent;
  const asks: IntentId[] = [
    event.intent,
    ...secondary.filter((i) => ownThing(i) || presaleAgain(i) || (routeOf(i) !== route && !(postSale(route) && postSale(routeOf(i))))),
  ];
  asks.forEach((intent, index) => {
    if (index === 0 && primaryDone) return;
    const name = index === 0 && resume ? resume.flow : answersBodyQuestion(intent, event, state.flows) ? 'presale' : index === 0 ? route : routeOf(intent);
    if (!isFlowName(name)) {
      if (index === 0 && name === 'social') {
        if (intent === 'thanks_bye') out.replies.push({ scriptId: 'common.thanks', params: {} });
        else if (intent === 'praise') out.replies.push({ scriptId: 'common.praise', params: {} });
        else if (asksBareRemark(event.text)) out.replies.push({ scriptId: 'common.remark_what', params: {} });
        else out.unhandled = true;
      }
      return;
    }
    // One request for several orders ("大衣和裤子两单都不要了"): each order answered by its own state.
    if (index === 0 && each !== undefined) {
      for (const order of each) take(name, intent, runFlow(name, flows[name], { ...event, intent, secondary: [], facts: factsForOrder(event.facts, order) }), true);
      return;
    }
    if (index > 0 && name === primary && !ownThing(intent) && !presaleAgain(intent)) return;
    // Already answered by an earlier flow ("包邮我就拍": the postage concession answers 包邮吗).
    if (index > 0 && out.covers?.includes(intent)) return;
    take(name, intent, runFlow(name, flows[name], index === 0 ? { ...event, intent, secondary: [] } : askEvents.get(intent)!), index === 0);
  });
  if (out.unhandled && out.replies.length === 0) out.replies.push({ scriptId: 'common.not_understood', params: {} });
  out.replies = answersFirst(out.replies);
  return { out, flowState, flows, further, ...(primary ? { primary } : {}), ...(pendingAsk ? { pendingAsk } : {}) };
}

/** A turn's facts narrowed to one order; the product talked about stays only if that order holds it. */
function factsForOrder(facts: TurnFacts, order: Order): TurnFacts {
  const { product, ...rest } = facts;
  const holds = product !== undefined && order.items.some((i) => i.productId === product.id);
  return { ...rest, orders: [order], ...(holds ? { product } : {}) };
}

/** Requests that can hold for several orders at once, each order answered by its own state. */
const EACH_ORDER_INTENTS: ReadonlySet<IntentId> = new Set(['cancel_order', 'refund_shipped', 'return_dislike', 'invoice']);

/** The flow still waiting for an answer after the turn: the one that just asked, else the one that asked before. */
function awaitingAfter(previous: FlowName | undefined, run: FlowsRun): FlowName | undefined {
  if (run.primary !== undefined && isWaiting(run.primary, run.flows[run.primary])) return run.primary;
  if (previous !== undefined && isWaiting(previous, run.flows[previous])) return previous;
  return undefined;
}

/**
 * The LLM's turn: the first reply is rephrased and gated (src/llm). Auto mode sends the gated
 * rephrasing or, on any failure, the script (with the reason); assist mode shows a gated
 * rephrasing beside the script candidates, never instead of them.
 */
async function withRephrasing(
  replies: ReplyCandidate[],
  delivery: TurnResult['delivery'],
  input: { text: string; orders: Order[]; shop: Shop; gate: Gate; llm: NonNullable<EngineDeps['llm']> },
): Promise<ReplyCandidate[]> {
  const [first, ...rest] = replies as [ReplyCandidate, ...ReplyCandidate[]];
  const rephraser = createRephraser(input.llm.config, { lint: (t) => input.gate.lint(t), ...(input.llm.client ? { client: input.llm.client } : {}) });
  const result = await rephraser.rephrase({
    original: first.text,
    buyerText: input.text,
    ...(input.llm.tone ? { tone: input.llm.tone } : {}),
    known: {
      names: input.orders.map((o) => o.receiver.name),
      addresses: input.orders.map((o) => o.receiver.address),
      productNames: input.shop.products.flatMap((p) => (p.shortName ? [p.name, p.shortName] : [p.name])),
    },
  });
  if (result.source === 'script') return [{ ...first, ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}) }, ...rest];
  const rephrased: ReplyCandidate = { text: result.text, scriptId: first.scriptId, lint: input.gate.lint(result.text), source: 'llm' };
  return delivery === 'send' ? [rephrased] : [first, rephrased, ...rest].slice(0, Math.max(replies.length, 2));
}

/**
 * "我们公司要采购三件大衣，量大能优惠吗": a purchase at or above the large-order threshold asked about
 * before ordering (quantity × price, or a company's bulk purchase), for a senior agent (seed 003).
 */
const BULK = /采购|採購|批发|批發|团购|團購|公司.{0,4}(?:买|買|要|订|訂)|量大|大批/u;

export function bulkPurchase(text: string, product: Product | undefined, threshold: number): boolean {
  const plain = normalizeSameLength(text);
  if (product === undefined) return false;
  const count = purchaseQuantity(plain)?.count ?? 0;
  if (count > 1 && count * product.price >= threshold) return true;
  return BULK.test(plain) && count !== 1;
}

/**
 * Haggling over the buyer's open large order, not over one other purchase: a product named that the order
 * does not hold ("毛衣包邮吗" beside three coats), or a sum far below the order ("学生党 手里就100块 大衣能卖给我吗"),
 * is a purchase of its own, bargained like any other.
 */
export function haggleAboutOrder(order: Order, named: Product | undefined, entities: readonly Entity[]): boolean {
  if (named !== undefined && !order.items.some((i) => i.productId === named.id)) return false;
  return !entities.some((e) => e.type === 'money' && !e.reduction && e.amount < order.total / 2);
}

/**
 * A correction of the product the last pre-sale question was about ("不对 我说的是女款", "不是大衣 是羽绒服"):
 * the product meant — named, or picked among those of the same kind — and the question to ask again.
 * Not about an order (那单) nor right after an after-sale or logistics answer.
 */
function correctedProduct(shop: Shop, text: string, state: ConversationState, lastRoute: Route | undefined): { product: Product; intent: IntentId } | undefined {
  // ("鲜花饼呢" right after a product question: that question again, for the product named.)
  const corrected = correctionTarget(text);
  const meant = corrected ?? (lastRoute === 'presale' ? anotherProductAsked(text) : null);
  const repeat = questionToRepeat(state.flows.presale);
  const last = shop.products.find((p) => p.id === state.productId);
  if (meant === null || repeat === undefined || last === undefined || ORDER_POINTER.test(text)) return undefined;
  if (lastRoute === 'logistics' || lastRoute === 'aftersale' || lastRoute === 'invoice') return undefined;
  const product = findProduct(shop, meant, undefined) ?? (corrected === null ? undefined : pickAmong(shop, meant, productsOfSameKind(shop.products, last).map((p) => p.id)));
  return product !== undefined && product.id !== last.id ? { product, intent: repeat } : undefined;
}

/** The classifier with each text's reading kept for the turn (classification is pure). */
function classifyingOnce(classifier: Classifier): Classifier {
  const seen = new Map<string, ReturnType<Classifier['classify']>>();
  return {
    threshold: classifier.threshold,
    classify(text) {
      let reading = seen.get(text);
      if (reading === undefined) seen.set(text, (reading = classifier.classify(text)));
      return reading;
    },
  };
}

/** Readings about the shop rather than the product: an attribute of the product asked gives way to it. */
const NOT_ABOUT_THE_PRODUCT: ReadonlySet<IntentId> = new Set(['promotion', 'contact_request']);

/**
 * The product a message is about: the one it names, else the one talked about — unless it names colours
 * that product lacks and exactly one other product has ("酒红色和格纹灰哪个好看" after the coat: the scarf).
 */
function productMeant(shop: Shop, text: string, contextId: string | undefined, candidates: readonly string[] | undefined): Product | undefined {
  const named = findProduct(shop, text, undefined, candidates);
  if (named !== undefined) return named;
  const inContext = findProduct(shop, text, contextId, candidates);
  if (productCandidates(shop, text).length > 0) return inContext;
  const byColours = onlyProductWithColours(shop.products, text);
  if (inContext === undefined) return byColours;
  return byColours !== undefined && coloursNamed(inContext, normalizeSameLength(text)).length === 0 ? byColours : inContext;
}

/** Questions the order itself answers (its refund state, its tracking): never a progress answer instead. */
/** Questions the orders answer without any action: answered even while a human is awaited. */
const FACTS_WHILE_WAITING: ReadonlySet<IntentId> = new Set(['logistics_track', 'refund_status', 'invoice', 'stock']);
/** A complaint about a parcel's status asks, as a fact, where it is; "到底是谁签收的" asks what the tracking says. */
const PARCEL_FACT: ReadonlySet<IntentId> = new Set(['delivery_delay', 'not_shipped', 'signed_not_received']);
const asFactQuestion = (intent: IntentId): IntentId => (PARCEL_FACT.has(intent) ? 'logistics_track' : intent);
/** A facts run that would remark or promise something is an action: it waits for the person the buyer waits for. */
const factsOnly = (out: FlowOutput): ReplyPlan[] => (out.remarks.length > 0 || out.promises.length > 0 || out.unhandled === true ? [] : out.replies);

const ANSWERED_FROM_ORDER: ReadonlySet<IntentId> = new Set(['refund_status', 'logistics_track', 'not_shipped', 'delivery_delay', 'signed_not_received']);

/** Intents about an order the buyer already has: a product named with them points at its order. */
const isPostSale = (intent: IntentId): boolean => {
  const route = routeFor(intent);
  return route === 'logistics' || route === 'aftersale' || route === 'invoice';
};

export async function respond(
  conversation: ConversationState | undefined,
  incoming: IncomingMessage,
  deps: EngineDeps,
): Promise<{ conversation: ConversationState; result: TurnResult }> {
  const state = conversation ?? newConversation(incoming.buyerId);
  if (state.buyerId !== incoming.buyerId) throw new Error('this conversation belongs to another buyer');
  // "？？？", "你就说能不能 别绕": the question pressed for is read again (its answer follows a holding line).
  const pressedFor = questionPressedFor(incoming.text, state.history, state.done !== undefined || state.promises.some((p) => p.keptAt === undefined && p.withdrawnAt === undefined));
  // Read in the shop's words: English asks from a Chinese gloss ("where is my parcel"), then pinyin, emoji
  // and keyboard homophones ("dayi", "🧣", "毛依" → 大衣, 围巾, 毛衣); the history keeps the buyer's own words.
  const message: IncomingMessage = { ...incoming, text: respell(glossEnglish(pressedFor ?? incoming.text)) };
  const { shop } = deps;
  const now = deps.clock();
  const lastIntent = state.history.at(-1)?.intent;
  const lastRoute = lastIntent !== undefined && isIntentId(lastIntent) ? routeFor(lastIntent) : undefined;
  // Clauses are read by several steps of a turn (further asks, the primary's own words, each ask's
  // facts): each text is classified once per turn.
  const classifier = classifyingOnce(deps.classifier);
  const classified = readPastGreeting(classifier, message.text);
  // The message read against the conversation: implausible further asks dropped, unsure readings on topic.
  const understood = understandInContext(classified, message.text, lastRoute, lastIntent !== undefined && isIntentId(lastIntent) ? lastIntent : undefined);
  // Asks the classifier's clause pass missed ("…包邮吗，能发顺丰吗"), clause by clause.
  const moreAsks = clauseAsks(message.text, classifier, (clause) => findProduct(shop, clause, undefined)).filter(
    (i) => i !== understood.intent && !understood.secondary.includes(i) && routeFor(i) !== 'bargaining' && keepsFurtherAsk(understood.intent, i, message.text),
  );
  // "发顺丰明天能到吗 我急用": the courier asked for is an ask of its own (its extra fee before payment).
  const courierAsk: IntentId[] =
    (understood.intent === 'urgent_delivery' || understood.intent === 'shipping_time') && !understood.secondary.includes('shipping_courier') && !moreAsks.includes('shipping_courier') && asksForExtraFeeCourier(message.text, classified.entities, shop)
      ? ['shipping_courier']
      : [];
  // "ok do it, I will pay the difference" right after a courier's extra fee was asked: that courier taken.
  const previousText = state.history.at(-1)?.text;
  const agreedCourier = routeFor(understood.intent) === 'social' || understood.intent === 'complaint' ? courierAgreedTo(message.text, previousText === undefined ? undefined : respell(glossEnglish(previousText)), shop) : undefined;
  const classification =
    agreedCourier === undefined
      ? { ...classified, ...feeNotPrice({ ...understood, secondary: [...understood.secondary, ...moreAsks, ...courierAsk] }, message.text) }
      : { ...classified, intent: 'shipping_courier' as const, confidence: Math.max(understood.confidence, UNSURE_CONFIDENCE), secondary: [], entities: [...classified.entities.filter((e) => e.type !== 'courier'), agreedCourier] };
  // "呵呵 服务真好", "你们真行": praise said with a sneer is a complaint.
  classification.intent = readingPastSarcasm(classification.intent, message.text);
  // "那刚才那个饼怎么处理" after a question in between: the earlier after-sale case again.
  classification.intent = intentForEarlierCase(classification.intent, message.text, state.history.map((h) => h.intent));
  const allOrders = await deps.orders.ordersOf(message.buyerId);
  // "不对 我说的是女款": the product of the last pre-sale question corrected — that question again, for the product meant.
  const correction = state.pendingAsk === undefined ? correctedProduct(shop, message.text, state, lastRoute) : undefined;
  // (No product talked about: the one the colours named belong to — "格纹灰的有吗" is the scarf.)
  const product = correction?.product ?? productMeant(shop, message.text, state.productId, state.pendingAsk?.candidates);
  // "没付钱的那个", "大衣那单", "上周到的": the turn acts only on the orders the buyer points at — those of
  // the primary ask's own clause when the message asks several things ("围巾想退 … 还有羽绒服那单什么时候发").
  const postSale = isPostSale(classification.intent);
  // "零食那单我付了": a placed order is one the buyer has — pointed at by its kind of product too.
  const ownOrderTalk = postSale || classification.intent === 'order_placed';
  const primaryText = primaryClause(message.text, classification.intent, classification.secondary, classifier);
  const reference =
    referredOrders({
      text: primaryText,
      entities: classification.entities,
      orders: allOrders,
      shop,
      now,
      // ("羽绒服啥时候发" from a buyer with an order of it: that order's shipping — see shippingTimeOfOrder.)
      productAlone: ORDER_POINTER.test(primaryText) || PURCHASE_POINTER.test(primaryText) || postSale || state.awaiting !== undefined || (classification.intent === 'shipping_time' && !buysAnew(primaryText)),
      byKind: ownOrderTalk || state.awaiting !== undefined,
    }) ??
    // (Not while a flow waits for an answer about its own order: the invoice asked for stays the one.)
    (postSale && state.awaiting === undefined && findProduct(shop, message.text, undefined) === undefined ? focusedOrders(message.text, allOrders, state.orderId) : undefined) ??
    (classification.intent === 'shipping_courier' || classification.secondary.includes('shipping_courier') ? focusedOpenOrder(message.text, allOrders, state.orderId) : undefined);
  const orders = reference?.orders ?? allOrders;
  const agent = shop.agents[0]!;
  const withinWorkingHours = isWithinWorkingHours(shop, now);
  const facts: TurnFacts = {
    now: now.toISOString(),
    withinWorkingHours,
    agentAvailable: withinWorkingHours && (deps.agentsOnline?.() ?? true),
    shop,
    agent,
    orders,
    ...(reference ? { orderCues: reference.cues } : {}),
    ...(lastRoute === 'presale' ? { presaleTopic: true } : {}),
    ...(product ? { product: { ...product, name: product.shortName ?? product.name } } : {}),
  };
  // The order discussed: the one remembered, else — right after an after-sale, order or invoice answer — the one holding the product.
  const afterPostSale = lastIntent !== undefined && isIntentId(lastIntent) && isPostSale(lastIntent);
  const inFocus = allOrders.find((o) => o.id === state.orderId) ?? (afterPostSale && product !== undefined ? ordersHolding(allOrders, product)[0] : undefined);
  if (inFocus !== undefined) facts.orderInFocus = inFocus;
  // "加个毛衣凑一下": the product named joins the one talked about; "毛衣和围巾一起": both named.
  const together = productsNamedTogether(shop, message.text);
  // What is being bought, with the counts said, kept across pre-sale and haggling turns ("两袋核桃" … "再加一盒鲜花饼").
  const purchase = purchaseAfter({
    shop,
    text: message.text,
    named: product !== undefined && findProduct(shop, message.text, undefined) !== undefined ? product : undefined,
    together,
    previous: state.purchase,
    previousProduct: shop.products.find((p) => p.id === state.productId),
    shopping: lastRoute === undefined || BUYING_ROUTES.has(lastRoute),
  });
  if (purchase !== undefined) facts.purchase = purchase;
  const basket = (purchase ?? []).flatMap((line) => shop.products.filter((p) => p.id === line.productId));
  if (basket.length > 1) facts.basket = basket;
  const candidates = product === undefined ? productCandidates(shop, message.text) : [];
  // "裤子拍错颜色了": of the shop's two jeans, the one in the orders the buyer points at (or has).
  const ordered = candidates.filter((p) => orders.some((o) => o.items.some((i) => i.productId === p.id)));
  const aboutOrders = reference !== undefined || isPostSale(classification.intent) || (lastRoute !== undefined && lastRoute !== 'presale' && lastRoute !== 'bargaining' && lastRoute !== 'social');
  if (ordered.length === 1 && aboutOrders) facts.product = { ...ordered[0]!, name: ordered[0]!.shortName ?? ordered[0]!.name };
  else if (candidates.length > 0) facts.productCandidates = candidates.map((p) => p.shortName ?? p.name);
  // The answer to "which product?" goes on with the flow that asked (only a product the message names counts).
  const resume = resumedAsk(state.pendingAsk, classification, findProduct(shop, message.text, undefined, state.pendingAsk?.candidates) !== undefined);
  // "绒子是白鸭绒吗": an attribute of the product talked about, whatever the classifier made of it.
  // ("有内衬吗" read as a promotion or a contact request, unsure: the lining its fabric names is the answer.)
  const asksAttribute =
    (classification.intent === 'other' || (NOT_ABOUT_THE_PRODUCT.has(classification.intent) && classification.confidence < SURE_CONFIDENCE)) &&
    product !== undefined &&
    askedAttributes(product, normalizeSameLength(message.text)).found.length > 0;
  if (correction !== undefined) classification.intent = correction.intent;
  if (asksAttribute) classification.intent = 'product_info';
  // "牛仔裤有什么颜色": which colours or sizes there are is a stock question (the SKUs answer it).
  else if (classification.intent === 'other' && asksVariantList(normalizeSameLength(message.text))) classification.intent = 'stock';
  // "浅蓝29", "深蓝27码" in a pre-sale conversation: only a colour and size of the product — whether it is in stock
  // (no size advice without height or weight, and not while pre-sale waits for them).
  else if (
    lastRoute === 'presale' &&
    // ("就酒红吧" right after the colours were recommended: read as another recommendation, unsure.)
    (routeFor(classification.intent) === 'social' || (classification.intent === 'size_advice' && !isWaiting('presale', state.flows.presale)) || (classification.intent === 'recommend' && classification.confidence < SURE_CONFIDENCE)) &&
    isBareVariant(message.text, classification.entities, product)
  )
    classification.intent = 'stock';
  // "能改成米白吗" read as nothing: a change of the product's colour or size.
  else if (classification.intent === 'other' && asksVariantChange(message.text, facts.product)) classification.intent = 'order_change';
  // "重新买条小一码的 烟灰30有吗" read as size advice, unsure: the colour and size named are a stock question.
  else if (classification.intent === 'size_advice' && classification.confidence < SURE_CONFIDENCE && asksVariantInStock(message.text, classification.entities, facts.product)) classification.intent = 'stock';
  // "我就买一盒鲜花饼" right after a shipping-fee answer: what the order holds — its fee, no haggling.
  else if (lastIntent === 'shipping_fee' && routeFor(classification.intent) === 'bargaining' && statesPurchaseOnly(normalizeSameLength(message.text))) classification.intent = 'shipping_fee';
  // "那我再加一件大衣呢 一起拍" right after a shipping-fee answer: the fee of the basket (the products together), unsure readings only.
  // ("那加一件大衣呢 黑色L 一起买": the colour and size named are its stock, asked as well.)
  else if (lastIntent === 'shipping_fee' && facts.basket !== undefined && classification.confidence < SURE_CONFIDENCE && (classification.confidence < UNSURE_CONFIDENCE || ADDED_ITEM_READINGS.has(classification.intent) || ['social', 'bargaining'].includes(routeFor(classification.intent)))) {
    if (classification.intent === 'stock') classification.secondary = ['stock', ...classification.secondary.filter((i) => i !== 'stock')];
    classification.intent = 'shipping_fee';
  }
  // "行 那我这就去拍": about to order.
  else if (classification.intent === 'other' && aboutToOrder(normalizeSameLength(message.text))) classification.intent = 'order_placed';
  // "不合适的话能退不" with no order of the product: its return policy (a product fact), not an after-sale case.
  if (isReturnPolicyBeforeOrder(classification.intent, message.text, allOrders, facts.product, lastRoute === 'presale')) classification.intent = 'product_info';
  // "行吧 那算了 我先等等 谢谢" while the product's parcel is on its way: a close, not hesitation over a purchase.
  if (classification.intent === 'hesitation' && waitsForOwnOrder(message.text, allOrders, facts.product)) classification.intent = 'thanks_bye';
  // "那到了再说吧 就这个吧" with the product's parcel on its way, read unsure as a pre-sale ask: a close.
  else if (classification.confidence < SURE_CONFIDENCE && ['stock', 'other', 'hesitation', 'order_change'].includes(classification.intent) && waitsForParcel(message.text) && productOnItsWay(allOrders, facts.product)) classification.intent = 'thanks_bye';
  // "175" while pre-sale waits for height or weight (read as thanks_bye or other): the size question answered.
  if (answersBodyQuestion(classification.intent, { text: message.text, entities: classification.entities }, state.flows)) classification.intent = 'size_advice';
  // "不用人工了", "那算了吧 没事了" while waiting for the human asked for: the request taken back, not asked again.
  if (classification.intent === 'human' && withdrawsRequest(message.text) && restoreOrchestrator(state).value === 'pending') classification.intent = 'other';
  const stateIntent = intentForHurry(intentForRestock(intentForOrderState(classification.intent, { facts }), message.text, facts.product, allOrders), message.text, { facts });
  const intent = resume
    ? resume.intent
    : correction
      ? correction.intent
      : intentForMissedGift(intentForGift(intentForThreat(stateIntent, message.text), message.text), message.text, facts.orders, shop);
  // The question a threat was made over is still answered ("怎么还不发货 再不发我打12315").
  const besideThreat = askBesideThreat(stateIntent, intent).filter((i) => !classification.secondary.includes(i));
  const event: TurnEvent = {
    type: 'TURN',
    text: message.text,
    intent,
    secondary: resume ? [] : [...besideThreat, ...classification.secondary],
    // Answering "which product?", the first message's size and colour still count ("牛仔裤28码有吗" → "女款的").
    entities: resume?.text === undefined ? classification.entities : [...classifier.classify(resume.text).entities, ...classification.entities],
    facts,
  };
  const route = routeInConversation(event.intent, state.flows, initialStateOf('bargaining'), message.text);
  const waiting = resume ? undefined : waitingFlowFor(state, event, route, classification.confidence);
  // Unsure between two flows, nothing waiting for an answer: ask rather than act on a guess.
  // "改好了没", "几天能有结果": the case already taken on, not the case again.
  const progress =
    resume === undefined &&
    waiting === undefined &&
    route !== 'bargaining' &&
    route !== 'handoff' &&
    (!ANSWERED_FROM_ORDER.has(event.intent) || ASKS_FOR_ANSWER.test(normalizeSameLength(message.text))) &&
    findProduct(shop, message.text, undefined) === undefined
      ? progressReply(message.text, state.promises, state.orderId, now, shop.timezone, state.done)
      : null;
  // Someone else's order: a privacy answer before any flow looks at an order.
  // ("你把王博文的收货电话给我下" reads as a contact request: another person's phone, not the shop's.)
  const namedIds = classification.entities.flatMap((e) => (e.type === 'order_id' ? [e.value] : []));
  // The order flows refuse someone else's order id themselves; any other reading gets the same refusal here.
  const foreignId = namedIds.length > 0 && !namedIds.some((id) => allOrders.some((o) => o.id === id)) && !isPostSale(event.intent) && event.intent !== 'order_placed';
  // "我是她老公 没事的 你说吧" right after a privacy answer: still someone else's order.
  const insists = state.history.at(-1)?.state === 'privacy' && insistsOnSomeoneElse(message.text);
  const someoneElse = ((isPostSale(event.intent) || event.intent === 'other' || event.intent === 'contact_request') && asksAboutSomeoneElsesOrder(message.text)) || speaksOfSomeoneElsesPurchase(message.text) || insists;
  const privacy = resume === undefined && waiting === undefined && (someoneElse || foreignId);
  // A reading that continues the topic just discussed is no guess.
  const unsure = resume === undefined && waiting === undefined && event.intent === classification.intent && route !== lastRoute;
  const privacyReply: ReplyPlan | null = privacy ? { scriptId: foreignId && !someoneElse ? 'logistics.order.not_own' : 'logistics.order.third_party', params: {} } : null;
  // Questions about the shop itself (opening hours, holidays) are answered from the shop file.
  const shopReply = resume === undefined && waiting === undefined ? shopQuestionReply(message.text, shop, now) : null;
  // "那卡其色L呢 今天能发不" on a holiday: the colour or size asked is answered by the flow, the day beside it.
  // "元旦上班吗 我退款还没到": an order's own case asked beside the calendar is answered by its flow, the calendar after it.
  const ownCaseBeside = isPostSale(classification.intent) && plausibleAsk(classification.intent, message.text);
  const shopBeside = shopReply !== null && (namesVariant(classification.entities) || ownCaseBeside) ? shopReply : null;
  const shopAnswer = shopBeside === null ? shopReply : null;
  // "裤子我拍的是32码对吧": what was ordered, read off the order.
  // "订单上收件手机是哪个号": the receiver phone of their own order, masked; "地址写的是…没错吧": its address.
  const orderCheck =
    resume === undefined && waiting === undefined && !privacy
      ? (orderCheckReply(message.text, allOrders, facts.product ?? (ordered.length === 1 ? ordered[0] : undefined), shop) ??
        receiverCheckReply({ text: message.text, entities: classification.entities, orders: allOrders, pointed: orders, focusId: state.orderId }))
      : null;
  // "算了 不取消了 还是发吧" right after cancelling an unshipped order: ship as normal, no cancel steps again.
  const lastAsk = state.history.findLast((h) => isIntentId(h.intent) && routeFor(h.intent) !== 'social')?.intent;
  const takenBack = resume === undefined && waiting === undefined ? cancelTakenBack(message.text, lastAsk, allOrders.find((o) => o.id === state.orderId)) : undefined;
  const clarify: ReplyPlan | null = takenBack !== undefined ? { scriptId: CANCEL_WITHDRAWN_SCRIPT, params: { orderId: takenBack.id } } :
    progress ?? privacyReply ?? shopAnswer ?? orderCheck ?? (unsure ? clarifyingQuestion(event.intent, classification.confidence, classification.ranking) : null);
  const openOrder = allOrders.find((o) => o.state === 'unpaid' || o.state === 'paid');
  // "拍了照片给你看" reads as order_placed: an answer to a waiting flow is no large order to hand over.
  const largeOrder =
    waiting === undefined &&
    clarify === null &&
    ((openOrder !== undefined &&
      openOrder.total >= shop.largeOrderThreshold &&
      (event.intent === 'order_placed' ||
        ((route === 'bargaining' || asksLessOnPlacedOrder(message.text)) && haggleAboutOrder(openOrder, findProduct(shop, message.text, undefined), classification.entities)))) ||
      (!isPostSale(event.intent) && !ORDER_POINTER.test(message.text) && bulkPurchase(message.text, facts.product, shop.largeOrderThreshold)));

  const each = resume === undefined && waiting === undefined && EACH_ORDER_INTENTS.has(event.intent) ? ordersEach(message.text, allOrders, shop) : undefined;
  const clauseContext: ClauseContext = { classifier, shop, now, allOrders, findProduct: (text) => findProduct(shop, text, undefined) };
  let orchestrator = restoreOrchestrator(state);
  // "算了不用了 我自己查到了" while waiting for a human they asked for: the request withdrawn, the bot answers again.
  let escalationBefore = state.escalation;
  let ledger = state.promises;
  let withdrewHandoff = false;
  if (orchestrator.value === 'pending' && routeFor(event.intent) === 'social' && withdrawsRequest(message.text)) {
    orchestrator = stepOrchestrator(orchestrator, { type: 'BUYER_WITHDREW' });
    if (orchestrator.value === 'bot') {
      escalationBefore = runMachine(escalationMachine, escalationBefore, { type: 'RESOLVED' }).snapshot;
      // The callback promised for that hand-off is owed no more: it leaves the open ledger.
      ledger = withdrawCallbacks(ledger, now);
      withdrewHandoff = true;
    }
  }
  // Pressing for someone else's order gets the privacy answer again, not a complaint's hand-off.
  const turnIntent = privacy && someoneElse ? intentWhilePressing(event.intent, message.text) : event.intent;
  orchestrator = stepOrchestrator(orchestrator, { type: 'TURN', intent: turnIntent, largeOrder, ...(message.mode ? { mode: message.mode } : {}) });
  const ownerBefore = orchestrator.value as Owner;
  // Handed to a human (now or before), a question the orders answer ("我那大衣到哪了", "包裹三天不动了"
  // beside a complaint) still gets its facts — only facts: no remark, no promise, no action.
  const factIntent = ownerBefore === 'pending' ? [event.intent, ...event.secondary].map(asFactQuestion).find((i) => FACTS_WHILE_WAITING.has(i)) : undefined;
  const factsRun =
    factIntent === undefined
      ? undefined
      : runFlows(state, { ...event, intent: factIntent, secondary: [] }, routeFor(factIntent), undefined, undefined, clauseContext);
  // (Dropped, the run leaves the flows as they were: nothing was said of it.)
  const factsGiven = factsRun === undefined ? [] : factsOnly(factsRun.out);
  const ran: FlowsRun =
    ownerBefore === 'pending'
      ? { out: emptyOutput(), flowState: 'waiting', flows: factsGiven.length > 0 ? factsRun!.flows : state.flows, further: factsGiven }
      : clarify !== null
        ? { out: { ...emptyOutput(), replies: [clarify], remarks: takenBack ? [{ orderId: takenBack.id, reason: CANCEL_WITHDRAWN_REMARK }] : [] }, flowState: takenBack ? 'logistics.cancel_withdrawn' : progress ? 'progress' : privacy ? 'privacy' : shopAnswer ? 'shop' : orderCheck ? 'order' : 'clarifying', flows: state.flows }
        : runFlows(state, event, route, waiting, resume, clauseContext, each);
  const { out, flows } = ran;
  if (shopBeside !== null && !out.replies.some(saysClosedDay)) out.replies.push(shopBeside);
  // "算了不用了" alone after asking for a human: the withdrawal acknowledged, not "say it another way".
  if (withdrewHandoff && out.unhandled === true) {
    out.replies = [{ scriptId: 'common.handoff_withdrawn', params: {} }];
    delete out.unhandled;
  }
  let flowState = ran.flowState;
  if (ownerBefore !== 'pending') {
    orchestrator = stepOrchestrator(orchestrator, { type: 'FLOW_RESULT', unhandled: out.unhandled === true, ...(out.handoff ? { handoff: out.handoff } : {}) });
  }
  const snapshot = orchestrator;
  const ctx: OrchestratorContext = snapshot.context;
  const owner = snapshot.value as Owner;
  const handedOffNow = ctx.handoffReason !== null && ctx.handoffTurn === ctx.turnCount;

  // What the buyer may be told: the escalation machine's notice on the hand-off turn, its holding line while waiting.
  let plans = out.replies;
  let escalation = escalationBefore;
  if (handedOffNow || owner === 'pending') {
    const escalationEvent: EscalationEvent =
      handedOffNow && ctx.handoffReason ? { type: 'ESCALATE', reason: ctx.handoffReason, text: message.text, facts } : { type: 'TURN', text: message.text, facts };
    const escalated = runMachine(escalationMachine, escalation, escalationEvent);
    escalation = escalated.snapshot;
    // The notice or holding line, then the facts asked for beside it ("包裹三天不动了" in a complaint).
    plans = [...escalated.out.replies, ...(ran.further ?? [])];
    if (ownerBefore === 'pending') flowState = `escalation.${escalated.state}`;
    out.promises.push(...escalated.out.promises);
    if (escalated.out.handover) out.handover = true;
  }

  if (pressedFor !== undefined && owner !== 'pending' && !handedOffNow && plans.length > 0) plans = [{ scriptId: PRESSED_SCRIPT, params: {} }, ...plans];

  const linter = replyLinter(shop, replyLintContext({ shop, buyerId: message.buyerId, ownOrders: allOrders, product }));
  const gate: Gate = {
    lint(text) {
      const r = linter.lint(text);
      return { errorCount: r.errorCount, warningCount: r.warningCount, violations: r.violations };
    },
  };
  const baseParams = { shop: shop.name, agent };
  const delivery: TurnResult['delivery'] = ctx.mode === 'assist' || owner === 'agent' ? 'suggest' : 'send';
  const wanted = delivery === 'suggest' ? 3 : 1;
  let replies = plans.length > 0 ? gatedCandidates(plans, deps, gate, baseParams, ctx.turnCount, wanted) : [];
  if (plans.length > 0 && replies.length === 0) replies = gatedCandidates([{ scriptId: 'common.fallback', params: {} }], deps, gate, baseParams, ctx.turnCount, wanted);
  if (deps.llm !== undefined && replies.length > 0) replies = await withRephrasing(replies, delivery, { text: message.text, orders: allOrders, shop, gate, llm: deps.llm });
  // Assist mode: the runner-up reading's answer (a what-if run, nothing kept) or a holding line as the third option.
  if (delivery === 'suggest' && replies.length > 0 && ownerBefore !== 'pending' && owner !== 'pending' && clarify === null) {
    const alternative = runnerUpReading([intent, classification.intent], classification.confidence, classification.ranking);
    const whatIf = alternative === undefined ? [] : isAnswerOnly(runFlows(state, { ...event, intent: alternative, secondary: [] }, routeInConversation(alternative, state.flows, initialStateOf('bargaining'), message.text), undefined, undefined, clauseContext).out);
    const extras = [
      ...(whatIf.length > 0 ? gatedCandidates(whatIf, deps, gate, baseParams, ctx.turnCount, 1).map((c) => ({ ...c, intent: alternative! })) : []),
      ...(holdingLineFits(intent) ? gatedCandidates([{ scriptId: HOLD_SCRIPT, params: {} }], deps, gate, baseParams, ctx.turnCount, 1) : []),
    ];
    replies = assistCandidates(replies.map((r) => ({ ...r, intent })), extras);
  }

  const at = now.toISOString();
  const remarks = out.remarks.map((r) => ({ ...(r.orderId ? { orderId: r.orderId } : {}), text: remarkText(r.reason, agent, now, shop.timezone) }));
  const promises: LedgerPromise[] = out.promises.map((p, i) => ({
    id: `p${ctx.turnCount}-${i + 1}`,
    kind: p.kind,
    text: p.text,
    ...(p.orderId ? { orderId: p.orderId } : {}),
    madeAt: at,
    dueAt: new Date(now.getTime() + p.dueInHours * PROMISE_DUE_MS).toISOString(),
  }));
  // A progress answer ("改好了吗") or an answer to a flow's question ("[图片]" while photos are awaited)
  // keeps the case's topic: the next follow-up continues that case.
  const answeredWaiting = waiting !== undefined && flowState.startsWith(`${waiting}.`) && routeFor(classification.intent) !== waiting;
  const keepsTopic = (progress !== null || answeredWaiting) && lastIntent !== undefined && isIntentId(lastIntent) && routeFor(lastIntent) !== 'social';
  const history = [
    ...state.history,
    { turn: ctx.turnCount, at, text: incoming.text, intent: keepsTopic ? lastIntent : intent, replies: replies.slice(0, 1).map((r) => r.text), state: flowState },
  ].slice(-HISTORY_LIMIT);
  const next: ConversationState = {
    buyerId: state.buyerId,
    orchestrator: persistMachine(orchestratorMachine, orchestrator),
    flows,

    history,
    promises: [...ledger, ...promises],
    concessions: [...state.concessions, ...out.concessions.map((c) => ({ ...c, at }))],
    // Only while the reply the buyer gets is the flow's question (not a hand-off notice or a holding line).
    ...(ran.pendingAsk && !handedOffNow && owner !== 'pending' ? { pendingAsk: ran.pendingAsk } : {}),
    ...(escalation === undefined ? {} : { escalation }),
  };
  const focus =
    orderInFocus([...out.remarks.map((r) => r.orderId), ...plans.map((p) => (typeof p.params.orderId === 'string' ? p.params.orderId : undefined))], allOrders) ??
    (reference?.orders.length === 1 ? reference.orders[0]!.id : state.orderId);
  if (focus !== undefined) next.orderId = focus;
  // The product of the order in focus is the product talked about when none was named ("深蓝色31码还有货吗").
  const focusOrder = focus === undefined ? undefined : allOrders.find((o) => o.id === focus);
  // "毛衣和围巾一起买多少钱": the products named together are talked about, the first one leading ("再送个东西吧").
  if (purchase !== undefined) next.purchase = purchase;
  const talkedAbout = facts.product?.id ?? together[0]?.id ?? state.productId;
  if (talkedAbout !== undefined) next.productId = talkedAbout;
  else if (focusOrder !== undefined && new Set(focusOrder.items.map((i) => i.productId)).size === 1) next.productId = focusOrder.items[0]!.productId;
  const lastRemark = out.remarks.at(-1);
  const done = lastRemark === undefined ? state.done : { ...(lastRemark.orderId ? { orderId: lastRemark.orderId } : {}), text: lastRemark.reason };
  if (done !== undefined) next.done = done;
  const awaiting = awaitingAfter(state.awaiting, ran);
  if (awaiting !== undefined) next.awaiting = awaiting;

  const result: TurnResult = {
    replies,
    delivery,
    owner,
    // The intent acted on: the classifier's, read against the order's state (see reinterpret.ts).
    intent: resume ? classification.intent : intent,
    confidence: classification.confidence,
    secondary: classification.secondary,
    entities: classification.entities,
    state: `${owner}/${flowState}`,
    remarks,
    promises,
  };
  if (handedOffNow && ctx.handoffReason) {
    result.handoff = { reason: ctx.handoffReason, summary: handoffSummary({ state: next, shop, orders: allOrders, product, reason: ctx.handoffReason }) };
    if (out.handover) result.handover = result.handoff;
  }
  return { conversation: next, result };
}

/** Events from the agent's side: a human joins (takes over) or leaves (hands back to the bot). */
export function setOwner(conversation: ConversationState, event: 'AGENT_JOINED' | 'AGENT_LEFT'): ConversationState {
  const orchestrator = stepOrchestrator(restoreOrchestrator(conversation), { type: event });
  // A human took the case (or handed it back): no notice or holding line is pending any more.
  const escalation = runMachine(escalationMachine, conversation.escalation, { type: 'RESOLVED' }).snapshot;
  return { ...conversation, orchestrator: persistMachine(orchestratorMachine, orchestrator), escalation };
}
