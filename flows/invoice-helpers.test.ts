import { describe, expect, it } from 'vitest';
import {
  asksAnotherInvoice,
  changeAgainstNote,
  changesInvoiceTitle,
  emailFrom,
  invoiceQuestion,
  invoiceRemark,
  invoiceSending,
  invoiceTitleFrom,
  noteAsksForInvoice,
  ordersMeant,
  ordersPointedAt,
  sameTitleAsBefore,
  titleKindOnly,
} from './invoice-helpers.ts';
import type { Order } from '../src/orders/schema.ts';
import { testOrder } from './test-fixtures.ts';

describe('invoiceTitleFrom', () => {
  it.each(['就上次买的那件', '围巾那单', '那个订单', '上回买的', '多开点嘛 帮帮忙'])('"%s" names an order, not a title', (text) => {
    expect(invoiceTitleFrom(text, true)).toBeNull();
  });
  it.each([
    ['能换成公司抬头吗 杭州安娜设计工作室 税号92330106MA2H8XXX1Q', '杭州安娜设计工作室'],
    ['抬头改成北京星河科技有限公司', '北京星河科技有限公司'],
    ['抬頭換成成都恩雅設計工作室可以嗎', '成都恩雅設計工作室'],
    // The same title as before: 还是/照旧 say so, they are no part of it.
    ['发票抬头还是杭州暖风贸易有限公司', '杭州暖风贸易有限公司'],
    ['抬頭照舊用蘇州河畔工作室', '蘇州河畔工作室'],
    // Near miss: a name that starts with the same characters keeps them.
    ['抬头是还是好餐饮管理有限公司', '还是好餐饮管理有限公司'],
  ])('"%s" gives the new title after the question', (text, title) => {
    expect(invoiceTitleFrom(text)?.title).toBe(title);
  });
  it.each([
    ['两单抬头都是杭州星河贸易有限公司', '杭州星河贸易有限公司'],
    ['抬头统一开上海晨光文具店', '上海晨光文具店'],
    // Near miss: 都 inside a name stays.
    ['抬头是成都市都江堰茶社', '成都市都江堰茶社'],
  ])('"%s": 都 / 统一 for several orders is no part of the title', (text, title) => {
    expect(invoiceTitleFrom(text)?.title).toBe(title);
  });
  it.each([
    ['抬头就写王小明就行 发我邮箱wxm@163.com', '王小明'],
    ['抬头是杭州星河贸易有限公司，寄到公司前台', '杭州星河贸易有限公司'],
  ])('"%s": where to send it is no part of the title', (text, title) => {
    expect(invoiceTitleFrom(text)?.title).toBe(title);
  });
  it('near miss: a sentence about sending alone gives no title', () => {
    expect(invoiceTitleFrom('发我邮箱就行', true)).toBeNull();
  });
  it.each([['张三', '张三'], ['浙江暖阳科技有限公司', '浙江暖阳科技有限公司'], ['个人 林安娜', '林安娜'], ['亲，刘恩雅，个人的', '刘恩雅']])('"%s" answering the question is a title', (text, title) => {
    expect(invoiceTitleFrom(text, true)?.title).toBe(title);
  });

  it.each([
    ['发票抬头是杭州暖阳贸易有限公司', '杭州暖阳贸易有限公司', null],
    ['抬头：杭州暖阳贸易有限公司，税号91330100MA2XXXX12Q', '杭州暖阳贸易有限公司', '91330100MA2XXXX12Q'],
    ['要开发票，抬头写个人就行', '个人', null],
    ['發票抬頭是上海晨光文具店', '上海晨光文具店', null],
    ['抬头开给北京星河科技有限公司吧', '北京星河科技有限公司', null],
  ])('%s → %s', (text, title, taxId) => {
    expect(invoiceTitleFrom(text)).toEqual({ title, taxId });
  });

  it('an order id is no tax id, and is not part of the title', () => {
    expect(invoiceTitleFrom('订单4187329904416728062开发票，抬头是杭州暖阳贸易有限公司')).toEqual({ title: '杭州暖阳贸易有限公司', taxId: null });
    expect(invoiceTitleFrom('抬头杭州暖阳贸易有限公司 税号 913301001234567890')?.taxId).toBe('913301001234567890');
  });

  it('words after the title that point at an order are no part of it; a title with a space stays whole', () => {
    expect(invoiceTitleFrom('那普票也行 抬头杭州安娜设计工作室 税号92330106MA2H123456 就刚拍的裤子那单')).toEqual({ title: '杭州安娜设计工作室', taxId: '92330106MA2H123456' });
    expect(invoiceTitleFrom('抬头北京星河科技有限公司，上次买的那件')?.title).toBe('北京星河科技有限公司');
    expect(invoiceTitleFrom('抬头是上海晨光文具店 围巾那单')?.title).toBe('上海晨光文具店');
    expect(invoiceTitleFrom('抬头 Apple 贸易有限公司')?.title).toBe('Apple 贸易有限公司');
  });

  it('a title wanted changed to a company names only the company, not the wish or the kind', () => {
    expect(invoiceTitleFrom('还有抬头想改成公司的 杭州安娜设计工作室 税号92330106MA2H8K7P1X')).toEqual({ title: '杭州安娜设计工作室', taxId: '92330106MA2H8K7P1X' });
    expect(invoiceTitleFrom('抬头要换成公司 北京博文科技有限公司')?.title).toBe('北京博文科技有限公司');
    expect(invoiceTitleFrom('抬头帮我改为单位的：上海晨光文具店')?.title).toBe('上海晨光文具店');
    // A company's name that starts with 公司 words is not cut ("公司的" alone is a kind, no title).
    expect(invoiceTitleFrom('抬头想改成公司的')).toBeNull();
  });

  it('keeps every character of a traditional title (成都…)', () => {
    expect(invoiceTitleFrom('抬頭是成都恩雅設計工作室')?.title).toBe('成都恩雅設計工作室');
  });

  it('full-width tax ids are read as ASCII', () => {
    expect(invoiceTitleFrom('抬头是杭州暖阳贸易有限公司 税号９１３３０１００ＭＡ２ＸＸＸＸ１２Ｑ')?.taxId).toBe('91330100MA2XXXX12Q');
  });

  it('a question about invoices or titles is no title', () => {
    for (const text of ['能开发票吗', '抬头可以写公司吗', '发票抬头怎么写', '可以开专票吗']) expect(invoiceTitleFrom(text), text).toBeNull();
  });

  it('bare answers to "抬头写什么" count only when asked', () => {
    expect(invoiceTitleFrom('杭州暖阳贸易有限公司')).toBeNull();
    expect(invoiceTitleFrom('杭州暖阳贸易有限公司', true)).toEqual({ title: '杭州暖阳贸易有限公司', taxId: null });
    expect(invoiceTitleFrom('个人', true)).toEqual({ title: '个人', taxId: null });
    expect(invoiceTitleFrom('好', true)).toBeNull();
    expect(invoiceTitleFrom('这个怎么弄啊', true)).toBeNull();
  });
});

