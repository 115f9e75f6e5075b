import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { logisticsMachine } from './logistics.ts';
import { asksReceiverData, receiverReadBack } from './receiver-info.ts';
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
  it('reads it back with the phone masked, no remark', () => {
    const plan = receiverReadBack(turn('address_change', '收件人手机号码是多少', { facts: { orders: [paid] } }));
    expect(plan).toEqual({
      scriptId: 'logistics.receiver.read_back',
      params: { orderId: paid.id, receiver: '张三', phone: '138****5678', address: '浙江省杭州市西湖区文三路100号' },
    });
  });
  it('while the new address is awaited, the question is answered and the address still awaited; an address then is taken', () => {
    const actor = createActor(logisticsMachine, { input: {} }).start();
    const facts = { orders: [paid], now: '2026-11-23T10:00:00+08:00' };
    actor.send(turn('address_change', '地址要改一下', { facts }));
    expect(actor.getSnapshot().value).toBe('awaitingAddress');
    actor.send(turn('contact_request', '原来的收件电话是多少 我确认下', { facts }));
    expect(actor.getSnapshot().context.out.replies.map((r) => r.scriptId)).toEqual(['logistics.receiver.read_back']);
    expect(actor.getSnapshot().context.out.remarks).toEqual([]);
    expect(actor.getSnapshot().value).toBe('awaitingAddress');
    // Near miss: the new address itself is a change, remarked.
    actor.send(turn('other', '浙江省杭州市滨江区江南大道100号 张三 13812345678', { facts }));
    expect(actor.getSnapshot().context.out.remarks.length).toBe(1);
  });
});
