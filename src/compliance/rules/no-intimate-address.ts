import { defineRule } from '../rule.ts';
import { matchAll } from '../text-view.ts';
import { curtReplySpan } from './no-curt-reply.ts';

/**
 * Polite but not intimate (seed 000 二(2) 态度要礼貌，但不能过于亲密): no 亲 / 亲亲 / 亲爱的 /
 * 宝宝 / 宝贝儿 addressing the buyer. Words are told apart by position: 亲 addresses at the
 * edge of a clause (亲，… / 好的亲~) or as a pronoun after 感谢/麻烦/让… (感谢亲的支持), never
 * inside 亲自, 亲手, 亲测, 亲子, 亲肤, 父亲, 亲民 …. 宝宝 and 宝贝 are also a baby and the
 * product on Taobao (适合宝宝, 这款宝贝, 宝贝已发出), so they count only at the very edge of a
 * clause with punctuation or a sentence particle next to them.
 * Fix: a reply-initial 亲，/ 亲~ becomes 您好，; elsewhere a suggestion drops it (or says 您).
 */
const ADDRESS = /亲爱的|亲亲|亲们|亲|宝宝们?|宝子|宝贝儿(?![童子歌])|宝贝们?/g;
const BREAK = /[\s,.!?;:~，。！？；：、…]/;
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)/u;
/** Nothing but punctuation, spaces and emoji (亲~ / 亲？ as the whole reply). */
const ONLY_IGNORABLE = /^(?:[\s,.!?;:~，。！？；：、…]|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)*$/u;
/** Punctuation after 宝宝 / 宝子 / 宝贝 that marks an address (宝宝， / 宝贝~); not 、 (宝宝、儿童、成人都适用). */
const ADDRESS_PUNCT = /^(?:[\s,~!?.。]|$|\p{Extended_Pictographic})/u;
/** 亲 + these is a word (亲自, 亲手, 亲测, 亲子, 亲肤, 亲水, 亲民, 亲爱 …). */
const QIN_WORD_AFTER = new Set([...'自手测子人戚身眼切友肤属情密近和昵朋生历笔临口娘爹妈兄姐弟妹家骨信睐民水嘴善吻热王事征政传族缘代爱']);
/** These + 亲 is a word (父亲, 母亲, 双亲, 探亲, 相亲, 乡亲, 可亲 …). */
const QIN_WORD_BEFORE = new Set([...'父母双乡探相省求成定提娘表血至近远六和沾认结攀思送迎姻宗族慈严可躬']);
/** Verbs after which 亲 is the buyer as a pronoun (感谢亲的支持, 让亲久等了). */
const PRONOUN_AFTER = /(?:谢谢|感谢|麻烦|辛苦|让|请|给|为|帮|跟|告诉|提醒|通知)$/;
/** Sentence particles that mark a clause-final 宝宝 / 宝贝 as an address (发货了哦宝贝~). */
const PARTICLE_BEFORE = new Set([...'呢哈哦啦呀啊哒滴嘛喔吖噢了~']);
/** What a clause-initial 宝宝 / 宝子 addresses (宝宝，… / 宝宝您好). */
const ADDRESSEE_AFTER = /^(?:[您你亲]|$)/;
/** What 亲爱的 addresses (亲爱的顾客); 送给亲爱的她 is gift copy. */
const DEAR_TARGET = /^(?:顾客|买家|客户|小主|朋友|亲|您|宝宝)/;

type Use = 'edge' | 'pronoun';

