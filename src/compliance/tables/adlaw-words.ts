import type { PhraseEntry } from './types.ts';

/**
 * Absolute terms banned in advertising (《广告法》第九条(三): 不得使用“国家级”、“最高级”、
 * “最佳”等用语), with a neutral wording where one exists. Used by the adlaw-superlative rule.
 * Only compounds that are claims are listed: 最近/最后/最早/最多+number, 最好+advice
 * (您最好提前下单), 第一次/第一时间… never occur here, so they never fire.
 * Written in simplified Chinese and lower-case Latin (the form rules match on).
 */
export const adlawPhrases: readonly PhraseEntry[] = [
  // 最 + claim
  { phrase: '最好的', replacement: '很好的' },
  { phrase: '最好用', replacement: '很好用' },
  { phrase: '最好看', replacement: '很好看' },
  { phrase: '最好吃', replacement: '很好吃' },
  { phrase: '最佳', replacement: '理想' },
  { phrase: '最优', replacement: '优秀' },
  { phrase: '最优秀', replacement: '优秀' },
  { phrase: '最优质', replacement: '优质' },
  { phrase: '最优惠', replacement: '很优惠' },
  { phrase: '最高级', replacement: '高级' },
  { phrase: '最高端', replacement: '高端' },
  { phrase: '最高档', replacement: '高档' },
  { phrase: '最低价', replacement: '优惠价' },
  { phrase: '最便宜', replacement: '很实惠' },
  { phrase: '最实惠', replacement: '很实惠' },
  { phrase: '最划算', replacement: '很划算' },
  { phrase: '最超值', replacement: '很超值' },
  { phrase: '最强', replacement: '很强' },
  { phrase: '最快', replacement: '很快' },
  { phrase: '最先进', replacement: '先进' },
  { phrase: '最新技术', replacement: '新技术' },
  { phrase: '最新科技', replacement: '新科技' },
  { phrase: '最受欢迎', replacement: '很受欢迎' },
  { phrase: '最顶级', replacement: '高品质' },
  { phrase: '最火', replacement: '很火' },
  { phrase: '最热销', replacement: '热销' },
  { phrase: '最畅销', replacement: '畅销' },
  { phrase: '最专业', replacement: '专业' },
  { phrase: '最正宗', replacement: '正宗' },
  { phrase: '最权威' },
  { phrase: '性价比最高', replacement: '性价比很高' },
  { phrase: '力度最大', replacement: '力度很大' },
  // market rankings and product-quality superlatives (issue 12: real replies)
  { phrase: '销量最高', replacement: '销量很好' },
  { phrase: '销量最好', replacement: '销量很好' },
  { phrase: '销量最大', replacement: '销量很好' },
  { phrase: '最保暖', replacement: '很保暖' },
  { phrase: '最暖和', replacement: '很暖和' },
  { phrase: '最舒服', replacement: '很舒服' },
  { phrase: '最舒适', replacement: '很舒适' },
  { phrase: '最耐穿', replacement: '很耐穿' },
  { phrase: '最耐用', replacement: '很耐用' },
  { phrase: '最结实', replacement: '很结实' },
  { phrase: '最透气', replacement: '很透气' },
  { phrase: '最安全', replacement: '安全' },
  { phrase: '最健康', replacement: '健康' },
  { phrase: '最环保', replacement: '环保' },
  { phrase: '同类第一' },
  { phrase: '遥遥领先', replacement: '领先' },
  // 第一 as a ranking claim (第一次/第一时间/第一步… are not listed)
  { phrase: '第一品牌', replacement: '知名品牌' },
  { phrase: '第一名' },
  { phrase: '销量第一', replacement: '销量很好' },
  { phrase: '销售第一', replacement: '销量很好' },
  { phrase: '全网第一' },
  { phrase: '全国第一' },
  { phrase: '行业第一', replacement: '行业领先' },
  { phrase: '全球第一' },
  { phrase: '排名第一', replacement: '排名靠前' },
  { phrase: '人气第一', replacement: '人气很高' },
  { phrase: '天下第一' },
  { phrase: 'no.1' },
  { phrase: 'no1' },
  { phrase: 'top1' },
  { phrase: 'top 1' },
  // level and rarity claims
  { phrase: '国家级' },
  { phrase: '世界级' },
  { phrase: '顶级', replacement: '高品质' },
  { phrase: '极品', replacement: '精品' },
  { phrase: '极致', replacement: '出色' },
  { phrase: '首选', replacement: '推荐' },
  { phrase: '独家' },
  { phrase: '王牌', replacement: '主打' },
  { phrase: '万能', replacement: '多用途' },
  { phrase: '史无前例' },
  { phrase: '绝无仅有', replacement: '少有' },
  { phrase: '全网最低', replacement: '优惠' },
  { phrase: '全网最低价', replacement: '优惠价' },
  // certainty claims: 100% is fine in a composition (100%棉), see adlawExceptions
  { phrase: '100%', replacement: '' },
  { phrase: '百分百', replacement: '' },
  { phrase: '百分之百', replacement: '' },
  { phrase: '无副作用' },
  { phrase: '零风险' },
  { phrase: '国家免检' },
];

