import { Router } from 'express';
import { z } from 'zod';
import { ProfileIdSchema } from '../compliance/schema.ts';
import { shopOf } from './auth.ts';
import type { AppDeps } from './context.ts';
import { shopLinter } from './shop-runtime.ts';
import { parseBody } from './validate.ts';

/** Stateless helpers for agents' tools: lint a draft, classify a message, the quick phrases. */

const MAX_TOOL_TEXT = 10_000;
export const LintBodySchema = z.strictObject({ text: z.string().min(1).max(MAX_TOOL_TEXT), profile: ProfileIdSchema.optional() });
export const ClassifyBodySchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });

export interface QuickPhrase {
  id: string;
  /** The scenario the script belongs to ("bargaining" of "bargaining.excuse_coupon"). */
  group: string;
  title: string;
  variants: string[];
}

export function toolRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/lint', (req, res) => {
    const { text, profile } = parseBody(LintBodySchema, req.body);
    const { shop } = shopOf(req);
    const result = shopLinter(shop, profile).lint(text);
    for (const v of result.violations) deps.metrics.lintViolations.inc({ rule: v.ruleId });
    res.json({ profile: profile ?? shop.profile, ...result });
  });

  router.post('/classify', (req, res) => {
    const { text } = parseBody(ClassifyBodySchema, req.body);
    const c = shopOf(req).classifier.classify(text);
    res.json({ intent: c.intent, confidence: c.confidence, secondary: c.secondary, ranking: c.ranking, entities: c.entities });
  });

  router.get('/scripts', (req, res) => {
    const scripts: QuickPhrase[] = shopOf(req)
      .scripts.all()
      .map((s) => ({ id: s.id, group: s.id.split('.')[0]!, title: s.description, variants: s.variants }));
    res.json({ scripts });
  });

  return router;
}