const order = (extra: Partial<Order>): Order => testOrder('100000000000000001', 'paid', { total: 569, ...extra });

describe('changeAgainstNote', () => {
  const noted = order({ buyerNote: '公司年会采购，需要开发票，抬头：上海晴川文化传播有限公司' });
  it('says which part of the invoice the buyer changed against the note', () => {
    expect(changeAgainstNote(noted, { title: '上海晴川文化传播有限公司', taxId: '91310115MA1K4QWE3R' })).toBe('tax_id_added');
    expect(changeAgainstNote(noted, { title: '杭州暖阳贸易有限公司', taxId: null })).toBe('title');
    expect(changeAgainstNote(noted, { title: '上海晴川文化传播有限公司', taxId: null })).toBe('same');
    const withTax = order({ buyerNote: '开发票 抬头：上海晴川文化传播有限公司 税号91310115MA1K4QWE3R' });
    expect(changeAgainstNote(withTax, { title: '上海晴川文化传播有限公司', taxId: '91310115MA1K4QWE3X' })).toBe('tax_id_changed');
    // Near miss: no invoice in the note — nothing to compare against.
    expect(changeAgainstNote(order({ buyerNote: '请尽快发货' }), { title: '上海晴川文化传播有限公司', taxId: '91310115MA1K4QWE3R' })).toBe('none');
  });
});

describe('noteAsksForInvoice / invoiceRemark', () => {
  it('reads 发票 or 抬头 in the buyer note (traditional too)', () => {
    expect(noteAsksForInvoice(order({ buyerNote: '需要发票，抬头个人' }))).toBe(true);
    expect(noteAsksForInvoice(order({ buyerNote: '請開發票' }))).toBe(true);
    expect(noteAsksForInvoice(order({ buyerNote: '请尽快发货' }))).toBe(false);
    expect(noteAsksForInvoice(order({}))).toBe(false);
  });

  it('remarks title, tax id and the amount actually paid', () => {
    expect(invoiceRemark({ title: '杭州暖阳贸易有限公司', taxId: '91330100MA2XXXX12Q' }, order({}), '请开发票负责人补开并寄出')).toBe(
      '开发票：抬头“杭州暖阳贸易有限公司”，税号：91330100MA2XXXX12Q，金额569元（按实付金额），请开发票负责人补开并寄出',
    );
  });
});

