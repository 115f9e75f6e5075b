import { ENGLISH_COLORS } from './entities/vocab.ts';

/**
 * English and mixed-English buyer messages ("where is my parcel", "coat有没有M camel") glossed into the
 * Chinese the classifier, the entity extractors and the flows were built on. The gloss works on a copy:
 * the buyer's own words are kept for the history and the replies stay Chinese.
 *
 * A small lexicon of marketplace asks (phrases first, then single words), the shop's kinds of product,
 * colours and sizes. Words it does not know are left as they are; filler words are dropped.
 */

type Entry = readonly [pattern: string, chinese: string];

/** Whole asks, tried before single words ("where is my parcel" is one question, not five words). */
const PHRASES: readonly Entry[] = [
  // Where the parcel is, whether it moves.
  ['where(?: is|\'s| are) (?:my |the )?(?:package|parcel|order|stuff|item|delivery|shipment)s?(?: now)?', '我的包裹到哪了'],
  ['where(?: is|\'s) it(?: now)?', '到哪了'],
  ['(?:any|what\'?s the) (?:updates?|news|progress) (?:on|about|with) (?:my |the )?([a-z]+)', '$1物流到哪了'],
  ['(?:any|what\'?s the) (?:updates?|news|progress)', '物流到哪了'],
  ['(?:has|have|is|are)(?: not|n\'t) (?:moved|moving|updated|changed)', '没动'],
  ['not (?:moving|moved|updated)', '没动'],
  ['(?:still |got )?stuck', '卡住不动了'],
  ['for (\\d+) days?', '$1天了'],
  ['(\\d+) days? ago', '$1天前'],
  ['tracking(?: number| no\\.?| code)?', '单号'],
  // When it ships or arrives.
  ['when (?:will|do|can|does) (?:you |it |my order |the order |they )?(?:ship|send|dispatch)(?: it| my order| the order)?', '什么时候发货'],
  ['when (?:will|does|can) (?:it|my order|my parcel|the parcel|my package) (?:ship|be shipped|be sent)', '什么时候发货'],
  ['when (?:will|does|can) (?:it|my order|my parcel|the parcel|my package|i get it) (?:arrive|be delivered|get here|come)', '什么时候到'],
  ['when (?:will|can) i (?:get|receive) it', '什么时候到'],
  ['(?:has|have) (?:it|my order|you) (?:shipped|been shipped|sent it)', '发货了吗'],
  ['(?:arrives?|gets? here|be delivered|deliver it) (?:by|before) ([a-z]+)', '$1前到'],
  // Courier and its extra fee.
  ['(?:send|ship|deliver)(?: it)? (?:by|with|via|using)', '发'],
  ['sf(?: express)?|shunfeng', '顺丰'],
  ['how much (?:extra|more)', '要加多少钱'],
  ['how much(?: is it| does it cost| for it)?', '多少钱'],
  ['pay (?:the|for the) (?:difference|extra)', '补差价'],
  ['(?:ok|okay|fine|alright)(?:,)? do it', '好的 就这样'],
  // Returns, refunds, cancelling.
  ['(?:can|could|may) i (?:return(?: it| them| this)?|send(?: it| them| this)? back)', '能退货吗'],
  ['return(?: it| them| this)?|send(?: it| them| this)? back', '退货'],
  ['(?:can|could|may) i (?:get a )?refund', '能退款吗'],
  ['where(?: is|\'s) my (?:money|refund)', '退款呢'],
  ['(?:do not|don\'t|doesn\'t|does not|dont|doesnt) (?:taste|smell) (?:good|nice|great)', '不好吃'],
  ['(?:tastes?|smells?) (?:bad|awful|terrible|weird)', '不好吃'],
  ['(?:do not|don\'t|dont) (?:want|need|like)(?: it| them| this)?(?: anymore| any more)?', '不想要了'],
  ['(?:cancel|stop)(?: my| the)? order', '取消订单'],
  // Price.
  ['(?:give|get)(?: me| us)?(?: a| some| any)? (?:discount|cheaper price|better price)', '便宜点'],
  ['(?:any|a) discount', '便宜点'],
  ['(?:cheaper|discount)', '便宜点'],
  // Stock, sizes and colours.
  ['(?:do you have|have you got|do you still have)(?: any| a| an| the)?', '有没有'],
  ['(?:in stock|available)', '有货'],
  ['size ([smlx]{1,3}|xxl)', '$1码'],
  [`(${Object.keys(ENGLISH_COLORS).join('|')}) colou?rs?`, '$1'],
  ['([smlx]{1,3}|xxl) size', '$1码'],
  // Complaints and the people behind the shop.
  ['(?:i will|i\'ll|i am going to|i\'m going to|gonna) (?:complain|report)(?: you)?(?: to)?', '我要投诉到'],
  ['(?:complain|report)(?: you)?(?: to)?', '投诉'],
  ['(?:this is |that\'s |so )?(?:ridiculous|unacceptable|terrible service|outrageous)', '太离谱了'],
  ['(?:a |the )?(?:bad|negative) (?:review|rating)', '差评'],
  ['(?:a )?(?:real person|human|live agent|customer service)', '人工客服'],
  ['(?:are you|r u|are u) (?:there|online)', '在吗'],
  ['(?:anyone|anybody) (?:there|here)', '有人吗'],
  ['(?:can|could) (?:you|u)(?: please| pls)?', '能不能'],
  ['(?:can you |could you )?promise', '保证'],
  ['thank you|thanks|thx', '谢谢'],
  ['free (?:shipping|delivery|postage)', '包邮'],
];

