// Public API of the compliance linter.
export { createLinter, fix, getRule, lint, UnknownRuleError, type Linter } from './linter.ts';
export { allRules } from './rules/index.ts';
export { profiles, type Profile } from './profiles/index.ts';
export * from './schema.ts';
