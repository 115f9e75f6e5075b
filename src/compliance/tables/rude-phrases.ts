import type { PhraseEntry } from './types.ts';

/**
 * Insults and contempt (seed 000 二(2) 聊天过程中不能出现谩骂/粗鲁的语言, 三(11) 不能谩骂或以恶劣态度接待客户;
 * seed 002 千万不可以说我这里不还价，没有等伤害顾客自尊的话语). Patterns are narrow on purpose:
 * 滚筒洗衣机, 傻瓜相机, 有病虫害吗, 穷举, 层出不穷, 补脑 are ordinary product words.
 */
export interface RudePhrase {
  /** The literal phrase; it also goes into `fixedPhrases`. */
  phrase: string;
  /** A regex source (simplified Chinese, normalised text) when the literal is not enough. */
  pattern?: string;
  /** A calm wording to offer instead, where one fits in place of the phrase. */
  replacement?: string;
}

/** Where a one-character insult stands alone in its clause (滚！ / 滚吧。). */
const ALONE_BEFORE = String.raw`(?<=^|[,.!?;:~，。！？；：、…\s])`;
const ALONE_AFTER = String.raw`(?=[吧啊]?(?:[,.!?;:~，。！？；：、…\s]|$))`;

export const rudePhrases: readonly RudePhrase[] = [
  { phrase: '傻逼', pattern: '傻[逼bx叉缺帽]|傻子|[你您]是?傻(?!傻)|是不是傻' },
  { phrase: '滚', pattern: `滚(?:蛋|开(?!水)|远点|出去|犊子)|给我滚|[你您]滚|${ALONE_BEFORE}滚${ALONE_AFTER}` },
  { phrase: '神经病', pattern: '神经病(?![学医科患])' },
  { phrase: '有病吧', pattern: '[你您]有(?:毛)?病(?![虫害毒])|有(?:毛)?病(?:吧|啊|呀)|脑子有病' },
  { phrase: '脑子进水', pattern: '脑子(?:进水|坏了|有问题|不好使|秀逗)|没长?脑子|长点?脑子|有没有脑子|动动脑子|用用脑子|猪脑子' },
  { phrase: '你烦不烦', pattern: '(?:你|您)?烦不烦|烦死了|真烦人|别烦我' },
  { phrase: '爱买不买', pattern: '爱买不买|爱要不要|爱(?:咋|怎么)(?:咋|样|着)(?:地|吧)?', replacement: '您可以再考虑一下，有需要随时联系我' },
  { phrase: '不买拉倒', pattern: '不买(?:就)?(?:拉倒|算了|别问)', replacement: '您可以再考虑一下，有需要随时联系我' },
  {
    phrase: '买不起就别买',
    pattern: '买不起(?:就)?(?:别|不要)(?:买|看)|(?:嫌贵|没钱)(?:就)?(?:别|不要)买|是不是买不起|买不起吧',
    replacement: '您可以再考虑一下，有需要随时联系我',
  },
  { phrase: '穷鬼', pattern: '穷(?:鬼|逼|光蛋|酸)|这么穷|真穷|穷就别' },
  { phrase: '事真多', pattern: '(?:事儿?|毛病|要求)(?:真|怎么这么|咋这么|这么|太)多' },
  { phrase: '关我屁事', pattern: '关我(?:屁事|什么事)|管我什么事' },
  { phrase: '懂不懂', pattern: '(?:你|您)?(?:到底)?懂不懂(?:啊|呀)?|听不懂(?:人话|吗)|看不懂(?:吗|字)', replacement: '我再为您详细说明一下' },
  {
    phrase: '说了多少遍',
    pattern: '说(?:了|过)(?:多少|几)(?:遍|次)了?|我都说过?了|早就说过?了',
    replacement: '我再为您详细说明一下',
  },
  { phrase: '自己不会看吗', pattern: '(?:自己)?不会(?:自己)?看(?:吗|啊|呀|么)|自己看不到(?:吗|啊|么)', replacement: '我为您说明一下' },
  { phrase: '眼瞎', pattern: '没长眼|眼瞎|瞎了吗|[你您]瞎' },
  {
    // seed 002: 千万不可以说我这里不还价. 讨价还价 is fine; 不还价 said to the buyer is not.
    phrase: '我们这里不还价',
    pattern: '(?:(?:我们|我|本店|小店)(?:这里|这边)?)?(?:概|一律)?不(?:还价|讲价|议价|砍价)',
    replacement: '这个价格已经很优惠了，非常遗憾没能让您满意',
  },
  { phrase: '没得商量', pattern: '没得(?:商量|谈)|没什么好(?:说|谈)的' },
  { phrase: '有本事去投诉', pattern: '有本事(?:你|您)?(?:去|就|别)' },
  { phrase: '随便投诉', pattern: '随便(?:你|您)?(?:去)?投诉|尽管(?:去)?投诉|投诉去吧|(?:随便|尽管)(?:你|您)?(?:给)?差评' },
];

/** The literal phrases (with a calm alternative where there is one), for `fixedPhrases`. */
export const rudeFixedPhrases: readonly PhraseEntry[] = rudePhrases.map(({ phrase, replacement }) =>
  replacement === undefined ? { phrase } : { phrase, replacement },
);
