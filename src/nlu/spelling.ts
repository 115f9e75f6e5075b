/**
 * Buyers type fast: a product as an emoji ("这个🧣多长"), a wave for hello ("👋👋"), pinyin when the
 * keyboard is in Latin mode ("dayi 有xl ma", "heise的"), and homophones the pinyin keyboard offers
 * first ("毛依" for 毛衣, "L马" for L码). `respell` writes such a message in the words the rest of the
 * reading knows; everything else is left as it is. Pure, standalone (no kefu imports).
 */

/** Emoji that name a product kind, anywhere in a message. */
const PRODUCT_EMOJI: Readonly<Record<string, string>> = {
  '🧣': '围巾',
  '🧥': '大衣',
  '👖': '牛仔裤',
  '🧶': '毛衣',
  '🧦': '袜子',
  '🥜': '坚果',
  '🌰': '坚果',
};

/** Emoji that stand for a whole message when nothing else is said: a wave is hello, a thumbs-up is ok. */
const GESTURE_EMOJI: readonly [RegExp, string][] = [
  [/👋|🙋|🤚|✋|🖐|👀/u, '在吗'],
  [/👍|👌|🆗/u, '好的'],
  [/🙏/u, '谢谢'],
];

/** Emoji, skin tones, variation selectors, joiners and spaces: what an emoji-only message consists of. */
const EMOJI_ONLY = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{fe0f}\u{200d}\s]+$/u;

/**
 * Pinyin words buyers type for the shop's products, colours and common asks. Only whole Latin words
 * are read (so "sf", "xl", "ok", "ems" and English colours keep their meaning); toneless, no spaces.
 */
const PINYIN: Readonly<Record<string, string>> = {
  // products
  dayi: '大衣', maoyi: '毛衣', yurongfu: '羽绒服', yurong: '羽绒', weijin: '围巾', niuzaiku: '牛仔裤', kuzi: '裤子',
  shanhetao: '山核桃', hetao: '核桃', xianhuabing: '鲜花饼', waizi: '袜子', waitao: '外套',
  // colours
  heise: '黑色', baise: '白色', hongse: '红色', lanse: '蓝色', huise: '灰色', fense: '粉色', lvse: '绿色', huangse: '黄色',
  zise: '紫色', tuose: '驼色', kaqi: '卡其', kaqise: '卡其色', mibai: '米白', mibaise: '米白色', jiuhong: '酒红', jiuhongse: '酒红色',
  zangqing: '藏青', zangqingse: '藏青色', shenlan: '深蓝', qianlan: '浅蓝', yanmai: '燕麦', yanmaise: '燕麦色', jiaotang: '焦糖', yanhui: '烟灰',
  // asks and body words
  youhuo: '有货', meiyou: '没有', duoshao: '多少', duoshaoqian: '多少钱', baoyou: '包邮', chima: '尺码', chuan: '穿', shenhao: '身高',
  shengao: '身高', tizhong: '体重', zaima: '在吗', nihao: '你好', xiexie: '谢谢', pianyi: '便宜', fahuo: '发货', kuaidi: '快递',
  wo: '我', ta: '他',
};

/** Asks typed as two pinyin words ("duoshao qian"): read as one before the words one by one. */
const PINYIN_PHRASES: readonly [RegExp, string][] = [
  [/(?<![a-z])duo\s*shao\s+qian(?![a-z])/giu, '多少钱'],
  [/(?<![a-z])you\s+huo(?![a-z])/giu, '有货'],
  [/(?<![a-z])bao\s+you(?![a-z])/giu, '包邮'],
];

/** Sentence particles: written onto the word before them ("有xl ma" → "有xl吗"), as a buyer would in Chinese. */
const PINYIN_PARTICLES: Readonly<Record<string, string>> = { ma: '吗', ne: '呢', de: '的', ba: '吧' };
const PARTICLE = /\s*(?<![a-zA-Z0-9])(ma|ne|de|ba)(?![a-zA-Z0-9])/gu;

/** The keyboard's first homophone for a product or size word. */
const HOMOPHONES: readonly [RegExp, string][] = [
  [/毛依/gu, '毛衣'],
  [/大依/gu, '大衣'],
  [/羽绒付|羽绒福|羽绒腹/gu, '羽绒服'],
  [/围斤|围今/gu, '围巾'],
  [/牛崽裤|牛子裤/gu, '牛仔裤'],
  [/尺马/gu, '尺码'],
  [/包油(?![漆条])/gu, '包邮'],
  // "L马", "xl马", "29马", "几马": a size's 码, not 马上.
  [/(?<=(?:^|[^a-z])(?:x{0,3}[sml]|[0-9]{2}|几|什么|多大))马(?!上)/giu, '码'],
];

/**
 * A Latin word standing alone: not inside codes ("91110105MA01…" tax ids, "SF1604…" tracking numbers), and
 * written as a buyer types (lower case, or capitalised by the phone) — "MA" in capitals is a code.
 */
const LATIN_WORD = /(?<![a-zA-Z0-9])[A-Z]?[a-z]+(?![a-zA-Z0-9])/gu;
/** "130jin": the unit after a number. */
const JIN_AFTER_NUMBER = /(?<=[0-9])jin(?![a-zA-Z])/gu;

function respellPinyin(text: string): string {
  const phrased = PINYIN_PHRASES.reduce((out, [pattern, word]) => out.replace(pattern, word), text);
  return phrased
    .replace(JIN_AFTER_NUMBER, '斤')
    .replace(PARTICLE, (_, particle: string) => PINYIN_PARTICLES[particle]!)
    .replace(LATIN_WORD, (word) => PINYIN[word.toLowerCase()] ?? word);
}

export function respell(text: string): string {
  const trimmed = text.trim();
  if (trimmed !== '' && EMOJI_ONLY.test(trimmed)) {
    const gesture = GESTURE_EMOJI.find(([pattern]) => pattern.test(trimmed));
    if (gesture !== undefined) return gesture[1];
  }
  let out = text;
  for (const [emoji, word] of Object.entries(PRODUCT_EMOJI)) out = out.split(emoji).join(word);
  if (/[a-zA-Z]{2}/u.test(out)) out = respellPinyin(out);
  for (const [pattern, word] of HOMOPHONES) out = out.replace(pattern, word);
  return out;
}
