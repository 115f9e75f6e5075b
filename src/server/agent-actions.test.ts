import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../store/types.ts';
import { suggestionOutcome } from './agent-actions.ts';

const suggestion = (meta: Record<string, unknown>): StoredMessage => ({
  shopId: 's',
  conversationId: 'c',
  seq: 4,
  role: 'bot',
  text: '甲',
  at: '2025-11-20T06:30:00.000Z',
  meta: { delivery: 'suggest', scriptId: 'presale.stock.size_in_stock', intent: 'stock', candidates: ['甲', '乙', '丙'], ...meta },
});

describe('suggestionOutcome', () => {
  it('used as is, edited or ignored, for the first candidate’s script and intent', () => {
    const s = suggestion({});
    expect(suggestionOutcome(s, { agent: '小禾', text: '乙', suggestion: { seq: 4, candidate: 1 } })).toEqual({ scriptId: 'presale.stock.size_in_stock', intent: 'stock', outcome: 'used' });
    expect(suggestionOutcome(s, { agent: '小禾', text: '乙！', suggestion: { seq: 4, candidate: 1 } })?.outcome).toBe('edited');
    expect(suggestionOutcome(s, { agent: '小禾', text: '丁', suggestion: { seq: 4 } })?.outcome).toBe('ignored');
  });

  it('credits the taken candidate’s own script and reading when the message keeps them', () => {
    const s = suggestion({ candidateScripts: ['presale.stock.size_in_stock', 'presale.stock.size_in_stock', 'presale.size_advice.ask_both'], candidateIntents: ['stock', 'stock', 'size_advice'] });
    expect(suggestionOutcome(s, { agent: '小禾', text: '丙', suggestion: { seq: 4, candidate: 2 } })).toEqual({ scriptId: 'presale.size_advice.ask_both', intent: 'size_advice', outcome: 'used' });
    // The holding line answers no reading: the turn's intent counts.
    const hold = suggestion({ candidateScripts: ['a', 'a', 'common.hold'], candidateIntents: ['stock', 'stock', null] });
    expect(suggestionOutcome(hold, { agent: '小禾', text: '丙', suggestion: { seq: 4, candidate: 2 } })).toEqual({ scriptId: 'common.hold', intent: 'stock', outcome: 'used' });
    // Ignored: nothing was taken, the suggestion as a whole (its first script) was passed over.
    expect(suggestionOutcome(s, { agent: '小禾', text: '丁', suggestion: { seq: 4 } })).toEqual({ scriptId: 'presale.stock.size_in_stock', intent: 'stock', outcome: 'ignored' });
  });
});
