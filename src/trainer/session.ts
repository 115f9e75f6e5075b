import { z } from 'zod';
import type { Violation } from '../compliance/schema.ts';
import type { TrainerKit } from './kit.ts';
import type { LocatedScenario } from './load.ts';
import type { Persona } from './schema.ts';
import { idealLine, lintReply, scoreDialogue, type Scorecard } from './scorecard.ts';
import { BuyerSimulator } from './simulator.ts';
import { factParams, resolveFacts } from './world.ts';

/**
 * A trainee's practice session: the scenario, persona and seed, and the trainee's replies.
 * The simulated buyer is deterministic, so the session is stored as this record and the buyer
 * is rebuilt by replaying the replies (terminal, HTTP API and web page share it).
 */

export const TrainingReplySchema = z.object({
  text: z.string(),
  /** Seconds the trainee took to answer the buyer's line. */
  elapsedSec: z.number().nonnegative(),
});

export const TrainingRecordSchema = z.object({
  trainee: z.string().min(1),
  scenario: z.string().min(1),
  persona: z.string().min(1),
  seed: z.number().int().nonnegative(),
  exam: z.boolean().default(false),
  replies: z.array(TrainingReplySchema).default([]),
});
export type TrainingRecord = z.infer<typeof TrainingRecordSchema>;

/** The exam: the same scenarios, persona and seed for every trainee, so scores compare fairly. */
export const EXAM = {
  seed: 2025,
  persona: 'gentle',
  scenarios: ['haggle_comparison', 'stock_out', 'not_shipped', 'quality_issue', 'invoice_shipped', 'trap_qq'],
} as const;

export class TrainingChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingChoiceError';
  }
}

/** Resolves the trainee's choices; what is not chosen follows from the seed. */
export function chooseSession(kit: TrainerKit, choice: { trainee: string; scenario?: string; persona?: string; seed: number; exam?: boolean }): TrainingRecord {
  const { library } = kit;
  const scenario = choice.scenario === undefined ? library.scenarios[choice.seed % library.scenarios.length]! : library.scenario(choice.scenario);
  if (!scenario) throw new TrainingChoiceError(`没有场景 "${choice.scenario}"（可用：${library.scenarios.map((s) => s.id).join('、')}）`);
  const persona = choice.persona === undefined ? library.personas[choice.seed % library.personas.length]! : library.persona(choice.persona);
  if (!persona) throw new TrainingChoiceError(`没有买家性格 "${choice.persona}"（可用：${library.personas.map((p) => p.id).join('、')}）`);
  return { trainee: choice.trainee, scenario: scenario.id, persona: persona.id, seed: choice.seed, exam: choice.exam ?? false, replies: [] };
}

export interface LiveSession {
  record: TrainingRecord;
  scenario: LocatedScenario;
  persona: Persona;
  sim: BuyerSimulator;
  /** The buyer's lines so far, in order (the first is the opening). */
  buyerLines: string[];
}

/** Rebuilds the buyer from the record (replays every reply). */
export function replaySession(kit: TrainerKit, record: TrainingRecord): LiveSession {
  const scenario = kit.library.scenario(record.scenario);
  const persona = kit.library.persona(record.persona);
  if (!scenario || !persona) throw new TrainingChoiceError(`培训记录引用了不存在的场景或性格：${record.scenario} / ${record.persona}`);
  const sim = new BuyerSimulator(scenario, persona, kit.library.lines, kit.world, record.seed);
  const buyerLines = [sim.open()];
  for (const reply of record.replies) {
    if (sim.done) break;
    const line = sim.react(reply.text, reply.elapsedSec);
    if (line !== undefined) buyerLines.push(line);
  }
  return { record, scenario, persona, sim, buyerLines };
}

export interface TurnFeedback {
  /** The buyer's next line (the closing line when the buyer is done). */
  buyer: string | undefined;
  done: boolean;
  /** The trainee's reply linted live, as the scorecard counts it. */
  lint: Violation[];
}

/** The trainee answers; the record gains the reply. */
export function answer(kit: TrainerKit, session: LiveSession, text: string, elapsedSec: number): TurnFeedback {
  if (session.sim.done) throw new TrainingChoiceError('这段练习已经结束，请查看评分卡');
  const lint = lintReply(kit.world, session.scenario, text);
  session.record.replies.push({ text, elapsedSec });
  const buyer = session.sim.react(text, elapsedSec);
  if (buyer !== undefined) session.buyerLines.push(buyer);
  return { buyer, done: session.sim.done, lint };
}

export function scoreSession(kit: TrainerKit, session: LiveSession): Scorecard {
  return scoreDialogue(session.scenario, session.sim.state, kit.world, kit.scripts);
}

/** The scripts-library line for what the buyer is asking now (a hint in practice mode). */
export function hint(kit: TrainerKit, session: LiveSession): string | undefined {
  const ask = session.sim.currentAsk;
  if (!ask) return undefined;
  return idealLine(ask.ideal, kit.scripts, factParams(kit.world, resolveFacts(kit.world, session.scenario.facts)));
}
