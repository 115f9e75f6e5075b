import { applyEdits } from './fixer.ts';
import { LineIndex } from './position.ts';
import { profiles } from './profiles/index.ts';
import { formatMessage, type Report, type Rule } from './rule.ts';
import { allRules } from './rules/index.ts';
import {
  LintOptionsSchema,
  type ActiveSeverity,
  type Edit,
  type LintOptions,
  type LintOptionsInput,
  type LintResult,
  type Violation,
} from './schema.ts';
import { createTextView } from './text-view.ts';

export class UnknownRuleError extends Error {
  constructor(readonly ruleIds: string[]) {
    super(`规则级别覆盖中有未知的规则：${ruleIds.join('、')}（规则列表见 docs/rules.md）`);
    this.name = 'UnknownRuleError';
  }
}

const rulesById = new Map<string, Rule>(allRules.map((r) => [r.meta.id, r]));

interface ActiveRule {
  rule: Rule;
  severity: ActiveSeverity;
}

/** Rules to run for an options object, resolved once per distinct profile + overrides. */
function activeRules(options: LintOptions): ActiveRule[] {
  const unknown = Object.keys(options.severities).filter((id) => !rulesById.has(id));
  if (unknown.length > 0) throw new UnknownRuleError(unknown);
  const profile = profiles[options.profile];
  const active: ActiveRule[] = [];
  for (const rule of allRules) {
    const severity = options.severities[rule.meta.id] ?? profile.severities[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity !== 'off') active.push({ rule, severity });
  }
  return active;
}

/** The active rules of one configuration, with a table from keyword to the rules it wakes. */
interface RuleSet {
  active: ActiveRule[];
  /** Keywords grouped by their first character, for one pass over the text. */
  groups: { keyword: string; rules: number[] }[][];
  /** Code unit → index into `groups` + 1 (0: no keyword starts with it); a flat table is faster than a Map. */
  groupOf: Uint16Array;
  /** Rules without keywords: they run on every text. */
  always: number[];
}

function buildRuleSet(options: LintOptions): RuleSet {
  const active = activeRules(options);
  const byKeyword = new Map<string, number[]>();
  const always: number[] = [];
  active.forEach(({ rule }, i) => {
    const keywords = rule.meta.keywords;
    if (keywords === undefined) {
      always.push(i);
      return;
    }
    for (const keyword of new Set(keywords)) {
      const rules = byKeyword.get(keyword) ?? [];
      rules.push(i);
      byKeyword.set(keyword, rules);
    }
  });
  const groups: { keyword: string; rules: number[] }[][] = [];
  const groupOf = new Uint16Array(0x10000);
  for (const [keyword, rules] of byKeyword) {
    const code = keyword.charCodeAt(0);
    if (groupOf[code] === 0) groupOf[code] = groups.push([]);
    groups[groupOf[code]! - 1]!.push({ keyword, rules });
  }
  return { active, groups, groupOf, always };
}

const ruleSetCache = new Map<string, RuleSet>();
function cachedRuleSet(options: LintOptions): RuleSet {
  const key = `${options.profile}\u0000${JSON.stringify(options.severities)}`;
  let set = ruleSetCache.get(key);
  if (!set) {
    set = buildRuleSet(options);
    if (ruleSetCache.size > 256) ruleSetCache.clear();
    ruleSetCache.set(key, set);
  }
  return set;
}