describe('invoiceQuestion: what a follow-up asks of the invoice', () => {
  it.each([
    ['金额能开200吗 报销用', 'amount'],
    ['发票能多开点吗', 'amount'],
    ['能不能开个500的 报销要凑数', 'amount'],
    ['金額可以寫高一點嗎', 'amount'],
    ['运费那12块也开进去吗', 'amount'],
    ['开300块的发票行不', 'amount'],
    ['是纸质的还是电子的', 'kind'],
    ['紙質發票有嗎', 'kind'],
    ['给的是电子版吗', 'kind'],
    ['普票还是专票', 'kind'],
    ['发哪了 我没收到啊', 'missing'],
    ['还没收到呢', 'missing'],
    ['咋一直收不到', 'missing'],
    ['發到哪裡了', 'where'],
    ['寄哪去了', 'where'],
    ['发我邮箱吗', 'where'],
    ['在哪里下载', 'where'],
    ['会跟裤子一起寄过来吗', 'where'],
    ['随货寄吗', 'where'],
    ['和衣服一起發過來嗎', 'where'],
    ['啥时候能收到发票', 'when'],
    ['发票多久能开好', 'when'],
    ['發票什麼時候寄', 'when'],
  ] as const)('"%s" → %s', (text, question) => {
    expect(invoiceQuestion(text)).toBe(question);
  });

  it.each(['什么时候发货', '多久能到啊', '裤子什么时候寄', '快递发哪了', '衣服还没收到', '包裹一直收不到', '物流在哪看', '货没收到', '好的谢谢', '能开发票吗', '订单4138205711925530871的发票开了没', '开2张行吗', '12月的能开吗'])(
    '"%s" asks none of these (the parcel, or nothing in particular)',
    (text) => {
      expect(invoiceQuestion(text)).toBeNull();
    },
  );
});

describe('changesInvoiceTitle', () => {
  it.each(['能换成公司抬头吗', '抬头改一下', '抬頭能改成公司的嗎', '税号写错了 能改吗 换个税号', '能重开一张发票吗', '发票要换成公司的', '發票能重新開嗎'])('"%s" changes the invoice title', (text) => {
    expect(changesInvoiceTitle(text)).toBe(true);
  });
  it.each(['能换个码吗', '换成L码', '换个颜色 顺便开发票', '改地址', '发票抬头写公司', '能开发票吗'])('"%s" does not', (text) => {
    expect(changesInvoiceTitle(text)).toBe(false);
  });
});

describe('ordersMeant: which orders an invoice question points at', () => {
  const noted = testOrder('100000000000000001', 'unpaid', { buyerNote: '公司年会采购，需要开发票' });
  const plain = testOrder('100000000000000002', 'delivered');
  const paid = testOrder('100000000000000003', 'paid');
  const refunding = testOrder('100000000000000004', 'refunding');
  const all = [noted, plain, paid, refunding];
  const ids = (orders: Order[]) => orders.map((o) => o.id.slice(-1));

  it.each([
    ['发票抬头我在留言里写了 还要干啥吗', ['1']],
    ['備註裡填了發票的', ['1']],
    ['写在买家留言了', ['1']],
    ['收到货了 还能开发票不', ['2']],
    ['已经签收了 能补开吗', ['2']],
    ['貨到了 開個票', ['2']],
    ['退货那单能开发票吗', ['4']],
    ['退款的那个发票呢', ['4']],
  ])('"%s" → the orders ending %j', (text, expected) => {
    expect(ids(ordersMeant(text, all))).toEqual(expected);
  });

  it.each(['我要开发票', '还没收到货 能先开发票吗', '没有签收 发票能开吗'])('"%s" points at none: all orders stay', (text) => {
    expect(ordersMeant(text, all)).toHaveLength(4);
  });

  it('a cue no order fits narrows nothing', () => {
    expect(ordersMeant('收到货了 能开票吗', [noted, paid])).toHaveLength(2);
  });
});

describe('invoiceTitleFrom: sentences and chatter are no titles', () => {
  it.each(['发票抬头我在留言里写了 还要干啥吗', '抬头你们看着写', '抬头之前说了', '嗯嗯', '哦哦 知道了', 'OK', '是电子的吗', '紙質的呢？'])('"%s" → none', (text) => {
    expect(invoiceTitleFrom(text, true)).toBeNull();
  });
});

describe('invoiceTitleFrom: whom the invoice is for, inside a longer message', () => {
  it.each([
    ['鲜花饼那单开个票 个人 方晴', '方晴'],
    ['大衣那单发票开给杭州暖阳贸易有限公司', '杭州暖阳贸易有限公司'],
    ['發票開給上海晨光文具店', '上海晨光文具店'],
    ['开给个人就行', '个人'],
    ['要开发票 个人 好的', '个人'],
    ['个人的 谢谢', '个人'],
  ])('"%s" → %s', (text, title) => {
    expect(invoiceTitleFrom(text)?.title).toBe(title);
  });
  it.each(['能开给公司吗', '抬头写公司', '开给我吧', '个人能开吗'])('"%s" names no one', (text) => {
    expect(invoiceTitleFrom(text)).toBeNull();
  });
});

