import { defineRule } from '../rule.ts';
import { matchAll } from '../text-view.ts';
import { curtReplySpan } from './no-curt-reply.ts';

/**
 * No 哦 in the chat window (seed 000 二(6) 严禁用哦), nor its variants 噢 / 喔 used the same way.
 * The fix deletes the particle: 请您用旺旺联系哦~ → 请您用旺旺联系~; a clause-opening 哦， goes with
 * its comma (哦，原来是这样 → 原来是这样); 好哦 becomes 好的. A run (哦哦) is one finding.
 * The 喔喔 brand (喔喔奶糖) is a name, and a reply that is only 哦 is no-curt-reply's.
 */
const PARTICLE = /[哦噢喔]+/g;
const BRAND_AFTER = /^(?:奶糖|佳佳)/;
/** Characters that end a clause (CLAUSE_BREAK of text-view) plus spaces. */
const BREAK = /[\s,.!?;:~，。！？；：、…]/;
/** Punctuation that goes with a clause-opening particle (哦，/ 哦~ / 哦！). */
const OPENING_PUNCT = /^[\s,!~、]+/;

export default defineRule({
  meta: {
    id: 'no-particle-o',
    description: 'No particle 哦 (nor 噢/喔 used the same way) in the reply; the fix deletes it, with the comma after a clause-opening 哦.',
    defaultSeverity: 'error',
    source: 'seed 000 二(6) 聊天窗口严禁用哦，恩，知道…等语气词',
    fixable: true,
    hasSuggestions: false,
    keywords: ['哦', '噢', '喔'],
    messages: {
      zh: { noO: '聊天窗口请不要用语气词“{word}”，删掉即可。' },
      en: { noO: 'Do not use the particle “{word}” in the chat window; just delete it.' },
    },
  },
  check({ view, report }) {
    if (curtReplySpan(view)) return;
    const { norm } = view;
    for (const m of matchAll(view, PARTICLE)) {
      if (m.text.startsWith('喔喔') && BRAND_AFTER.test(norm.slice(m.end))) continue;
      const prev = m.start > 0 ? norm[m.start - 1]! : '';
      const next = norm[m.end] ?? '';
      let fix: { text: string; start: number; end: number };
      if (prev === '' || BREAK.test(prev)) {
        // Clause-opening 哦，: delete the comma too, unless nothing follows (好的，哦～ → 好的～).
        const punct = OPENING_PUNCT.exec(norm.slice(m.end))?.[0].length ?? 0;
        const restEmpty = /^[\s,.!?;:~，。！？；：、…]*$/u.test(norm.slice(m.end));
        if (restEmpty && (prev === ',' || prev === '、')) fix = { text: '', start: m.start - 1, end: m.end };
        else fix = { text: '', start: m.start, end: m.end + punct };
      } else if (prev === '好' && next !== '的') {
        fix = { text: '的', start: m.start, end: m.end }; // 好哦 → 好的
      } else {
        fix = { text: '', start: m.start, end: m.end };
      }
      report({ messageId: 'noO', data: { word: view.original.slice(m.start, m.end) }, start: m.start, end: m.end, fix });
    }
  },
});
