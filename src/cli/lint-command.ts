import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createLinter, UnknownRuleError, type Linter } from '../compliance/linter.ts';
import { describeZodError } from '../server/validate.ts';
import { jsonProblem, jsonProblemText } from '../text/json-error.ts';
import { displayWidth } from '../text/width.ts';
import { LintContextSchema, ProfileIdSchema, SeveritySchema, type LintContext, type Severity, type Violation } from '../compliance/schema.ts';
import { CliUsageError, readUtf8Input, writeLine, type CliIo } from './io.ts';

export const LINT_HELP = `用法：kefu lint [文件|-] [选项]

检查客服回复是否违反天猫/淘宝的服务规范（用语、承诺、发票、付款、站外联系、泄露信息、广告法用语等）。
默认每行是一条回复；不给文件或给 - 时从标准输入读取。

选项：
  --profile tmall|taobao   规则配置：tmall 严格（默认，自动回复使用），taobao 宽松（允许“亲”“哦”）；
                           默认值可用环境变量 KEFU_LINT_PROFILE 设置
  --fix                    自动修正可安全修正的问题：文件就地改写，标准输入则把修正后的文本写到标准输出
  --format text|json       输出格式（默认 text）
  --whole                  把整个输入当作一条回复，而不是每行一条
  --context 文件.json      上下文（买家、订单、运费模板、库存等），供需要上下文的规则使用
  --rule 规则=级别         覆盖某条规则的级别（error、warning、off），可重复，例如 --rule no-particle-o=off
  -h, --help               显示本帮助

退出码：0 没有错误级问题；1 仍有错误级问题；2 用法或输入有误。

示例：
  echo "你好，保证明天到哦" | kefu lint
  kefu lint replies.txt --profile taobao --format json
  kefu lint draft.txt --fix`;

const FormatSchema = z.enum(['text', 'json']);

interface LintedReply {
  line: number;
  text: string;
  violations: Violation[];
  fixed?: string;
}

