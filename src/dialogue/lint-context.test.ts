import { describe, expect, it } from 'vitest';
import { createLinter } from '../compliance/linter.ts';
import { loadDemoShop } from '../shop/load.ts';
import { replyLinter } from './lint-context.ts';

describe('replyLinter', () => {
  const shop = loadDemoShop();
  const anna = { buyer: { id: 'tb_buyer_anna', phone: '13800138000' }, orders: [{ id: 'o1', buyerId: 'tb_buyer_anna', phone: '13800138000' }] };
  const bob = { buyer: { id: 'tb_buyer_bob' }, orders: [{ id: 'o1', buyerId: 'tb_buyer_anna', phone: '13800138000' }] };

  it('reuses the linter of a context seen before, and lints exactly like a fresh one', () => {
    expect(replyLinter(shop, anna)).toBe(replyLinter(shop, { ...anna }));
    const text = '您的手机号是13800138000，我们今天保证发货';
    expect(replyLinter(shop, anna).lint(text)).toEqual(createLinter({ profile: 'tmall', severities: shop.lintSeverities, context: anna }).lint(text));
  });

  it('keeps contexts apart: another buyer gets a linter that knows the number is not theirs', () => {
    expect(replyLinter(shop, bob)).not.toBe(replyLinter(shop, anna));
    const text = '您的手机号是13800138000';
    const own = replyLinter(shop, anna).lint(text).violations.map((v) => v.ruleId);
    const other = replyLinter(shop, bob).lint(text).violations.map((v) => v.ruleId);
    expect(other).toEqual(createLinter({ profile: 'tmall', severities: shop.lintSeverities, context: bob }).lint(text).violations.map((v) => v.ruleId));
    expect(other).not.toEqual(own);
  });
});
