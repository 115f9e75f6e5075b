import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SelfPlayReport as Report } from '../src/trainer/self-play.ts';
import { runCli } from './helpers/run-cli.ts';

let env: Record<string, string>;
beforeAll(async () => {
  env = { KEFU_DATA_DIR: await mkdtemp(join(tmpdir(), 'kefu-simulate-')) };
});

describe('kefu simulate', () => {
  it('runs 1000 simulated buyers against the bot in under a minute with no rule broken', async () => {
    const started = Date.now();
    const r = await runCli(['simulate', '--dialogues', '1000', '--format', 'json'], '', env);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.dialogues).toBe(1000);
    expect(report.ruleBreaks).toBe(0);
    for (const rate of [report.success, report.completion, report.handoffRate]) {
      expect(rate).toBeGreaterThanOrEqual(0);
      expect(rate).toBeLessThanOrEqual(1);
    }
    expect(report.completion).toBeGreaterThanOrEqual(report.success);
    expect(report.avgTurns).toBeGreaterThanOrEqual(1);
    const failed = report.failures.reduce((n, f) => n + f.count, 0);
    expect(failed).toBe(Math.round((1 - report.success) * 1000));
    for (const f of report.failures) {
      expect(f.examples.length).toBeGreaterThan(0);
      expect(f.examples[0]!.transcript[0]).toMatch(/^买家：/);
    }
  }, 120_000);

  it('is deterministic for a seed', async () => {
    const a = await runCli(['simulate', '--dialogues', '60', '--seed', '9', '--format', 'json'], '', env);
    const b = await runCli(['simulate', '--dialogues', '60', '--seed', '9', '--format', 'json'], '', env);
    expect(a.stdout).toBe(b.stdout);
  });

  it('prints the figures and the failures with a transcript as text (no progress bar off a terminal)', async () => {
    const r = await runCli(['simulate', '--dialogues', '20', '--scenario', 'product_shelf_life', '--seed', '3'], '', env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/模拟对话 20 段/);
    expect(r.stdout).toMatch(/任务成功率 +\d+\.\d%/);
    expect(r.stdout).toMatch(/违规回复 +0/);
    expect(r.stderr).not.toContain('模拟中');
  });

  it('rejects bad options in Chinese', async () => {
    for (const [args, message] of [
      [['--dialogues', '0'], /--dialogues 至少为 1/],
      [['--dialogues', 'abc'], /--dialogues 应为整数/],
      [['--format', 'xml'], /未知的输出格式 "xml"/],
      [['--scenario', 'nope'], /没有场景 "nope"/],
    ] as const) {
      const r = await runCli(['simulate', ...args], '', env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
