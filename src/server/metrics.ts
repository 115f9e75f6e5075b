import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * kefu's Prometheus metrics on prom-client: the series the dashboards use (same names as before)
 * and, for a running server, the default process metrics operators alert on (event-loop lag, heap,
 * GC, open handles, CPU). Each app gets its own registry, so tests do not share counters.
 */

/** The content type Prometheus scrapes (text format 0.0.4). */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** A counter with typed labels; `value` reads one series back (tests, the notebooks). */
export interface LabelledCounter<L extends string> {
  inc(labels: Record<L, string>, by?: number): void;
  value(labels: Record<L, string>): Promise<number>;
}

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): LabelledCounter<L> {
  const metric = new Counter<L>({ name, help, labelNames, registers: [registry] });
  return {
    inc: (labels, by = 1) => metric.inc(labels as Partial<Record<L, string>>, by),
    async value(labels) {
      const { values } = await metric.get();
      const wanted = Object.entries(labels) as [L, string][];
      return values.find((v) => wanted.every(([k, want]) => v.labels[k] === want))?.value ?? 0;
    },
  };
}

export function createMetrics(options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  // Only `kefu serve` asks for them: they start timers and GC observers for the process.
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const turnDuration = new Histogram({
    name: 'kefu_turn_duration_seconds',
    help: 'Time to answer a buyer turn (store, engine, commit), in seconds.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    turns: counter(registry, 'kefu_turns_total', 'Buyer turns answered, by shop and recognised intent.', ['shop', 'intent'] as const),
    turnDuration: { observe: (seconds: number): void => turnDuration.observe(seconds) },
    lintViolations: counter(registry, 'kefu_lint_violations_total', 'Compliance violations in the replies human agents sent, by rule.', ['rule'] as const),
    handoffs: counter(registry, 'kefu_handoffs_total', 'Conversations handed to a human, by reason.', ['reason'] as const),
    httpErrors: counter(registry, 'kefu_http_errors_total', 'HTTP error answers, by error code.', ['code'] as const),
    replies: counter(
      registry,
      'kefu_replies_total',
      'Bot replies by source (script, or a gated LLM rephrasing) and, for a script used because the LLM text was refused, the fallback reason ("none" otherwise).',
      ['source', 'fallback'] as const,
    ),
    // used / (used + edited + ignored) per intent or script is the acceptance rate: which scripts agents trust.
    suggestionOutcomes: counter(
      registry,
      'kefu_suggestion_outcomes_total',
      "What agents did with the bot's suggestions (used as is, edited, ignored), by intent and script.",
      ['intent', 'script', 'outcome'] as const,
    ),
    webhookDeliveries: counter(registry, 'kefu_webhook_deliveries_total', 'Webhook delivery attempts, by outcome (delivered, retry, dead).', ['outcome'] as const),
    /** The whole registry in the text exposition format. */
    expose: (): Promise<string> => registry.metrics(),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
