import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HandoffSchema } from '../../flows/protocol.ts';
import { isIntentId } from '../nlu/intents.ts';
import { DEMO_NOW } from '../orders/demo-provider.ts';
import { formatPath, parseLocatedYaml, sortProblems, YamlFileError, type DataPath, type FileProblem } from '../shop/load.ts';
import { newConversation, respond, setOwner, type ConversationState, type EngineDeps, type Owner, type TurnResult } from './engine.ts';
import type { ScriptsLibrary } from './scripts.ts';

/**
 * Conversation stories: scripted chats with what the engine must answer at each turn, written
 * in YAML by the people who own the scripts and the flows (test/stories/*.yaml).
 *
 * ```yaml
 * - name: 借口型议价：第一次婉拒，第二次送券
 *   buyer: tb_buyer_anna            # default tb_buyer_anna
 *   mode: auto                      # auto | assist
 *   now: 2025-11-20T14:30:00+08:00  # default DEMO_NOW
 *   known_issue: …                  # the engine is known to answer this wrongly (reported, not a failure)
 *   turns:
 *     - buyer: 羊毛大衣能便宜点吗
 *       expect: { intent: bargain_generic, state: bot/bargaining.*, script: bargaining.generic_decline_promotion }
 *     - agent: join                 # or leave: a human takes the chat over / hands it back
 * ```
 *
 * Expectations (all optional, every one that is given must hold):
 * - `intent`: the primary intent id (an id of src/nlu/intents.ts; unknown ids are a load error).
 * - `state`: `owner/flow.state` exactly, or a prefix ending in `*` (`bot/bargaining.*`).
 * - `script`: the script id(s) of the first reply; `a+b` or a part ending in `*` allowed. Each
 *   expected part must be one of the reply's parts (`presale.stock.size_in_stock` matches
 *   `presale.stock.size_in_stock+presale.nudge.order`).
 * - `reply_contains`: text(s) that the first reply (the one sent, or the first suggestion) contains.
 * - `reply_not_contains`: text(s) that no reply candidate contains.
 * - `remark_contains` / `promise_contains`: text(s) each found in some remark / promise of the turn.
 * - `remark_order`: some remark of the turn is on this order (quote the id: 19 digits are too many for a YAML number).
 * - `no_remark: true`: the turn proposes no remark.
 * - `handoff`: the hand-off reason of this turn, or `false` for none.
 * - `owner`: bot | pending | agent; `delivery`: send | suggest.
 * Every reply candidate of every turn must also pass the compliance linter (0 errors).
 *
 * This module loads and runs stories; it prints nothing (see src/cli/test-flows-command.ts).
 */

export const DEFAULT_STORY_BUYER = 'tb_buyer_anna';

/** A story file that cannot be used: every problem as `file:line: message`. */
export class StoryFileError extends YamlFileError {
  constructor(file: string, problems: readonly FileProblem[]) {
    super(file, problems);
    this.name = 'StoryFileError';
  }
}

// ---------------------------------------------------------------- format

/** YAML reads `- buyer: 163` as a number: a message or a text to look for is always a string. */
const Text = z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1, '不能为空'));
const Texts = z.union([Text, z.array(Text).min(1, '至少写一项')]).transform((v) => (Array.isArray(v) ? v : [v]));

const OWNERS = ['bot', 'pending', 'agent'] as const satisfies readonly Owner[];
const HandoffReasonSchema = HandoffSchema.shape.reason;

const StatePattern = z
  .string()
  .regex(/^(bot|pending|agent)\/[^*\s]*\*?$/, '格式为 owner/flow.state（owner 为 bot、pending 或 agent），只能在末尾用 * 表示前缀');

const ScriptPattern = z
  .string()
  .regex(/^[a-z][a-z0-9_.]*\*?(\+[a-z][a-z0-9_.]*\*?)*$/, '格式为话术 id，多个用 + 连接，只能在末尾用 * 表示前缀');

