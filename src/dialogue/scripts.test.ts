import { describe, expect, it } from 'vitest';
import { SAMPLE_PLACEHOLDER_VALUES } from '../../flows/test-fixtures.ts';
import { createLinter } from '../compliance/linter.ts';
import { loadScripts, parseScriptsFile, PLACEHOLDERS, renderVariant, ScriptsError } from './scripts.ts';

describe('parseScriptsFile', () => {
  const ok = 'presale.stock:\n  description: Stock answer.\n  variants:\n    - 您好，{product}有现货～\n    - \'{product}目前有货，您可以放心下单～\'\n';

  it('reads scripts with their line', () => {
    expect(parseScriptsFile(ok, 'p.yaml')).toEqual([
      { id: 'presale.stock', description: 'Stock answer.', variants: ['您好，{product}有现货～', '{product}目前有货，您可以放心下单～'], file: 'p.yaml', line: 1 },
    ]);
  });

  it.each([
    ['presale.stock:\n  description: x\n  variants: [a\n', 'p.yaml:4: YAML 语法有误'],
    ['Presale:\n  description: x\n  variants: [a, b]\n', 'p.yaml:1: 话术 id "Presale" 应形如 scenario.step'],
    ['presale.stock:\n  variants: [a, b]\n', 'p.yaml:1: presale.stock：缺少 description'],
    ['presale.stock:\n  description: x\n  variants: [a]\n', 'p.yaml:1: presale.stock：至少要有 2 个 variants'],
    ['presale.stock:\n  description: x\n  variants:\n    - 好的{product}\n    - 您好{prodcut}\n', 'p.yaml:5: presale.stock：未知的占位符 {prodcut}'],
    ['presale.stock:\n  description: x\n  variants: [a, b]\n  tone: warm\n', 'p.yaml:1: presale.stock：未知的字段 tone'],
    ['- a\n', 'p.yaml:1: 应为“话术 id → { description, variants }”的映射'],
    ['presale.stock:\n  description: x\n  variants:\n    - 好的\n    - {product}有货\n', 'p.yaml:5: YAML 语法有误：这里有多余或位置不对的内容（检查缩进和冒号）（第 16 列）（以 { 开头的话术要加引号）'],
  ])('reports %j with file and line', (source, message) => {
    expect(() => parseScriptsFile(source, 'p.yaml')).toThrow(ScriptsError);
    expect(() => parseScriptsFile(source, 'p.yaml')).toThrow(message);
  });
});

describe('renderVariant', () => {
  it('fills placeholders and refuses missing values', () => {
    expect(renderVariant('{product}售价{price}元', { product: '大衣', price: 599 }, 'x.y')).toBe('大衣售价599元');
    expect(() => renderVariant('{product}', {}, 'x.y')).toThrow('script x.y: no value for {product}');
  });
});

describe('the shipped scripts library', () => {
  const library = loadScripts();
  const samples = SAMPLE_PLACEHOLDER_VALUES;

  it('has sample values for exactly the known placeholders', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(PLACEHOLDERS).sort());
  });

  it('has scripts', () => {
    expect(library.all().length).toBeGreaterThan(5);
  });

  it('every variant of every script passes the strict linter with no finding at all', () => {
    const linter = createLinter({ profile: 'tmall' });
    const failures: string[] = [];
    for (const script of library.all()) {
      for (const variant of script.variants) {
        const text = renderVariant(variant, samples, script.id);
        for (const v of linter.lint(text).violations) failures.push(`${script.file}:${script.line} ${script.id}: ${v.ruleId} “${text.slice(v.start, v.end)}” in ${text}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