/** Single words: the shop's kinds of product, marketplace nouns, days. */
const WORDS: Readonly<Record<string, string>> = {
  hi: '你好', hello: '你好', hey: '你好',
  my: '我的', order: '订单', orders: '订单', package: '包裹', parcel: '包裹', delivery: '快递', courier: '快递', express: '快递',
  refund: '退款', exchange: '换货', invoice: '发票', address: '地址', change: '改', price: '价格', postage: '邮费', shipping: '邮费', free: '免费',
  coat: '大衣', coats: '大衣', overcoat: '大衣', jacket: '羽绒服', puffer: '羽绒服', down: '羽绒', sweater: '毛衣', sweaters: '毛衣', jumper: '毛衣', knit: '毛衣',
  jeans: '牛仔裤', denim: '牛仔裤', scarf: '围巾', scarves: '围巾', walnut: '核桃', walnuts: '核桃', pecans: '山核桃', cake: '鲜花饼', cakes: '鲜花饼', pastry: '鲜花饼', pastries: '鲜花饼',
  wool: '羊毛', size: '尺码', color: '颜色', colour: '颜色', broken: '坏了', damaged: '坏了', wrong: '错了', missing: '少了',
  today: '今天', tomorrow: '明天', monday: '周一', tuesday: '周二', wednesday: '周三', thursday: '周四', friday: '周五', saturday: '周六', sunday: '周日', weekend: '周末',
  tmall: '天猫', taobao: '淘宝', platform: '平台', ok: '好的', okay: '好的', yes: '是的', now: '现在', urgent: '急用', asap: '尽快',
  ...ENGLISH_COLORS,
};

/** Filler that carries no ask once the content words are glossed. */
const FILLER = new Set(['the', 'a', 'an', 'it', 'is', 'are', 'to', 'of', 'please', 'pls', 'plz', 'just', 'this', 'that', 'and', 'i', 'me', 'you', 'u', 'on', 'by', 'with', 'will', 'be', 'for', 'placed', 'all', 'still']);

const compile = (entries: readonly Entry[]): readonly [RegExp, string][] => entries.map(([p, c]) => [new RegExp(`(?<![a-z'])(?:${p})(?![a-z])`, 'giu'), c]);
const PHRASE_RULES = compile(PHRASES);
const WORD = /[a-z][a-z']*/giu;
/** A stretch of English: Latin words with the spaces and apostrophes between them (no clause punctuation). */
const ENGLISH_RUN = /[a-z0-9][a-z0-9' ]*[a-z0-9']|[a-z]/giu;
/** Sizes and codes stay as written ("M", "XL", "SF" is glossed as a phrase first). */
const KEEP_AS_IS = /^(?:[smlx]{1,3}|xxl|\d+)$/iu;
const HAS_WORD = /[a-z]{2,}/iu;

/** One English stretch glossed; spaces inside it go, so the gloss reads as one clause. */
function glossRun(run: string): string {
  let out = run;
  for (const [pattern, chinese] of PHRASE_RULES) out = out.replace(pattern, ` ${chinese} `);
  out = out.replace(WORD, (word) => {
    const lower = word.toLowerCase();
    if (KEEP_AS_IS.test(word)) return word;
    if (FILLER.has(lower)) return '';
    return WORDS[lower] ?? word;
  });
  // Spaces only survive between two Latin words the lexicon left alone ("iphone 15").
  return out.replace(/\s+/gu, ' ').trim().replace(/(?<![a-z0-9]) | (?![a-z0-9])/giu, '');
}

/** The message with its English glossed into Chinese; a message without English words comes back as it was. */
export function glossEnglish(text: string): string {
  if (!HAS_WORD.test(text)) return text;
  return text.replace(ENGLISH_RUN, (run) => {
    if (!HAS_WORD.test(run)) return run;
    return glossRun(run);
  });
}
