import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../nlu/default-classifier.ts';
import { DEMO_NOW, loadDemoOrderProvider } from '../orders/demo-provider.ts';
import type { Order } from '../orders/schema.ts';
import { loadDemoShop } from '../shop/load.ts';
import { respond, type EngineDeps } from './engine.ts';
import { focusedOpenOrder, focusedOrders, orderInFocus, PURCHASE_POINTER, referredOrders } from './order-reference.ts';
import { loadScripts } from './scripts.ts';

const shop = loadDemoShop();
const provider = loadDemoOrderProvider(shop);
const classifier = defaultClassifier();
const scripts = loadScripts();
const deps: EngineDeps = { classifier, scripts, shop, orders: provider, clock: () => new Date(DEMO_NOW.getTime()) };

const ordersOf = (buyer: string): Promise<Order[]> => provider.ordersOf(buyer);
const refer = async (buyer: string, text: string, productAlone = true) =>
  referredOrders({ text, entities: classifier.classify(text).entities, orders: await ordersOf(buyer), shop, now: DEMO_NOW, productAlone });
const ids = (r: Awaited<ReturnType<typeof refer>>): string[] | undefined => r?.orders.map((o) => o.id);

describe('referredOrders', () => {
  it('by state: the unpaid one, the one not shipped yet, the one on its way', async () => {
    expect(ids(await refer('tb_buyer_anna', '我想取消没付钱的那个订单'))).toEqual(['4189098813647205377']);
    expect(ids(await refer('tb_buyer_anna', '還沒付款的那單不要了'))).toEqual(['4189098813647205377']);
    expect(ids(await refer('tb_buyer_anna', '在路上的那个到哪了'))).toEqual(['4187329904416728062']);
    expect(ids(await refer('tb_buyer_anna', '没发货的那单帮我取消'))).toEqual(['4189102557306612984']);
  });

  it('by minutes or hours since it was bought or paid (十分钟前付的, 前两个钟头买的, 半小时前拍的)', async () => {
    expect(ids(await refer('tb_buyer_anna', '刚才大概10分钟之前付款的那个 帮我改下地址'))).toEqual(['4189102557306612984']);
    expect(ids(await refer('tb_buyer_anna', '半个多小时前拍的那单还没付'))).toEqual(['4189098813647205377']);
    expect(ids(await refer('tb_buyer_bowen', '前俩钟头 不对 前两个小时买的东西'))).toEqual(['2490156630218749513']);
    // Near misses: a duration that is no moment back ("等了两个小时"), and a moment no order fits.
    expect((await refer('tb_buyer_anna', '我等了两个小时了'))?.cues ?? []).not.toContain('time');
    expect(ids(await refer('tb_buyer_anna', '五个小时前买的那单'))).toBeUndefined();
  });

  it('a correction names the order meant by what follows it (不是裤子 是吃的那个)', async () => {
    expect(ids(await refer('tb_buyer_anna', '不对 我说的是零食那单'))).toEqual(['4189098813647205377']);
    expect(ids(await refer('tb_buyer_anna', '不是零食 是大衣那个'))).toEqual(['4187329904416728062']);
    // Near miss: no correction — the product named is the order.
    expect(ids(await refer('tb_buyer_anna', '裤子那单呢'))).toEqual(['4189102557306612984']);
  });

  it('by what the buyer calls the order, found in its note (年会那单 ↔ 公司年会采购)', async () => {
    expect(ids(await refer('tb_buyer_fang', '年会那单的发票能开公司抬头吧'))).toEqual(['3361582049917736428']);
    expect(ids(await refer('tb_buyer_fang', '公司年会的那一单什么时候发'))).toEqual(['3361582049917736428']);
    expect(ids(await refer('tb_buyer_fang', '采购那笔能便宜点吗'))).toEqual(['3361582049917736428']);
    // Near miss: words no note holds point at nothing by note.
    expect((await refer('tb_buyer_fang', '生日那单到哪了'))?.cues ?? []).not.toContain('note');
  });

  it('by product among the products this buyer ordered (裤子 is two products in the shop, one in her orders)', async () => {
    expect(ids(await refer('tb_buyer_anna', '大衣那单到哪了'))).toEqual(['4187329904416728062']);
    expect(ids(await refer('tb_buyer_anna', '牛仔裤那个取消吧'))).toEqual(['4189102557306612984']);
    expect(ids(await refer('tb_buyer_bowen', '围巾那单'))).toEqual(['2475522190863341026']);
  });

  it('by time: 上周到的 / 刚拍的 (the demo "now" is Thursday 2025-11-20)', async () => {
    // bowen's scarf arrived on Sunday 16 November: last week, Monday-based.
    expect(ids(await refer('tb_buyer_bowen', '上周到的那个'))).toEqual(['2475522190863341026']);
    expect(ids(await refer('tb_buyer_anna', '刚拍的那单'))).toEqual(['4189102557306612984', '4189098813647205377']);
  });

  it('by a kind of product ("零食那个") only where an order is meant, never for a pre-sale question', async () => {
    const byKind = async (text: string, kinds: boolean) =>
      ids(referredOrders({ text, entities: classifier.classify(text).entities, orders: await ordersOf('tb_buyer_anna'), shop, now: DEMO_NOW, productAlone: true, byKind: kinds }));
    expect(await byKind('零食那个', true)).toEqual(['4189098813647205377']);
    expect(await byKind('吃的那單', true)).toEqual(['4189098813647205377']);
    expect(await byKind('外套那个', true)).toEqual(['4187329904416728062']);
    expect(await byKind('零食那个', false)).toBeUndefined();
    expect(await byKind('衣服那个', true)).toBeUndefined();
  });

  it('by courier: "上次那个顺丰的" among orders sent otherwise', async () => {
    expect(ids(await refer('tb_buyer_bowen', '上次那个顺丰的单号多少来着'))).toEqual(['2475522190863341026']);
    expect(ids(await refer('tb_buyer_bowen', '顺丰那单'))).toEqual(['2475522190863341026']);
  });

  it('a courier asked for points at no order; a newly placed order is one not on its way yet', async () => {
    for (const text of ['能发顺丰吗', '新拍的那单能发顺丰吗 差价我补', '改发顺丰可以吗', '发顺丰的话要加钱吗', '那就发顺丰吧 运费我出', '就走顺丰 补差价']) {
      expect((await refer('tb_buyer_bowen', text))?.cues ?? [], text).not.toContain('courier');
    }
    expect(ids(await refer('tb_buyer_bowen', '新拍的那单能发顺丰吗 差价我补'))).toEqual(['2490156630218749513']);
    expect(ids(await refer('tb_buyer_anna', '新下的单'))).toEqual(['4189102557306612984', '4189098813647205377']);
    expect(ids(await refer('tb_buyer_bowen', '走顺丰的那单到了没'))).toEqual(['2475522190863341026']);
  });

  it('cues narrow together; a state cue no order fits refers to nothing', async () => {
    expect(ids(await refer('tb_buyer_anna', '今天拍的没付钱的那个'))).toEqual(['4189098813647205377']);
    expect(await refer('tb_buyer_dali', '没付钱的那个')).toBeUndefined();
  });

  it('no cue, or a product alone in a pre-sale question: no reference', async () => {
    expect(await refer('tb_buyer_anna', '发什么快递')).toBeUndefined();
    expect(await refer('tb_buyer_anna', '大衣还有货吗', false)).toBeUndefined();
  });

  it('an order id of her own is the reference; someone else\'s is none', async () => {
    expect(ids(await refer('tb_buyer_anna', '4187329904416728062到哪了'))).toEqual(['4187329904416728062']);
    expect(await refer('tb_buyer_anna', '2475522190863341026到哪了')).toBeUndefined();
  });
});

