import { parseArgs } from 'node:util';
import { z } from 'zod';
import { reliability, type Reliability } from '../nlu/calibration.ts';
import { isIntentId, type IntentId } from '../nlu/intents.ts';
import { evaluate, type Evaluation } from '../nlu/metrics.ts';
import { cliClassifier } from './classifier-cache.ts';
import { CliUsageError, readUtf8Input, writeLine, type CliIo } from './io.ts';

export const EVAL_HELP = `用法：kefu eval 文件.jsonl [选项]

用您自己标注好的聊天记录评估意图识别：文件每行一个 JSON，例如
  {"text": "能便宜点吗", "intent": "bargain_generic"}
输出准确率、宏平均 F1、各意图的精确率/召回率/样本数、置信度校准（分箱可靠性表和期望校准误差 ECE）、
存疑（abstain）答案的比例、最常混淆的意图对，以及识别错的行。

选项：
  --format text|json   输出格式（默认 text）
  --top N              最多列出多少个混淆对和错误行（默认 20）
  -h, --help           显示本帮助

意图 id 必须是 src/nlu/intents.ts 中的 44 个之一；格式错误或未知意图会指出文件和行号。`;

const LineSchema = z.object({ text: z.string().min(1), intent: z.string().min(1) });

interface LabelledLine {
  line: number;
  text: string;
  intent: IntentId;
}

/** Parses a JSONL file of labelled messages; every problem is reported with file:line, all at once. */
export function parseLabelledJsonl(source: string, file: string): LabelledLine[] {
  const out: LabelledLine[] = [];
  const problems: string[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      problems.push(`${file}:${line}: 不是有效的 JSON`);
      return;
    }
    const parsed = LineSchema.safeParse(json);
    if (!parsed.success) {
      problems.push(`${file}:${line}: 需要 {"text": "…", "intent": "…"}（${parsed.error.issues.map((x) => x.path.join('.') || '行').join('、')} 有误）`);
      return;
    }
    if (!isIntentId(parsed.data.intent)) {
      problems.push(`${file}:${line}: 未知的意图 "${parsed.data.intent}"`);
      return;
    }
    out.push({ line, text: parsed.data.text, intent: parsed.data.intent });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join('\n');
    throw new CliUsageError(`${file} 有 ${problems.length} 行有误：\n${shown}${problems.length > 20 ? '\n…' : ''}`);
  }
  if (out.length === 0) throw new CliUsageError(`${file} 没有可评估的行`);
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** How the answers flagged `abstain` (too unsure to act on) compare with the others. */
export interface AbstentionSummary {
  abstained: number;
  /** Of the abstained answers, how many were right anyway. */
  abstainedCorrect: number;
  answered: number;
  /** Accuracy of the answers not flagged. */
  answeredAccuracy: number;
}

export function summarizeAbstention(results: readonly { abstain: boolean; correct: boolean }[]): AbstentionSummary {
  const flagged = results.filter((r) => r.abstain);
  const answered = results.length - flagged.length;
  const answeredCorrect = results.filter((r) => !r.abstain && r.correct).length;
  return {
    abstained: flagged.length,
    abstainedCorrect: flagged.filter((r) => r.correct).length,
    answered,
    answeredAccuracy: answered === 0 ? 0 : answeredCorrect / answered,
  };
}

