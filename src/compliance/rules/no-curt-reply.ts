import { defineRule } from '../rule.ts';
import type { TextView } from '../text-view.ts';

/**
 * 一字真言 (seed 004 第四章 22): a reply that is nothing but 嗯 / 好的 / 哦 / 收到 / ok … reads as a
 * brush-off. Only the WHOLE reply counts: 好的，这就为您备注 is fine. Punctuation, spaces, ~,
 * emoji and Wangwang codes such as [微笑] around and between the words are ignored.
 * Other wording rules (no-particle-o, no-interjection-en, no-curt-zhidao, no-intimate-address)
 * leave such replies to this one, so a curt reply gets one finding.
 */

/** One ignorable unit: a Wangwang [表情] code, punctuation or space, or an emoji. */
const IGNORABLE = String.raw`(?:\[[\u4e00-\u9fff]{1,4}\]|[\s,.!?;:~'"“”‘’()\[\]【】《》<>。、…—\-·^_*]|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)`;
const LEADING = new RegExp(`^${IGNORABLE}+`, 'u');
const TRAILING = new RegExp(`${IGNORABLE}+$`, 'u');

/** Acknowledgement words, normalised (simplified, lower-case, half-width). */
const ACK = [
  '[嗯恩哦噢喔]+',
  '好+(?:的|滴|哒|嘞|咧|吧)?',
  '行+(?:的|吧)?',
  '可以+的?',
  '知道(?:了|啦|的)?',
  '收到(?:了|啦)?',
  '了解了?',
  '明白了?',
  '晓得了?',
  '没问题',
  'o+k+(?:ay)?',
  'okay',
  'ojbk',
  'en+',
  'ng',
  'o+',
  'k+',
  'hao(?:de)?',
].join('|');
const TAIL = '(?:[的了啦呢哈啊呀嘛哒滴喽咯哦]|亲+|亲爱的)*';
const ADDRESS = '(?:亲+|亲爱的)';
const CURT = new RegExp(
  `^(?:${ADDRESS}${IGNORABLE}*)*(?:${ACK})${TAIL}(?:${IGNORABLE}*(?:(?:${ACK})${TAIL}|${ADDRESS}))*$`,
  'u',
);
/** A bare "1" (received): only as the whole reply, so 11.11 or 1件 are not acknowledgements. */
const ONES = /^1+$/;

/** The reply without leading and trailing punctuation, spaces and emoji, as [start, end) offsets. */
export function trimmedSpan(view: TextView): { start: number; end: number } {
  const start = LEADING.exec(view.norm)?.[0].length ?? 0;
  if (start === view.norm.length) return { start, end: start };
  const trailing = TRAILING.exec(view.norm)?.[0].length ?? 0;
  return { start, end: view.norm.length - trailing };
}

/** The trimmed span when the whole reply is only a curt acknowledgement, else undefined. */
export function curtReplySpan(view: TextView): { start: number; end: number } | undefined {
  if (view.norm.length > 40) return undefined; // an acknowledgement is short; spare the regex long texts
  const span = trimmedSpan(view);
  if (span.end <= span.start) return undefined;
  const core = view.norm.slice(span.start, span.end);
  return CURT.test(core) || ONES.test(core) ? span : undefined;
}

/** Consent (可以 / 行 / ok / 没问题) gets a consenting reply; everything else an acknowledging one. */
const CONSENT = /^(?:可以|行|ok|okay|没问题)/;

export default defineRule({
  meta: {
    id: 'no-curt-reply',
    description: 'The whole reply is only a curt acknowledgement (嗯, 好的, 哦, 收到, ok, 1 …): write a full, polite reply.',
    defaultSeverity: 'error',
    source: 'seed 004 第四章 22) 不允许用“嗯”“好的”“哦”等敷衍形式的意味字回复客户（一字真言）; seed 000 二(6)',
    fixable: false,
    hasSuggestions: true,
    triggers: '嗯恩哦噢喔好行可知收了明晓没oeknh1',
    messages: {
      zh: {
        curt: '整条回复只有“{reply}”，显得敷衍（一字真言）。请写一句完整、礼貌的回复。',
        acknowledge: '改为“好的，收到您的消息，这就为您处理～”',
        consent: '改为“可以的，我这边为您安排，请您稍等～”',
        checking: '改为“好的，感谢您的耐心，我这边为您查看，请您稍等～”',
      },
      en: {
        curt: 'The whole reply is only “{reply}”, which reads as a brush-off (一字真言). Write a full, polite sentence.',
        acknowledge: 'Write “好的，收到您的消息，这就为您处理～” (OK, got your message, handling it now).',
        consent: 'Write “可以的，我这边为您安排，请您稍等～” (Yes, I am arranging it, one moment please).',
        checking: 'Write “好的，感谢您的耐心，我这边为您查看，请您稍等～” (Thanks for your patience, checking now).',
      },
    },
  },
  check({ view, report }) {
    const span = curtReplySpan(view);
    if (!span) return;
    const core = view.norm.slice(span.start, span.end);
    const whole = { start: 0, end: view.original.length };
    const first = CONSENT.test(core)
      ? { messageId: 'consent' as const, text: '可以的，我这边为您安排，请您稍等～', ...whole }
      : { messageId: 'acknowledge' as const, text: '好的，收到您的消息，这就为您处理～', ...whole };
    report({
      messageId: 'curt',
      data: { reply: view.original.slice(span.start, span.end) },
      start: span.start,
      end: span.end,
      suggest: [first, { messageId: 'checking', text: '好的，感谢您的耐心，我这边为您查看，请您稍等～', ...whole }],
    });
  },
});
