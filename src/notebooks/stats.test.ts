import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Records } from '../../test/helpers/notebook-records.ts';
import { BOT_NAME } from './labels.ts';
import { serviceStats, statsColumns, TOTAL_NAME, NO_REPLY_NAME } from './stats.ts';
import { toTable } from './table.ts';

const tz = { timezone: 'Asia/Shanghai' };
const day = { from: '2025-11-20', to: '2025-11-20' };

function records(): Records {
  return (
    new Records()
      // c1: asks, the bot answers in 2 s, then the buyer orders: a conversion for the bot.
      .message('c1', 'buyer', '2025-11-20 10:00:00', '有M码吗')
      .event('c1', 'turn', '2025-11-20 10:00:00', { intent: 'stock' })
      .message('c1', 'bot', '2025-11-20 10:00:02', '有的', { meta: { delivery: 'send' } })
      .message('c1', 'buyer', '2025-11-20 10:05:00', '已经拍下了')
      .event('c1', 'turn', '2025-11-20 10:05:00', { intent: 'order_placed' })
      .message('c1', 'bot', '2025-11-20 10:05:01', '好的', { meta: { delivery: 'send' } })
      // c2: assist mode: the bot only suggests; agent 小禾 answers after 30 s and breaks two rules.
      .message('c2', 'buyer', '2025-11-20 11:00:00', '能便宜点吗')
      .event('c2', 'turn', '2025-11-20 11:00:00', { intent: 'bargain_generic' })
      .message('c2', 'bot', '2025-11-20 11:00:01', '建议回复', { meta: { delivery: 'suggest' } })
      .message('c2', 'agent', '2025-11-20 11:00:30', '你好，保证明天到', { agent: '小禾' })
      .event('c2', 'agent_reply', '2025-11-20 11:00:30', {
        agent: '小禾',
        errorCount: 2,
        warningCount: 0,
        points: 4,
        violations: [
          { ruleId: 'polite-you', severity: 'error' },
          { ruleId: 'no-certainty-words', severity: 'error', points: 4 },
        ],
      })
      // c3: the first message already says "ordered": no inquiry before it, so no conversion.
      .message('c3', 'buyer', '2025-11-20 12:00:00', '拍下了')
      .event('c3', 'turn', '2025-11-20 12:00:00', { intent: 'order_placed' })
      .message('c3', 'bot', '2025-11-20 12:00:10', '好的', { meta: { delivery: 'send' } })
      .event('c3', 'handoff', '2025-11-20 12:00:10', { reason: 'asked_for_human', summary: '' })
      .event('c3', 'handoff', '2025-11-20 12:01:00', { reason: 'asked_for_human', summary: '' })
      // c4: nobody answered.
      .message('c4', 'buyer', '2025-11-20 22:40:00', '在吗')
  );
}