function printCalibration(io: CliIo, calibration: Reliability, abstention: AbstentionSummary): void {
  writeLine(io.stdout, '\n置信度校准（按置信度分箱）：');
  writeLine(io.stdout, `  ${'置信度'.padEnd(11)}${'样本数'.padEnd(7)}${'平均置信度'.padEnd(8)}准确率`);
  for (const b of calibration.bins) {
    if (b.count === 0) continue;
    const range = `${b.from.toFixed(1)}–${b.to.toFixed(1)}`;
    writeLine(io.stdout, `  ${range.padEnd(14)}${String(b.count).padEnd(10)}${pct(b.meanConfidence).padEnd(13)}${pct(b.accuracy)}`);
  }
  writeLine(io.stdout, `  期望校准误差 ECE ${pct(calibration.ece)}（越小越好：置信度与实际准确率之差的加权平均）`);
  const share = calibration.total === 0 ? 0 : abstention.abstained / calibration.total;
  writeLine(
    io.stdout,
    `  存疑不执行（abstain）${abstention.abstained} 条（${pct(share)}，其中 ${abstention.abstainedCorrect} 条其实识别对了）；其余 ${abstention.answered} 条准确率 ${pct(abstention.answeredAccuracy)}`,
  );
}

function printReport(
  io: CliIo,
  ev: Evaluation,
  calibration: Reliability,
  abstention: AbstentionSummary,
  misses: { line: number; text: string; gold: string; predicted: string; confidence: number }[],
  top: number,
): void {
  writeLine(io.stdout, `样本数 ${ev.total}  准确率 ${pct(ev.accuracy)}  宏平均F1 ${pct(ev.macroF1)}  ECE ${pct(calibration.ece)}`);
  writeLine(io.stdout, '');
  writeLine(io.stdout, `${'意图'.padEnd(22)}精确率   召回率   F1       样本数`);
  for (const s of ev.perIntent) {
    writeLine(io.stdout, `${s.intent.padEnd(24)}${pct(s.precision).padEnd(9)}${pct(s.recall).padEnd(9)}${pct(s.f1).padEnd(9)}${s.support}`);
  }
  printCalibration(io, calibration, abstention);
  if (ev.confusions.length > 0) {
    writeLine(io.stdout, '\n最常混淆（标注 → 识别）：');
    for (const c of ev.confusions.slice(0, top)) writeLine(io.stdout, `  ${c.gold} → ${c.predicted}  ${c.count}`);
  }
  if (misses.length > 0) {
    writeLine(io.stdout, '\n识别错的行：');
    for (const m of misses.slice(0, top)) {
      writeLine(io.stdout, `  第${m.line}行  ${m.text}  标注 ${m.gold}，识别为 ${m.predicted}（${Math.round(m.confidence * 100)}%）`);
    }
    if (misses.length > top) writeLine(io.stdout, `  …另有 ${misses.length - top} 行（--top 可调整）`);
  }
}

export async function runEval(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      top: { type: 'string', default: '20' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeLine(io.stdout, EVAL_HELP);
    return 0;
  }
  const format = z.enum(['text', 'json']).safeParse(values.format);
  if (!format.success) throw new CliUsageError(`未知的输出格式 "${values.format}"，可选：text、json`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 0) throw new CliUsageError(`--top 需要一个非负整数，收到 "${values.top}"`);
  if (positionals.length !== 1) throw new CliUsageError('请给出一个 JSONL 文件（或用 - 表示标准输入）');
  const file = positionals[0]!;
  const lines = parseLabelledJsonl(await readUtf8Input(file, io), file);

  const classifier = cliClassifier(io);
  const results = lines.map((l) => ({ ...l, result: classifier.classify(l.text) }));
  const ev = evaluate(results.map((r) => ({ gold: r.intent, predicted: r.result.intent })));
  const scored = results.map((r) => ({ confidence: r.result.confidence, correct: r.result.intent === r.intent, abstain: r.result.abstain }));
  const calibration = reliability(scored);
  const abstention = summarizeAbstention(scored);
  const misses = results
    .filter((r) => r.result.intent !== r.intent)
    .map((r) => ({ line: r.line, text: r.text, gold: r.intent, predicted: r.result.intent, confidence: r.result.confidence }));
  if (format.data === 'json') writeLine(io.stdout, JSON.stringify({ ...ev, calibration, abstention, misclassified: misses }, null, 2));
  else printReport(io, ev, calibration, abstention, misses, top);
  return 0;
}