/**
 * The phrases for the shared fixed-phrase dictionary, without replacements: the neutral wordings
 * above are this rule's suggestions, not wording the manuals give, and no replacement is safe
 * as an automatic fix (a dictionary tool like prh would apply it).
 */
export const adlawFixedPhrases: readonly PhraseEntry[] = adlawPhrases.map(({ phrase }) => ({ phrase }));

/** Fibres and ingredients: "100%棉" / "棉100%" state a composition, not a claim. */
const MATERIALS =
  '纯棉|全棉|棉|羊毛|羊绒|山羊绒|绵羊毛|桑蚕丝|蚕丝|真丝|亚麻|苎麻|麻|涤纶|聚酯纤维|锦纶|氨纶|粘纤|粘胶|莫代尔|天丝|莱赛尔|竹纤维|腈纶|头层牛皮|牛皮|羊皮|白鹅绒|白鸭绒|鹅绒|鸭绒|果汁|原汁|果肉|可可|乳清|生牛乳|纯牛奶';
const MATERIAL_AFTER = new RegExp(`^(纯|全)?(${MATERIALS})`);
const MATERIAL_BEFORE = new RegExp(`(${MATERIALS}|成分|含量|占比|比例|面料|材质|填充物?)(是|为|:|占)?$`);
/** A Chinese word or a letter/digit right after the phrase: 最好看一下, 最好用温水. */
const MORE_WORDS = /^(?![的了呢啦哦呀吧])[\u4e00-\u9fffa-z\d]/;

/**
 * Where a listed phrase is ordinary wording. `next` is tested on the rest of the clause
 * after the phrase, `prev` on the clause before it (both in normalised text).
 */
export const adlawExceptions: Readonly<Record<string, { next?: RegExp; prev?: RegExp }>> = {
  // 最好看/最好用/最好吃 followed by more words is advice: 您最好看一下尺码表, 最好用温水洗
  最好看: { next: MORE_WORDS },
  最好用: { next: MORE_WORDS },
  最好吃: { next: MORE_WORDS },
  // 最好的办法是… is advice; 卖得最好的 answers which item sells best in the shop
  最好的: { next: /^(办法|方法|方式|时间|时机|做法|建议)/, prev: /卖[得的]$/ },
  // food shelf life: 最佳食用期, 最佳赏味期; timing advice: 最佳时间
  最佳: { next: /^的?(食用|赏味|饮用|品尝|冲泡|保存|使用期|时间|时机|电话时间|联系时间)/ },
  // 最优先, 最优化, 最优解
  最优: { next: /^(先|化|解)/ },
  // 最快两天到, 最快明天, 最快的话: a time estimate; 以最快的速度: an effort, not a claim;
  // 顺丰最快 / 最快的快递是顺丰: comparing couriers, not the product
  最快: {
    next: /^([\d一二两三四五六七八九十几半今明后当下次也要还得]|的话|的?速度|的?(快递|物流))/,
    prev: /(顺丰|中通|圆通|申通|韵达|邮政|ems|京东|极兔|快递|物流).{0,2}$/,
  },
  // 万能胶, 万能轮, 万能表…: product names
  万能: { next: /^(胶|轮|表|充|钥匙|插|扳手|转换|接头|工具|螺丝刀|遥控|贴|笔|夹|支架|板|角|码)/ },
  // 首选中通 / 快递首选: the shop's default courier
  首选: { next: /^(快递|物流|中通|圆通|申通|韵达|顺丰|邮政|ems|极兔|百世|天天|德邦|京东)/, prev: /(快递|物流)$/ },
  // 100%棉, 棉100%, 含量100%; 1100%, 0.100% are other numbers
  '100%': { next: MATERIAL_AFTER, prev: new RegExp(`[\\d.]$|${MATERIAL_BEFORE.source}`) },
  百分百: { next: MATERIAL_AFTER },
  百分之百: { next: MATERIAL_AFTER },
  // no.12, top10, piano1
  'no.1': { next: /^\d/, prev: /[a-z]$/ },
  no1: { next: /^\d/, prev: /[a-z]$/ },
  top1: { next: /^\d/, prev: /[a-z]$/ },
  'top 1': { next: /^\d/, prev: /[a-z]$/ },
};
