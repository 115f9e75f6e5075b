import { defineRule } from '../rule.ts';
import { clauseBefore, matchAll } from '../text-view.ts';
import { curtReplySpan } from './no-curt-reply.ts';

/**
 * 知道 / 知道了 as a curt answer (seed 000 二(6) 严禁用…知道…): 知道了，明天发 / 哦，我知道了。
 * Only when it makes up its clause (with at most 嗯/哦/好的/我 in front), so 想知道, 您知道吗,
 * 让您知道, 知道的话 pass; 不知道 is no-dismissive's, quoted buyer words are skipped by matchAll,
 * and a reply that is only 知道了 is no-curt-reply's.
 */
const ZHIDAO = /知道(?:了|啦|的)?/g;
/** What may open the clause before a curt 知道: interjections, 好的, and the agent as subject. */
const CURT_PREFIX = /^(?:[嗯恩哦噢喔]+|好的?|行|ok)*(?:我们?)?(?:都|也)?$/;
const PARTICLES = /^[了啦哈呢哦噢嘛啊呀]*/;
const BREAK = /[\s,.!?;:~，。！？；：、…]/;
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)/u;
/** A question to the buyer (知道了吗 / 知道吧), not an answer. */
const QUESTION = /^[吗么吧]/;

export default defineRule({
  meta: {
    id: 'no-curt-zhidao',
    description: 'No curt 知道 / 知道了 as an answer (知道了，明天发); 想知道, 您知道吗, 让您知道 and quoted buyer words pass.',
    defaultSeverity: 'error',
    source: 'seed 000 二(6) 聊天窗口严禁用哦，恩，知道…等语气词',
    fixable: false,
    hasSuggestions: true,
    keywords: ['知道'],
    messages: {
      zh: {
        curtZhidao: '“{word}”显得生硬敷衍，请改为“好的，已经为您记下了”等礼貌说法。',
        noted: '改为“好的，已经为您记下了”',
        understood: '改为“好的，明白了”',
      },
      en: {
        curtZhidao: '“{word}” sounds curt; write something polite such as 好的，已经为您记下了 (OK, I have noted it).',
        noted: 'Write 好的，已经为您记下了 (OK, I have noted it).',
        understood: 'Write 好的，明白了 (OK, understood).',
      },
    },
  },
  check({ view, report }) {
    if (curtReplySpan(view)) return;
    const { norm } = view;
    for (const m of matchAll(view, ZHIDAO)) {
      const before = clauseBefore(view, m.start, 20);
      if (!CURT_PREFIX.test(before)) continue;
      const particles = PARTICLES.exec(norm.slice(m.end))?.[0].length ?? 0;
      const rest = norm.slice(m.end + particles);
      const clauseEnds = rest === '' || BREAK.test(rest[0]!) || EMOJI.test(rest);
      // 知道了明天发 (no comma) is still curt; 知道吗 / 知道的话 / 知道您的意思 are not answers.
      const curtRunOn = /[了啦]/.test(m.text.slice(2) + norm.slice(m.end, m.end + particles)) && !QUESTION.test(rest);
      if (!clauseEnds && !curtRunOn) continue;
      const start = m.start - before.length;
      const end = m.end + particles;
      const comma = clauseEnds ? '' : '，';
      const word = view.original.slice(m.start, m.end);
      report({
        messageId: 'curtZhidao',
        data: { word },
        start: m.start,
        end: m.end,
        suggest: [
          { messageId: 'noted', text: `好的，已经为您记下了${comma}`, start, end },
          { messageId: 'understood', text: `好的，明白了${comma}`, start, end },
        ],
      });
    }
  },
});