export const ExpectSchema = z.strictObject({
  intent: z.string().refine(isIntentId, { error: (issue) => `未知的意图 "${String(issue.input)}"（见 src/nlu/intents.ts）` }).optional(),
  state: StatePattern.optional(),
  script: ScriptPattern.optional(),
  reply_contains: Texts.optional(),
  reply_not_contains: Texts.optional(),
  remark_contains: Texts.optional(),
  remark_order: z.string('订单号请加引号（19 位数字超出 YAML 数字的精度）').regex(/^\d+$/, '应为订单号（数字）').optional(),
  promise_contains: Texts.optional(),
  no_remark: z.literal(true, '只能写 true（不写表示不检查）').optional(),
  handoff: z.union([HandoffReasonSchema, z.literal(false)], `应为 false 或转人工原因之一：${HandoffReasonSchema.options.join('、')}`).optional(),
  owner: z.enum(OWNERS).optional(),
  delivery: z.enum(['send', 'suggest']).optional(),
});
export type Expectations = z.output<typeof ExpectSchema>;
export type ExpectationKey = keyof Expectations;
export const EXPECTATION_KEYS = Object.keys(ExpectSchema.shape) as ExpectationKey[];

const StepSchema = z
  .strictObject({
    buyer: Text.optional(),
    agent: z.enum(['join', 'leave']).optional(),
    expect: ExpectSchema.optional(),
  })
  .superRefine((step, ctx) => {
    if ((step.buyer === undefined) === (step.agent === undefined)) {
      ctx.addIssue({ code: 'custom', message: '每一步写 buyer（买家消息）或 agent（join | leave）之一' });
    } else if (step.agent !== undefined && step.expect !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['expect'], message: 'agent 步骤没有回复，不能写 expect' });
    }
    if (step.expect?.no_remark === true && (step.expect.remark_contains !== undefined || step.expect.remark_order !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['expect', 'no_remark'], message: 'no_remark 和 remark_contains、remark_order 不能同时写' });
    }
  });

const StorySchema = z.strictObject({
  name: Text,
  buyer: z.string().regex(/^[\w.-]{1,64}$/, '买家ID只能包含字母、数字、_ . -').default(DEFAULT_STORY_BUYER),
  mode: z.enum(['auto', 'assist']).default('auto'),
  now: z.iso.datetime({ offset: true, error: '应为带时区的 ISO 时间，例如 2025-11-20T14:30:00+08:00' }).optional(),
  known_issue: Text.optional(),
  turns: z.array(StepSchema).min(1, '至少要有一步'),
});

const StoryFileSchema = z.array(StorySchema, '故事文件应是一个列表：每项以 "- name: …" 开头');

export type StoryStep =
  | { kind: 'buyer'; line: number; text: string; expect: Expectations }
  | { kind: 'agent'; line: number; event: 'join' | 'leave' };

export interface Story {
  file: string;
  line: number;
  name: string;
  buyer: string;
  mode: 'auto' | 'assist';
  now: Date;
  knownIssue?: string;
  steps: StoryStep[];
}

export interface StoryLoadOptions {
  /** When given, every script id an expectation names must exist in it. */
  scripts?: ScriptsLibrary;
}

/** zod's issue in the story writer's terms (and for an unknown key, the key's own line). */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): { path: DataPath; message: string } {
  const path = issue.path;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && valueAt(data, path) === undefined) return { path, message: '缺少此项' };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const isExpect = path.at(-1) === 'expect';
      const known = isExpect ? EXPECTATION_KEYS : path.at(-2) === 'turns' ? ['buyer', 'agent', 'expect'] : Object.keys(StorySchema.shape);
      return {
        path: [...path, key],
        message: `${isExpect ? '未知的期望' : '未知的字段'} "${issue.keys.join('", "')}"（可用：${known.join('、')}）`,
      };
    }
    case 'invalid_type':
      return { path, message: issue.message.startsWith('Invalid input') ? `应为 ${issue.expected}` : issue.message };
    case 'invalid_union':
      return { path, message: issue.message.startsWith('Invalid input') ? '应为文字（或文字的列表）' : issue.message };
    case 'invalid_value':
      return { path, message: issue.message.startsWith('Invalid option') ? `应为 ${issue.values.map(String).join('、')} 之一` : issue.message };
    default:
      return { path, message: issue.message };
  }
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || typeof key === 'symbol') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function scriptProblem(expected: string, scripts: ScriptsLibrary): string | undefined {
  const ids = scripts.all().map((s) => s.id);
  for (const part of expected.split('+')) {
    const known = part.endsWith('*') ? ids.some((id) => id.startsWith(part.slice(0, -1))) : ids.includes(part);
    if (!known) return `未知的话术 "${part}"（见 scripts-library/*.yaml）`;
  }
  return undefined;
}

