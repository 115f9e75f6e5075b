import { defineRule } from '../rule.ts';
import { matchAll } from '../text-view.ts';

/**
 * Address the buyer as 您, never 你 (seed 000 二(4)). 你们 is left alone (您们 is not
 * standard Chinese), and so are words that merely contain 你 (迷你).
 */
const YOU = /你(?!们)/g;
const NOT_ADDRESS_BEFORE = new Set(['迷']);

export default defineRule({
  meta: {
    id: 'polite-you',
    description: 'Address the buyer as 您, not 你 (traditional 妳 included); 你们 and words like 迷你 are left alone.',
    defaultSeverity: 'error',
    source: 'seed 000 二(4) 聊天过程中要称呼客户为“您”，切勿直接称呼“你”',
    fixable: true,
    hasSuggestions: false,
    keywords: ['你'],
    messages: {
      zh: { useNin: '称呼顾客请用“您”，不要用“你”。' },
      en: { useNin: 'Address the buyer as 您, not 你.' },
    },
  },
  check({ view, report }) {
    for (const m of matchAll(view, YOU)) {
      if (m.start > 0 && NOT_ADDRESS_BEFORE.has(view.norm[m.start - 1]!)) continue;
      report({ messageId: 'useNin', start: m.start, end: m.end, fix: { text: '您' } });
    }
  },
});
