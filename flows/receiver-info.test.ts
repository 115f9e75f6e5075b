import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { logisticsMachine } from './logistics.ts';
import { asksReceiverData, receiverCheckReply, receiverReadBack } from './receiver-info.ts';
import { testOrder, turn } from './test-fixtures.ts';

describe('asksReceiverData', () => {
  it.each(['收件人手机号码是多少', '帮我核对一下收货地址', '那单的收货信息发我看下', '收件人写的啥'])('"%s" asks what the receiver data is', (text) => {
    expect(asksReceiverData(text)).toBe(true);
  });
  it.each(['怎么确认收货', '收货地址写错了 帮我改一下', '收件电话改成13900001111', '你们客服电话多少'])('"%s" is no read-back question', (text) => {
    expect(asksReceiverData(text)).toBe(false);
  });
});

describe('the own order’s receiver data read back', () => {
  const paid = testOrder('100000000000000001', 'paid', { paidAt: '2026-11-23T08:05:00+08:00' });
  it('reads it back with the phone masked, no remark; the phone alone when only it is asked', () => {
    expect(receiverReadBack(turn('address_change', '帮我核对一下收货信息', { facts: { orders: [paid] } }))).toEqual({
      scriptId: 'logistics.receiver.read_back',
      params: { orderId: paid.id, receiver: '张三', phone: '138****5678', address: '浙江省杭州市西湖区文三路100号' },
    });
    expect(receiverReadBack(turn('address_change', '收件人手机号码是多少', { facts: { orders: [paid] } }))).toEqual({
      scriptId: 'logistics.receiver.phone',
      params: { orderId: paid.id, receiver: '张三', phone: '138****5678' },
    });
  });
  it('while the new address is awaited, the question is answered and the address still awaited; an address then is taken', () => {
    const actor = createActor(logisticsMachine, { input: {} }).start();
    const facts = { orders: [paid], now: '2026-11-23T10:00:00+08:00' };
    actor.send(turn('address_change', '地址要改一下', { facts }));
    expect(actor.getSnapshot().value).toBe('awaitingAddress');
    actor.send(turn('contact_request', '原来的收件电话是多少 我确认下', { facts }));
    expect(actor.getSnapshot().context.out.replies.map((r) => r.scriptId)).toEqual(['logistics.receiver.phone']);
    expect(actor.getSnapshot().context.out.remarks).toEqual([]);
    expect(actor.getSnapshot().value).toBe('awaitingAddress');
    // Near miss: the new address itself is a change, remarked.
    actor.send(turn('other', '浙江省杭州市滨江区江南大道100号 张三 13812345678', { facts }));
    expect(actor.getSnapshot().context.out.remarks.length).toBe(1);
  });
});

describe('receiverCheckReply (before any flow runs)', () => {
  const open = testOrder('100000000000000002', 'paid', { receiver: { name: '张三', phone: '13800001234', address: '杭州市西湖区文三路1号', region: '浙江' } });
  const done = testOrder('100000000000000003', 'delivered', { receiver: { name: '李四', phone: '13700001111', address: '上海市静安区1号', region: '上海' } });
  it('an address checked: the open order\'s receiver data, the phone masked', () => {
    for (const text of ['收货地址是文三路那个对吧', '我地址写的是杭州没错吧']) {
      expect(receiverCheckReply({ text, entities: [], orders: [done, open], pointed: [done, open], focusId: undefined }), text).toEqual({
        scriptId: 'logistics.receiver.read_back',
        params: { orderId: open.id, receiver: '张三', phone: '138****1234', address: '杭州市西湖区文三路1号' },
      });
    }
  });
  it('the phone asked for alone: the phone of the order talked about, masked', () => {
    for (const text of ['订单上收件手机是哪个号 我看看是不是写错了', '我留的电话是多少来着', '收货电话填的是什么']) {
      const reply = receiverCheckReply({ text, entities: [], orders: [open, done], pointed: [open, done], focusId: done.id });
      expect(reply?.scriptId, text).toBe('logistics.receiver.phone');
      expect(reply?.params.phone, text).toBe('137****1111');
    }
  });
  it('near misses: a change, a wrong address, the shop\'s phone, or no order', () => {
    for (const text of ['地址写错了 改成文二路对吧', '地址能改吗', '你们客服电话多少', '手机号填错了 改成13700001112', '我的手机收不到短信']) {
      expect(receiverCheckReply({ text, entities: [], orders: [open], pointed: [open], focusId: undefined }), text).toBeNull();
    }
    expect(receiverCheckReply({ text: '收货电话是哪个', entities: [], orders: [], pointed: [], focusId: undefined })).toBeNull();
    // Someone else's order named by its id: nothing read back (the privacy answer's matter).
    expect(receiverCheckReply({ text: '订单2490156630218749513的收货地址是哪里', entities: [], orders: [open], pointed: [open], focusId: undefined })).toBeNull();
    expect(receiverCheckReply({ text: `订单${open.id}的收货地址是哪里`, entities: [], orders: [done, open], pointed: [done], focusId: undefined })?.params.orderId).toBe(open.id);
  });
});
