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
/** An ignorable unit of one code point (all but the Wangwang code). */
const IGNORABLE_CHAR = new RegExp(String.raw`^(?:[\s,.!?;:~'"“”‘’()\[\]【】《》<>。、…—\-·^_*]|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)$`, 'u');
const isHan = (code: number) => code >= 0x4e00 && code <= 0x9fff;
/** Han characters, Latin letters and digits are never ignorable: most replies start with one. */
const isWordChar = (code: number) => isHan(code) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
/** The commonest ignorable characters (most replies end with 。), answered without the regex. */
const PUNCTUATION = new Set([...' \n,.!?;:~。、…'].map((c) => c.charCodeAt(0)));

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

/**
 * The longest curt reply judged, trimmed: 亲爱的，好的呢，收到了哈，明白了，没问题 has 20 characters.
 * A longer reply says more than an acknowledgement, and the check returns at once.
 */
export const MAX_CURT_LENGTH = 20;

/**
 * The reply without leading and trailing punctuation, spaces and emoji (units of IGNORABLE), as
 * [start, end) offsets. Scans only the ignorable ends, so it costs nothing on an ordinary reply.
 */
export function trimmedSpan(view: TextView): { start: number; end: number } {
  const { norm } = view;
  let start = 0;
  while (start < norm.length) {
    const code = wangwangCodeAt(norm, start);
    if (code > 0) {
      start += code;
      continue;
    }
    const first = norm.charCodeAt(start);
    if (isWordChar(first)) break;
    if (PUNCTUATION.has(first)) {
      start++;
      continue;
    }
    const ch = String.fromCodePoint(norm.codePointAt(start)!);
    if (!IGNORABLE_CHAR.test(ch)) break;
    start += ch.length;
  }
  if (start === norm.length) return { start, end: start };
  let end = norm.length;
  while (end > start) {
    const code = wangwangCodeBefore(norm, end);
    if (code > 0) {
      end -= code;
      continue;
    }
    const low = norm.charCodeAt(end - 1);
    if (isWordChar(low)) break;
    if (PUNCTUATION.has(low)) {
      end--;
      continue;
    }
    const pair = low >= 0xdc00 && low <= 0xdfff && end >= 2 && norm.charCodeAt(end - 2) >= 0xd800 && norm.charCodeAt(end - 2) <= 0xdbff;
    const ch = norm.slice(pair ? end - 2 : end - 1, end);
    if (!IGNORABLE_CHAR.test(ch)) break;
    end -= ch.length;
  }
  return { start, end };
}

/** Length of a Wangwang code ([微笑]: [ + 1-4 Han + ]) starting at `i`, else 0. */
function wangwangCodeAt(norm: string, i: number): number {
  if (norm[i] !== '[') return 0;
  let n = 0;
  while (n < 4 && isHan(norm.charCodeAt(i + 1 + n))) n++;
  return n > 0 && norm[i + 1 + n] === ']' ? n + 2 : 0;
}

/** Length of a Wangwang code ending just before `end`, else 0. */
function wangwangCodeBefore(norm: string, end: number): number {
  if (norm[end - 1] !== ']') return 0;
  let n = 0;
  while (n < 4 && end - 2 - n >= 0 && isHan(norm.charCodeAt(end - 2 - n))) n++;
  return n > 0 && norm[end - 2 - n] === '[' ? n + 2 : 0;
}

/** The trimmed span when the whole reply is only a curt acknowledgement, else undefined. */
export function curtReplySpan(view: TextView): { start: number; end: number } | undefined {
  const span = trimmedSpan(view);
  if (span.end <= span.start || span.end - span.start > MAX_CURT_LENGTH) return undefined;
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
    // Every acknowledgement word of ACK (o covers ok/okay/ojbk/hao, k covers k+), and 1; the common
    // ones (好) wake the rule often, but it returns at once on a reply longer than MAX_CURT_LENGTH.
    keywords: ['嗯', '恩', '哦', '噢', '喔', '好', '行', '可以', '知道', '收到', '了解', '明白', '晓得', '没问题', 'o', 'k', 'en', 'ng', '1'],
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
