import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFacts } from '../src/llm/facts.ts';
import { createMasker } from '../src/llm/mask.ts';
import { createRephraser } from '../src/llm/rephraser.ts';
import { startFakeOpenAI, type FakeOpenAI } from './helpers/fake-openai.ts';
import { known, llmConfig, ORDER_ID, receiver, SCRIPTS, strictLint } from './helpers/llm-fixtures.ts';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

const scriptNames = Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[];

/** Pieces a model answer is built from: the script's own clauses, and every kind of trouble. */
function fragmentsOf(masked: string): string[] {
  const clauses = masked.split(/(?<=[，。！？：])/).filter((c) => c !== '');
  const trouble = ['保证', '一定', '你', '最低价', '亲爱的', '加我微信abc123', 'QQ 12345678', '13912345678', 'www.x.com', '⟦1⟧', '⟦2⟧', '⟦9⟧', '⟦', '8元', '十二块', '顺丰', '明天到', '马上发货', 'Hello, thanks!', '，', '。', ' '];
  return [...clauses, ...trouble];
}

/** The script's clauses in order, each kept, dropped, or followed by a fragment of trouble. */
function editedScript(masked: string) {
  const clauses = masked.split(/(?<=[，。！？：])/).filter((c) => c !== '');
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constant<string | null>(null) }, fc.constant(''), fc.constantFrom(...fragmentsOf(masked))), {
      minLength: clauses.length,
      maxLength: clauses.length,
    })
    .map((edits) => clauses.map((c, i) => (edits[i] === null ? c : edits[i] === '' ? '' : c + edits[i])).join(''));
}

const candidate = (masked: string) =>
  fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fc.constantFrom(...fragmentsOf(masked)), { minLength: 0, maxLength: 30 }).map((parts) => parts.join('')),
    editedScript(masked),
  );

describe('rephraser properties', () => {
  it('never returns a text that fails the linter or changes a fact, whatever the model says', async () => {
    const sources = { llm: 0, script: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...scriptNames).chain((name) => {
          const masked = createMasker(known).mask(SCRIPTS[name]);
          return fc.tuple(fc.constant(name), candidate(masked), candidate(masked), fc.boolean());
        }),
        async ([name, first, second, stream]) => {
          fake.reset();
          fake.enqueue({ text: first }, { text: second });
          const original = SCRIPTS[name];
          const rephraser = createRephraser(llmConfig(fake.baseURL, { stream }), { lint: strictLint });
          const result = await rephraser.rephrase({ original, buyerText: `订单${ORDER_ID}，电话${receiver.phone}`, known });
          sources[result.source]++;
          if (result.source === 'script') {
            expect(result.text).toBe(original);
            expect(result.fallbackReason).toBeDefined();
          } else {
            expect(strictLint(result.text).errorCount).toBe(0);
            expect(compareFacts(original, result.text, known)).toEqual([]);
            expect(result.text).not.toMatch(/[⟦⟧]/);
          }
          expect(JSON.stringify(fake.requests)).not.toContain(receiver.phone);
        },
      ),
      { numRuns: 150 },
    );
    // Both paths were exercised: answers made of the script's own clauses do get through.
    expect(sources.llm).toBeGreaterThan(0);
    expect(sources.script).toBeGreaterThan(0);
  });

  it('compareFacts finds nothing between a text and itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom(...Object.values(SCRIPTS))), (text) => {
        expect(compareFacts(text, text, known)).toEqual([]);
      }),
    );
  });

  it('masking then restoring gives the text back, with no problems', () => {
    const pii = fc.constantFrom(receiver.name, receiver.address, receiver.phone, ORDER_ID, '微信 anna_lin88', 'a@b.cn', '138 1234 5678');
    const text = fc.array(fc.oneof(fc.string({ maxLength: 10 }).filter((s) => !/[⟦⟧]/.test(s)), pii), { maxLength: 12 }).map((p) => p.join('，'));
    fc.assert(
      fc.property(text, (t) => {
        const masker = createMasker(known);
        const masked = masker.mask(t);
        expect(masked).not.toContain(receiver.phone);
        expect(masker.restore(masked, masked)).toEqual({ text: t, problems: [] });
      }),
    );
  });
});
