import type { PhraseEntry } from './types.ts';

/**
 * Dismissive answers the manual bans (seed 000 二(6): 严禁用…我不清楚，我找不到人问，自己选吧，我也不懂),
 * each with a helpful wording to offer instead. Regex sources (compiled with the `u` flag) run on
 * the normalised text (simplified Chinese); `unlessBefore` / `unlessAfter` describe the ordinary
 * uses that pass.
 */
export interface DismissivePhrase {
  /** The literal phrase; it also goes into `fixedPhrases`. */
  phrase: string;
  /** A regex source when the literal is not enough (optional 我/我们/也 in front, …). */
  pattern?: string;
  /** What to write instead; a suggestion, never a fix: the sentence around it may need rewording. */
  replacement: string;
  /** Skip when the clause before the match matches this regex source (anchor it with `$` where needed). */
  unlessBefore?: string;
  /** Skip when the clause after the match matches this regex source (anchor it with `^` where needed). */
  unlessAfter?: string;
}

/** The agent (我/我们) speaking, optionally with 也/真的/确实…: part of the match so the suggestion replaces it too. */
const AGENT = '(?:我们|我)(?:也|真的|确实|实在|都|还)*';
/** The buyer is the subject (您哪里不清楚), or the clause is a condition (如果不知道尺码…). */
const BUYER_OR_CONDITION = '(?:您|你|亲|顾客|买家|如果|若|要是|万一|假如|想|让|谁)[^我]*$';
/** Other shops (seed 002: 别家的品质我们不清楚哦): not knowing a competitor is no brush-off. */
const OTHER_SHOPS = '别家|别人家|其他店|其他家|他们家|同行';
/** What follows in a flat refusal: particles up to the end of the clause (or an emoji). */
const FLAT_END = String.raw`[的了呢哦啊呀哈啦]*(?=[,.!?;:~，。！？；：、…\s]|$|\p{Extended_Pictographic})`;

export const dismissivePhrases: readonly DismissivePhrase[] = [
  { phrase: '我不清楚', pattern: `${AGENT}不清楚`, unlessBefore: OTHER_SHOPS, replacement: '我帮您确认一下' },
  {
    // Not the buyer's doubts (您哪里不清楚, 有不清楚的地方) nor a blurred picture (图片看不清楚):
    // asking for a clearer photo is service, not a brush-off. 不太清楚 has no entry: the manual's own
    // answer on installments is 我不太清楚，麻烦您咨询下银行是否支持 (seed 000 一(5)).
    phrase: '不清楚',
    unlessBefore: `(?:${BUYER_OR_CONDITION})|(?:看|听|说|拍|拍得|显示得?|印得?|写得?|哪里|哪儿|哪个|什么|有|还有|如有|若有)$|(?:图|照片|截图|视频|画面|字|面单)|${OTHER_SHOPS}`,
    unlessAfter: '^[的地]',
    replacement: '我帮您确认一下',
  },
  {
    // 不知道您喜欢哪个颜色呢 / 不知道是否合适: a polite question, not a brush-off.
    phrase: '不知道',
    pattern: `(?:${AGENT})?不知道`,
    unlessBefore: `(?:${BUYER_OR_CONDITION})|${OTHER_SHOPS}`,
    unlessAfter: '^(?:是否|能否|可否|可不可以|能不能|有没有|会不会|合不合|喜不喜欢|方不方便|为什么|为何|怎么回事|什么原因)|您|亲|吗[?]?$',
    replacement: '我帮您确认一下',
  },
  { phrase: '我也不知道', pattern: `${AGENT}不知道`, unlessBefore: OTHER_SHOPS, unlessAfter: '^(?:您|亲)', replacement: '我帮您确认一下' },
  { phrase: '我找不到人问', pattern: `${AGENT}找不到人问`, replacement: '我帮您问一下同事' },
  { phrase: '找不到人问', replacement: '我帮您问一下同事' },
  { phrase: '我也不懂', pattern: `${AGENT}不懂`, unlessAfter: '^(?:您|你)', replacement: '我帮您问一下同事' },
  { phrase: '自己选吧', pattern: '(?:您|你)?自己(?:选|挑)吧', replacement: '我为您推荐一款合适的' },
  { phrase: '您自己选', pattern: '(?:您|你)自己(?:选|挑)(?![择购中])', replacement: '我为您推荐一款合适的' },
  { phrase: '自己看吧', pattern: '(?:您|你)?自己看吧', replacement: '我为您介绍一下' },
  { phrase: '你自己看', pattern: '你自己看(?![中上])', replacement: '我为您介绍一下' },
  // 快递公司不归我们管 explains who is responsible (seed 002 售后标准用语); 这个不归我管 brushes off.
  { phrase: '不归我管', pattern: '不归我们?管', unlessBefore: '快递|物流|平台|银行|厂家', replacement: '我帮您联系负责的同事' },
  { phrase: '不关我的事', pattern: '不关我们?的?事', replacement: '我帮您联系负责的同事' },
  { phrase: '跟我们没关系', pattern: '(?:跟|和|与)我们?(?:没有?关系|无关)', replacement: '我帮您联系相关同事处理' },
  // A flat 没办法 (这个没办法的。我们也没办法，…); 没办法及时回复您 / 没办法的话 are not flat refusals.
  { phrase: '没办法', pattern: `(?:${AGENT})?没办法${FLAT_END}`, replacement: '我帮您想想其他办法' },
];

/** The literal phrases with their suggested wording, for `fixedPhrases`. */
export const dismissiveFixedPhrases: readonly PhraseEntry[] = dismissivePhrases.map(({ phrase, replacement }) => ({
  phrase,
  replacement,
}));
