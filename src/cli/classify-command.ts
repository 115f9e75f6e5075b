import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Classification } from '../nlu/classifier.ts';
import { cliClassifier } from './classifier-cache.ts';
import { CliUsageError, readUtf8Input, writeLine, type CliIo } from './io.ts';

export const CLASSIFY_HELP = `用法：kefu classify ["买家消息"] [选项]

识别买家消息的意图（44 种，见 src/nlu/intents.ts）和其中的实体（金额、折扣、订单号、电话、身高体重、尺码、天数日期、快递、颜色）。
给出消息文本时只识别这一条；否则从标准输入读取，每行一条。

选项：
  --format text|json   输出格式（默认 text）
  -h, --help           显示本帮助

示例：
  kefu classify "在吗 能便宜点吗 包邮吗"
  cat messages.txt | kefu classify --format json`;

function describe(c: Classification): string {
  const percent = `${Math.round(c.confidence * 100)}%`;
  const secondary = c.secondary.length > 0 ? `  另有：${c.secondary.join(', ')}` : '';
  const entities = c.entities.length > 0 ? `\n    实体：${c.entities.map((e) => `${e.type}=${e.text}`).join('  ')}` : '';
  const ranking = c.ranking.map((r) => `${r.intent} ${Math.round(r.confidence * 100)}%`).join(' / ');
  const unsure = c.abstain ? '  存疑：请先向买家确认' : '';
  return `${c.intent}  ${percent}${unsure}${secondary}\n    候选：${ranking}${entities}`;
}

export async function runClassify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    writeLine(io.stdout, CLASSIFY_HELP);
    return 0;
  }
  const format = z.enum(['text', 'json']).safeParse(values.format);
  if (!format.success) throw new CliUsageError(`未知的输出格式 "${values.format}"，可选：text、json`);
  if (positionals.length > 0 && positionals.join('').trim() === '') throw new CliUsageError('消息不能为空：请给出要识别的买家消息');
  const messages =
    positionals.length > 0
      ? [positionals.join(' ')]
      : (await readUtf8Input('-', io)).split(/\r?\n/).filter((line) => line.trim().length > 0);
  if (messages.length === 0) throw new CliUsageError('没有要识别的消息：请给出消息文本，或从标准输入每行输入一条');

  const classifier = cliClassifier(io);
  for (const text of messages) {
    const result = classifier.classify(text);
    if (format.data === 'json') writeLine(io.stdout, JSON.stringify({ text, ...result }));
    else writeLine(io.stdout, `${text}\n  → ${describe(result)}`);
  }
  return 0;
}