/** Parses one story file; throws StoryFileError listing every problem with its line. */
export function parseStoryFile(source: string, file: string, options: StoryLoadOptions = {}): Story[] {
  const fail = (f: string, problems: FileProblem[]) => new StoryFileError(f, problems);
  const yaml = parseLocatedYaml(source, file, fail);
  if (yaml.data === null || yaml.data === undefined) throw fail(file, [{ line: 1, message: '文件里没有故事' }]);
  const parsed = StoryFileSchema.safeParse(yaml.data);
  if (!parsed.success) {
    throw fail(
      file,
      sortProblems(
        parsed.error.issues.map((issue) => {
          const { path, message } = describeIssue(issue, yaml.data);
          return { line: yaml.lineOf(path), message: `${formatPath(path)}: ${message}` };
        }),
      ),
    );
  }

  const problems: FileProblem[] = [];
  const add = (path: DataPath, message: string) => problems.push({ line: yaml.lineOf(path), message: `${formatPath(path)}: ${message}` });
  const seen = new Map<string, number>();
  const stories = parsed.data.map((raw, i): Story => {
    const line = yaml.lineOf([i]);
    const earlier = seen.get(raw.name);
    if (earlier !== undefined) add([i, 'name'], `故事名称重复（第 ${earlier} 行已有 "${raw.name}"）`);
    else seen.set(raw.name, line);
    const steps = raw.turns.map((step, j): StoryStep => {
      const stepLine = yaml.lineOf([i, 'turns', j]);
      if (step.agent !== undefined) return { kind: 'agent', line: stepLine, event: step.agent };
      const expect = step.expect ?? {};
      if (options.scripts && expect.script !== undefined) {
        const problem = scriptProblem(expect.script, options.scripts);
        if (problem) add([i, 'turns', j, 'expect', 'script'], problem);
      }
      return { kind: 'buyer', line: stepLine, text: step.buyer ?? '', expect };
    });
    return {
      file,
      line,
      name: raw.name,
      buyer: raw.buyer,
      mode: raw.mode,
      now: raw.now === undefined ? new Date(DEMO_NOW.getTime()) : new Date(raw.now),
      ...(raw.known_issue === undefined ? {} : { knownIssue: raw.known_issue }),
      steps,
    };
  });
  if (problems.length > 0) throw fail(file, sortProblems(problems));
  return stories;
}

export function loadStoryFile(path: string, options: StoryLoadOptions = {}): Story[] {
  return parseStoryFile(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), path, options);
}

const isStoryFile = (name: string): boolean => name.endsWith('.yaml') || name.endsWith('.yml');

/** The story files of a folder (sorted by name), or the file itself when given a file. */
export function storyFilesIn(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter(isStoryFile)
    .sort()
    .map((name) => join(path, name));
}

// ---------------------------------------------------------------- running

export interface ExpectationFailure {
  /** The expectation key, `lint` for a reply that fails the linter, `engine` when the engine threw. */
  expectation: ExpectationKey | 'lint' | 'engine';
  expected: string;
  actual: string;
}

/** What the engine did on a buyer turn, for reports. */
export interface TurnSummary {
  intent: string;
  state: string;
  script: string;
  reply: string;
  owner: Owner;
  delivery: TurnResult['delivery'];
  handoff: string | null;
  remarks: string[];
  promises: string[];
}

