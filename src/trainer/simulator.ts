import * as OpenCC from 'opencc-js';
import { Rng } from '../../bench/prng.ts';
import { readReply, type ReplyReading } from './reply-reading.ts';
import type { Ask, LinePools, Persona, Scenario, Signal, SideQuestion } from './schema.ts';
import { factParams, resolveFacts, type ScenarioFacts, type TrainerWorld } from './world.ts';

/**
 * The agenda-based simulated buyer (after Schatzmann et al., 2007): it holds the scenario's
 * asks in order and pushes the current one; after each reply of the other side it looks at
 * what the reply did — answered the ask? asked something the buyer can answer from its facts
 * (size data, order id, photos, invoice title, new address)? conceded? handed over? — and
 * either moves on, answers, or pushes again and loses patience. Deterministic for a seed: the
 * same seed and the same replies give the same buyer lines.
 */

export type EndReason = 'completed' | 'gave_up' | 'handed_off' | 'turn_limit';

/** Questions of the other side that a buyer answers from its facts (and the act that words the answer). */
const ANSWERS: { signal: Signal; act: string; needs: (f: ScenarioFacts) => boolean }[] = [
  { signal: 'asked_photos', act: 'answer_photos', needs: () => true },
  { signal: 'asked_order', act: 'answer_order', needs: (f) => f.order !== undefined },
  { signal: 'asked_body', act: 'answer_body', needs: (f) => f.facts.height !== undefined && f.facts.weight !== undefined },
  { signal: 'asked_title', act: 'answer_title', needs: (f) => f.facts.invoiceTitle !== undefined },
  { signal: 'asked_address', act: 'answer_address', needs: (f) => f.facts.newAddress !== undefined },
  { signal: 'asked_variant', act: 'answer_variant', needs: (f) => f.facts.color !== undefined && f.facts.size !== undefined },
  { signal: 'asked_product', act: 'answer_product', needs: (f) => f.product !== undefined },
];
const MAX_ANSWERS_PER_QUESTION = 2;

export interface TranscriptTurn {
  role: 'buyer' | 'agent';
  text: string;
  /** The agenda ask pending when the line was said (-1: a side question). */
  ask: number;
  /** Buyer lines: the act (`ask`, `answer_order`, `give_up` …). */
  act?: string;
  /** Agent lines: seconds the agent took (0 for the bot). */
  elapsedSec?: number;
  /** Agent lines: the agent noted the order (备注) through its tools with this reply — the buyer does not see it, the scorecard does. */
  remarked?: boolean;
}

/** What happened to one ask of the agenda. */
export interface AskRecord {
  /** Index into the transcript of the agent reply that satisfied it. */
  satisfiedAt?: number;
  /** Transcript indices of the agent replies given while it was pending. */
  replies: number[];
}

export interface SimulationState {
  transcript: TranscriptTurn[];
  asks: AskRecord[];
  /** Side questions slipped in (their ideal answer and whether one came). */
  sides: { question: SideQuestion; replies: number[]; satisfiedAt?: number }[];
  end?: EndReason;
}

const TYPOS: [string, string][] = [
  ['吗', '嘛'],
  ['什么', '神马'],
  ['怎么', '咋'],
  ['的', '滴'],
  ['没', '木'],
];
const EMOJI = ['😊', '🙏', '😅', '👌', '😂', '[微笑]'];
const POLITE = ['您好，', '麻烦问下，', '请问'];

let toTraditional: ((s: string) => string) | undefined;

export class BuyerSimulator {
  readonly scenario: Scenario;
  readonly persona: Persona;
  readonly facts: ScenarioFacts;
  readonly state: SimulationState;
  private readonly rng: Rng;
  private readonly params: Record<string, string | number>;
  private index = 0;
  private patience: number;
  private lastAskLine = '';
  private answered = new Map<Signal, number>();
  private side: SimulationState['sides'][number] | undefined;
  private readonly maxTurns: number;

  constructor(
    scenario: Scenario,
    persona: Persona,
    private readonly lines: LinePools,
    private readonly world: TrainerWorld,
    seed: number,
  ) {
    this.scenario = scenario;
    this.persona = persona;
    this.rng = new Rng(seed);
    this.facts = resolveFacts(world, scenario.facts);
    this.params = factParams(world, this.facts);
    this.patience = persona.patience;
    this.maxTurns = scenario.agenda.length * 4 + 6;
    this.state = { transcript: [], asks: scenario.agenda.map(() => ({ replies: [] })), sides: [] };
  }

  get done(): boolean {
    return this.state.end !== undefined;
  }

  /** The ask the buyer is pushing now (a side question first), for advice and scoring. */
  get currentAsk(): Ask | SideQuestion | undefined {
    return this.side?.question ?? this.scenario.agenda[this.index];
  }

  /** The buyer's first message. */
  open(): string {
    if (this.state.transcript.length > 0) throw new Error('the buyer has already opened');
    const greet = this.rng.chance(0.25) ? `${this.pick(this.lines.acts.greeting!)}，` : '';
    return this.say(`${greet}${this.askLine(this.scenario.agenda[0]!)}`, 'ask');
  }