/** Indices of the rules to run on a text, in rule order: one pass over the text for all keywords. */
function triggeredRules(set: RuleSet, norm: string, prefilter: boolean): number[] {
  if (!prefilter) return set.active.map((_, i) => i);
  const hit = new Uint8Array(set.active.length);
  for (const i of set.always) hit[i] = 1;
  const { groupOf, groups } = set;
  for (let c = 0; c < norm.length; c++) {
    const group = groupOf[norm.charCodeAt(c)]!;
    if (group === 0) continue;
    const candidates = groups[group - 1]!;
    for (let k = 0; k < candidates.length; k++) {
      const { keyword, rules } = candidates[k]!;
      if (keyword.length === 1 || norm.startsWith(keyword, c)) for (let r = 0; r < rules.length; r++) hit[rules[r]!] = 1;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < hit.length; i++) if (hit[i]) out.push(i);
  return out;
}

function toEdit(report: Report, part: { text: string; start?: number; end?: number }): Edit {
  return { start: part.start ?? report.start, end: part.end ?? report.end, text: part.text };
}

function toViolation(lines: LineIndex, active: ActiveRule, report: Report, options: LintOptions): Violation {
  const { rule, severity } = active;
  const catalogue = rule.meta.messages[options.locale];
  const template = catalogue[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id ${report.messageId}`);
  const { line, column } = lines.locate(report.start);
  const violation: Violation = {
    ruleId: rule.meta.id,
    severity,
    messageId: report.messageId,
    message: formatMessage(template, report.data),
    start: report.start,
    end: report.end,
    line,
    column,
  };
  if (rule.meta.penaltyPoints !== undefined) violation.penaltyPoints = rule.meta.penaltyPoints;
  if (report.fix) violation.fix = toEdit(report, report.fix);
  if (report.suggest && report.suggest.length > 0) {
    violation.suggestions = report.suggest.map((s) => ({
      message: formatMessage(catalogue[s.messageId] ?? s.messageId, s.data),
      edit: toEdit(report, s),
    }));
  }
  return violation;
}

/** What one linter resolved once: options, the rule set, and whether the prefilter runs. */
interface Engine {
  options: LintOptions;
  set: RuleSet;
  prefilter: boolean;
}

function runRules(text: string, engine: Engine, onlyFixable = false): Violation[] {
  const { set, options } = engine;
  const view = createTextView(text);
  const lines = new LineIndex(text);
  const violations: Violation[] = [];
  // One report function for all rules (no closure per rule per text: this is the hot path).
  let active = set.active[0]!;
  const input = {
    view,
    context: options.context,
    report(report: Report) {
      if (report.fix && !active.rule.meta.fixable) throw new Error(`rule ${active.rule.meta.id} reported a fix but is not marked fixable`);
      violations.push(toViolation(lines, active, report, options));
    },
  };
  for (const i of triggeredRules(set, view.norm, engine.prefilter)) {
    active = set.active[i]!;
    if (onlyFixable && !active.rule.meta.fixable) continue;
    active.rule.check(input);
  }
  return violations.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}

const MAX_FIX_PASSES = 10;

/**
 * Applies safe fixes until none is left (at most ten passes, like ESLint). Between passes only
 * the fixable rules run again: only they can produce the next fix.
 */
function fixText(text: string, engine: Engine, first: Violation[]): string {
  let output = text;
  let violations = first;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = violations.flatMap((v) => (v.fix ? [v.fix] : []));
    if (edits.length === 0) break;
    const next = applyEdits(output, edits).output;
    if (next === output) break;
    output = next;
    violations = runRules(output, engine, true);
  }
  return output;
}

function summarize(violations: Violation[]): Pick<LintResult, 'errorCount' | 'warningCount'> {
  let errorCount = 0;
  for (const v of violations) if (v.severity === 'error') errorCount++;
  return { errorCount, warningCount: violations.length - errorCount };
}

export interface Linter {
  readonly options: LintOptions;
  /** Checks a reply; `fixed` is the text with every safe fix applied, present only when something was fixable. */
  lint(text: string): LintResult;
  /** Applies every safe fix and reports what is left for the agent. */
  fix(text: string): { output: string } & LintResult;
}

/**
 * Validates the options once, for linting many replies with the same profile and context.
 * `engine.prefilter: false` runs every rule on every text (tests use it to prove the keyword
 * prefilter never hides a finding).
 */
export function createLinter(options: LintOptionsInput = {}, engine: { prefilter?: boolean } = {}): Linter {
  const parsed = LintOptionsSchema.parse(options);
  const resolved: Engine = { options: parsed, set: cachedRuleSet(parsed), prefilter: engine.prefilter ?? true };
  return {
    options: parsed,
    lint(text) {
      const violations = runRules(text, resolved);
      const result: LintResult = { violations, ...summarize(violations) };
      if (violations.some((v) => v.fix)) result.fixed = fixText(text, resolved, violations);
      return result;
    },
    fix(text) {
      const first = runRules(text, resolved);
      const output = fixText(text, resolved, first);
      const violations = output === text ? first : runRules(output, resolved);
      return { output, violations, ...summarize(violations) };
    },
  };
}

export function lint(text: string, options: LintOptionsInput = {}): LintResult {
  return createLinter(options).lint(text);
}

export function fix(text: string, options: LintOptionsInput = {}): { output: string } & LintResult {
  return createLinter(options).fix(text);
}

export function getRule(id: string): Rule | undefined {
  return rulesById.get(id);
}
