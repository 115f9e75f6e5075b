import { describe, expect, it } from 'vitest';
import { isConditionalBefore, isNoNeedBefore, isQuestionAfter, listClauseAround, listClauseBefore, PHRASE_END } from './clause.ts';
import { createTextView } from './text-view.ts';

/** The view of `text` and the offset of `word` in it. */
function at(text: string, word: string) {
  return { view: createTextView(text), offset: text.indexOf(word) };
}

describe('shared clause look-arounds', () => {
  it('isQuestionAfter: a particle later in the clause or a closing question mark', () => {
    const q = (text: string, word: string, particles?: RegExp) => {
      const { view, offset } = at(text, word);
      return isQuestionAfter(view, offset + word.length, particles);
    };
    expect(q('是不支持分期吗', '不支持分期')).toBe(true);
    expect(q('不支持分期？', '不支持分期')).toBe(true);
    expect(q('不支持分期，您看可以吗', '不支持分期')).toBe(false);
    expect(q('您肯定是想要大一码的吧', '肯定')).toBe(false);
    expect(q('您肯定是想要大一码的吧', '肯定', /[吗吧]/)).toBe(true);
  });

  it('isConditionalBefore: 如果/若/假如/要是/万一 earlier in the clause', () => {
    const c = (text: string, word: string) => {
      const { view, offset } = at(text, word);
      return isConditionalBefore(view, offset);
    };
    expect(c('如果不开发票的话', '不开发票')).toBe(true);
    expect(c('万一不支持分期', '不支持分期')).toBe(true);
    expect(c('如果您需要，不开发票', '不开发票')).toBe(false);
  });

  it('isNoNeedBefore: 不需要/无需/不用/免 (+您/另外…) right before', () => {
    const n = (text: string, word: string, maxChars?: number) => {
      const { view, offset } = at(text, word);
      return isNoNeedBefore(view, offset, maxChars);
    };
    expect(n('无需您支付手续费', '支付')).toBe(true);
    expect(n('没有必要另外补运费', '补运费')).toBe(true);
    expect(n('没有必要另外补运费', '补运费', 4)).toBe(false);
    expect(n('需要您支付手续费', '支付')).toBe(false);
  });

  it('list clauses: 、 and 或 do not end them; a colon does unless told otherwise', () => {
    const { view, offset } = at('暂时无法银行卡转账或货到付款', '货到付款');
    expect(listClauseBefore(view, offset)).toBe('暂时无法银行卡转账或');
    const t = '亲，新疆、西藏：需补运费。';
    const v = createTextView(t);
    const s = t.indexOf('补运费');
    expect(listClauseAround(v, s, s + 3)).toBe('需补运费');
    expect(listClauseAround(v, s, s + 3, { colonEnds: false })).toBe('新疆、西藏:需补运费');
  });

  it('PHRASE_END: the phrase ends at punctuation, a particle or the end', () => {
    const re = new RegExp(`不支持分期${PHRASE_END}`);
    expect(re.test('不支持分期的哦')).toBe(true);
    expect(re.test('不支持分期。')).toBe(true);
    expect(re.test('不支持分期')).toBe(true);
    expect(re.test('不支持分期付款')).toBe(false);
  });
});