describe('serviceStats', () => {
  it('counts inquiries, conversions and first-response times per agent, with a day total', () => {
    const rows = serviceStats(records(), tz, day);
    expect(rows.map((r) => r.agent)).toEqual([TOTAL_NAME, BOT_NAME, '小禾', NO_REPLY_NAME]);
    const [total, bot, agent, none] = rows;
    expect(bot).toMatchObject({ inquiries: 2, conversions: 1, conversionRate: 0.5, firstResponseMedianSec: 6, firstResponseAvgSec: 6 });
    expect(agent).toMatchObject({ inquiries: 1, conversions: 0, firstResponseMedianSec: 30, violations: 2, penaltyPoints: 4 });
    expect(agent!.violationsByRule).toEqual({ 'polite-you': { count: 1, points: 0 }, 'no-certainty-words': { count: 1, points: 4 } });
    expect(none).toMatchObject({ inquiries: 1, firstResponseMedianSec: null });
    expect(total).toMatchObject({ inquiries: 4, conversions: 1, conversionRate: 0.25, firstResponseMedianSec: 10, handoffs: 2, violations: 2, penaltyPoints: 4 });
    expect(total!.firstResponseAvgSec).toBe(14);
    expect(total!.handoffsByReason).toEqual({ asked_for_human: 2 });
  });

  it('cuts days at midnight Beijing time, not UTC', () => {
    // 23:59 and 00:01 Beijing time are 15:59 and 16:01 UTC on the same UTC day.
    const r = new Records()
      .message('a', 'buyer', '2025-11-20 23:59:00', '在吗')
      .message('a', 'bot', '2025-11-21 00:00:30', '在的', { meta: { delivery: 'send' } })
      .message('a', 'buyer', '2025-11-21 00:01:00', '拍了')
      .event('a', 'turn', '2025-11-21 00:01:00', { intent: 'order_placed' })
      .message('a', 'bot', '2025-11-21 00:01:01', '好的', { meta: { delivery: 'send' } });
    const rows = serviceStats(r, tz, { from: '2025-11-20', to: '2025-11-21' });
    const totals = rows.filter((x) => x.agent === TOTAL_NAME);
    expect(totals.map((x) => [x.date, x.inquiries, x.conversions])).toEqual([
      ['2025-11-20', 1, 0],
      ['2025-11-21', 1, 1],
    ]);
    expect(totals[0]!.firstResponseMedianSec).toBe(90);
    // Read in UTC, all of it would fall on 2025-11-20.
    const utc = serviceStats(r, { timezone: 'UTC' }, { from: '2025-11-20', to: '2025-11-21' }).filter((x) => x.agent === TOTAL_NAME);
    expect(utc.map((x) => x.inquiries)).toEqual([1, 0]);
  });

  it('an empty window still has one zero total row per day', () => {
    const rows = serviceStats({ messages: [], events: [] }, tz, { from: '2025-11-29', to: '2025-12-01' });
    expect(rows.map((r) => [r.date, r.agent, r.inquiries, r.conversionRate])).toEqual([
      ['2025-11-29', TOTAL_NAME, 0, null],
      ['2025-11-30', TOTAL_NAME, 0, null],
      ['2025-12-01', TOTAL_NAME, 0, null],
    ]);
  });

  it('leaves out what happened outside the days asked for', () => {
    const rows = serviceStats(records(), tz, { from: '2025-11-21', to: '2025-11-21' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ inquiries: 0, handoffs: 0, violations: 0 });
  });

  it('renders Chinese headers, percentages and reason names', () => {
    const table = toTable(serviceStats(records(), tz, day), statsColumns());
    expect(table.headers.slice(0, 5)).toEqual(['日期', '客服', '咨询人数', '成交人数', '转化率']);
    const total = table.cells[0]!;
    expect(total[4]).toBe('25.0%');
    expect(total[8]).toBe('顾客要求人工客服×2');
    expect(total[11]).toBe('称呼用“您”×1（0分）；“保证/肯定/绝对”等字样×1（4分）');
  });
});

describe('serviceStats invariants', () => {
  // Random chats: who speaks, when (minutes over two Beijing days), and whether the buyer says "ordered".
  const step = fc.record({
    conversation: fc.constantFrom('a', 'b', 'c'),
    role: fc.constantFrom('buyer', 'bot', 'suggest', 'agent'),
    minute: fc.integer({ min: 0, max: 2 * 24 * 60 - 1 }),
    ordered: fc.boolean(),
  });

  it('totals are the sums of the agent rows; conversions never exceed inquiries', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const r = new Records();
        const sorted = [...steps].sort((x, y) => x.minute - y.minute);
        for (const s of sorted) {
          const t = new Date(Date.parse('2025-11-20T00:00:00+08:00') + s.minute * 60_000);
          const local = new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
          if (s.role === 'buyer') {
            r.message(s.conversation, 'buyer', local, '…');
            r.event(s.conversation, 'turn', local, { intent: s.ordered ? 'order_placed' : 'stock' });
          } else if (s.role === 'agent') r.message(s.conversation, 'agent', local, '…', { agent: '小禾' });
          else r.message(s.conversation, 'bot', local, '…', { meta: { delivery: s.role === 'suggest' ? 'suggest' : 'send' } });
        }
        const rows = serviceStats(r, tz, { from: '2025-11-20', to: '2025-11-21' });
        for (const date of ['2025-11-20', '2025-11-21']) {
          const day = rows.filter((x) => x.date === date);
          const [total, ...agents] = day;
          expect(total!.agent).toBe(TOTAL_NAME);
          expect(total!.inquiries).toBe(agents.reduce((n, x) => n + x.inquiries, 0));
          expect(total!.conversions).toBe(agents.reduce((n, x) => n + x.conversions, 0));
          const buyersThatDay = new Set(r.messages.filter((m) => m.role === 'buyer' && localDay(m.at) === date).map((m) => m.conversationId));
          expect(total!.inquiries).toBe(buyersThatDay.size);
          for (const x of day) {
            expect(x.conversions).toBeLessThanOrEqual(x.inquiries);
            if (x.firstResponseMedianSec !== null) expect(x.firstResponseMedianSec).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });
});

function localDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}
