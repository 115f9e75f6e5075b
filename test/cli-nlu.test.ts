import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kefu-data-'));
});

function run(args: string[], stdin = '') {
  return runCli(args, stdin, { KEFU_DATA_DIR: dataDir });
}

async function jsonl(lines: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kefu-eval-'));
  const path = join(dir, 'labelled.jsonl');
  await writeFile(path, lines.join('\n'));
  return path;
}

describe('kefu classify', () => {
  it('classifies a message given as argument, with secondary intents and entities', async () => {
    const r = await run(['classify', '在吗 能便宜点吗 包邮吗']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/→ bargain_generic {2}\d+% {2}另有：shipping_fee/);
  });

  it('reads stdin one message per line and prints JSON lines', async () => {
    const r = await run(['classify', '--format', 'json'], '身高165体重50穿什么码\n\n能发顺丰吗\n');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string; intent: string; entities: { type: string }[] });
    expect(lines.map((l) => l.intent)).toEqual(['size_advice', 'shipping_courier']);
    expect(lines[0]!.entities.map((e) => e.type)).toEqual(['height', 'weight']);
    expect(lines[1]!.entities.map((e) => e.type)).toEqual(['courier']);
  });

  it('marks a vague message as too unsure to act on, and a clear one not', async () => {
    const vague = await run(['classify', '那个颜色的怎么样']);
    expect(vague.stdout).toContain('存疑：请先向买家确认');
    const json = JSON.parse((await run(['classify', '--format', 'json', '那个颜色的怎么样'])).stdout) as { abstain: boolean; confidence: number };
    expect(json).toMatchObject({ abstain: true });
    expect(json.confidence).toBeLessThan(0.5);
    expect((await run(['classify', '能发顺丰吗'])).stdout).not.toContain('存疑');
  });

  it('caches the trained model under the data folder', async () => {
    await run(['classify', '有货吗']);
    expect((await readdir(join(dataDir, 'cache'))).some((f) => /^nlu-model-[0-9a-f]{16}\.json$/.test(f))).toBe(true);
  });

  it('rejects empty input and unknown formats', async () => {
    expect((await run(['classify'], '\n \n')).code).toBe(2);
    expect((await run(['classify', '--format', 'xml', '有货吗'])).stderr).toContain('未知的输出格式');
  });
});

describe('kefu eval', () => {
  it('prints accuracy, macro-F1, per-intent scores, confusions and misclassified lines', async () => {
    const file = await jsonl([
      '{"text": "能便宜点吗", "intent": "bargain_generic"}',
      '{"text": "有货吗", "intent": "stock"}',
      '{"text": "有货吗 还有M码吗", "intent": "gift"}',
      '',
    ]);
    const r = await run(['eval', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/样本数 3 {2}准确率 66\.7% {2}宏平均F1/);
    expect(r.stdout).toContain('gift → stock');
    expect(r.stdout).toMatch(/第3行 {2}有货吗 还有M码吗 {2}标注 gift，识别为 stock/);
  });

  it('prints JSON with --format json', async () => {
    const file = await jsonl(['{"text": "能便宜点吗", "intent": "bargain_generic"}']);
    const r = await run(['eval', file, '--format', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 1, accuracy: 1, misclassified: [] });
  });

  it('reports calibration: a reliability table, the ECE and the abstained answers, also in JSON', async () => {
    const file = await jsonl([
      '{"text": "能便宜点吗", "intent": "bargain_generic"}',
      '{"text": "能发顺丰吗", "intent": "shipping_courier"}',
      '{"text": "有货吗", "intent": "gift"}',
    ]);
    const text = await run(['eval', file]);
    expect(text.stdout).toContain('置信度校准');
    expect(text.stdout).toMatch(/0\.9–1\.0 +3 +\d+\.\d% +66\.7%/);
    expect(text.stdout).toMatch(/期望校准误差 ECE \d+\.\d%/);
    expect(text.stdout).toMatch(/存疑不执行（abstain）0 条/);
    const json = JSON.parse((await run(['eval', file, '--format', 'json'])).stdout) as {
      calibration: { total: number; ece: number; bins: { count: number; meanConfidence: number; accuracy: number }[] };
      abstention: { abstained: number; answered: number; answeredAccuracy: number };
    };
    expect(json.calibration.total).toBe(3);
    expect(json.calibration.bins).toHaveLength(10);
    const top = json.calibration.bins[9]!;
    expect(top).toMatchObject({ count: 3, accuracy: 2 / 3 });
    // ECE with one bin is |accuracy − mean confidence| there.
    expect(json.calibration.ece).toBeCloseTo(Math.abs(top.accuracy - top.meanConfidence), 10);
    expect(json.abstention).toMatchObject({ abstained: 0, answered: 3 });
  });

  it('rejects unknown intent ids and malformed lines with file:line, all at once', async () => {
    const file = await jsonl(['{"text": "有货吗", "intent": "stok"}', 'not json', '{"text": "有货吗"}', '{"text": "", "intent": "stock"}']);
    const r = await run(['eval', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:1: 未知的意图 "stok"`);
    expect(r.stderr).toContain(`${file}:2: 不是有效的 JSON`);
    expect(r.stderr).toContain(`${file}:3: 需要 {"text": "…", "intent": "…"}`);
    expect(r.stderr).toContain(`${file}:4:`);
    expect(r.stderr).toContain('有 4 行有误');
  });

  it.each([
    [['eval'], '请给出一个 JSONL 文件'],
    [['eval', '/nonexistent.jsonl'], '找不到文件'],
    [['eval', 'a', 'b'], '请给出一个 JSONL 文件'],
    [['eval', 'x.jsonl', '--top=-1'], '--top 需要一个非负整数'],
    [['eval', 'x.jsonl', '--top'], '选项 --top 的值有误'],
  ])('bad usage %j exits 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('reports a file with no labelled lines', async () => {
    const file = await jsonl(['', '  ']);
    expect((await run(['eval', file])).stderr).toContain('没有可评估的行');
  });
});
