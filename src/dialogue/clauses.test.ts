import { describe, expect, it } from 'vitest';
import { clausesOf } from './clauses.ts';

describe('clausesOf', () => {
  it('cuts at spaces, punctuation (full- and half-width) and 还有/另外/顺便', () => {
    expect(clausesOf('你好 围巾想退，退货运费谁出 还有羽绒服那单什么时候发啊')).toEqual(['你好', '围巾想退', '退货运费谁出', '还有羽绒服那单什么时候发啊']);
    expect(clausesOf('大衣有货吗？能开发票吗！包邮吗')).toEqual(['大衣有货吗', '能开发票吗', '包邮吗']);
    expect(clausesOf('围巾想退另外大衣到哪了')).toEqual(['围巾想退', '另外大衣到哪了']);
  });
  it('drops single characters', () => {
    expect(clausesOf('嗯 好 大衣到哪了')).toEqual(['大衣到哪了']);
  });
});
