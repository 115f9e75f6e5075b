import { describe, expect, it } from 'vitest';
import { ASKS_FOR_ANSWER, progressReply } from './progress.ts';

const now = new Date('2025-11-20T14:30:00+08:00');
const promise = (text: string, orderId: string | undefined, madeAt: string, dueAt: string, keptAt?: string) => ({ text, orderId, madeAt, dueAt, ...(keptAt ? { keptAt } : {}) });
const address = promise('跟进仓库修改收货地址并回复顾客', '1', '2025-11-20T14:20:00+08:00', '2025-11-21T14:20:00+08:00');
const refund = promise('跟进拒收退回的包裹', '2', '2025-11-20T14:25:00+08:00', '2025-11-23T14:25:00+08:00');

describe('progressReply', () => {
  it('answers a progress question with the open promise of the order in focus and its due time (shop-local)', () => {
    expect(progressReply('改好了没 别寄到老地址', [address, refund], '1', now, 'Asia/Shanghai')).toEqual({
      scriptId: 'common.progress',
      params: { task: '跟进仓库修改收货地址并回复顾客', due: '11月21日14:20' },
    });
    // No focus: the newest open promise.
    expect(progressReply('大概几天能有结果', [address, refund], undefined, now, 'Asia/Shanghai')?.params.task).toBe('跟进拒收退回的包裹');
  });

  it('nothing open (kept or overdue), no progress words, or a long message with its own ask: no answer', () => {
    const kept = { ...address, keptAt: '2025-11-20T14:29:00+08:00' };
    const overdue = promise('x', '1', '2025-11-18T10:00:00+08:00', '2025-11-19T10:00:00+08:00');
    expect(progressReply('改好了没', [kept, overdue], '1', now, 'Asia/Shanghai')).toBeNull();
    expect(progressReply('发什么快递', [address], '1', now, 'Asia/Shanghai')).toBeNull();
    expect(progressReply('改好了没 另外我还想问下羊毛大衣有没有黑色L码的 还有发票怎么开', [address], '1', now, 'Asia/Shanghai')).toBeNull();
  });

  it('a change made at once is told back with any phone number masked', () => {
    const reply = progressReply('改好了吗', [], '1', now, 'Asia/Shanghai', { orderId: '1', text: '顾客申请修改收货电话为：13700001111' });
    expect(reply).toEqual({ scriptId: 'common.progress_done', params: { orderId: '1', task: '顾客申请修改收货电话为：137****1111' } });
    // Near miss: an order id is no phone number.
    expect(progressReply('改好了吗', [], '1', now, 'Asia/Shanghai', { orderId: '1', text: '订单2490156630218749513备注加急' })?.params.task).toBe('订单2490156630218749513备注加急');
  });

  it('when it ships is the progress of an order\'s case only, not of a message left after hours', () => {
    const leftAMessage = promise('非工作时间的留言，由客服同事在工作时间跟进回复', undefined, '2025-11-20T14:20:00+08:00', '2025-11-21T10:00:00+08:00');
    for (const text of ['你们什么时候能发货', '啥时候能寄']) expect(progressReply(text, [leftAMessage], undefined, now, 'Asia/Shanghai'), text).toBeNull();
    // Near misses: the same question with an order's case open; asking when the answer comes.
    expect(progressReply('你们什么时候能发货', [leftAMessage, address], '1', now, 'Asia/Shanghai')?.params.task).toBe('跟进仓库修改收货地址并回复顾客');
    expect(progressReply('什么时候给我回复', [leftAMessage], undefined, now, 'Asia/Shanghai')?.scriptId).toBe('common.progress');
  });

  it('a delivery-time question is no progress question; asking when the answer comes is', () => {
    expect(progressReply('发出去以后大概几天到乌鲁木齐', [address], '1', now, 'Asia/Shanghai')).toBeNull();
    expect(progressReply('几天能到', [address], '1', now, 'Asia/Shanghai')).toBeNull();
    // A place the parcel goes to, then how long: delivery days, not the case.
    expect(progressReply('寄到拉萨大概要多久', [address], '1', now, 'Asia/Shanghai')).toBeNull();
    expect(progressReply('發往新疆幾天', [address], '1', now, 'Asia/Shanghai')).toBeNull();
    // The place alone, with no verb of sending before it.
    expect(progressReply('到拉萨一般多久', [address], '1', now, 'Asia/Shanghai')).toBeNull();
    expect(progressReply('往西宁要几天', [address], '1', now, 'Asia/Shanghai')).toBeNull();
    // Near miss: "到现在还要几天" asks after the case, not a place.
    expect(progressReply('到现在还要几天', [address], '1', now, 'Asia/Shanghai')).not.toBeNull();
    // Near miss: how long the change itself takes is the case's progress.
    expect(progressReply('改地址要几天', [address], '1', now, 'Asia/Shanghai')).not.toBeNull();
    expect(progressReply('那要多久给我答复', [address], '1', now, 'Asia/Shanghai')?.params.task).toBe('跟进仓库修改收货地址并回复顾客');
    expect(progressReply('什么时候能有结果', [address], '1', now, 'Asia/Shanghai')).not.toBeNull();
    expect(ASKS_FOR_ANSWER.test('那要多久给我答复')).toBe(true);
    expect(ASKS_FOR_ANSWER.test('多久能到')).toBe(false);
  });

  it('nothing open but the change was made right away: says what was done', () => {
    const done = { orderId: '1', text: '顾客申请修改收货地址为：杭州市西湖区文三路100号' };
    expect(progressReply('改好了吗', [], '1', now, 'Asia/Shanghai', done)).toEqual({ scriptId: 'common.progress_done', params: { orderId: '1', task: done.text } });
    expect(progressReply('備註了沒', [], '1', now, 'Asia/Shanghai', done)?.scriptId).toBe('common.progress_done');
    // An open promise wins; no change made: nothing to say; a time question is no "is it done".
    expect(progressReply('改好了吗', [address], '1', now, 'Asia/Shanghai', done)?.scriptId).toBe('common.progress');
    expect(progressReply('改好了吗', [], '1', now, 'Asia/Shanghai')).toBeNull();
    expect(progressReply('大概几天能有结果', [], '1', now, 'Asia/Shanghai', done)).toBeNull();
  });

  it('asks whether the shop has acted on the case ("催了没", "有消息了吗", "查到了跟我说") — not asks to act', () => {
    for (const text of ['快递那边催了没', '有消息了吗', '查到了跟我说一声', '那个包裹 问過了嗎', '你们联络了没有']) {
      expect(progressReply(text, [address], '1', now, 'Asia/Shanghai')?.params.task, text).toBe('跟进仓库修改收货地址并回复顾客');
    }
    // Near misses: asking the shop to contact, or asking to look something up.
    for (const text of ['能联系一下快递吗', '帮我查一下物流', '查查到哪了']) expect(progressReply(text, [address], '1', now, 'Asia/Shanghai'), text).toBeNull();
  });

  it('reads traditional characters', () => {
    expect(progressReply('處理好了嗎', [address], '1', now, 'Asia/Shanghai')).not.toBeNull();
  });
});