  /** The other side's reply; returns the buyer's next line, or undefined when the buyer is done. */
  react(reply: string, elapsedSec = 0, actions: { remarked?: boolean } = {}): string | undefined {
    if (this.done) throw new Error('the simulated buyer has finished');
    const turn: TranscriptTurn = { role: 'agent', text: reply, ask: this.side ? -1 : this.index, elapsedSec, ...(actions.remarked ? { remarked: true } : {}) };
    const at = this.state.transcript.push(turn) - 1;
    const reading = readReply(reply, this.world.shop, this.facts.product);
    const pending = this.side ?? this.state.asks[this.index]!;
    pending.replies.push(at);

    if (this.satisfies(this.currentAsk!, reply, reading)) {
      pending.satisfiedAt = at;
      this.patience = this.persona.patience;
      if (this.side) this.side = undefined;
      else this.index += 1;
      if (this.index >= this.scenario.agenda.length) return this.finish('completed', 'thanks_bye');
      if (!this.side && this.rng.chance(this.persona.topicChangeRate) && this.lines.side_questions.length > 0) {
        const question = this.rng.pick(this.lines.side_questions);
        this.side = { question, replies: [] };
        this.state.sides.push(this.side);
        return this.say(this.styled(this.pick(question.say)), 'side_question');
      }
      const ack = this.rng.chance(0.4) ? `${this.pick(this.lines.acts.ack!)}，` : '';
      return this.say(`${ack}${this.askLine(this.scenario.agenda[this.index]!)}`, 'ask');
    }
    if (reading.signals.has('handoff')) return this.finish('handed_off', 'ack');
    if (this.turns() >= this.maxTurns) return this.finish('turn_limit', 'give_up');

    const answer = ANSWERS.find((a) => reading.signals.has(a.signal) && a.needs(this.facts) && (this.answered.get(a.signal) ?? 0) < MAX_ANSWERS_PER_QUESTION);
    if (answer) {
      const times = this.answered.get(answer.signal) ?? 0;
      this.answered.set(answer.signal, times + 1);
      // A buyer who claims untrue things says the photos were already sent — the first time only.
      const act = answer.signal === 'asked_photos' && times === 0 && this.rng.chance(this.persona.falseClaims) ? 'false_claim_photos' : answer.act;
      return this.say(this.styled(this.fill(this.pick(this.lines.acts[act]!))), act);
    }

    this.patience -= 1;
    if (this.patience <= 0) return this.finish('gave_up', 'give_up');
    if (this.rng.chance(this.persona.repeatRate)) return this.say(this.lastAskLine, 'repeat');
    const objections = this.scenario.objections ?? [];
    const push = objections.length > 0 && this.rng.chance(0.5) ? this.fill(this.pick(objections)) : this.pick(this.lines.acts.repeat_impatient!);
    const again = this.side ? this.pick(this.side.question.say) : this.fill(this.pick(this.askSource(this.scenario.agenda[this.index]!)));
    return this.say(this.styled(`${push}，${again}`), 'push');
  }

  /** The act of the buyer's last line (for a voice that rewords it). */
  get lastAct(): string {
    return this.state.transcript.findLast((t) => t.role === 'buyer')?.act ?? 'ask';
  }

  /** Records how the last line was actually worded (a voice reworded it); the decisions stay the simulator's. */
  reworded(text: string): void {
    const last = this.state.transcript.findLast((t) => t.role === 'buyer');
    if (last) last.text = text;
  }

  private turns(): number {
    return this.state.transcript.filter((t) => t.role === 'agent').length;
  }

  private satisfies(ask: Ask | SideQuestion, reply: string, reading: ReplyReading): boolean {
    if (ask.expect.some((s) => reading.signals.has(s) && s !== 'info')) return true;
    const mentions = 'mentions' in ask ? ask.mentions : undefined;
    if (mentions) return mentions.some((m) => reply.includes(m));
    return ask.expect.includes('info') && reading.signals.has('info');
  }

  private finish(end: EndReason, act: string): string {
    this.state.end = end;
    return this.say(this.styled(this.pick(this.lines.acts[act]!), false), act);
  }

  private askSource(ask: Ask): readonly string[] {
    return ask.say ?? this.lines.acts[ask.act!]!;
  }

  private askLine(ask: Ask): string {
    this.lastAskLine = this.styled(this.fill(this.pick(this.askSource(ask))));
    return this.lastAskLine;
  }

  private say(text: string, act: string): string {
    this.state.transcript.push({ role: 'buyer', text, ask: this.side ? -1 : this.index, act });
    return text;
  }

  private pick(items: readonly string[]): string {
    return this.rng.pick(items);
  }

  /** Fills {placeholders} from the facts; an unknown one stays visible (the loader test catches it). */
  fill(template: string): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(this.params[name] ?? whole));
  }

  /** The persona's voice: polite opener or not, typos, 亲, emoji, traditional characters. */
  private styled(line: string, opener = true): string {
    const { style, politeness } = this.persona;
    let out = line;
    if (this.rng.chance(style.typos)) {
      const [from, to] = this.rng.pick(TYPOS);
      // Facts (ids, amounts, addresses) have none of these characters' neighbours changed: only the first hit is replaced.
      out = out.replace(from, to);
    }
    // A polite opener fits a question, not a goodbye.
    if (this.rng.chance(politeness * 0.5) && opener) out = `${this.rng.pick(POLITE)}${out}`;
    else if (this.rng.chance((1 - politeness) * 0.3)) out = `${out}，快点`;
    if (this.rng.chance(style.qin)) out = `亲，${out}`;
    if (this.rng.chance(style.emoji)) out = `${out}${this.rng.pick(EMOJI)}`;
    if (this.rng.chance(style.traditional)) out = (toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' }))(out);
    return out;
  }
}