export interface StepOutcome {
  /** 1-based position of the step in the story. */
  step: number;
  line: number;
  kind: 'buyer' | 'agent';
  /** The buyer's message, or the agent event. */
  text: string;
  /** Not run because the engine failed on an earlier step. */
  skipped: boolean;
  failures: ExpectationFailure[];
  actual?: TurnSummary;
}

export type StoryStatus = 'passed' | 'failed' | 'known_issue' | 'known_issue_fixed';

export interface StoryResult {
  story: Story;
  /** `known_issue`: marked and still failing; `known_issue_fixed`: marked but now passing (remove the mark). */
  status: StoryStatus;
  steps: StepOutcome[];
}

/** Everything the engine needs but the clock, which each story sets. */
export type StoryDeps = Omit<EngineDeps, 'clock'>;

const NONE = '（无）';
const list = (items: readonly string[]): string => (items.length === 0 ? NONE : items.map((t) => `“${t}”`).join('、'));

function scriptMatches(expected: string, actual: string): boolean {
  const parts = actual.split('+');
  return expected.split('+').every((want) => (want.endsWith('*') ? parts.some((p) => p.startsWith(want.slice(0, -1))) : parts.includes(want)));
}

const stateMatches = (expected: string, actual: string): boolean =>
  expected.endsWith('*') ? actual.startsWith(expected.slice(0, -1)) : actual === expected;

function summarize(r: TurnResult): TurnSummary {
  return {
    intent: r.intent,
    state: r.state,
    script: r.replies[0]?.scriptId ?? '',
    reply: r.replies[0]?.text ?? '',
    owner: r.owner,
    delivery: r.delivery,
    handoff: r.handoff?.reason ?? null,
    remarks: r.remarks.map((m) => (m.orderId ? `${m.text}（订单 ${m.orderId}）` : m.text)),
    promises: r.promises.map((p) => p.text),
  };
}

/** Every expectation of a turn against the engine's result; an empty list when all hold. */
export function checkTurn(expect: Expectations, r: TurnResult): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  const fail = (expectation: ExpectationFailure['expectation'], expected: string, actual: string) => failures.push({ expectation, expected, actual });
  const first = r.replies[0];
  const script = first?.scriptId ?? '';

  if (expect.intent !== undefined && r.intent !== expect.intent) {
    fail('intent', expect.intent, `${r.intent}（${Math.round(r.confidence * 100)}%）`);
  }
  if (expect.state !== undefined && !stateMatches(expect.state, r.state)) fail('state', expect.state, r.state);
  if (expect.script !== undefined && !scriptMatches(expect.script, script)) fail('script', expect.script, script || NONE);
  for (const text of expect.reply_contains ?? []) {
    if (!first?.text.includes(text)) fail('reply_contains', `回复包含“${text}”`, first ? `“${first.text}”` : NONE);
  }
  for (const text of expect.reply_not_contains ?? []) {
    const offending = r.replies.find((c) => c.text.includes(text));
    if (offending) fail('reply_not_contains', `回复不含“${text}”`, `“${offending.text}”`);
  }
  const remarks = r.remarks.map((m) => m.text);
  for (const text of expect.remark_contains ?? []) {
    if (!remarks.some((m) => m.includes(text))) fail('remark_contains', `备注包含“${text}”`, list(remarks));
  }
  if (expect.remark_order !== undefined && !r.remarks.some((m) => m.orderId === expect.remark_order)) {
    const on = r.remarks.map((m) => (m.orderId ? `订单 ${m.orderId}` : '不在订单上'));
    fail('remark_order', `订单 ${expect.remark_order} 上有备注`, on.length === 0 ? '（无备注）' : on.join('、'));
  }
  if (expect.no_remark === true && remarks.length > 0) fail('no_remark', '没有备注', list(remarks));
  const promises = r.promises.map((p) => p.text);
  for (const text of expect.promise_contains ?? []) {
    if (!promises.some((p) => p.includes(text))) fail('promise_contains', `承诺包含“${text}”`, list(promises));
  }
  if (expect.handoff !== undefined) {
    const actual = r.handoff?.reason ?? false;
    if (actual !== expect.handoff) fail('handoff', expect.handoff === false ? '不转人工' : expect.handoff, actual === false ? '不转人工' : actual);
  }
  if (expect.owner !== undefined && r.owner !== expect.owner) fail('owner', expect.owner, r.owner);
  if (expect.delivery !== undefined && r.delivery !== expect.delivery) fail('delivery', expect.delivery, r.delivery);

  // Always: no candidate may fail the compliance linter.
  r.replies.forEach((c, i) => {
    if (c.lint.errorCount > 0) {
      const rules = [...new Set(c.lint.violations.filter((v) => v.severity === 'error').map((v) => v.ruleId))].join(', ');
      fail('lint', '0 个错误', `候选 ${i + 1} 有 ${c.lint.errorCount} 个错误（${rules}）：“${c.text}”`);
    }
  });
  return failures;
}

