import { newConversation, respond, type ConversationState } from '../dialogue/engine.ts';
import type { StoryDeps } from '../dialogue/stories.ts';
import { DEMO_NOW } from '../orders/demo-provider.ts';
import type { LocatedScenario } from './load.ts';
import { scoreDialogue, type Miss, type Scorecard } from './scorecard.ts';
import { BuyerSimulator, type TranscriptTurn } from './simulator.ts';
import type { TrainerKit } from './kit.ts';
import { poolVoice, type BuyerVoice } from './voice.ts';

/**
 * Self-play: the simulated buyers against the engine in-process (the same wiring as the
 * conversation stories: classifier, scripts, shop, orders, a fixed clock), each dialogue scored
 * with the trainee's scorecard. Reports task success, completion, turns, hand-offs, rule breaks
 * and the failures grouped by scenario and step, with a transcript of each.
 */

export interface SelfPlayOptions {
  dialogues: number;
  seed: number;
  /** Only these scenarios (default: all, in turn). */
  scenarios?: readonly LocatedScenario[];
  onProgress?: (done: number, total: number) => void;
  /** How the buyer's lines are worded (default: the line pools). */
  voice?: BuyerVoice;
}

export interface DialogueResult {
  scenario: string;
  persona: string;
  seed: number;
  card: Scorecard;
  transcript: TranscriptTurn[];
}

export interface FailureGroup {
  scenario: string;
  /** The first thing that went wrong: a step id, `rule:<id>`, `fact:<id>` or `outcome:<end>`. */
  step: string;
  count: number;
  /** What went wrong, in words. */
  label: string;
  examples: { seed: number; persona: string; transcript: string[] }[];
}

export interface SelfPlayReport {
  dialogues: number;
  success: number;
  completion: number;
  avgTurns: number;
  handoffRate: number;
  ruleBreaks: number;
  failures: FailureGroup[];
}

const EXAMPLES_PER_GROUP = 2;

/** The engine's clock for self-play: the demo's "now" (a Thursday in working hours). */
export const SELF_PLAY_NOW = DEMO_NOW;

/** One simulated buyer against the engine. */
export async function playAgainstEngine(
  kit: TrainerKit,
  deps: StoryDeps,
  scenario: LocatedScenario,
  personaIndex: number,
  seed: number,
  voice: BuyerVoice = poolVoice,
): Promise<DialogueResult> {
  const persona = kit.library.personas[personaIndex % kit.library.personas.length]!;
  const sim = new BuyerSimulator(scenario, persona, kit.library.lines, kit.world, seed);
  const engine = { ...deps, clock: () => new Date(SELF_PLAY_NOW.getTime()) };
  let conversation: ConversationState = newConversation(scenario.facts.buyer);
  let line: string | undefined = sim.open();
  while (line !== undefined && !sim.done) {
    const worded = await voice.word(line, { act: sim.lastAct, persona, scenario });
    sim.reworded(worded.text);
    const turn = await respond(conversation, { buyerId: scenario.facts.buyer, text: worded.text, mode: 'auto' }, engine);
    conversation = turn.conversation;
    const sent = turn.result.delivery === 'send' ? (turn.result.replies[0]?.text ?? '') : '';
    line = sim.react(sent, 0, { remarked: turn.result.remarks.length > 0 });
  }
  return { scenario: scenario.id, persona: persona.id, seed, card: scoreDialogue(scenario, sim.state, kit.world, kit.scripts), transcript: sim.state.transcript };
}

function firstProblem(card: Scorecard): Miss | undefined {
  const order: Miss['kind'][] = ['rule', 'fact', 'step', 'outcome'];
  for (const kind of order) {
    const miss = card.misses.find((m) => m.kind === kind);
    if (miss) return miss;
  }
  return undefined;
}

export function transcriptLines(transcript: readonly TranscriptTurn[]): string[] {
  return transcript.map((t) => `${t.role === 'buyer' ? '买家' : '客服'}：${t.text || '（没有回复）'}`);
}

export function summarize(results: readonly DialogueResult[]): SelfPlayReport {
  const n = results.length;
  const rate = (count: number) => (n === 0 ? 0 : Math.round((count / n) * 10000) / 10000);
  const groups = new Map<string, FailureGroup>();
  for (const r of results) {
    if (r.card.success) continue;
    const miss = firstProblem(r.card);
    const step = miss === undefined ? `outcome:${r.card.outcome.end}` : miss.kind === 'step' ? miss.id : miss.kind === 'outcome' ? `outcome:${r.card.outcome.end}` : `${miss.kind}:${miss.id}`;
    const key = `${r.scenario}\u0000${step}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { scenario: r.scenario, step, count: 0, label: miss?.label ?? '', examples: [] }));
    group.count += 1;
    if (group.examples.length < EXAMPLES_PER_GROUP) group.examples.push({ seed: r.seed, persona: r.persona, transcript: transcriptLines(r.transcript) });
  }
  return {
    dialogues: n,
    success: rate(results.filter((r) => r.card.success).length),
    completion: rate(results.filter((r) => r.card.completed).length),
    avgTurns: n === 0 ? 0 : Math.round((results.reduce((sum, r) => sum + r.card.turns, 0) / n) * 100) / 100,
    handoffRate: rate(results.filter((r) => r.card.handedOff).length),
    ruleBreaks: results.reduce((sum, r) => sum + r.card.ruleBreaks, 0),
    failures: [...groups.values()].sort((a, b) => b.count - a.count || a.scenario.localeCompare(b.scenario)),
  };
}

/** Runs `dialogues` simulated buyers: scenario i mod n, personas in turn, seed + i. */
export async function selfPlay(kit: TrainerKit, deps: StoryDeps, options: SelfPlayOptions): Promise<{ report: SelfPlayReport; results: DialogueResult[] }> {
  const scenarios = options.scenarios ?? kit.library.scenarios;
  const results: DialogueResult[] = [];
  for (let i = 0; i < options.dialogues; i++) {
    const scenario = scenarios[i % scenarios.length]!;
    const round = Math.floor(i / scenarios.length);
    results.push(await playAgainstEngine(kit, deps, scenario, i + round, options.seed + i, options.voice));
    options.onProgress?.(i + 1, options.dialogues);
  }
  return { report: summarize(results), results };
}
