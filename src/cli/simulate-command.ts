import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { StoryDeps } from '../dialogue/stories.ts';
import { createChatClient, LlmConfigError, loadLlmConfig } from '../llm/index.ts';
import { loadDemoOrderProvider } from '../orders/demo-provider.ts';
import { YamlFileError } from '../shop/load.ts';
import { loadTrainerKit, type TrainerKit } from '../trainer/kit.ts';
import { selfPlay, type SelfPlayReport } from '../trainer/self-play.ts';
import { llmVoice, poolVoice, type BuyerVoice } from '../trainer/voice.ts';
import type { Shop } from '../shop/schema.ts';
import { cliClassifier } from './classifier-cache.ts';
import { CliUsageError, writeLine, type CliIo } from './io.ts';

export const SIMULATE_HELP = `用法：kefu simulate [选项]

让模拟买家（scripts-library/personas/ 里的性格和场景）和机器人在本机对话（自对弈），
统计任务成功率、完成率、平均轮数、转人工率和违规回复数，并按场景和步骤列出失败的对话。
每段对话用和培训相同的评分卡打分。

选项：
  --dialogues N      对话数量（默认 100）
  --seed N           随机种子（默认 1；同一个种子结果相同）
  --scenario ID      只跑这个场景
  --format text|json 输出格式（默认 text）；json 为 {dialogues, success, completion, avgTurns, handoffRate, ruleBreaks, failures}
  --examples N       每组失败显示几段对话（默认 1，仅 text）
  --llm              买家的话由大模型按性格改写（需配置 OPENAI_BASE_URL、KEFU_LLM_MODEL）；
                     买家做什么、事实和结果仍由模拟器决定，改写丢了或改了事实就用话术池原句
  -h, --help         显示本帮助

退出码：0 没有违规回复；1 有违规回复；2 用法错误。`;

const Count = (name: string, min: number) =>
  z.coerce
    .number({ error: `${name} 应为整数` })
    .int(`${name} 应为整数`)
    .min(min, `${name} 至少为 ${min}`);

/** The trainer's data, with a usage error that names the file and line when it is broken. */
export async function cliTrainerKit(): Promise<TrainerKit> {
  try {
    return await loadTrainerKit();
  } catch (err) {
    if (err instanceof YamlFileError) throw new CliUsageError(`培训数据有误：${err.message}`);
    throw err;
  }
}

/** `--llm`: the model words the buyer's lines (OPENAI_BASE_URL, KEFU_LLM_MODEL …); otherwise the line pools. */
export function cliBuyerVoice(io: CliIo, llm: boolean, shop: Shop): BuyerVoice {
  if (!llm) return poolVoice;
  let config;
  try {
    config = loadLlmConfig(io.env ?? {});
  } catch (err) {
    if (err instanceof LlmConfigError) throw new CliUsageError(err.message);
    throw err;
  }
  if (!config) throw new CliUsageError('--llm 需要先配置 OPENAI_BASE_URL 和 KEFU_LLM_MODEL（见 .env.example）');
  return llmVoice(createChatClient(config), shop);
}

const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** A one-line progress bar on a terminal (stderr, redrawn in place). */
function progressBar(io: CliIo): ((done: number, total: number) => void) | undefined {
  const stream = io.stderr as NodeJS.WriteStream;
  if (!stream.isTTY) return undefined;
  let last = -1;
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    if (filled === last && done !== total) return;
    last = filled;
    stream.write(`\r模拟中 [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
}

function printText(io: CliIo, report: SelfPlayReport, seconds: number, examples: number): void {
  const out = io.stdout;
  writeLine(out, `模拟对话 ${report.dialogues} 段（用时 ${seconds.toFixed(1)} 秒）`);
  writeLine(out, `  任务成功率  ${percent(report.success)}`);
  writeLine(out, `  完成率      ${percent(report.completion)}`);
  writeLine(out, `  平均轮数    ${report.avgTurns}`);
  writeLine(out, `  转人工率    ${percent(report.handoffRate)}`);
  writeLine(out, `  违规回复    ${report.ruleBreaks}`);
  if (report.failures.length === 0) return;
  writeLine(out);
  writeLine(out, `失败（按场景和步骤，共 ${report.failures.reduce((n, f) => n + f.count, 0)} 段）：`);
  for (const f of report.failures) {
    writeLine(out, `  ${f.count} × ${f.scenario} / ${f.step}：${f.label}`);
    for (const example of f.examples.slice(0, examples)) {
      writeLine(out, `    （种子 ${example.seed}，性格 ${example.persona}）`);
      for (const line of example.transcript) writeLine(out, `      ${line}`);
    }
  }
}

export async function runSimulate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dialogues: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      scenario: { type: 'string' },
      format: { type: 'string', default: 'text' },
      examples: { type: 'string', default: '1' },
      llm: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeLine(io.stdout, SIMULATE_HELP);
    return 0;
  }
  const parsed = z
    .object({
      dialogues: Count('--dialogues', 1).max(100_000, '--dialogues 最多 100000'),
      seed: Count('--seed', 0),
      examples: Count('--examples', 0),
      format: z.enum(['text', 'json'], `未知的输出格式 "${values.format}"，可选：text、json`),
    })
    .safeParse(values);
  if (!parsed.success) throw new CliUsageError(parsed.error.issues[0]!.message);
  const options = parsed.data;
  const kit = await cliTrainerKit();
  let scenarios = kit.library.scenarios;
  if (values.scenario !== undefined) {
    const scenario = kit.library.scenario(values.scenario);
    if (!scenario) throw new CliUsageError(`没有场景 "${values.scenario}"（可用：${kit.library.scenarios.map((s) => s.id).join('、')}）`);
    scenarios = [scenario];
  }
  const voice = cliBuyerVoice(io, values.llm, kit.world.shop);
  const deps: StoryDeps = { classifier: cliClassifier(io), scripts: kit.scripts, shop: kit.world.shop, orders: loadDemoOrderProvider(kit.world.shop) };
  const started = performance.now();
  const onProgress = options.format === 'text' ? progressBar(io) : undefined;
  const { report } = await selfPlay(kit, deps, { dialogues: options.dialogues, seed: options.seed, scenarios, voice, ...(onProgress ? { onProgress } : {}) });
  const seconds = (performance.now() - started) / 1000;
  if (options.format === 'json') writeLine(io.stdout, JSON.stringify(report, null, 2));
  else printText(io, report, seconds, options.examples);
  return report.ruleBreaks > 0 ? 1 : 0;
}
