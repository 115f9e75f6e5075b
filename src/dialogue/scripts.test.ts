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
    ['presale.stock:\n  description: x\n  variants: [a\n', 'p.yaml:4: invalid YAML'],
    ['Presale:\n  description: x\n  variants: [a, b]\n', 'p.yaml:1: script id "Presale" must look like scenario.step'],
    ['presale.stock:\n  variants: [a, b]\n', 'p.yaml:1: presale.stock: missing description'],
    ['presale.stock:\n  description: x\n  variants: [a]\n', 'p.yaml:1: presale.stock: needs at least 2 variants'],
    ['presale.stock:\n  description: x\n  variants:\n    - 好的{product}\n    - 您好{prodcut}\n', 'p.yaml:5: presale.stock: unknown placeholder {prodcut}'],
    ['presale.stock:\n  description: x\n  variants: [a, b]\n  tone: warm\n', 'p.yaml:1: presale.stock: unknown field(s) tone'],
    ['- a\n', 'p.yaml:1: expected a mapping'],
    ['presale.stock:\n  description: x\n  variants:\n    - 好的\n    - {product}有货\n', 'p.yaml:5: invalid YAML: Unexpected scalar at node end at line 5, column 16: (a variant that starts with { must be quoted)'],
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
