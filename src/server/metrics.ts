/**
 * A small Prometheus registry written by hand (counters with labels and one histogram): the few
 * series kefu exposes do not justify a client library. Exposition format 0.0.4 (text).
 */

type Labels = Record<string, string>;

/** Label values may hold any text (Chinese, quotes): escape \, " and newlines as the format says. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatLabels(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  if (extra) pairs.push(`${extra[0]}="${extra[1]}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** Numbers as Prometheus writes them (+Inf, no exponent surprises for counts). */
function formatNumber(n: number): string {
  if (n === Infinity) return '+Inf';
  return String(n);
}

interface Metric {
  expose(): string;
}

export class Counter<L extends string> implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
  ) {}

  inc(labels: Record<L, string>, by = 1): void {
    const key = this.labelNames.map((l) => labels[l]).join('\u0000');
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels: Object.fromEntries(this.labelNames.map((l) => [l, labels[l]])), value: by });
  }

  get(labels: Record<L, string>): number {
    return this.values.get(this.labelNames.map((l) => labels[l]).join('\u0000'))?.value ?? 0;
  }

  expose(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${formatLabels(labels)} ${formatNumber(value)}`);
    return lines.join('\n');
  }
}

export class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    this.buckets.forEach((le, i) => {
      if (value <= le) this.counts[i]!++;
    });
  }

  expose(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket${formatLabels({}, ['le', formatNumber(le)])} ${this.counts[i]}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
    lines.push(`${this.name}_sum ${formatNumber(this.sum)}`);
    lines.push(`${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}

/** The content type Prometheus scrapes. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function createMetrics() {
  const turns = new Counter('kefu_turns_total', 'Buyer turns answered, by shop and recognised intent.', ['shop', 'intent'] as const);
  const turnDuration = new Histogram('kefu_turn_duration_seconds', 'Time to answer a buyer turn (store, engine, commit), in seconds.', [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
  ]);
  const lintViolations = new Counter('kefu_lint_violations_total', 'Compliance violations in the replies human agents sent, by rule.', ['rule'] as const);
  const handoffs = new Counter('kefu_handoffs_total', 'Conversations handed to a human, by reason.', ['reason'] as const);
  const httpErrors = new Counter('kefu_http_errors_total', 'HTTP error answers, by error code.', ['code'] as const);
  const replies = new Counter(
    'kefu_replies_total',
    'Bot replies by source (script, or a gated LLM rephrasing) and, for a script used because the LLM text was refused, the fallback reason ("none" otherwise).',
    ['source', 'fallback'] as const,
  );
  // used / (used + edited + ignored) per intent or script is the acceptance rate: which scripts agents trust.
  const suggestionOutcomes = new Counter(
    'kefu_suggestion_outcomes_total',
    'What agents did with the bot\'s suggestions (used as is, edited, ignored), by intent and script.',
    ['intent', 'script', 'outcome'] as const,
  );
  const all: Metric[] = [turns, turnDuration, lintViolations, handoffs, httpErrors, replies, suggestionOutcomes];
  return {
    suggestionOutcomes,
    turns,
    turnDuration,
    lintViolations,
    handoffs,
    httpErrors,
    replies,
    /** The whole registry in the text exposition format (ends with a newline). */
    expose: (): string => `${all.map((m) => m.expose()).join('\n')}\n`,
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