describe('the order in focus across turns', () => {
  it('a follow-up is about the order just discussed, unless it turns to another one', async () => {
    const orders = await ordersOf('tb_buyer_anna');
    expect(focusedOrders('算了取消吧', orders, '4189102557306612984')?.orders.map((o) => o.id)).toEqual(['4189102557306612984']);
    expect(focusedOrders('另外那个订单呢', orders, '4189102557306612984')).toBeUndefined();
    expect(focusedOrders('算了取消吧', orders, '9999999999999999999')).toBeUndefined();
  });

  it('is the one own order a turn was about, never a list or someone else\'s', async () => {
    const orders = await ordersOf('tb_buyer_anna');
    expect(orderInFocus(['4189102557306612984', undefined, '4189102557306612984'], orders)).toBe('4189102557306612984');
    expect(orderInFocus(['4189102557306612984', '4189098813647205377'], orders)).toBeUndefined();
    expect(orderInFocus(['2475522190863341026'], orders)).toBeUndefined();
  });
});

describe('a product named by its payment', () => {
  it('points at the order, what is still to pay does not', () => {
    for (const text of ['已经付了款的牛仔裤能改顺丰吗', '付过款的那件大衣', '刚支付的裤子', '昨天付完款的核桃', '刚拍的裤子今天能发不', '拍好的鲜花饼']) expect(PURCHASE_POINTER.test(text), text).toBe(true);
    for (const text of ['要付的运费多少', '需要付的定金是多少', '牛仔裤能发顺丰吗', '付款后多久发货', '想拍的那件大衣有货吗', '准备拍的围巾']) expect(PURCHASE_POINTER.test(text), text).toBe(false);
  });

  it('a courier change for "the jeans I paid for" lands on the paid jeans order, days after payment too', async () => {
    const later = { ...deps, clock: () => new Date(DEMO_NOW.getTime() + 2 * 86_400_000) };
    const { result } = await respond(undefined, { buyerId: 'tb_buyer_anna', text: '已经付了款的牛仔裤可以改成顺丰吗 补差价' }, later);
    expect(result.remarks.map((r) => r.orderId)).toEqual(['4189102557306612984']);
    // Near miss: the product alone is a pre-sale question; nothing is noted on the paid order.
    const asked = await respond(undefined, { buyerId: 'tb_buyer_anna', text: '牛仔裤能发顺丰吗 补差价' }, later);
    expect(asked.result.remarks.map((r) => r.orderId)).not.toContain('4189102557306612984');
  });
});

