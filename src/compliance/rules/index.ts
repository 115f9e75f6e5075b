import type { Rule } from '../rule.ts';
import politeYou from './polite-you.ts';

/** Every rule, in the order of the rule index (docs/rules.md). */
export const allRules: readonly Rule[] = [politeYou];
