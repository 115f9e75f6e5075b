import { describe, expect, it } from 'vitest';
import { createLinter, fix, lint, UnknownRuleError } from './linter.ts';

describe('lint', () => {
  it('reports rule id, severity, Chinese message, span, line and column', () => {
    const result = lint('您好\n请问你要什么颜色');
    const v = result.violations.find((x) => x.ruleId === 'polite-you')!;
    expect(v).toMatchObject({ severity: 'error', start: 5, end: 6, line: 2, column: 3, fix: { start: 5, end: 6, text: '您' } });
    expect(v.message).toMatch(/您/);
    expect(result.errorCount).toBeGreaterThan(0);
    expect(result.fixed).toBe('您好\n请问您要什么颜色');
  });

  it('has no `fixed` when nothing was fixable', () => {
    expect(lint('您好，请问有什么可以帮您？')).toEqual({ violations: [], errorCount: 0, warningCount: 0 });
  });

  it('lints the empty string', () => {
    expect(lint('').violations).toEqual([]);
  });

  it('speaks English with locale en', () => {
    const v = lint('你好', { locale: 'en' }).violations[0]!;
    expect(v.message).toBe('Address the buyer as 您, not 你.');
  });

  it('applies shop severity overrides on top of the profile', () => {
    expect(lint('你好', { severities: { 'polite-you': 'off' } }).violations).toEqual([]);
    expect(lint('你好', { severities: { 'polite-you': 'warning' } }).violations[0]!.severity).toBe('warning');
  });

  it('rejects overrides of unknown rules with their ids', () => {
    expect(() => createLinter({ severities: { 'no-such-rule': 'off' } })).toThrow(UnknownRuleError);
    expect(() => lint('x', { severities: { 'no-such-rule': 'off', 'also-not': 'error' } })).toThrow(/未知的规则：no-such-rule、also-not/);
  });

  it('rejects a malformed profile or context', () => {
    expect(() => lint('x', { profile: 'jd' as 'tmall' })).toThrow();
    expect(() => lint('x', { context: { shipping: { freeShipping: 'yes' as unknown as boolean } } })).toThrow();
  });

  it('sorts violations by position', () => {
    const starts = lint('你好，你们好，谢谢你').violations.map((v) => v.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe('fix', () => {
  it('returns the fixed text and what is left', () => {
    const result = fix('你好，谢谢你');
    expect(result.output).toBe('您好，谢谢您');
    expect(result.violations.filter((v) => v.ruleId === 'polite-you')).toEqual([]);
  });

  it('fixes traditional text in place', () => {
    expect(fix('妳好，請問妳要哪個顏色').output).toBe('您好，請問您要哪個顏色');
  });
});
