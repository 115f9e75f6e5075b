import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/types.ts';
import { suggestionAcceptance } from './suggestions.ts';

let id = 0;
const reply = (intent: string, scriptId: string, outcome: string): StoredEvent => ({
  id: ++id,
  shopId: 's',
  conversationId: 'c',
  kind: 'agent_reply',
  at: '2025-11-20T06:00:00.000Z',
  data: { agent: '小禾', suggestion: { intent, scriptId, outcome } },
});

describe('suggestion acceptance', () => {
  it('counts used, edited and ignored per intent and per script, with the share used as is', () => {
    const rows = suggestionAcceptance([
      reply('stock', 'presale.stock', 'used'),
      reply('stock', 'presale.stock', 'edited'),
      reply('stock', 'presale.stock_other', 'ignored'),
      reply('invoice', 'invoice.ask', 'used'),
      { ...reply('x', 'y', 'used'), data: { agent: '小禾' } }, // no suggestion answered
    ]);
    expect(rows).toEqual([
      { by: 'intent', key: 'invoice', used: 1, edited: 0, ignored: 0, acceptanceRate: 1 },
      { by: 'intent', key: 'stock', used: 1, edited: 1, ignored: 1, acceptanceRate: 1 / 3 },
      { by: 'script', key: 'invoice.ask', used: 1, edited: 0, ignored: 0, acceptanceRate: 1 },
      { by: 'script', key: 'presale.stock', used: 1, edited: 1, ignored: 0, acceptanceRate: 0.5 },
      { by: 'script', key: 'presale.stock_other', used: 0, edited: 0, ignored: 1, acceptanceRate: 0 },
    ]);
  });
});
