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

  describe('data the buyer types that the shop does not know yet', () => {
    it.each([
      ['新地址是江苏省南京市鼓楼区中山北路200号3栋502室，麻烦改一下', '新地址是⟦1⟧，麻烦改一下'],
      ['寄到上海市浦东新区世纪大道一百号吧', '寄到⟦1⟧吧'],
      ['改成广州市天河区体育西路103号', '改成⟦1⟧'],
      ['我在四川省成都市武侯区，多久能到', '我在⟦1⟧，多久能到'],
      ['住在建国路88号', '住在⟦1⟧'],
    ])('masks a typed address: %s', (text, masked) => {
      expect(createMasker().mask(text)).toBe(masked);
    });

    it.each([
      ['收件人：王小明，电话后面发你', '收件人：⟦1⟧，电话后面发你'],
      ['我叫张三丰，衣服尺码不对', '我叫⟦1⟧，衣服尺码不对'],
      ['收货人是欧阳娜娜', '收货人是⟦1⟧'],
      ['联系人李雷 13867425193', '联系人⟦1⟧ ⟦2⟧'],
    ])('masks a name after its cue: %s', (text, masked) => {
      expect(createMasker().mask(text)).toBe(masked);
    });

    it.each([
      ['电话一三八六七四二五一九三', '电话⟦1⟧'],
      ['打幺三八 六七四二 五一九三', '打⟦1⟧'],
      ['手机壹叁捌陆柒肆贰伍壹玖叁', '手机⟦1⟧'],
      ['号码是1三8六7四2五1九3', '号码是⟦1⟧'],
    ])('masks a phone in Chinese numerals: %s', (text, masked) => {
      expect(createMasker().mask(text)).toBe(masked);
    });

    it('restores what it masked, and leaves ordinary text alone', () => {
      const masker = createMasker();
      const masked = masker.mask('收件人：王小明，寄到江苏省南京市鼓楼区中山北路200号，电话一三八六七四二五一九三');
      expect(masked).toBe('收件人：⟦1⟧，寄到⟦2⟧，电话⟦3⟧');
      expect(masker.restore('好的，⟦1⟧，寄到⟦2⟧，电话⟦3⟧', masked).text).toBe('好的，王小明，寄到江苏省南京市鼓楼区中山北路200号，电话一三八六七四二五一九三');
      for (const text of ['这件羊毛大衣有M码吗', '三件一起买能便宜点吗', '我一米六五，一百零五斤穿什么码', '今天下单明天能到吗', '我叫了好几次客服']) {
        expect(masker.mask(text)).toBe(text);
      }
    });
  });
});
