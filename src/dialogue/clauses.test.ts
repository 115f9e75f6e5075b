import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../nlu/default-classifier.ts';
import { clauseAsks, clausesOf, primaryClause, readClause } from './clauses.ts';
import { findProduct } from './engine.ts';
import { loadDemoShop } from '../shop/load.ts';

describe('clausesOf', () => {
  it('cuts at spaces, punctuation (full- and half-width) and 还有/另外/顺便', () => {
    expect(clausesOf('你好 围巾想退，退货运费谁出 还有羽绒服那单什么时候发啊')).toEqual(['你好', '围巾想退', '退货运费谁出', '还有羽绒服那单什么时候发啊']);
    expect(clausesOf('大衣有货吗？能开发票吗！包邮吗')).toEqual(['大衣有货吗', '能开发票吗', '包邮吗']);
    expect(clausesOf('围巾想退另外大衣到哪了')).toEqual(['围巾想退', '另外大衣到哪了']);
  });
  it('cuts unpunctuated speech after a question particle when the buyer starts again', () => {
    expect(clausesOf('这个围巾有灰色吗我想送我妈')).toEqual(['这个围巾有灰色吗', '我想送我妈']);
    expect(clausesOf('羽绒服会掉毛吗能不能开发票')).toEqual(['羽绒服会掉毛吗', '能不能开发票']);
    // Near misses: a particle inside a phrase, or with too little before it.
    expect(clausesOf('好吗我知道了')).toEqual(['好吗我知道了']);
    expect(clausesOf('这个呢颜色深吗')).toEqual(['这个呢颜色深吗']);
  });
  it('drops single characters', () => {
    expect(clausesOf('嗯 好 大衣到哪了')).toEqual(['大衣到哪了']);
  });
});

describe('primaryClause', () => {
  const classifier = defaultClassifier();
  it('leaves out a clause that asks something of its own, even one that points at an order', () => {
    const text = '你好 围巾想退 退货运费谁出 还有羽绒服那单什么时候发啊';
    expect(primaryClause(text, 'return_dislike', ['return_fee', 'shipping_time'], classifier)).toBe('你好 围巾想退');
  });
  it('keeps a clause that only points at the order the ask is about', () => {
    expect(primaryClause('亲 帮我取消一下订单 就没付钱那个', 'cancel_order', [], classifier)).toContain('就没付钱那个');
  });
  it('keeps a clause that makes the same giving-up request under another name (cancel / refuse / return)', () => {
    expect(primaryClause('核桃不想要了 能退吗', 'return_dislike', ['cancel_order'], classifier)).toContain('核桃');
    expect(primaryClause('大衣不要了 帮我退款吧', 'refund_shipped', ['cancel_order', 'return_dislike'], classifier)).toContain('大衣');
    expect(primaryClause('围巾不想要了 可以退货吗', 'return_dislike', ['cancel_order', 'refund_shipped'], classifier)).toContain('围巾');
    // Near miss: a clause asking something else of its own stays out.
    expect(primaryClause('围巾想退 还有羽绒服那单什么时候发啊', 'return_dislike', ['shipping_time'], classifier)).not.toContain('羽绒服');
  });
  it('reads a leading 还有 as a connective unless it is the ask itself', () => {
    expect(readClause('还有羽绒服那单什么时候发啊', classifier).intent).toBe('shipping_time');
    expect(readClause('还有L码吗', classifier).intent).toBe('stock');
  });
});

describe('readClause: a colour or size asked for', () => {
  const classifier = defaultClassifier();
  it.each(['围巾有酒红色么😊', '大衣有黑色吗', '毛衣还有M码吗'])('%s is a stock question', (clause) => {
    expect(readClause(clause, classifier).intent).toBe('stock');
  });
  it('near miss: a colour named without asking whether it is there', () => {
    expect(readClause('黑色好看吗', classifier).intent).not.toBe('stock');
  });
});


describe('clauseAsks: a quality of a named product asked in a clause', () => {
  const shop = loadDemoShop();
  const classifier = defaultClassifier();
  const productOf = (clause: string) => findProduct(shop, clause, undefined);
  it.each(['我刚拍的羽绒服能改发顺丰吗？还有那条牛仔裤是加绒的吧', '大衣那单发了吗 男款牛仔裤加绒吗', '围巾到哪了？另外那个牛仔裤是不是加绒的'])('%s asks a product question too', (text) => {
    expect(clauseAsks(text, classifier, productOf)).toContain('product_info');
  });
  it('a statement naming the quality asks nothing of it', () => {
    expect(clauseAsks('过年还发货吗 想买条加绒牛仔裤', classifier, productOf)).not.toContain('product_info');
  });
});

describe('a clause naming an order by its state', () => {
  const classifier = defaultClassifier();
  it('belongs to the ask beside it; asking something itself it is an ask of its own', () => {
    expect(primaryClause('还有那个没付款的零食 地址也要改成一样的', 'address_change', [], classifier)).toContain('没付款的零食');
    expect(primaryClause('刚拍的那个鲜花饼，也帮我取消', 'cancel_order', [], classifier)).toContain('刚拍的');
    expect(clauseAsks('还有那个没付款的零食 地址也要改成一样的', classifier)).not.toContain('stock');
    // Near miss: "没付款的零食还有货吗" asks about stock on its own.
    expect(clauseAsks('地址改到公司，没付款的零食还有货吗', classifier)).toContain('stock');
  });
});
