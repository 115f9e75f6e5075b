import { describe, expect, it } from 'vitest';
import { compareFacts, extractFacts, type FactProblemCode } from './facts.ts';

const products = { productNames: ['双面羊毛呢大衣', '手剥山核桃'] };
const codes = (original: string, candidate: string) => compareFacts(original, candidate, products).map((p) => p.code);

describe('extractFacts', () => {
  it('reads amounts the way the NLU does', () => {
    for (const text of ['十二块', '12元', '¥12', '￥12', '１２元', '十二塊錢', '12.0元']) {
      expect(extractFacts(text).map((f) => f.key), text).toEqual(['money:12']);
    }
  });

  it('finds every kind of fact of a reply', () => {
    const text = '订单4189102557306612984已由顺丰发出，打9折，百分之八十五的羊毛，3天内送达，11月11日前，双面羊毛呢大衣两件，单号78531246903215';
    expect(extractFacts(text, products).map((f) => f.key)).toEqual([
      'order_id:4189102557306612984',
      'courier:顺丰',
      'discount:0.9',
      'days:3',
      'date:m11d11before',
      'percent:85',
      'number:2',
      'number:78531246903215',
      'product:双面羊毛呢大衣',
      'claim:ship:yes',
    ]);
  });

  it('finds links, contact words and promise words', () => {
    const kinds = extractFacts('详情看 www.abc.cn/x ，加我微信，保证明天到').map((f) => `${f.kind}:${f.text}`);
    expect(kinds).toEqual(expect.arrayContaining(['link:www.abc.cn/x', 'contact:加我', 'contact:微信', 'promise:保证']));
  });

  it('does not count 一 before a measure word as a number (一份, 一下)', () => {
    expect(extractFacts('赠送您一份围巾，我查一下').filter((f) => f.kind === 'number')).toEqual([]);
  });
});