async function loadContext(path: string | undefined): Promise<LintContext> {
  if (path === undefined) return {};
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new CliUsageError(`无法读取上下文文件：${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    const problem = jsonProblem(raw, err);
    throw new CliUsageError(`上下文文件 ${jsonProblemText(path, problem)} 不是有效的 JSON：${problem.message}`);
  }
  const parsed = LintContextSchema.safeParse(json);
  if (!parsed.success) {
    // The same Chinese wording as the API's (zod's own messages are English).
    throw new CliUsageError(`上下文文件 ${path} 的内容不符合格式：${describeZodError(parsed.error, json, '内容')}`);
  }
  return parsed.data;
}

/** Parses repeated `--rule id=severity` options. */
function parseRuleOverrides(entries: string[]): Record<string, Severity> {
  const overrides: Record<string, Severity> = {};
  for (const entry of entries) {
    const [id, level, ...rest] = entry.split('=');
    const severity = SeveritySchema.safeParse(level);
    if (!id || rest.length > 0 || !severity.success) {
      throw new CliUsageError(`--rule 的格式应为 规则=级别（级别为 error、warning 或 off），收到 "${entry}"`);
    }
    overrides[id] = severity.data;
  }
  return overrides;
}

function splitReplies(input: string, whole: boolean): { line: number; text: string }[] {
  if (whole) return [{ line: 1, text: input.replace(/\r?\n$/, '') }];
  return input
    .split(/\r?\n/)
    .map((text, i) => ({ line: i + 1, text }))
    .filter((r) => r.text.trim().length > 0);
}

const SEVERITY_ZH = { error: '错误', warning: '警告' } as const;

/** Prints each violation with its position, an underline under the flagged span, rule id and points. */
function printText(io: CliIo, source: string, replies: LintedReply[]): void {
  let errors = 0;
  let warnings = 0;
  let points = 0;
  for (const reply of replies) {
    for (const v of reply.violations) {
      if (v.severity === 'error') errors++;
      else warnings++;
      points += v.penaltyPoints ?? 0;
      // In per-line mode a reply is one line of the input; in --whole mode v.line is already the line.
      const lineNo = reply.line + v.line - 1;
      const lineText = reply.text.split(/\r?\n/)[v.line - 1] ?? '';
      const lineStart = reply.text.split(/\r?\n/).slice(0, v.line - 1).reduce((n, l) => n + l.length + 1, 0);
      const before = lineText.slice(0, v.start - lineStart);
      const flagged = lineText.slice(v.start - lineStart, v.end - lineStart);
      const pointsNote = v.penaltyPoints !== undefined ? `  扣${v.penaltyPoints}分` : '';
      writeLine(io.stdout, `${source}:${lineNo}:${v.column}  ${SEVERITY_ZH[v.severity]}  ${v.message}  [${v.ruleId}]${pointsNote}`);
      writeLine(io.stdout, `    ${lineText}`);
      writeLine(io.stdout, `    ${' '.repeat(displayWidth(before))}${'^'.repeat(Math.max(1, displayWidth(flagged)))}`);
      const suggestions = v.suggestions ?? [];
      if (v.fix) {
        const removed = reply.text.slice(v.fix.start, v.fix.end);
        const action = v.fix.text === '' ? `删除“${removed}”` : `改为“${v.fix.text}”`;
        writeLine(io.stdout, `    可自动修正：${action}（--fix）`);
      }
      for (const s of suggestions) writeLine(io.stdout, `    建议：${s.message}`);
    }
  }
  const total = errors + warnings;
  if (total === 0) {
    writeLine(io.stdout, `✔ ${replies.length} 条回复，没有发现问题`);
    return;
  }
  const pointsSummary = points > 0 ? `，若被判定违规最多扣 ${points} 分` : '';
  writeLine(io.stdout, `✖ ${replies.length} 条回复，${total} 个问题（${errors} 个错误，${warnings} 个警告）${pointsSummary}`);
}

function lintReplies(linter: Linter, replies: { line: number; text: string }[], fixing: boolean): LintedReply[] {
  return replies.map(({ line, text }) => {
    if (fixing) {
      const { output, violations } = linter.fix(text);
      return { line, text: output, violations, fixed: output };
    }
    const { violations, fixed } = linter.lint(text);
    return fixed === undefined ? { line, text, violations } : { line, text, violations, fixed };
  });
}

/** Rebuilds the input with each fixed reply put back on its own line. */
function rebuildFixed(input: string, replies: LintedReply[], whole: boolean): string {
  if (whole) return replies[0]?.fixed ?? input;
  const lines = input.split(/(?<=\n)/);
  for (const reply of replies) {
    const original = lines[reply.line - 1] ?? '';
    const ending = original.match(/\r?\n$/)?.[0] ?? '';
    if (reply.fixed !== undefined) lines[reply.line - 1] = reply.fixed + ending;
  }
  return lines.join('');
}

export async function runLint(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      profile: { type: 'string', default: io.env?.KEFU_LINT_PROFILE ?? 'tmall' },
      fix: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      whole: { type: 'boolean', default: false },
      context: { type: 'string' },
      rule: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeLine(io.stdout, LINT_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CliUsageError('一次只能检查一个文件（或用 - 表示标准输入）');
  const profile = ProfileIdSchema.safeParse(values.profile);
  if (!profile.success) throw new CliUsageError(`未知的规则配置 "${values.profile}"，可选：tmall、taobao`);
  const format = FormatSchema.safeParse(values.format);
  if (!format.success) throw new CliUsageError(`未知的输出格式 "${values.format}"，可选：text、json`);

  const path = positionals[0] ?? '-';
  const input = await readUtf8Input(path, io);
  const replies = splitReplies(input, values.whole);
  if (replies.length === 0) throw new CliUsageError(`${path === '-' ? '标准输入' : path} 是空的：没有可检查的回复`);

  let linter: Linter;
  try {
    linter = createLinter({
      profile: profile.data,
      context: await loadContext(values.context),
      severities: parseRuleOverrides(values.rule),
    });
  } catch (err) {
    if (err instanceof UnknownRuleError) throw new CliUsageError(err.message);
    throw err;
  }
  const results = lintReplies(linter, replies, values.fix);

  if (values.fix) {
    const output = rebuildFixed(input, results, values.whole);
    if (path === '-') io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    else await writeFile(path, output, 'utf8');
  }
  // With --fix on stdin the fixed text owns stdout, so the report goes to stderr.
  const reportIo = values.fix && path === '-' ? { ...io, stdout: io.stderr } : io;
  if (format.data === 'json') {
    writeLine(reportIo.stdout, JSON.stringify({ file: path, replies: results }, null, 2));
  } else {
    printText(reportIo, path === '-' ? '<stdin>' : path, results);
  }
  return results.some((r) => r.violations.some((v) => v.severity === 'error')) ? 1 : 0;
}
