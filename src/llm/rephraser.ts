/**
 * The optional LLM rephraser: makes a scripted reply sound natural, and may never make it worse.
 *
 * The caller (the dialogue engine) passes the chosen script text, placeholders filled and already
 * passed by the compliance gate, plus the buyer's message. Buyer data in both (phone numbers,
 * order ids, e-mails, WeChat/QQ handles, the receiver names and addresses the caller knows) is
 * masked as ⟦n⟧ before anything leaves (mask.ts). The model's answer is then gated, in order:
 *
 *   1. facts: every ⟦n⟧ token comes back exactly as often as it was sent, and, restored, the
 *      answer keeps every fact of the script (amounts, discounts, percentages, order ids,
 *      couriers, dates, day counts, sizes, colours, product names, links), turns no service
 *      statement around (暂时无货 → 有货), and adds no number, phone number, link, contact
 *      handle, e-mail, promise word or service statement (facts.ts)         → `facts_changed`
 *   2. the strict compliance linter (injected: the engine's gate) finds no error → `lint_error`
 *   3. form: mostly Chinese (an English answer fails) → `not_chinese`; length between 40% and
 *      200% of the script, with a little slack → `too_short` / `too_long`.
 *
 * A rejected first answer gets one retry whose prompt (masked too) names the violations. A
 * rejected second answer, or a timeout, HTTP error, 429, malformed or empty response on either
 * attempt (these are not retried: the buyer is waiting), ends in the script text itself
 * (`source: 'script'`) with the exact `fallbackReason`. Nothing the gate rejected is ever
 * returned. Each attempt has the configured timeout, so the worst case is two timeouts.
 */
import { z } from 'zod';
import { createChatClient, type ChatClient, type TransportFailure } from './client.ts';
import type { LlmConfig } from './config.ts';
import { compareFacts } from './facts.ts';
import { createMasker, type Masker } from './mask.ts';
import { buildMessages, buildRetryMessages, type ChatMessage } from './prompt.ts';

export const FallbackReasonSchema = z.enum([
  'facts_changed',
  'lint_error',
  'too_long',
  'too_short',
  'not_chinese',
  'timeout',
  'rate_limited',
  'http_error',
  'malformed',
  'empty',
]);
export type FallbackReason = z.infer<typeof FallbackReasonSchema>;

export type GateFailure = Extract<FallbackReason, 'facts_changed' | 'lint_error' | 'too_long' | 'too_short' | 'not_chinese'>;

/** The strict compliance check the engine gates every reply with. */
export type LintGate = (text: string) => { errorCount: number; violations: readonly { ruleId: string; message: string; severity?: string }[] };

export const RephraseInputSchema = z.object({
  /** The script reply as it would be sent. */
  original: z.string().trim().min(1, '待改写的话术不能为空'),
  buyerText: z.string(),
  /** The shop's tone, e.g. "亲切、专业". */
  tone: z.string().optional(),
  known: z
    .object({
      /** Receiver names of the buyer's orders: masked before sending. */
      names: z.array(z.string()).optional(),
      /** Receiver addresses of the buyer's orders: masked before sending. */
      addresses: z.array(z.string()).optional(),
      /** The shop's product names (full and short): each one the script names must stay. */
      productNames: z.array(z.string()).optional(),
    })
    .optional(),
});
export type RephraseInput = z.input<typeof RephraseInputSchema>;

export interface RephraseResult {
  /** The gated LLM text, or the original script text. */
  text: string;
  source: 'llm' | 'script';
  fallbackReason?: FallbackReason;
  /** Requests sent to the model (0 only when nothing could be sent). */
  attempts: number;
  /** What was wrong with the rejected answer(s), or the transport error; for logs and metrics. */
  problems?: string[];
}

export interface Rephraser {
  rephrase(input: RephraseInput): Promise<RephraseResult>;
}

const MIN_RATIO = 0.4;
const MAX_RATIO = 2;
/** Characters of slack on the bounds, so very short scripts can still be reworded. */
const MIN_SLACK = 2;
const MAX_SLACK = 10;
/** Share of CJK among letters below which an answer is not Chinese. */
const MIN_CJK_SHARE = 0.6;

