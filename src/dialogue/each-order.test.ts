import { describe, expect, it } from 'vitest';
import { DEMO_NOW, loadDemoOrderProvider } from '../orders/demo-provider.ts';
import { loadDemoShop } from '../shop/load.ts';
import { ordersEach } from './each-order.ts';

const shop = loadDemoShop();
const provider = loadDemoOrderProvider(shop);
const each = async (buyer: string, text: string): Promise<string[] | undefined> => ordersEach(text, await provider.ordersOf(buyer), shop)?.map((o) => o.id);

describe('ordersEach', () => {
  void DEMO_NOW;
  it('two orders named by their products, one request for both', async () => {
    expect(await each('tb_buyer_anna', '零食和牛仔裤两单都取消吧')).toEqual(['4189098813647205377', '4189102557306612984']);
    expect(await each('tb_buyer_anna', '大衣不要了，山核桃那单也不要了')).toEqual(['4187329904416728062', '4189098813647205377']);
  });

  it('"两个订单都…" with exactly two orders: both', async () => {
    expect(await each('tb_buyer_bowen', '两笔订单都帮我开个票')).toEqual(['2490156630218749513', '2475522190863341026']);
    // Near miss: 两 of a buyer with four orders says not which two.
    expect(await each('tb_buyer_anna', '两个订单都开发票')).toBeUndefined();
  });

  it('near misses: one order named, or two products of one order', async () => {
    expect(await each('tb_buyer_anna', '裤子那单我不要了')).toBeUndefined();
    expect(await each('tb_buyer_bowen', '羽绒服和裤子都不要了')).toBeUndefined();
    expect(await each('tb_buyer_anna', '大衣和裤子怎么样')).toBeUndefined();
    expect(await each('tb_buyer_anna', '零食不要了 裤子也不错我留着')).toBeUndefined();
  });
});
