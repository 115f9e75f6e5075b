import { describe, expect, it } from 'vitest';
import { bj, Records, shop } from '../../test/helpers/notebook-records.ts';
import { handoverColumns, handoverLog } from './handover.ts';
import { handoverShift } from './shift.ts';
import { toTable } from './table.ts';

const at = (local: string) => new Date(bj(local));

describe('handoverShift', () => {
  it('at the 16:00–16:30 overlap the day shift hands over', () => {
    const s = handoverShift(shop, at('2025-11-20 16:15'));
    expect([s.label, s.start.toISOString(), s.end.toISOString()]).toEqual(['09:00–16:30', bj('2025-11-20 09:00'), bj('2025-11-20 16:30')]);
  });

  it('the shift boundaries: 16:30 is the evening shift, 09:00 the day shift', () => {
    expect(handoverShift(shop, at('2025-11-20 16:30')).label).toBe('16:00–22:30');
    expect(handoverShift(shop, at('2025-11-20 09:00')).start.toISOString()).toBe(bj('2025-11-20 09:00'));
  });

  it('after closing and before opening it is the last evening shift', () => {
    expect(handoverShift(shop, at('2025-11-20 23:00')).start.toISOString()).toBe(bj('2025-11-20 16:00'));
    expect(handoverShift(shop, at('2025-11-21 08:59')).start.toISOString()).toBe(bj('2025-11-20 16:00'));
  });

  it('a shift past midnight is still on after midnight', () => {
    const night = { timezone: 'Asia/Shanghai', workingHours: [{ start: '22:00', end: '02:00' }] };
    const s = handoverShift(night, at('2025-11-21 01:00'));
    expect([s.start.toISOString(), s.end.toISOString()]).toEqual([bj('2025-11-20 22:00'), bj('2025-11-21 02:00')]);
  });
});

describe('handoverLog', () => {
  const r = new Records()
    .conversation('waiting', 'pending', '2025-11-20 15:00')
    .message('waiting', 'buyer', '2025-11-20 15:00', '我要投诉')
    .conversation('taken', 'agent', '2025-11-20 15:10')
    .conversation('unanswered', 'bot', '2025-11-20 15:20')
    .message('unanswered', 'buyer', '2025-11-20 15:20', '在吗')
    .message('unanswered', 'bot', '2025-11-20 15:20', '建议', { meta: { delivery: 'suggest' } })
    .conversation('done', 'bot', '2025-11-20 15:30')
    .message('done', 'buyer', '2025-11-20 15:30', '有M码吗')
    .message('done', 'bot', '2025-11-20 15:30', '有的', { meta: { delivery: 'send' } })
    .event('done', 'promise', '2025-11-20 10:00', { id: 'p1', kind: 'callback', text: '一小时内回复物流信息', dueAt: bj('2025-11-20 11:00') })
    .event('done', 'promise', '2025-11-20 15:00', { id: 'p2', kind: 'callback', text: '今天发货', orderId: '3921', dueAt: bj('2025-11-20 18:00') })
    .event('done', 'promise', '2025-11-20 12:00', { id: 'p3', kind: 'callback', text: '已兑现', dueAt: bj('2025-11-20 13:00') })
    .event('done', 'promise_kept', '2025-11-20 12:30', { id: 'p3' })
    .event('done', 'remark', '2025-11-20 08:59', { text: '昨晚的备注' })
    .event('done', 'remark', '2025-11-20 09:00', { orderId: '3921', text: '顾客议价，赠送5元优惠券（小禾 2025-11-20）' })
    .event('night', 'handover', '2025-11-20 06:00', { reason: 'outside_hours', summary: '买家问发票' })
    .event('answered', 'handover', '2025-11-20 06:10', { reason: 'outside_hours', summary: '买家问物流' })
    .message('answered', 'agent', '2025-11-20 09:05', '您好，帮您查了', { agent: '小禾' });

  it('lists open conversations, unkept promises (overdue flagged), remarks since the shift start and waiting hand-overs', () => {
    const log = handoverLog(r, shop, at('2025-11-20 16:15'));
    expect(log.shift).toEqual({ start: bj('2025-11-20 09:00'), end: bj('2025-11-20 16:30'), label: '09:00–16:30' });
    expect(log.rows.map((x) => [x.section, x.conversationId])).toEqual([
      ['open', 'waiting'],
      ['open', 'taken'],
      ['open', 'unanswered'],
      ['promise', 'done'],
      ['promise', 'done'],
      ['remark', 'done'],
      ['handover', 'night'],
    ]);
    const [p1, p2] = log.rows.filter((x) => x.section === 'promise');
    expect([p1!.detail, p1!.overdue]).toEqual(['一小时内回复物流信息', true]);
    expect([p2!.detail, p2!.overdue]).toEqual(['今天发货（订单 3921）', false]);
    expect(log.rows[0]!.detail).toBe('等待人工接手（买家 buyer_waiting）；买家最后一句：「我要投诉」');
    expect(log.rows[2]!.detail).toContain('买家消息未回复');
    expect(log.rows[5]!.detail).toBe('订单 3921：顾客议价，赠送5元优惠券（小禾 2025-11-20）');
  });

  it('the evening shift only gets the remarks made since 16:00', () => {
    const log = handoverLog(r, shop, at('2025-11-20 22:20'));
    expect(log.shift.label).toBe('16:00–22:30');
    expect(log.rows.filter((x) => x.section === 'remark')).toEqual([]);
  });

  it('is empty with no records', () => {
    expect(handoverLog({ conversations: [], messages: [], events: [] }, shop, at('2025-11-20 12:00')).rows).toEqual([]);
  });

  it('renders the due time in shop time with an overdue mark', () => {
    const table = toTable(handoverLog(r, shop, at('2025-11-20 16:15')).rows, handoverColumns('Asia/Shanghai'));
    expect(table.headers).toEqual(['类别', '时间', '会话', '详情', '期限', '链接']);
    expect(table.cells[3]!.slice(0, 2)).toEqual(['未兑现承诺', '2025-11-20 10:00']);
    expect(table.cells[3]![4]).toBe('2025-11-20 11:00（已逾期）');
  });
});
