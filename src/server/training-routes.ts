import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { loadTrainerKit, type TrainerKit } from '../trainer/kit.ts';
import type { Scorecard } from '../trainer/scorecard.ts';
import { answer, chooseSession, EXAM, replaySession, scoreSession, TrainingChoiceError, type LiveSession, type TrainingRecord } from '../trainer/session.ts';
import { trendOf } from '../trainer/trend.ts';
import type { TrainingSessionRecord } from '../store/types.ts';
import { shopOf } from './auth.ts';
import type { AppDeps } from './context.ts';
import { HttpError } from './errors.ts';
import type { ShopRuntime } from './shop-runtime.ts';
import { parseBody, parseParams } from './validate.ts';

/**
 * The trainer over HTTP (issue 13), under /api/v1/training, behind the shop's key:
 * - POST /sessions {trainee, scenario?, persona?, seed?, exam?} → the buyer's first line;
 * - POST /sessions/:id/turns {text} → the buyer's next line and the live lint of the reply
 *   (the scorecard too when the buyer is done);
 * - GET /sessions/:id (transcript), GET /sessions/:id/scorecard;
 * - GET /trainees/:name/sessions → a trainee's sessions with their trend;
 * - GET /scenarios → scenarios and personas to pick from.
 * A session is stored as its record (scenario, persona, seed, replies); the buyer is rebuilt by
 * replaying it, so any instance can take the next turn. Scenarios play in the demo shop's data.
 */

const MAX_REPLY = 2000;
const TraineeSchema = z.string().trim().min(1).max(64);
const IdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);
export const StartBodySchema = z.strictObject({
  trainee: TraineeSchema,
  scenario: IdSchema.optional(),
  persona: IdSchema.optional(),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  exam: z.boolean().optional(),
});
export const TurnBodySchema = z.strictObject({ text: z.string().trim().min(1).max(MAX_REPLY) });
const SessionParams = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });
const TraineeParams = z.object({ name: TraineeSchema });

const kits = new WeakMap<ShopRuntime, Promise<TrainerKit>>();

/** The trainer's data with the shop's scripts (loaded once per shop, on first use). */
function kitFor(runtime: ShopRuntime): Promise<TrainerKit> {
  let kit = kits.get(runtime);
  if (!kit) kits.set(runtime, (kit = loadTrainerKit(runtime.scripts)));
  return kit;
}

function toRecord(stored: TrainingSessionRecord): TrainingRecord {
  return { trainee: stored.trainee, scenario: stored.scenario, persona: stored.persona, seed: stored.seed, exam: stored.exam, replies: stored.replies };
}

function transcript(live: LiveSession): { role: 'buyer' | 'agent'; text: string }[] {
  return live.sim.state.transcript.map((t) => ({ role: t.role, text: t.text }));
}

function sessionView(stored: TrainingSessionRecord, live: LiveSession) {
  return {
    id: stored.id,
    trainee: stored.trainee,
    scenario: { id: live.scenario.id, title: live.scenario.title, area: live.scenario.area },
    persona: { id: live.persona.id, name: live.persona.name },
    seed: stored.seed,
    exam: stored.exam,
    done: live.sim.done,
    transcript: transcript(live),
    total: stored.total,
  };
}