describe('a courier request after an order was discussed', () => {
  it('is for the order in focus while it has not left; a shipped one or another order named points nowhere', async () => {
    const orders = await ordersOf('tb_buyer_anna');
    expect(focusedOpenOrder('可以改顺丰吗 补差价没问题', orders, '4189102557306612984')?.orders.map((o) => o.id)).toEqual(['4189102557306612984']);
    // Near misses: the parcel in focus is already with the courier; the buyer turns to another order.
    expect(focusedOpenOrder('能发顺丰吗', orders, '4187329904416728062')).toBeUndefined();
    expect(focusedOpenOrder('另外那单能发顺丰吗', orders, '4189102557306612984')).toBeUndefined();
  });

  it('the remark lands on the paid order just chased, not on the newest unpaid one', async () => {
    const first = await respond(undefined, { buyerId: 'tb_buyer_anna', text: '裤子那个订单咋还不发' }, deps);
    const { result } = await respond(first.conversation, { buyerId: 'tb_buyer_anna', text: '走顺丰吧 多出的运费我补' }, deps);
    expect(result.remarks.map((r) => r.orderId)).toEqual(['4189102557306612984']);
    // Near miss: with no order discussed, the courier note still goes on the unpaid order (told before payment).
    const fresh = await respond(undefined, { buyerId: 'tb_buyer_anna', text: '走顺丰吧 多出的运费我补' }, deps);
    expect(fresh.result.remarks.map((r) => r.orderId)).toEqual(['4189098813647205377']);
  });
});

describe('irreversible steps only on the order the message is about', () => {
  const BUYERS = ['tb_buyer_anna', 'tb_buyer_bowen', 'tb_buyer_chenxi', 'tb_buyer_dali', 'tb_buyer_enya', 'tb_buyer_fang'];
  const POINTERS = ['没付钱的那个', '在路上的那单', '已经签收的那个', '上周到的那个', '刚拍的那单', '大衣那单', '围巾那个', '牛仔裤那单', '零食那单', '毛衣那个', ''];
  const ASKS = ['不想要了帮我取消', '地址改成上海市浦东新区世纪大道100号', '帮我开发票 抬头个人', '退货', '质量有问题', '到哪了', '急用 加急发', '换个颜色', '还没发货吗', '拒收可以退款吗'];

  it('every remark is on one of the buyer\'s own orders and, when the message points at orders, on one of those', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BUYERS), fc.constantFrom(...POINTERS), fc.constantFrom(...ASKS), fc.constantFrom('', '亲 ', '在吗 '), async (buyer, pointer, ask, opener) => {
        const text = `${opener}${pointer}${pointer ? ' ' : ''}${ask}`;
        const own = await ordersOf(buyer);
        const { result } = await respond(undefined, { buyerId: buyer, text }, deps);
        const pointed = referredOrders({ text, entities: result.entities, orders: own, shop, now: DEMO_NOW, productAlone: true });
        for (const remark of result.remarks) {
          if (remark.orderId === undefined) continue;
          expect(own.map((o) => o.id), text).toContain(remark.orderId);
          if (pointed !== undefined) expect(pointed.orders.map((o) => o.id), text).toContain(remark.orderId);
        }
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });
});