export default defineRule({
  meta: {
    id: 'no-intimate-address',
    description: 'No intimate address (亲, 亲亲, 亲爱的, 宝宝, 宝贝儿) for the buyer; 亲自, 亲肤, 父亲, 这款宝贝, 适合宝宝 pass. A reply-initial 亲， becomes 您好，.',
    defaultSeverity: 'warning',
    source: 'seed 000 二(2) 聊天过程中不能出现谩骂/粗鲁的语言，态度要礼貌，但不能过于亲密',
    fixable: true,
    hasSuggestions: true,
    // What ADDRESS matches: 亲 (亲亲, 亲爱的, 亲们), 宝宝, 宝子, 宝贝 (宝贝儿, 宝贝们).
    keywords: ['亲', '宝宝', '宝子', '宝贝'],
    messages: {
      zh: {
        intimate: '请不要用“{word}”称呼顾客：态度要礼貌，但不要过于亲密，可用“您”或“您好”。',
        drop: '删去“{word}”',
        useNin: '改为“您”',
        useZunjing: '改为“尊敬的”',
      },
      en: {
        intimate: 'Do not address the buyer as “{word}”: be polite but not intimate; use 您 or 您好.',
        drop: 'Delete “{word}”.',
        useNin: 'Write 您 instead.',
        useZunjing: 'Write 尊敬的 (respected) instead.',
      },
    },
  },
  check({ view, report }) {
    if (curtReplySpan(view)) return;
    const { norm } = view;
    const replyStart = /^\s*/.exec(norm)![0].length;
    for (const m of matchAll(view, ADDRESS)) {
      const prev = m.start > 0 ? norm[m.start - 1]! : '';
      const next = norm[m.end] ?? '';
      const rest = norm.slice(m.end);
      const atStart = prev === '' || BREAK.test(prev);
      const atEnd = next === '' || BREAK.test(next) || EMOJI.test(rest);
      const use = classify(m.text, prev, next, rest, atStart, atEnd, norm.slice(Math.max(0, m.start - 6), m.start));
      if (!use) continue;
      const word = view.original.slice(m.start, m.end);
      const punct = /^[\s,~、!]*/.exec(rest)![0].length;
      const after = rest.slice(punct);
      const nothingAfter = ONLY_IGNORABLE.test(after);
      if (m.start === replyStart && use === 'edge') {
        const fix = replyInitialFix(m.start, m.end, punct, next, after, nothingAfter);
        if (fix) {
          report({ messageId: 'intimate', data: { word }, start: m.start, end: m.end, fix });
          continue;
        }
      }
      let suggestion: { messageId: 'drop' | 'useNin' | 'useZunjing'; text: string; start: number; end: number };
      if (use === 'pronoun') {
        suggestion = { messageId: 'useNin', text: '您', start: m.start, end: m.end }; // 感谢亲的支持 → 感谢您的支持
      } else if (atStart && punct > 0 && !nothingAfter) {
        suggestion = { messageId: 'drop', text: '', start: m.start, end: m.end + punct }; // 好的。亲，已发货 → 好的。已发货
      } else if (atStart && !atEnd) {
        if (m.text === '亲爱的') suggestion = { messageId: 'useZunjing', text: '尊敬的', start: m.start, end: m.end };
        else if (/^(?:您好|你好)/.test(after)) suggestion = { messageId: 'drop', text: '', start: m.start, end: m.end };
        else suggestion = { messageId: 'useNin', text: '您', start: m.start, end: m.end }; // 亲的订单 → 您的订单
      } else {
        const from = prev === ',' || prev === '、' ? m.start - 1 : m.start; // 好的，亲。 → 好的。
        suggestion = { messageId: 'drop', text: '', start: from, end: m.end };
      }
      report({ messageId: 'intimate', data: { word }, start: m.start, end: m.end, suggest: [{ ...suggestion, data: { word } }] });
    }
  },
});

/** Whether this occurrence addresses the buyer: at a clause edge, as a pronoun, or not at all. */
function classify(word: string, prev: string, next: string, rest: string, atStart: boolean, atEnd: boolean, before: string): Use | undefined {
  if (word === '亲' || word === '亲们' || word === '亲亲') {
    if (word === '亲' && QIN_WORD_AFTER.has(next)) return undefined;
    if (QIN_WORD_BEFORE.has(prev)) return undefined;
    if (atStart || atEnd) return 'edge';
    return PRONOUN_AFTER.test(before) ? 'pronoun' : undefined;
  }
  if (word === '亲爱的') {
    return (atStart || atEnd || DEAR_TARGET.test(rest)) && !/(?:送给|给|献给|我的|送)$/.test(before) ? 'edge' : undefined;
  }
  if (word === '宝贝儿') return atStart || atEnd ? 'edge' : undefined;
  // 宝宝 / 宝子 / 宝贝 (and their 们): babies and products unless plainly an address.
  const isBaobei = word.startsWith('宝贝');
  const punctAfter = ADDRESS_PUNCT.test(rest);
  if (atStart && !isBaobei && (ADDRESSEE_AFTER.test(rest) || punctAfter)) return 'edge';
  if (atStart && word.endsWith('们') && punctAfter) return 'edge';
  if (punctAfter && PARTICLE_BEFORE.has(prev)) return 'edge';
  return undefined;
}

/** 亲，… → 您好，…; 亲，您好 → 您好; 亲~ alone → 您好~. Undefined when no wording is safe (亲的订单…). */
function replyInitialFix(
  start: number,
  end: number,
  punct: number,
  next: string,
  after: string,
  nothingAfter: boolean,
): { text: string; start: number; end: number } | undefined {
  if (/^(?:您好|你好)/.test(after)) return { text: '', start, end: end + punct };
  if (nothingAfter) return { text: '您好', start, end };
  if (punct > 0) return { text: '您好，', start, end: end + punct };
  if (next === '.' || next === '。') return { text: '您好', start, end };
  if (next === '您' || next === '你') return { text: '您好，', start, end };
  return undefined;
}