describe('ordersPointedAt', () => {
  it('is empty when nothing said fits an order (ordersMeant then keeps them all)', () => {
    const paid = testOrder('100000000000000003', 'paid');
    expect(ordersPointedAt('收到货了 能开票吗', [paid])).toEqual([]);
    expect(ordersPointedAt('我要开发票', [paid])).toEqual([]);
    expect(ordersPointedAt('裤子退了 发票还能开吗', [testOrder('100000000000000004', 'refunding')])).toHaveLength(1);
  });
});

describe('invoiceSending', () => {
  const shopSending = (delivery: string) => invoiceSending({ invoice: { category: '服装', kind: '电子普通发票', delivery } });
  it('an electronic invoice sent by e-mail or otherwise is never 随货', () => {
    expect(shopSending('开具电子普通发票，确认收货后由财务统一开具并发送到您留的邮箱')).toEqual({ electronic: true, note: '开具电子发票后发送到买家邮箱，不随货寄出' });
    expect(shopSending('電子發票開好後發送到您的郵箱')).toMatchObject({ electronic: true, note: expect.stringContaining('邮箱') });
    expect(shopSending('开具后可在订单详情页下载电子发票')).toEqual({ electronic: true, note: '开具电子发票后按店铺方式发送给买家，不随货寄出' });
  });
  it('near miss: a paper invoice the shop posts goes with the goods', () => {
    expect(shopSending('财务会在一个月之内统一寄出，运费我们承担')).toEqual({ electronic: false, note: '随货寄出' });
    expect(shopSending('纸质发票随货寄出，或电子邮件告知单号后寄出')).toMatchObject({ electronic: false });
  });
});

describe('the words around a title are no part of it', () => {
  it.each([
    ['抬头帮我改一下 改成成都星河文化有限公司', '成都星河文化有限公司'],
    ['抬头可以换成公司吗，北京恩雅设计工作室', '北京恩雅设计工作室'],
    ['名字写张小红就行', '张小红'],
    ['写我的姓名：李明', '李明'],
  ])('"%s" → %s', (text, title) => {
    expect(invoiceTitleFrom(text, true)?.title).toBe(title);
  });
  it('an e-mail address goes with the title, never into it', () => {
    expect(invoiceTitleFrom('抬头张小红 发到邮箱 xh.zhang@126.com')).toEqual({ title: '张小红', taxId: null, email: 'xh.zhang@126.com' });
    expect(emailFrom('邮箱是abc_1@qq.com')).toBe('abc_1@qq.com');
    // Near miss: a mailbox word without an address.
    expect(emailFrom('发票发我邮箱吧')).toBeNull();
  });
  it('"名字写错了吗" asks about a name, it gives none', () => {
    expect(invoiceTitleFrom('名字写错了吗', true)).toBeNull();
  });
});

describe('titleKindOnly', () => {
  it.each([
    ['要开公司的', 'company'],
    ['单位抬头', 'company'],
    ['裤子那单开一张 个人的', 'personal'],
  ] as const)('"%s" says the kind, not the name: %s', (text, kind) => {
    expect(titleKindOnly(text)).toBe(kind);
    expect(invoiceTitleFrom(text, true)).toBeNull();
  });
  it.each(['公司是杭州暖阳贸易有限公司', '个人 林安娜', '公司的地址在哪'])('"%s" is no kind alone', (text) => {
    expect(titleKindOnly(text)).toBeNull();
  });
});

describe('another invoice, the same title, the 税号 asked about', () => {
  it('"一样的抬头" / "抬头同上" take the title given before; a new title does not', () => {
    expect(sameTitleAsBefore('裤子那单也要 抬头同上')).toBe(true);
    expect(sameTitleAsBefore('跟刚才一样就行')).toBe(true);
    expect(sameTitleAsBefore('抬头换个新的')).toBe(false);
  });
  it('"再开一张" asks another invoice; "开一张收据单" is no invoice ask', () => {
    expect(asksAnotherInvoice('核桃那单再开一张')).toBe(true);
    expect(asksAnotherInvoice('我再下一单')).toBe(false);
  });
  it('"需要税号不？" asks about the 税号; a message giving one does not', () => {
    expect(invoiceQuestion('需要提供税号吗')).toBe('tax');
    expect(invoiceQuestion('税号91330100MA2XXXX12Q 要吗')).not.toBe('tax');
  });
});
