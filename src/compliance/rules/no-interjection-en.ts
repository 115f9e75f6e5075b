import { defineRule } from '../rule.ts';
import { matchAll } from '../text-view.ts';
import { curtReplySpan } from './no-curt-reply.ts';

/**
 * 嗯 / 恩 as an interjection (seed 000 二(6) 严禁用…恩…等语气词): 嗯，我帮您查一下 / 恩恩 / 好的恩.
 * 嗯 is always an interjection; 恩 only when doubled, or alone at the edge of a clause, so
 * 感恩, 恩惠, 恩爱, 报恩, 谢恩, 恩施 (a city) and the like pass. Suggestion only: 嗯，→ 好的，,
 * or dropping it where a 好的 already follows. A reply that is only 嗯 is no-curt-reply's.
 * An error in the strict profile, like 哦 (no-particle-o): the manual bans both alike, and a
 * doubled 嗯嗯 / 恩恩 / 嗯呢 opening a reply is the commonest form real agents type; the taobao
 * profile keeps it a warning.
 */
const INTERJECTION = /[嗯恩]+/g;
const BREAK = /[\s,.!?;:~，。！？；：、…]/;
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)/u;
/** Characters before 恩 that make a word (感恩, 报恩, 谢恩 …). */
const EN_WORD_BEFORE = new Set([...'感报谢知施忘负开隆皇天私旧殊']);
/** After a clause-opening single 恩: what an interjection is followed by (not 恩施, 恩人, 恩爱 …). */
const EN_INTERJECTION_AFTER = new Set([...'好的呢哈啊是对我您那这嗯']);
/** Before a clause-final single 恩 (好的恩 / 是的恩). */
const EN_FINAL_AFTER = new Set([...'的好吧啦呢哈了']);
/** What already says yes: then the interjection is just dropped (嗯，好的 → 好的). */
const YES_AHEAD = /^(?:好|是的|对|可以|行|收到|明白)/;

export default defineRule({
  meta: {
    id: 'no-interjection-en',
    description: 'No interjection 嗯/恩 (嗯，… / 恩恩 / 好的恩); words such as 感恩, 恩惠, 恩施 pass. Suggests 好的 instead.',
    defaultSeverity: 'error',
    source: 'seed 000 二(6) 聊天窗口严禁用哦，恩，知道…等语气词',
    fixable: false,
    hasSuggestions: true,
    keywords: ['嗯', '恩'],
    messages: {
      zh: {
        interjection: '请不要用语气词“{word}”，显得敷衍；可改用“好的”。',
        useHaode: '改为“好的”',
        drop: '删去“{word}”',
      },
      en: {
        interjection: 'Avoid the interjection “{word}”, which sounds offhand; write 好的 instead.',
        useHaode: 'Write 好的 instead.',
        drop: 'Delete “{word}”.',
      },
    },
  },
  check({ view, report }) {
    if (curtReplySpan(view)) return;
    const { norm } = view;
    for (const m of matchAll(view, INTERJECTION)) {
      const prev = m.start > 0 ? norm[m.start - 1]! : '';
      const next = norm[m.end] ?? '';
      const atStart = prev === '' || BREAK.test(prev);
      const atEnd = next === '' || BREAK.test(next) || EMOJI.test(norm.slice(m.end));
      if (!m.text.includes('嗯') && m.text.length === 1) {
        const isInterjection =
          !EN_WORD_BEFORE.has(prev) && ((atStart && (atEnd || EN_INTERJECTION_AFTER.has(next))) || (atEnd && EN_FINAL_AFTER.has(prev)));
        if (!isInterjection) continue;
      } else if (!m.text.includes('嗯') && EN_WORD_BEFORE.has(prev)) {
        continue; // 感恩恩… : a word, then a stray 恩
      }
      const word = view.original.slice(m.start, m.end);
      const punct = /^[\s,!~、]*/.exec(norm.slice(m.end))?.[0].length ?? 0;
      let suggestion: { messageId: 'useHaode' | 'drop'; text: string; start: number; end: number };
      if (atStart && YES_AHEAD.test(norm.slice(m.end + punct))) {
        suggestion = { messageId: 'drop', text: '', start: m.start, end: m.end + punct };
      } else if (atStart && !(atEnd && prev !== '')) {
        suggestion = { messageId: 'useHaode', text: atEnd ? '好的' : '好的，', start: m.start, end: m.end };
      } else {
        // Clause-final (好的恩。) or a clause of its own after others (好的，嗯。): drop it, with the comma before it.
        const from = prev === ',' || prev === '、' ? m.start - 1 : m.start;
        suggestion = { messageId: 'drop', text: '', start: from, end: m.end };
      }
      report({
        messageId: 'interjection',
        data: { word },
        start: m.start,
        end: m.end,
        suggest: [{ ...suggestion, data: { word } }],
      });
    }
  },
});
