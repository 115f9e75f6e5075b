import { describe, expect, it } from 'vitest';
import { createMasker } from './mask.ts';

const known = { names: ['林安娜'], addresses: ['浙江省杭州市西湖区文三路478号华星时代广场A座1203室'] };

describe('createMasker', () => {
  it('masks phones, order ids, names, addresses, handles and e-mails', () => {
    const masker = createMasker(known);
    const text = '林安娜您好，订单4189102557306612984的地址是浙江省杭州市西湖区文三路478号华星时代广场A座1203室，电话13867425193，微信 anna_lin88，邮箱 anna@example.com';
    expect(masker.mask(text)).toBe('⟦1⟧您好，订单⟦2⟧的地址是⟦3⟧，电话⟦4⟧，微信 ⟦5⟧，邮箱 ⟦6⟧');
  });

  it('gives the same value the same token across texts and spellings', () => {
    const masker = createMasker(known);
    expect(masker.mask('电话13867425193')).toBe('电话⟦1⟧');
    expect(masker.mask('是138 6742 5193吗')).toBe('是⟦1⟧吗');
    expect(masker.mask('１３８６７４２５１９３')).toBe('⟦1⟧');
    expect(masker.mask('林安娜')).toBe('⟦2⟧');
  });

  it('keeps an address holding the name as one token', () => {
    const masker = createMasker({ names: ['华星'], addresses: known.addresses });
    expect(masker.mask(`寄到${known.addresses[0]}`)).toBe('寄到⟦1⟧');
  });

  it('leaves one-character names and ordinary numbers alone', () => {
    const masker = createMasker({ names: ['林'] });
    expect(masker.mask('林先生，到手价694元，单号78531246903215')).toBe('林先生，到手价694元，单号78531246903215');
  });

  it('restores the values when every token comes back once', () => {
    const masker = createMasker(known);
    const sent = masker.mask('订单4189102557306612984备注地址：浙江省杭州市西湖区文三路478号华星时代广场A座1203室');
    expect(masker.restore('已在订单⟦1⟧备注新地址⟦2⟧', sent)).toEqual({
      text: `已在订单4189102557306612984备注新地址${known.addresses[0]}`,
      problems: [],
    });
  });

  it('reports tokens missing, repeated, invented or broken', () => {
    const masker = createMasker(known);
    const sent = masker.mask('订单4189102557306612984，收件人林安娜');
    expect(masker.restore('订单⟦1⟧', sent).problems).toEqual(['遗漏了占位符⟦2⟧，请原样保留']);
    expect(masker.restore('订单⟦1⟧⟦1⟧，⟦2⟧', sent).problems).toEqual(['占位符⟦1⟧只能出现1次']);
    expect(masker.restore('订单⟦1⟧，⟦2⟧，⟦9⟧', sent).problems).toEqual(['占位符⟦9⟧不属于原话术，请删去']);
    expect(masker.restore('订单⟦1⟧，⟦2⟧⟧', sent).problems).toEqual(['回复中有残缺的占位符，请原样保留⟦数字⟧']);
  });

  it('requires a token sent twice to come back twice', () => {
    const masker = createMasker();
    const sent = masker.mask('订单4189102557306612984，再次确认订单4189102557306612984');
    expect(masker.restore('订单⟦1⟧已确认', sent).problems).toEqual(['遗漏了占位符⟦1⟧，请原样保留']);
    expect(masker.restore('订单⟦1⟧，确认⟦1⟧', sent).problems).toEqual([]);
  });
});
