// Writes docs/rules.md from the rules' metadata.
import { writeFileSync } from 'node:fs';
import { renderRuleIndex } from '../src/compliance/rule-index.ts';
import { allRules } from '../src/compliance/rules/index.ts';

const target = new URL('../docs/rules.md', import.meta.url);
writeFileSync(target, renderRuleIndex(allRules));
console.log(`wrote ${target.pathname} (${allRules.length} rules)`);
