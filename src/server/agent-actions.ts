import { createLinter } from '../compliance/linter.ts';
import type { LintResult } from '../compliance/schema.ts';
import { replyLintContext } from '../dialogue/lint-context.ts';
import type { StoredOwner } from '../store/types.ts';
import { conversationKey, type AppDeps } from './context.ts';
import { ownerOf, storedState, withOwnerChange } from './engine-state.ts';
import { notFound } from './errors.ts';
import type { ShopRuntime } from './shop-runtime.ts';

/**
 * What human agents do in a conversation: send a reply (stored and checked against the strict
 * profile, counted in the statistics) and join or leave (the orchestrator's owner). Both run in
 * the conversation's lock, so they never land in the middle of a buyer turn.
 */

export interface AgentReplyAnswer {
  seq: number;
  lint: LintResult;
  points: number;
}

export const penaltyPoints = (lint: LintResult): number => lint.violations.reduce((sum, v) => sum + (v.penaltyPoints ?? 0), 0);

export async function recordAgentReply(deps: AppDeps, runtime: ShopRuntime, conversationId: string, reply: { agent: string; text: string }): Promise<AgentReplyAnswer> {
  const { store, clock, metrics } = deps;
  const { shop } = runtime;
  return deps.lock.run(conversationKey(shop.id, conversationId), async () => {
    const record = await store.getConversation(shop.id, conversationId);
    if (!record) throw notFound();
    const productId = storedState(record)?.productId;
    // The strict profile whatever the shop's tone: what a human sent is judged like an automatic reply.
    const context = replyLintContext({
      shop,
      buyerId: record.buyerId,
      ownOrders: await runtime.orders.ordersOf(record.buyerId),
      product: shop.products.find((p) => p.id === productId),
    });
    const lint = createLinter({ profile: 'tmall', severities: shop.lintSeverities, context }).lint(reply.text);
    const points = penaltyPoints(lint);
    const findings = lint.violations.map((v) => ({ ruleId: v.ruleId, severity: v.severity, points: v.penaltyPoints ?? 0 }));
    const at = clock().toISOString();
    const stored = await store.appendMessage(shop.id, conversationId, {
      role: 'agent',
      text: reply.text,
      at,
      agent: reply.agent,
      meta: { errorCount: lint.errorCount, warningCount: lint.warningCount, points, violations: findings },
    });
    await store.appendEvents(shop.id, conversationId, [
      { kind: 'agent_reply', at, data: { agent: reply.agent, errorCount: lint.errorCount, warningCount: lint.warningCount, points, violations: findings } },
    ]);
    for (const v of lint.violations) metrics.lintViolations.inc({ rule: v.ruleId });
    return { seq: stored.seq, lint, points };
  });
}

export interface OwnerAnswer {
  previous: StoredOwner;
  owner: StoredOwner;
}

export async function changeOwner(deps: AppDeps, runtime: ShopRuntime, conversationId: string, change: { action: 'join' | 'leave'; agent: string }): Promise<OwnerAnswer> {
  const { store, clock } = deps;
  const shopId = runtime.shop.id;
  return deps.lock.run(conversationKey(shopId, conversationId), async () => {
    const record = await store.getConversation(shopId, conversationId);
    if (!record) throw notFound();
    const next = withOwnerChange(record, change.action);
    const owner = ownerOf(next);
    const at = clock().toISOString();
    await store.commitTurn({
      shopId,
      conversationId,
      expectedVersion: record.version,
      state: next,
      owner,
      updatedAt: at,
      messages: [],
      events: [{ kind: 'owner', at, data: { from: record.owner, to: owner, agent: change.agent, action: change.action } }],
    });
    return { previous: record.owner, owner };
  });
}