describe('compareFacts', () => {
  const same: [string, string, string][] = [
    ['Chinese numeral and digits', '帮您申请了十二块的优惠券', '为您申请到一张12元优惠券'],
    ['full-width digits', '到手价694元', '用券后到手价６９４元'],
    ['a bare number and an amount', '到手价694', '到手价是694元'],
    ['the yuan sign', '补12元运费', '需要补￥12运费'],
    ['traditional characters', '已經由順豐發出，3天左右送達', '已经由顺丰发出，大约3天送达'],
    ['a courier by its Latin name', '走顺丰', '可以走SF'],
    ['a Chinese discount', '全场九五折', '全场95折'],
    ['a percentage in words', '羊毛含量85%', '羊毛含量百分之八十五'],
    ['day counts in words', '一般三天到', '一般3天左右送达'],
    ['counts in words', '买两件', '买2件'],
    ['a date written with 号', '预计11月28日补货', '预计11月28号左右补货'],
    ['a promise word the original already has', '我马上帮您查看', '我这边马上为您查一下'],
    ['no facts at all', '您好，请问有什么可以帮您？', '您好，请问需要什么帮助呢？'],
    ['a refusal said another way', '价格已经很实在了，非常抱歉暂时无法再低了', '价格已经很实在，这次不能再便宜了，非常抱歉'],
    ['a reassurance that is no denial', '不好意思，我们会尽快发货', '非常抱歉，我们会尽快为您发货'],
    ['a price described in other words', '这款的价格已经很实在了', '这款的价格已经很优惠了'],
    ['无理由 and 无门槛, which deny nothing', '支持7天无理由退换，送您一张5元无门槛优惠券', '送您一张5元无门槛优惠券，也支持7天无理由退换'],
    ['a dropped service statement (saying less is allowed)', '订单已经发出，物流信息会在订单详情里更新', '订单的物流信息会在订单详情里更新'],
  ];
  for (const [what, original, candidate] of same) {
    it(`accepts ${what}`, () => expect(compareFacts(original, candidate, products)).toEqual([]));
  }

  const changed: [string, string, string, FactProblemCode[]][] = [
    ['a dropped amount', '为您申请到5元优惠券，到手价694元', '为您申请到优惠券，到手价694元', ['missing_fact']],
    ['a changed amount', '到手价694元', '到手价649元', ['changed_fact']],
    ['an amount changed in words', '优惠券5元', '优惠券六元', ['changed_fact']],
    ['a new amount', '这款价格已经很优惠了', '这款已经便宜了10元', ['new_number']],
    ['a dropped order id', '订单4189102557306612984已发出', '您的订单已发出', ['missing_fact']],
    ['a changed courier', '由中通快递发出', '由顺丰发出', ['changed_fact']],
    ['a new courier', '已经为您发出', '已经用顺丰为您发出', ['new_fact']],
    ['a changed day count', '一般2-4天送达', '一般2-5天送达', ['changed_fact']],
    ['a changed date', '预计11月28日补货', '预计11月25日补货', ['changed_fact']],
    ['a new date and promise', '仓库会尽快为您发出', '仓库明天到就为您发出', ['new_fact', 'new_promise']],
    ['a dropped product name', '双面羊毛呢大衣到手价694元', '这款到手价694元', ['missing_fact']],
    ['a changed discount', '全场9折', '全场8折', ['changed_fact']],
    ['a new phone number', '有问题随时联系我', '有问题随时打13912345678', ['new_phone']],
    ['a new landline', '有问题随时联系我', '有问题打0571-88886666', ['new_phone']],
    ['a new link', '您可以看一下宝贝详情', '您可以看一下 https://shop.example.com/item', ['new_link']],
    ['a new bare domain', '您可以看一下宝贝详情', '您可以看一下abc.com的详情', ['new_link']],
    ['a new WeChat invitation', '有问题随时联系我', '有问题加我vx详聊', ['new_contact', 'new_contact']],
    ['a new e-mail address', '有问题随时联系我', '有问题发邮件到 shop@example.com', ['new_contact']],
    ['a new QQ number', '有问题随时联系我', '有问题联系QQ 12345678', ['new_number', 'new_contact']],
    ['a new 保证', '我们会尽快发货', '我们保证尽快发货', ['new_promise']],
    ['a new 一定', '我们会尽快发货', '我们一定尽快发货', ['new_promise']],
    ['a new 马上发', '付款后仓库会安排', '付款后仓库马上发', ['new_promise']],
    ['a new 包邮', '运费按模板收取', '这单包邮', ['new_promise', 'new_promise']],
    ['out of stock turned into in stock', '非常抱歉，这款暂时无货', '这款现在有货', ['changed_fact']],
    ['a refused discount granted', '价格已经很实在了，非常抱歉暂时无法再低了', '价格已经很实在了，还可以再便宜一点', ['changed_fact']],
    ['not shipped turned into shipped', '您的订单还没有发出', '您的订单已经发出了', ['changed_fact']],
    ['shipped turned into not shipped', '您的订单已经发出', '您的订单暂时没有发出', ['changed_fact']],
    ['a refused payment way granted', '店铺不支持货到付款', '店铺可以货到付款', ['changed_fact']],
    ['a new return statement', '您好，请问有什么可以帮您', '您好，本店支持无理由退换', ['new_promise']],
    ['returns turned into no returns', '支持7天无理由退换', '这款不支持退换', ['missing_fact', 'changed_fact']],
  ];
  for (const [what, original, candidate, expected] of changed) {
    it(`reports ${what}`, () => expect(codes(original, candidate)).toEqual(expected));
  }

  it('names both values of a change, in Chinese', () => {
    expect(compareFacts('到手价694元', '到手价649元')).toEqual([{ code: 'changed_fact', kind: 'money', message: '把原话术中的“694元”改成了“649元”' }]);
  });

  it('counts a fact once however often it is repeated', () => {
    expect(compareFacts('备注顺丰，走顺丰', '走顺丰')).toEqual([]);
  });
});