/**
 * Plays a story against the engine, turn by turn, from a fresh conversation at the story's
 * time. A failed expectation is recorded, never thrown; when the engine itself throws, the
 * step records it and the remaining steps are skipped.
 */
export async function runStory(story: Story, deps: StoryDeps): Promise<StoryResult> {
  const engine: EngineDeps = { ...deps, clock: () => new Date(story.now.getTime()) };
  let conversation: ConversationState | undefined;
  let broken = false;
  const steps: StepOutcome[] = [];
  for (const [index, step] of story.steps.entries()) {
    const base = { step: index + 1, line: step.line, kind: step.kind, text: step.kind === 'buyer' ? step.text : step.event };
    if (broken) {
      steps.push({ ...base, skipped: true, failures: [] });
      continue;
    }
    try {
      if (step.kind === 'agent') {
        conversation = setOwner(conversation ?? newConversation(story.buyer), step.event === 'join' ? 'AGENT_JOINED' : 'AGENT_LEFT');
        steps.push({ ...base, skipped: false, failures: [] });
        continue;
      }
      const turn = await respond(conversation, { buyerId: story.buyer, text: step.text, mode: story.mode }, engine);
      conversation = turn.conversation;
      steps.push({ ...base, skipped: false, failures: checkTurn(step.expect, turn.result), actual: summarize(turn.result) });
    } catch (err) {
      broken = true;
      const message = err instanceof Error ? err.message : String(err);
      steps.push({ ...base, skipped: false, failures: [{ expectation: 'engine', expected: '正常回复', actual: `出错：${message}` }] });
    }
  }
  const failed = steps.some((s) => s.failures.length > 0);
  const status: StoryStatus = story.knownIssue === undefined ? (failed ? 'failed' : 'passed') : failed ? 'known_issue' : 'known_issue_fixed';
  return { story, status, steps };
}

/** `script：期望 a，实际 b` */
export function formatFailure(f: ExpectationFailure): string {
  return `${f.expectation}：期望 ${f.expected}，实际 ${f.actual}`;
}

/** A story result's failing steps as readable lines (for test messages and the CLI). */
export function describeFailures(result: StoryResult): string[] {
  const lines: string[] = [];
  for (const s of result.steps) {
    if (s.failures.length === 0) continue;
    const who = s.kind === 'buyer' ? `买家：${s.text}` : `客服 ${s.text}`;
    lines.push(`第 ${s.step} 步（${result.story.file}:${s.line}）${who}`);
    for (const f of s.failures) lines.push(`  ${formatFailure(f)}`);
    const shown = s.failures.some((f) => f.expectation === 'reply_contains' || f.expectation === 'reply_not_contains' || f.expectation === 'lint');
    if (s.actual && !shown) {
      lines.push(`  回复：${s.actual.reply || NONE}`);
    }
  }
  return lines;
}
