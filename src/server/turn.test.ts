import { describe, expect, it } from 'vitest';
import type { TurnResult } from '../dialogue/engine.ts';
import { botMessages, isUnrecognised, turnEvents } from './turn.ts';

const lint = { errorCount: 0, warningCount: 0, violations: [] };

function result(overrides: Partial<TurnResult> = {}): TurnResult {
  return {
    replies: [{ text: '您好，在的，请问有什么可以帮您？', scriptId: 'presale.greeting', lint, source: 'script' }],
    delivery: 'send',
    owner: 'bot',
    intent: 'greeting',
    confidence: 0.9,
    secondary: [],
    entities: [],
    state: 'bot/presale.idle',
    remarks: [],
    promises: [],
    ...overrides,
  };
}

const at = '2025-11-20T06:30:00.000Z';

describe('turn events', () => {
  it('always records the turn with its response time', () => {
    const events = turnEvents({ text: '在吗', result: result(), at, responseMs: 12, withinWorkingHours: true });
    expect(events).toEqual([
      { kind: 'turn', at, data: { intent: 'greeting', confidence: 0.9, owner: 'bot', delivery: 'send', state: 'bot/presale.idle', responseMs: 12 } },
    ]);
  });

  it('marks a message the bot did not understand: intent other, or a not-understood / fallback reply', () => {
    expect(isUnrecognised(result({ intent: 'other' }))).toBe(true);
    expect(isUnrecognised(result({ replies: [{ text: '…', scriptId: 'common.not_understood', lint, source: 'script' }] }))).toBe(true);
    expect(isUnrecognised(result({ replies: [{ text: '…', scriptId: 'presale.stock+common.fallback', lint, source: 'script' }] }))).toBe(true);
    expect(isUnrecognised(result())).toBe(false);
    const events = turnEvents({ text: 'asdf', result: result({ intent: 'other', confidence: 0.1 }), at, responseMs: 1, withinWorkingHours: true });
    expect(events.map((e) => e.kind)).toEqual(['turn', 'unrecognised']);
    expect(events[1]!.data).toEqual({ text: 'asdf', intent: 'other', confidence: 0.1 });
  });

  it('records a hand-off, and one nobody can take now also in the handover log', () => {
    const handoff = { reason: 'outside_policy' as const, summary: '买家议价三次' };
    const inHours = turnEvents({ text: '再便宜点', result: result({ handoff, owner: 'pending' }), at, responseMs: 1, withinWorkingHours: true });
    expect(inHours.map((e) => e.kind)).toEqual(['turn', 'handoff']);
    expect(inHours[1]!.data).toEqual({ reason: 'outside_policy', summary: '买家议价三次', withinWorkingHours: true });
    const late = turnEvents({ text: '再便宜点', result: result({ handoff, handover: handoff, owner: 'pending' }), at, responseMs: 1, withinWorkingHours: false });
    expect(late.map((e) => e.kind)).toEqual(['turn', 'handoff', 'handover']);
    expect(late[1]!.data).toMatchObject({ withinWorkingHours: false });
    expect(late[2]!.data).toEqual({ reason: 'outside_policy', summary: '买家议价三次' });
  });

  it('records remarks and promises with their ids', () => {
    const events = turnEvents({
      text: '学生党没钱',
      result: result({
        remarks: [{ text: '顾客议价（借口型），赠送5元优惠券（小禾 2025-11-20）' }],
        promises: [{ id: 'p2-1', kind: 'coupon', text: '5元优惠券', madeAt: at, dueAt: '2025-11-20T07:30:00.000Z' }],
      }),
      at,
      responseMs: 1,
      withinWorkingHours: true,
    });
    expect(events.slice(1)).toEqual([
      { kind: 'remark', at, data: { text: '顾客议价（借口型），赠送5元优惠券（小禾 2025-11-20）' } },
      { kind: 'promise', at, data: { id: 'p2-1', kind: 'coupon', text: '5元优惠券', dueAt: '2025-11-20T07:30:00.000Z' } },
    ]);
  });
});

describe('bot messages of a turn', () => {
  it('stores the sent reply with its script and state', () => {
    expect(botMessages(result(), at)).toEqual([
      { role: 'bot', text: '您好，在的，请问有什么可以帮您？', at, meta: { scriptId: 'presale.greeting', source: 'script', delivery: 'send', intent: 'greeting', state: 'bot/presale.idle' } },
    ]);
  });
  it('stores suggestions as one message with the alternatives', () => {
    const replies = [
      { text: '甲', scriptId: 'presale.stock', lint, source: 'script' as const, intent: 'stock' as const },
      { text: '乙', scriptId: 'presale.stock', lint, source: 'script' as const, intent: 'stock' as const },
      { text: '丙', scriptId: 'common.hold', lint, source: 'script' as const },
    ];
    const [message] = botMessages(result({ replies, delivery: 'suggest' }), at);
    expect(message?.text).toBe('甲');
    expect(message?.meta).toMatchObject({
      delivery: 'suggest',
      candidates: ['甲', '乙', '丙'],
      candidateScripts: ['presale.stock', 'presale.stock', 'common.hold'],
      candidateIntents: ['stock', 'stock', null],
    });
  });
  it('stores nothing when there is no reply', () => {
    expect(botMessages(result({ replies: [] }), at)).toEqual([]);
  });
});