export function trainingRouter(deps: AppDeps): Router {
  const router = Router();

  async function load(req: Request): Promise<{ kit: TrainerKit; stored: TrainingSessionRecord; live: LiveSession }> {
    const { id } = parseParams(SessionParams, req.params);
    const runtime = shopOf(req);
    const stored = await deps.store.getTrainingSession(runtime.shop.id, id);
    if (!stored) throw new HttpError('not_found', '培训记录不存在');
    const kit = await kitFor(runtime);
    return { kit, stored, live: replaySession(kit, toRecord(stored)) };
  }

  router.get('/training/scenarios', async (req, res) => {
    const kit = await kitFor(shopOf(req));
    res.json({
      scenarios: kit.library.scenarios.map((s) => ({ id: s.id, title: s.title, area: s.area })),
      personas: kit.library.personas.map((p) => ({ id: p.id, name: p.name, patience: p.patience })),
      exam: EXAM,
    });
  });

  router.post('/training/sessions', async (req, res) => {
    const body = parseBody(StartBodySchema, req.body);
    const runtime = shopOf(req);
    const kit = await kitFor(runtime);
    const now = deps.clock();
    let record: TrainingRecord;
    try {
      record = body.exam
        ? chooseSession(kit, { trainee: body.trainee, scenario: body.scenario ?? EXAM.scenarios[0], persona: EXAM.persona, seed: EXAM.seed, exam: true })
        : chooseSession(kit, {
            trainee: body.trainee,
            seed: body.seed ?? now.getTime() % 1_000_000,
            ...(body.scenario === undefined ? {} : { scenario: body.scenario }),
            ...(body.persona === undefined ? {} : { persona: body.persona }),
          });
    } catch (err) {
      if (err instanceof TrainingChoiceError) throw new HttpError('invalid_body', err.message);
      throw err;
    }
    if (body.exam && !(EXAM.scenarios as readonly string[]).includes(record.scenario)) {
      throw new HttpError('invalid_body', `考试场景只能是：${EXAM.scenarios.join('、')}`);
    }
    const stored = await deps.store.createTrainingSession({ shopId: runtime.shop.id, id: randomUUID(), ...record, createdAt: now.toISOString() });
    const live = replaySession(kit, record);
    res.status(201).json({ ...sessionView(stored, live), buyer: live.buyerLines[0] });
  });

  router.get('/training/sessions/:id', async (req, res) => {
    const { stored, live } = await load(req);
    res.json(sessionView(stored, live));
  });

  router.post('/training/sessions/:id/turns', async (req, res) => {
    const { text } = parseBody(TurnBodySchema, req.body);
    const { kit, stored, live } = await load(req);
    if (live.sim.done) throw new HttpError('conflict', '这段练习已经结束，请查看评分卡');
    const now = deps.clock();
    // Time since the buyer's last line reached the trainee (the session was last saved then).
    const elapsedSec = Math.max(0, Math.round((now.getTime() - Date.parse(stored.updatedAt)) / 100) / 10);
    const feedback = answer(kit, live, text, elapsedSec);
    const card: Scorecard | undefined = feedback.done ? scoreSession(kit, live) : undefined;
    const saved = await deps.store.saveTrainingSession({
      shopId: stored.shopId,
      id: stored.id,
      expectedVersion: stored.version,
      replies: live.record.replies,
      updatedAt: now.toISOString(),
      total: card?.total ?? null,
      ...(card ? { scorecard: card } : {}),
    });
    const errors = feedback.lint.filter((v) => v.severity === 'error').length;
    res.json({
      buyer: feedback.buyer ?? null,
      done: feedback.done,
      lint: { errorCount: errors, warningCount: feedback.lint.length - errors, violations: feedback.lint },
      turn: saved.replies.length,
      ...(card ? { scorecard: card } : {}),
    });
  });

  router.get('/training/sessions/:id/scorecard', async (req, res) => {
    const { kit, stored, live } = await load(req);
    // A running session is scored as it stands (final: false), so a trainer can look in.
    const scorecard = stored.scorecard ?? scoreSession(kit, live);
    res.json({ id: stored.id, trainee: stored.trainee, final: live.sim.done, scorecard });
  });

  router.get('/training/trainees/:name/sessions', async (req, res) => {
    const { name } = parseParams(TraineeParams, req.params);
    const sessions = await deps.store.listTrainingSessions(shopOf(req).shop.id, name);
    res.json({
      trainee: name,
      sessions: sessions.map((s) => ({ id: s.id, scenario: s.scenario, persona: s.persona, seed: s.seed, exam: s.exam, createdAt: s.createdAt, turns: s.replies.length, total: s.total })),
      trend: trendOf(sessions.map((s) => s.total)),
    });
  });

  return router;
}
