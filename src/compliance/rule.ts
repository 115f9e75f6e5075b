import type { ActiveSeverity, LintContext, Locale } from './schema.ts';
import type { TextView } from './text-view.ts';

/** A message template per message id; `{name}` placeholders are filled from a report's data. */
export type MessageCatalogue<Id extends string> = Record<Id, string>;

export interface RuleMeta<Id extends string = string> {
  /** kebab-case, stable: shops override severities and silence rules by it. */
  id: string;
  /** One English line for the rule index. */
  description: string;
  defaultSeverity: ActiveSeverity;
  /** Tmall penalty points when the violation is confirmed, where the manuals give them. */
  penaltyPoints?: number;
  /** Where the rule comes from: manual file and section. */
  source: string;
  /** Some reports carry a safe automatic fix. */
  fixable: boolean;
  /** Some reports carry suggestions for the agent to choose from. */
  hasSuggestions: boolean;
  /**
   * Words of the normalised text without which the rule cannot find anything: the rule is
   * skipped when the text contains none of them (a speed prefilter run once per text for all
   * rules). Give the most specific words that still cover every finding; a test lints random
   * and corpus texts with and without the prefilter and requires the same findings.
   * Omit to run on every text.
   */
  keywords?: readonly string[];
  /** Chinese and English message catalogues with the same ids. */
  messages: Record<Locale, MessageCatalogue<Id>>;
}

export interface ReportSuggestion<Id extends string = string> {
  messageId: Id;
  data?: Record<string, string | number>;
  /** Replacement text for the reported span, or for [start, end) when given. */
  text: string;
  start?: number;
  end?: number;
}

export interface Report<Id extends string = string> {
  messageId: Id;
  data?: Record<string, string | number>;
  start: number;
  end: number;
  /** A safe fix: replacement for the reported span, or for [start, end) when given. */
  fix?: { text: string; start?: number; end?: number };
  suggest?: ReportSuggestion<Id>[];
}

export interface RuleCheckInput<Id extends string = string> {
  view: TextView;
  context: LintContext;
  report: (report: Report<Id>) => void;
}

export interface Rule<Id extends string = string> {
  meta: RuleMeta<Id>;
  check: (input: RuleCheckInput<Id>) => void;
}

/** Identity helper that ties a rule's message ids to its reports at compile time. */
export function defineRule<Id extends string>(rule: Rule<Id>): Rule<Id> {
  return rule;
}

/** Fills `{name}` placeholders of a template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
