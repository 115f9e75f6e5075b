import { describe, expect, it } from 'vitest';
import { fixedPhrases } from '../src/compliance/tables/index.ts';
import { compareFacts, extractFacts } from '../src/llm/facts.ts';
import { createMasker } from '../src/llm/mask.ts';
import { createRephraser, type FallbackReason, type RephraseResult } from '../src/llm/rephraser.ts';
import { useSharedFakeOpenAI } from './helpers/fake-openai.ts';
import { known, llmConfig, SCRIPTS, strictLint } from './helpers/llm-fixtures.ts';

/**
 * Model answers generated from the rule families, for every real script text: each fact dropped,
 * each number changed, each phrase of the compliance tables inserted, contact handles, phone
 * numbers and links added, promises added, 您 turned into 你, an English answer. The model
 * (the fake server) gives the bad answer on both attempts; every run must end in the exact
 * script text, and never in the bad answer. The same answers followed by a good retry must end
 * in a clean LLM reply.
 */

interface Case {
  family: string;
  script: keyof typeof SCRIPTS;
  answer: string;
  /** Reasons this family may be rejected for (the gate's first failing check). */
  reasons: FallbackReason[];
}

/** What the model sees: the script text masked the way the rephraser masks it. */
function maskedScript(name: keyof typeof SCRIPTS): string {
  return createMasker(known).mask(SCRIPTS[name]);
}

const TOKEN_OR_DIGITS = /⟦\d+⟧|\d+(?:\.\d+)?/g;

function generateCases(): Case[] {
  const cases: Case[] = [];
  const names = Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[];
  for (const script of names) {
    const masked = maskedScript(script);
    const original = SCRIPTS[script];
    // Drop each fact (buyer data is dropped as its token, the way the model would).
    const facts = extractFacts(original, known).filter((f) => !['promise', 'contact', 'link', 'claim'].includes(f.kind));
    for (const fact of facts) {
      const target = masked.includes(fact.text) ? fact.text : [...masked.matchAll(/⟦\d+⟧/g)].map((m) => m[0]).find((t) => createMasker(known).mask(fact.text).includes(t));
      if (target === undefined) continue;
      cases.push({ family: `drop ${fact.kind}`, script, answer: masked.replaceAll(target, ''), reasons: ['facts_changed'] });
    }
    // Drop or repeat each token, change each number.
    for (const m of masked.matchAll(TOKEN_OR_DIGITS)) {
      const before = masked.slice(0, m.index);
      const after = masked.slice(m.index + m[0].length);
      if (m[0].startsWith('⟦')) {
        cases.push({ family: 'drop token', script, answer: before + after, reasons: ['facts_changed'] });
        cases.push({ family: 'repeat token', script, answer: `${before}${m[0]}（${m[0]}）${after}`, reasons: ['facts_changed'] });
        cases.push({ family: 'invent token', script, answer: `${before}${m[0]}⟦99⟧${after}`, reasons: ['facts_changed'] });
      } else {
        const changed = String(Number(m[0]) + 1);
        cases.push({ family: 'change number', script, answer: before + changed + after, reasons: ['facts_changed'] });
      }
    }
    // Contact handles, phone numbers, links, new numbers and promises appended.
    for (const extra of ['有问题加我微信kefu_nuan01。', '有事加v：nuanyang88。', '也可以联系QQ 12345678。', '扫码加我好友更方便。', '有问题请拨打13912345678。', '详情请访问 www.nuanyang-outlet.com 。', '再送您10元红包。']) {
      cases.push({ family: 'contact/number', script, answer: masked + extra, reasons: ['facts_changed'] });
    }
    for (const promise of ['保证明天到。', '今天一定给您发货。', '拍下马上发货。', '支持包退包换。', '三天内一定送达。']) {
      cases.push({ family: 'promise', script, answer: masked + promise, reasons: ['facts_changed'] });
    }
    // Service statements turned around.
    for (const [from, to] of [['暂时无货', '现在有货'], ['暂时无法再低', '还可以再低'], ['暂时还没有发出', '已经发出'], ['无法', '可以']]) {
      if (masked.includes(from!)) cases.push({ family: 'flip claim', script, answer: masked.replace(from!, to!), reasons: ['facts_changed'] });
    }
    cases.push({ family: '你-form', script, answer: masked.replaceAll('您', '你'), reasons: ['lint_error'] });
    const tokensAndNumbers = [...masked.matchAll(TOKEN_OR_DIGITS)].map((m) => m[0]).join(', ');
    cases.push({
      family: 'english',
      script,
      answer: `Hello! Thanks for your message. Details: ${tokensAndNumbers}. Please let us know if you have any other questions, thank you.`,
      reasons: ['facts_changed', 'not_chinese'],
    });
  }
  // Every phrase of the compliance tables, each inserted into one of the scripts in turn.
  fixedPhrases.forEach(({ phrase }, i) => {
    const script = names[i % names.length]!;
    cases.push({ family: 'table phrase', script, answer: `${maskedScript(script)}${phrase}。`, reasons: ['lint_error', 'facts_changed'] });
  });
  return cases;
}

const cases = generateCases();

const fake = useSharedFakeOpenAI();

async function run(script: keyof typeof SCRIPTS, answers: string[], stream = false): Promise<RephraseResult> {
  fake.enqueue(...answers.map((text) => ({ text })));
  const rephraser = createRephraser(llmConfig(fake.baseURL, { stream }), { lint: strictLint });
  return rephraser.rephrase({ original: SCRIPTS[script], buyerText: '在吗', known });
}

function isClean(result: RephraseResult, original: string): boolean {
  return strictLint(result.text).errorCount === 0 && compareFacts(original, result.text, known).length === 0;
}

describe('adversarial model answers', () => {
  it('generates at least 50 answers from every family', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const families = new Set(cases.map((c) => c.family));
    for (const f of ['drop money', 'drop order_id', 'drop courier', 'drop date', 'drop product', 'drop token', 'change number', 'contact/number', 'promise', '你-form', 'english', 'table phrase', 'flip claim']) {
      expect(families, f).toContain(f);
    }
  });

  it('blocks every one when the model repeats it: 100% end in the exact script text', async () => {
    const outcomes = new Map<string, number>();
    for (const [i, c] of cases.entries()) {
      const original = SCRIPTS[c.script];
      // Every other case streams: both transports go through the same gate.
      const result = await run(c.script, [c.answer, c.answer], i % 2 === 1);
      const ok = result.source === 'script' ? result.text === original : isClean(result, original);
      expect(ok, `${c.family}: ${c.answer} → ${JSON.stringify(result)}`).toBe(true);
      expect(result.text).not.toBe(createMasker(known).restore(c.answer, maskedScript(c.script)).text);
      expect(result.source, `${c.family}: ${c.answer}`).toBe('script');
      expect(c.reasons, `${c.family}: ${c.answer}`).toContain(result.fallbackReason);
      outcomes.set(c.family, (outcomes.get(c.family) ?? 0) + 1);
    }
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(cases.length);
    expect(fake.pending()).toBe(0);
  });

  it('fixes every one when the retry is good: 100% end in a clean LLM reply', async () => {
    for (const c of cases) {
      const original = SCRIPTS[c.script];
      const result = await run(c.script, [c.answer, maskedScript(c.script)]);
      expect(result, c.answer).toMatchObject({ source: 'llm', attempts: 2, text: original });
      expect(isClean(result, original)).toBe(true);
    }
  });
});