/** Characters that count towards a reply's length (whitespace does not). */
function charCount(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

export function lengthBounds(original: string): { minChars: number; maxChars: number } {
  const n = charCount(original);
  return { minChars: Math.max(1, Math.floor(n * MIN_RATIO) - MIN_SLACK), maxChars: Math.ceil(n * MAX_RATIO) + MAX_SLACK };
}

function cjkShare(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  const latin = text.match(/[a-zA-Z\uff21-\uff3a\uff41-\uff5a]/g)?.length ?? 0;
  return cjk + latin === 0 ? 0 : cjk / (cjk + latin);
}

export type GateResult = { ok: true } | { ok: false; reason: GateFailure; problems: string[] };

/**
 * Checks one restored candidate against the original: facts, then the linter, then form.
 * `tokenProblems` are the masking problems of the answer (tokens missing, repeated or invented).
 */
export function gateCandidate(
  original: string,
  candidate: string,
  options: { lint: LintGate; productNames?: readonly string[]; tokenProblems?: readonly string[] },
): GateResult {
  const factProblems = [...(options.tokenProblems ?? []), ...compareFacts(original, candidate, { productNames: options.productNames ?? [] }).map((p) => p.message)];
  if (factProblems.length > 0) return { ok: false, reason: 'facts_changed', problems: factProblems };

  const lint = options.lint(candidate);
  if (lint.errorCount > 0) {
    const errors = lint.violations.filter((v) => v.severity === undefined || v.severity === 'error');
    return { ok: false, reason: 'lint_error', problems: errors.map((v) => `${v.message}（${v.ruleId}）`) };
  }

  if (cjkShare(original) >= MIN_CJK_SHARE && cjkShare(candidate) < MIN_CJK_SHARE) {
    return { ok: false, reason: 'not_chinese', problems: ['回复必须使用简体中文'] };
  }
  const { minChars, maxChars } = lengthBounds(original);
  const n = charCount(candidate);
  if (n < minChars) return { ok: false, reason: 'too_short', problems: [`回复太短（${n}字），至少需要${minChars}字`] };
  if (n > maxChars) return { ok: false, reason: 'too_long', problems: [`回复太长（${n}字），最多${maxChars}字`] };
  return { ok: true };
}

/** Models like to wrap a reply in quotes; the gate judges the reply itself. */
function unwrap(answer: string): string {
  const trimmed = answer.trim();
  // Only a quote around the whole reply: “好的”和“可以” keeps its quotes.
  const m = /^(["“「『'])([^"“”「」『』']*)(["”」』'])$/.exec(trimmed);
  return m ? m[2]!.trim() : trimmed;
}

/** How one request to the model ended: a gated text, no usable answer, or an answer the gate rejected. */
type AttemptOutcome =
  | { kind: 'ok'; text: string }
  | { kind: 'transport'; reason: TransportFailure; detail: string }
  | { kind: 'rejected'; reason: GateFailure; problems: string[]; answer: string };

/**
 * `deps.lint` is the strict compliance gate of the conversation (the engine's); `deps.client`
 * replaces the OpenAI client (e.g. to count requests), by default one built from `config`.
 */
export function createRephraser(config: LlmConfig, deps: { lint: LintGate; client?: ChatClient }): Rephraser {
  const client = deps.client ?? createChatClient(config);

  /** One attempt: ask, restore, gate. */
  async function attempt(
    messages: readonly ChatMessage[],
    masker: Masker,
    masked: string,
    original: string,
    productNames: readonly string[],
  ): Promise<AttemptOutcome> {
    const result = await client.complete(messages);
    if (!result.ok) return { kind: 'transport', reason: result.reason, detail: result.detail };
    const answer = unwrap(result.text);
    const restored = masker.restore(answer, masked);
    const gate = gateCandidate(original, restored.text, { lint: deps.lint, productNames, tokenProblems: restored.problems });
    if (gate.ok) return { kind: 'ok', text: restored.text };
    return { kind: 'rejected', reason: gate.reason, problems: gate.problems, answer };
  }

  return {
    async rephrase(rawInput) {
      const input = RephraseInputSchema.parse(rawInput);
      const { original } = input;
      const productNames = input.known?.productNames ?? [];
      const masker = createMasker({ names: input.known?.names ?? [], addresses: input.known?.addresses ?? [] });
      const masked = masker.mask(original);
      const first = buildMessages({ script: masked, buyerText: masker.mask(input.buyerText), tone: input.tone, ...lengthBounds(original) });
      const fallback = (reason: FallbackReason, attempts: number, problems: string[]): RephraseResult => ({
        text: original,
        source: 'script',
        fallbackReason: reason,
        attempts,
        problems,
      });

      const one = await attempt(first, masker, masked, original, productNames);
      if (one.kind === 'ok') return { text: one.text, source: 'llm', attempts: 1 };
      if (one.kind === 'transport') return fallback(one.reason, 1, [one.detail]);

      // The retry prompt goes to the model too: buyer data in the violations is masked like the rest.
      const retry = buildRetryMessages(first, masker.mask(one.answer), one.problems.map((p) => masker.mask(p)));
      const two = await attempt(retry, masker, masked, original, productNames);
      if (two.kind === 'ok') return { text: two.text, source: 'llm', attempts: 2, problems: one.problems };
      if (two.kind === 'transport') return fallback(two.reason, 2, [...one.problems, two.detail]);
      return fallback(two.reason, 2, [...one.problems, ...two.problems]);
    },
  };
}
