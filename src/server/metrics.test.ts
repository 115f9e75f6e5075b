import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

// One line of the text exposition format: name, optional {labels}, value.
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? -?(\d+(\.\d+)?(e-?\d+)?|\+Inf)$/;

describe('metrics registry', () => {
  it('exposes every series with HELP and TYPE, in the Prometheus text format', async () => {
    const m = createMetrics();
    m.turns.inc({ shop: 'nuanyang-flagship', intent: 'stock' });
    m.turns.inc({ shop: 'nuanyang-flagship', intent: 'stock' });
    m.turns.inc({ shop: 'nuanyang-flagship', intent: 'bargain_excuse' });
    m.lintViolations.inc({ rule: 'polite-you' }, 3);
    m.handoffs.inc({ reason: 'outside_policy' });
    m.replies.inc({ source: 'script', fallback: 'timeout' });
    m.httpErrors.inc({ code: 'invalid_body' });
    m.turnDuration.observe(0.004);
    m.turnDuration.observe(0.03);
    m.turnDuration.observe(7);
    const text = (await m.expose());
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.trimEnd().split('\n')) {
      if (line === '') continue; // prom-client separates the metrics with a blank line
      if (line.startsWith('# ')) expect(line).toMatch(/^# (HELP|TYPE) kefu_[a-z_]+ .+$/);
      else expect(line).toMatch(SAMPLE);
    }
    expect(text).toContain('# TYPE kefu_turns_total counter');
    expect(text).toContain('kefu_turns_total{shop="nuanyang-flagship",intent="stock"} 2');
    expect(text).toContain('kefu_turns_total{shop="nuanyang-flagship",intent="bargain_excuse"} 1');
    expect(text).toContain('kefu_lint_violations_total{rule="polite-you"} 3');
    expect(text).toContain('kefu_handoffs_total{reason="outside_policy"} 1');
    expect(text).toContain('kefu_replies_total{source="script",fallback="timeout"} 1');
    expect(text).toContain('kefu_http_errors_total{code="invalid_body"} 1');
    expect(text).toContain('# TYPE kefu_turn_duration_seconds histogram');
  });

  it('keeps histogram buckets cumulative, with +Inf equal to the count and the sum of observations', async () => {
    const m = createMetrics();
    for (const v of [0.004, 0.03, 0.03, 0.2, 7]) m.turnDuration.observe(v);
    const text = (await m.expose());
    const bucket = (le: string) => Number(new RegExp(`kefu_turn_duration_seconds_bucket\\{le="${le.replace('+', '\\+')}"\\} (\\d+)`).exec(text)?.[1]);
    expect(bucket('0.005')).toBe(1);
    expect(bucket('0.025')).toBe(1);
    expect(bucket('0.05')).toBe(3);
    expect(bucket('0.25')).toBe(4);
    expect(bucket('5')).toBe(4);
    expect(bucket('+Inf')).toBe(5);
    expect(text).toContain('kefu_turn_duration_seconds_count 5');
    expect(Number(/kefu_turn_duration_seconds_sum (\S+)/.exec(text)?.[1])).toBeCloseTo(7.264, 6);
    const buckets = [...text.matchAll(/_bucket\{le="[^"]+"\} (\d+)/g)].map((x) => Number(x[1]));
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  });

  it('escapes label values (quotes, backslashes, newlines) and keeps Chinese as is', async () => {
    const m = createMetrics();
    m.turns.inc({ shop: '店"铺', intent: 'other' });
    expect((await m.expose())).toContain('kefu_turns_total{shop="店\\"铺",intent="other"} 1');
  });

  it('shows a counter without samples as HELP and TYPE only', async () => {
    const text = (await createMetrics().expose());
    expect(text).toContain('# TYPE kefu_handoffs_total counter');
    expect(text).not.toMatch(/^kefu_handoffs_total/m);
    expect(text).toContain('kefu_turn_duration_seconds_count 0');
  });
});

describe('process metrics', () => {
  it('adds the default process metrics when asked (kefu serve)', async () => {
    const text = await createMetrics({ processMetrics: true }).expose();
    for (const name of ['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_active_handles_total']) expect(text).toContain(`# TYPE ${name}`);
    expect(await createMetrics().expose()).not.toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('the Grafana dashboard (docs/grafana-dashboard.json)', () => {
  it('queries only series kefu serve exposes', async () => {
    const { readFileSync } = await import('node:fs');
    const dashboard = JSON.parse(readFileSync(new URL('../../docs/grafana-dashboard.json', import.meta.url), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const exposed = await createMetrics({ processMetrics: true }).expose();
    const names = new Set([...exposed.matchAll(/^# TYPE (\S+) (\w+)/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!])));
    const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\b((?:kefu|nodejs|process)_[a-z0-9_]+)/g)].map((m) => m[1]!)));
    expect(used.length).toBeGreaterThan(10);
    for (const name of used) expect(names, name).toContain(name);
  });
});
