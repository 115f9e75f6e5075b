import { describe, expect, it } from 'vitest';
import { createLinter } from '../compliance/linter.ts';
import { loadScripts, parseScriptsFile, renderVariant, ScriptsError, PLACEHOLDERS } from './scripts.ts';

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
  // Sample values for every placeholder, so each variant can be rendered and linted.
  const samples: Record<string, string | number> = Object.fromEntries(Object.keys(PLACEHOLDERS).map((name) => [name, name === 'phone' ? '138****5678' : 1]));
  Object.assign(samples, { shop: '暖阳旗舰店', agent: '小美', product: '羊毛呢大衣', gift: '护理小样', color: '驼色', size: 'M', sizes: 'S、M、L', colors: '驼色、黑色', courier: '中通', couriers: '中通、顺丰', region: '浙江', days: '2-4', cutoff: '16:00', attribute: '材质', value: '70%羊毛', restockDate: '12月1日', wording: '自有品牌原厂正品', activity: '带图评价送5元无门槛券', promotion: '双十二', promotionDetail: '全店满300减30', colorWord: '颜色', sizeWord: '尺码', invoiceKind: '电子普通发票', category: '服装', delivery: '财务会在一个月之内统一寄出，运费我们承担', orderId: '3921000011112222333', trackingNumber: '78451203996127', address: '浙江省杭州市西湖区文三路88号', receiver: '王芳', recommendation: '羊绒围巾' });

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
