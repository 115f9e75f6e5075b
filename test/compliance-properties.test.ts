import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLinter } from '../src/compliance/linter.ts';
import { ProfileIdSchema, type LintResult } from '../src/compliance/schema.ts';
import { fixedPhrases } from '../src/compliance/tables/index.ts';

// Reply-like text: fragments the rules look for, the manuals' own sentences, and noise
// (traditional characters, full-width forms, emoji, Latin, digits, line breaks).
const manualTexts = (parse(readFileSync(new URL('./fixtures/manuals.yaml', import.meta.url), 'utf8')) as {
  forbidden: { text: string }[];
  correct: { text: string }[];
});
const fragments = [
  ...fixedPhrases.map((p) => p.phrase),
  ...manualTexts.forbidden.map((f) => f.text),
  ...manualTexts.correct.map((c) => c.text),
  '你', '你们', '迷你', '哦', '哦哦', '嗯', '恩', '亲', '亲，', '知道了', '保证', '肯定', '绝对', '一定',
  '今天发货', '明天到', '微信', '微-信', 'vx', 'ＱＱ', '13812345678', '138 1234 5678', '最好', '第一', '100%',
  '缺货', '原装', '包邮', '发票', '货到付款', '信用卡', '分期', '好评返现', '“', '”', '「', '」', '"',
  '親', '這個', '妳', '，', '。', '！', '？', '～', '~', '\n', ' ', '😊', '👍🏻', 'M码', 'XL', '顺丰SF', '¥12', '１２元',
];
const replyLike = fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join(''));
const anyText = fc.oneof(replyLike, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const profile = fc.constantFrom(...ProfileIdSchema.options);

function assertWellFormed(text: string, result: LintResult): void {
  for (const v of result.violations) {
    expect(v.start).toBeGreaterThanOrEqual(0);
    expect(v.end).toBeGreaterThan(v.start);
    expect(v.end).toBeLessThanOrEqual(text.length);
    expect(v.line).toBe(text.slice(0, v.start).split('\n').length);
    if (v.fix) {
      expect(v.fix.start).toBeGreaterThanOrEqual(0);
      expect(v.fix.end).toBeLessThanOrEqual(text.length);
    }
  }
  expect(result.errorCount + result.warningCount).toBe(result.violations.length);
}

const runs = { numRuns: 400 };

describe('linter properties', () => {
  it('never throws, and every offset lies inside the text', () => {
    fc.assert(
      fc.property(anyText, profile, (text, p) => {
        assertWellFormed(text, createLinter({ profile: p }).lint(text));
      }),
      runs,
    );
  });

  it('fixing is idempotent and leaves no fixable violation', () => {
    fc.assert(
      fc.property(anyText, profile, (text, p) => {
        const linter = createLinter({ profile: p });
        const once = linter.fix(text);
        assertWellFormed(once.output, once);
        expect(once.violations.filter((v) => v.fix)).toEqual([]);
        expect(linter.fix(once.output).output).toBe(once.output);
      }),
      runs,
    );
  });

  it('lint(text).fixed equals fix(text).output', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const linter = createLinter();
        const linted = linter.lint(text);
        if (linted.fixed !== undefined) expect(linted.fixed).toBe(linter.fix(text).output);
        else expect(linted.violations.some((v) => v.fix)).toBe(false);
      }),
      runs,
    );
  });

  it('the taobao profile only relaxes: each of its findings is also a tmall finding', () => {
    const tmall = createLinter({ profile: 'tmall' });
    const taobao = createLinter({ profile: 'taobao' });
    fc.assert(
      fc.property(replyLike, (text) => {
        const strict = new Set(tmall.lint(text).violations.map((v) => `${v.ruleId}@${v.start}-${v.end}`));
        for (const v of taobao.lint(text).violations) expect(strict.has(`${v.ruleId}@${v.start}-${v.end}`)).toBe(true);
      }),
      runs,
    );
  });
});
