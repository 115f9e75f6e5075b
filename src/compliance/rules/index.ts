import type { Rule } from '../rule.ts';
import politeYou from './polite-you.ts';
// wording (batch A): imports here
// promises and money (batch B): imports here
// contact, data, orders (batch C): imports here
// claims (batch D): imports here

/** Every rule, in the order of the rule index (docs/rules.md). */
export const allRules: readonly Rule[] = [
  politeYou,
  // wording (batch A): entries here
  // promises and money (batch B): entries here
  // contact, data, orders (batch C): entries here
  // claims (batch D): entries here
];
