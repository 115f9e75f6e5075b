import { Router } from 'express';
import { z } from 'zod';
import { ProfileIdSchema } from '../compliance/schema.ts';
import { shopOf } from './auth.ts';
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
  /** The scenario's name for the agent's quick-phrase panel (议价). */
  groupName: string;
  /** When the script is used (the library's description, for developers). */
  description: string;
  variants: string[];
}

/** Agents see scenario names in Chinese; a group not listed here shows its id. */
export const GROUP_NAMES: Readonly<Record<string, string>> = {
  presale: '售前咨询',
  bargaining: '议价',
  logistics: '物流',
  aftersale: '售后',
  invoice: '发票',
  escalation: '转人工与跟进',
  common: '通用',
};

export function toolRoutes(): Router {
  const router = Router();

  router.post('/lint', (req, res) => {
    const { text, profile } = parseBody(LintBodySchema, req.body);
    const { shop } = shopOf(req);
    // Drafts are not counted in the metrics: only what an agent sent (agent-replies) is.
    const result = shopLinter(shop, profile).lint(text);
    res.json({ profile: profile ?? shop.profile, ...result });
  });

  router.post('/classify', (req, res) => {
    const { text } = parseBody(ClassifyBodySchema, req.body);
    const c = shopOf(req).classifier.classify(text);
    res.json({ intent: c.intent, confidence: c.confidence, abstain: c.abstain, secondary: c.secondary, ranking: c.ranking, entities: c.entities });
  });

  router.get('/scripts', (req, res) => {
    const scripts: QuickPhrase[] = shopOf(req)
      .scripts.all()
      .map((s) => {
        const group = s.id.split('.')[0]!;
        return { id: s.id, group, groupName: GROUP_NAMES[group] ?? group, description: s.description, variants: s.variants };
      });
    res.json({ scripts });
  });

  return router;
}
