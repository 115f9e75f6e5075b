import * as OpenCC from 'opencc-js';
import { Rng } from './prng.ts';

/**
 * A deterministic corpus of customer-service replies as a Tmall/Taobao shop sends them:
 * greetings, stock, size advice from height/weight, couriers and tracking, invoices,
 * returns, after-sale apologies, promotions. About a quarter of the replies also commit
 * one or two of the manuals' forbidden statements (你 for 您, 哦, 不好意思, 保证明天到,
 * 加我微信, phone numbers, 货到付款, superlatives, 好评返现…). On top of that some replies
 * are written in traditional characters, with full-width digits/letters or half-width
 * punctuation, with emoji, or split over two lines — the noise real chat logs have.
 *
 * Sentences come from templates × slot values, so the corpus is varied but the same for
 * the same (count, seed) on every machine.
 */

/** What was planted in a reply; the names follow the linter's rule families. */
export type PlantedKind =
  | 'polite-you'
  | 'no-particle-o'
  | 'no-intimate-address'
  | 'no-bu-phrasing'
  | 'no-time-promise'
  | 'no-certainty-words'
  | 'offplatform-contact-handle'
  | 'offplatform-phone'
  | 'offplatform-payment'
  | 'offplatform-link'
  | 'adlaw-superlative'
  | 'no-stockout-refusal'
  | 'review-cashback'
  | 'no-dismissive'
  | 'no-curt-reply'
  | 'invoice-refusal'
  | 'close-order'
  | 'credit-card-refusal'
  | 'no-refuse-return'
  | 'no-rude';

export type NoiseKind = 'traditional' | 'full-width' | 'half-width-punct' | 'emoji' | 'multi-line';

export interface CorpusItem {
  text: string;
  /** Violations the generator planted on purpose (empty for a clean reply). */
  planted: PlantedKind[];
  noise: NoiseKind[];
}

export interface CorpusStats {
  replies: number;
  /** UTF-8 bytes of all replies (without separators). */
  bytes: number;
  chars: number;
  withPlanted: number;
  byNoise: Record<NoiseKind, number>;
}

// ---------------------------------------------------------------------------
// Slot values

const SHOPS = ['暖阳', '青禾', '木子', '简然', '初见', '森屿', '南风', '拾光', '禾下', '栖木'];
const AGENTS = ['小美', '小雪', '阿杰', '可可', '小叶', '晴天', '安安', '小鹿', '丁丁', '糖糖'];
const PRODUCTS = [
  '纯棉T恤', '羽绒服', '连衣裙', '牛仔裤', '运动鞋', '连帽卫衣', '保温杯', '蓝牙耳机', '保湿面霜',
  '双肩包', '四件套', '电饭煲', '防晒霜', '羊毛衫', '冲锋衣', '儿童睡衣', '猫粮', '茶叶礼盒',
  '真丝衬衫', '加绒打底裤', '帆布鞋', '空气炸锅', 'POLO衫', '乳胶枕',
];
const COLORS = ['黑色', '白色', '雾霾蓝', '燕麦色', '卡其色', '酒红色', '藏青色', '米白色', '浅灰色', '牛油果绿'];
const SIZES = ['S', 'M', 'L', 'XL', 'XXL', '2XL', '3XL'];
const COURIERS = ['中通', '圆通', '韵达', '顺丰', '申通', '极兔', '邮政EMS', '京东快递', '顺丰SF'];
const CITIES: readonly { city: string; district: string; streets: readonly string[] }[] = [
  { city: '杭州', district: '西湖区', streets: ['文三路', '天目山路', '教工路'] },
  { city: '上海', district: '浦东新区', streets: ['世纪大道', '张杨路', '陆家嘴环路'] },
  { city: '北京', district: '朝阳区', streets: ['建国路', '望京街', '酒仙桥路'] },
  { city: '广州', district: '天河区', streets: ['体育西路', '天河路', '珠江新城华夏路'] },
  { city: '成都', district: '武侯区', streets: ['人民南路', '科华北路', '玉林南路'] },
  { city: '武汉', district: '江汉区', streets: ['解放大道', '建设大道', '新华路'] },
  { city: '深圳', district: '南山区', streets: ['科技园路', '深南大道', '南海大道'] },
  { city: '哈尔滨', district: '道里区', streets: ['中央大街', '友谊路', '安字街'] },
  { city: '乌鲁木齐', district: '天山区', streets: ['解放南路', '新华北路', '中山路'] },
  { city: '昆明', district: '五华区', streets: ['东风西路', '人民中路', '翠湖南路'] },
];
const FABRICS = ['纯棉', '莫代尔', '涤纶', '羊毛混纺', '亚麻', '真丝', '聚酯纤维', '精梳棉'];
const GIFTS = ['同款袜子', '收纳袋', '试用装', '钥匙扣', '清洁湿巾', '定制贴纸'];
const FESTIVALS = ['双11', '618', '年货节', '38女王节', '99大促', '周年庆'];
const TIMES = ['16:00', '17:00', '下午4点', '下午5点', '18点', '中午12点'];

type SlotFn = (r: Rng) => string;

/** A tracking number in the courier's own format (SF…, YT…, JT…, 12-15 digits). */
function trackingNumber(r: Rng, courier: string): string {
  if (courier.startsWith('顺丰')) return `SF${r.digits(13, '1')}`;
  if (courier === '圆通') return `YT${r.digits(13, '2')}`;
  if (courier === '极兔') return `JT${r.digits(13, '5')}`;
  if (courier === '中通') return `7${r.digits(13, '35')}`;
  if (courier === '韵达') return `43${r.digits(13)}`;
  if (courier === '申通') return `77${r.digits(13)}`;
  if (courier === '京东快递') return `JDVA${r.digits(11, '2')}`;
  return r.digits(13, '19');
}

const SLOTS: Record<string, SlotFn> = {
  shop: (r) => r.pick(SHOPS),
  agent: (r) => r.pick(AGENTS),
  product: (r) => r.pick(PRODUCTS),
  consumable: (r) => r.pick(['保湿面霜', '防晒霜', '洗发水', '沐浴露', '精华液', '身体乳']),
  color: (r) => r.pick(COLORS),
  color2: (r) => r.pick(COLORS),
  size: (r) => r.pick(SIZES),
  size2: (r) => r.pick(SIZES),
  shoe: (r) => String(r.int(35, 44)),
  height: (r) => String(r.int(150, 188)),
  weight: (r) => String(r.int(85, 180)),
  length: (r) => String(r.int(58, 105)),
  waist: (r) => String(r.int(62, 96)),
  courier: (r) => r.pick(COURIERS),
  city: (r) => r.pick(CITIES).city,
  address: (r) => {
    const c = r.pick(CITIES);
    return `${c.city}${c.district}${r.pick(c.streets)}${r.int(1, 399)}号`;
  },
  days: (r) => String(r.int(2, 5)),
  workdays: (r) => String(r.int(3, 15)),
  amount: (r) => String(r.pick([3, 5, 8, 10, 15, 20, 30, 50])),
  threshold: (r) => String(r.pick([99, 199, 299, 399, 599])),
  price: (r) => `${r.int(39, 899)}`,
  discount: (r) => r.pick(['9', '8.8', '8.5', '95', '7']),
  time: (r) => r.pick(TIMES),
  fabric: (r) => r.pick(FABRICS),
  gift: (r) => r.pick(GIFTS),
  festival: (r) => r.pick(FESTIVALS),
  n: (r) => String(r.int(2, 8)),
  ml: (r) => String(r.pick([30, 50, 100, 250, 500])),
  months: (r) => String(r.pick([12, 18, 24, 36])),
  // 16-19 digit order ids and courier tracking numbers: long digit runs that are not phone numbers.
  orderId: (r) => r.digits(r.pick([16, 18, 19]), '123'),
  tracking: (r) => trackingNumber(r, r.pick(COURIERS)),
  phone: (r) => {
    const p = r.digits(11, '1');
    const phone = `1${r.pick(['3', '5', '7', '8', '9'])}${p.slice(2)}`;
    return r.pick([phone, `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`, `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`]);
  },
  landline: (r) => `0${r.pick(['571', '21', '10', '20', '755'])}-${r.digits(8, '2345678')}`,
  wechat: (r) => r.pick(['abc123', 'kefu888', 'nuanyang_vip', 'qinghe2024', 'muzi-shop', 'xy_6688']) ,
  qq: (r) => r.digits(r.int(8, 10), '123456789'),
  card: (r) => `6222${r.digits(15)}`,
  category: (r) => r.pick(['羽绒服', '女装', '运动鞋', '保温杯', '家纺', '护肤']),
};

/** Fills `{slot}`s; a slot used twice in one template gets the same value both times. */
function fill(template: string, r: Rng): string {
  const memo = new Map<string, string>();
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const seen = memo.get(name);
    if (seen !== undefined) return seen;
    let value: string;
    const size = memo.get('size');
    if (name === 'size2' && size !== undefined) {
      // The alternative size is a neighbour of the first one (M → L, XL → L).
      const i = SIZES.indexOf(size);
      value = SIZES[i + 1 < SIZES.length && (i === 0 || r.chance(0.5)) ? i + 1 : i - 1]!;
    } else if (name === 'tracking' && memo.has('courier')) {
      value = trackingNumber(r, memo.get('courier')!);
    } else {
      const slot = SLOTS[name];
      if (slot === undefined) throw new Error(`corpus template uses unknown slot ${whole}`);
      value = slot(r);
    }
    memo.set(name, value);
    return value;
  });
}

// ---------------------------------------------------------------------------
// Clean sentences (the manuals' own wording where they give one)

const GREETINGS = [
  '您好，欢迎光临{shop}旗舰店，我是客服{agent}，很高兴为您服务。',
  '您好，在的，请问有什么可以帮您？',
  '您好，我是{agent}，请问您想了解哪款宝贝？',
  '欢迎光临{shop}官方旗舰店，请问有什么可以帮到您的？',
  '您好，感谢您的耐心等待。',
  '您好，这边是{shop}旗舰店客服{agent}。',
  '您好，已经收到您的消息。',
  '晚上好，{agent}为您服务。',
];

const CLOSINGS = [
  '还有其他问题随时联系我们。',
  '感谢您的支持，祝您购物愉快！',
  '有任何问题随时旺旺联系我们，我们会第一时间为您处理。',
  '祝您生活愉快！',
  '麻烦您收到货后检查一下，有问题随时联系我们。',
  '感谢您的理解与支持。',
  '期待您的再次光临。',
  '请问还有什么可以帮您的吗？',
];

const CLEAN: readonly string[] = [
  // stock
  '{product}的{color}{size}码目前有现货，正常今天可以发出。',
  '{color}这款目前库存充足，您放心拍下。',
  '非常抱歉，这款{size}码暂时无货，{size2}码有现货，需要帮您换成{size2}码吗？',
  '这款{color}预计{days}天后到货，到货后第一时间通知您。',
  '您要的{product}还有货，{time}前付款的订单正常当天可以发出。',
  // sizes
  '根据您的身高{height}cm、体重{weight}斤，建议您选择{size}码。',
  '身高{height}体重{weight}斤的话，穿{size}码会比较合身，喜欢宽松一点可以拍大一码。',
  '这款版型偏小，建议您拍大一码，身高{height}cm左右选{size}码就可以。',
  '鞋子是标准码，您平时穿{shoe}码直接拍{shoe}码就可以。',
  '裤长{length}cm，腰围{waist}cm，您可以对照一下详情页的尺码表。',
  '您{height}cm、{weight}斤，{size}和{size2}都可以穿，{size}码更修身一些。',
  '这款M码平铺衣长{length}cm，胸围{waist}cm，供您参考。',
  // shipping and tracking
  '我们默认发{courier}，正常情况下{days}天左右可以送达。',
  '需要发顺丰的话需要补{amount}元差价，您看可以吗？',
  '仓库每天{time}前的订单当天发出，之后的次日发出。',
  '{city}地区一般{days}天左右到，具体以快递实际派送为准。',
  '您的包裹已经从{city}发出，运单号是{tracking}，您可以在订单详情里查看物流。',
  '我们包邮{courier}快递，发邮政需要补相应的邮费。',
  '已经帮您催促快递了，有消息会第一时间通知您。',
  '显示快递已经到{city}转运中心了，预计{days}天内派送，请您耐心等待。',
  '您的订单已经发出，{courier}单号{tracking}，请注意查收。',
  '我们会尽快安排发货，尽力帮您催促快递。',
  // invoices
  '我们是支持开具发票的，您在下单时备注发票抬头和税号就可以。',
  '电子发票会在确认收货后{workdays}个工作日内开具，发送到您的邮箱。',
  '纸质发票和货物一起寄出，运费我们承担。',
  '您可以在订单详情页点击“申请开票”，填写抬头即可。',
  '我们是无理由提供发票，财务会在一个月之内统一寄出去的，运费我们承担。',
  // returns and refunds
  '本店支持七天无理由退换货，商品吊牌完好就可以申请。',
  '您在订单里申请退货，填写{courier}单号就可以，我们收到后{days}天内为您处理退款。',
  '质量问题产生的来回运费由我们承担，麻烦您拍几张照片发给我看一下。',
  '退款会原路退回到您的支付账户，一般1-3个工作日到账。',
  '换货的话您直接寄回，备注订单号{orderId}和需要换的尺码，我们收到后马上给您换新发出。',
  '您点击“申请售后”选择退货退款，退货地址系统会自动带出来。',
  // after-sale apologies
  '非常抱歉给您带来不便，我们马上为您核实处理。',
  '非常抱歉让您久等了，刚才咨询的人比较多。',
  '非常抱歉，您的地址{courier}暂时无法到达，我们为您换成邮政发货可以吗？',
  '非常抱歉，价格已经无法再低了，我们给您赠送{gift}一份。',
  '非常抱歉，这个问题我暂时无法帮到您，我请同事来跟进。',
  '收到的商品有破损真的非常抱歉，麻烦您拍照发给我们，我们为您补发或者退款。',
  '非常抱歉，这个要求我们暂时无法满足。',
  // orders and addresses
  '跟您核对一下收货地址：{address}，请问对吗？',
  '您的订单{orderId}已经付款成功，我们会尽快安排发货。',
  '地址已经帮您备注修改好了，您刷新一下订单就可以看到。',
  '未付款的订单两天后系统会自动关闭的。',
  '为了保护买家信息，麻烦您用下单的账号联系我们，我帮您核对。',
  // payment
  '支持信用卡和花呗付款，无需您支付额外的手续费。',
  '非常抱歉，我们只支持天猫商城在线下单，暂时无法银行卡转账或货到付款。',
  '花呗分期是否可用以支付页面显示为准，麻烦您下单时看一下。',
  // promotions
  '目前店铺满{threshold}减{amount}，领券后下单更划算。',
  '现在下单赠送{gift}一份，数量有限送完为止。',
  '这款参加{festival}活动，活动价{price}元。',
  '会员下单可以享受{discount}折优惠。',
  // product info
  '这款面料是{fabric}的，透气性很好，机洗手洗都可以。',
  '{product}是我们自己的品牌原厂正品，请您放心。',
  '这款{color}和{color2}都很百搭，您可以根据平时的穿搭来选。',
  '尺码表在商品详情页第{n}张图，您可以参考一下。',
  '{consumable}的净含量是{ml}ml，保质期{months}个月。',
  '这款是{fabric}材质，洗涤时建议反面冷水清洗。',
  '您说的“{color}偏暗”是灯光的原因，实物颜色以第{n}张实拍图为准。',
];

// ---------------------------------------------------------------------------
// Forbidden statements (seeds 000/002/004), by rule family

const VIOLATIONS: Record<Exclude<PlantedKind, 'polite-you' | 'no-particle-o' | 'no-intimate-address' | 'no-curt-reply'>, readonly string[]> = {
  'no-bu-phrasing': [
    '不好意思，让您久等了。',
    '这个价格不能便宜了。',
    '改地址不行的。',
    '您那边{courier}到不了。',
    '不好意思，{size}码卖完了。',
    '不好意思，活动已经结束了，价格不能便宜了。',
  ],
  'no-time-promise': [
    '保证明天到。',
    '今天一定给您发货，明天就能到。',
    '保证您后天收到宝贝。',
    '{time}前拍下保证当天发货。',
    '{courier}保证{days}天内送到。',
  ],
  'no-certainty-words': [
    '肯定是正品，您放心。',
    '这款绝对不会掉色的。',
    '您穿{size}码肯定合适。',
    '{fabric}面料，绝对不起球。',
    '这个价格肯定是最划算的。',
  ],
  'offplatform-contact-handle': [
    '加我微信{wechat}，我给您发实拍图。',
    '您加一下我的QQ {qq}，方便沟通。',
    'VX：{wechat}，拉您进粉丝群有福利。',
    '有问题直接加微信{wechat}找我。',
  ],
  'offplatform-phone': [
    '我的手机号是{phone}，您直接打给我。',
    '您不方便打字的话，直接打我们售后电话{landline}。',
    '您打{phone}找我们店长就行。',
    '有急事可以打{phone}。',
  ],
  'offplatform-payment': [
    '货到付款可以的，您放心下单。',
    '好的，给您安排货到付款。',
    '您直接微信转账给我就可以，我这边给您发货。',
    '您直接转账到我们的银行卡，卡号是{card}。',
    '可以的，您直接来我们仓库买就行。',
  ],
  'offplatform-link': [
    '这款我们另一家店也有，链接 https://shop{qq}.taobao.com 您去看看。',
    '您去我们拼多多店铺搜{shop}，那边更便宜。',
  ],
  'adlaw-superlative': [
    '这是全网最好的{product}。',
    '我们是{category}第一品牌。',
    '全网最低价，错过就没有了。',
    '采用国家级工艺，顶级面料。',
    '销量第一，最受欢迎的款式。',
  ],
  'no-stockout-refusal': [
    '这款缺货了，发不了货。',
    '{color}没货了，不发了，您申请退款吧。',
    '仓库缺货，您的订单发不出来了。',
  ],
  'review-cashback': [
    '确认收货给五星好评返现{amount}元。',
    '好评返现{amount}元，截图发给客服领取。',
    '晒图好评返{amount}元红包。',
  ],
  'no-dismissive': [
    '这个我不清楚。',
    '颜色都差不多，您自己选吧。',
    '这个参数我也不懂。',
    '我找不到人问，您晚点再来吧。',
  ],
  'invoice-refusal': [
    '我们店不提供发票。',
    '这款是特价商品，无法提供发票。',
    '发票只能开公司抬头的，不能开个人发票。',
  ],
  'close-order': ['您的订单已经帮您关闭了，重新拍一下吧。', '那个订单我这就给您关掉。'],
  'credit-card-refusal': ['信用卡不行，您换个付款方式吧。', '用信用卡付款需要您承担1%的手续费。'],
  'no-refuse-return': ['这款不支持退货退款的。', '特价商品不退不换。'],
  'no-rude': ['爱买不买，不买拉倒。', '说了多少遍了，自己看详情页。'],
};

const CURT_REPLIES = ['嗯', '好的', '哦', '恩', '知道了', '嗯嗯'];

/** Families and how often a violating reply gets one (roughly how often agents slip). */
const KIND_WEIGHTS: readonly (readonly [PlantedKind, number])[] = [
  ['polite-you', 14],
  ['no-particle-o', 10],
  ['no-intimate-address', 7],
  ['no-bu-phrasing', 10],
  ['no-time-promise', 8],
  ['no-certainty-words', 7],
  ['offplatform-contact-handle', 5],
  ['offplatform-phone', 5],
  ['offplatform-payment', 4],
  ['offplatform-link', 2],
  ['adlaw-superlative', 7],
  ['no-stockout-refusal', 3],
  ['review-cashback', 4],
  ['no-dismissive', 3],
  ['no-curt-reply', 3],
  ['invoice-refusal', 2],
  ['close-order', 1],
  ['credit-card-refusal', 1],
  ['no-refuse-return', 2],
  ['no-rude', 1],
];
const KINDS = KIND_WEIGHTS.map(([k]) => k);
const WEIGHTS = KIND_WEIGHTS.map(([, w]) => w);

const EMOJI = ['😊', '🙏', '🌹', '👍', '❤️', '🎁', '📦', '🚚', '😄', '🤝', '[微笑]', '[抱拳]', '[玫瑰]', '/:^_^'];

// ---------------------------------------------------------------------------
// Noise

let toTraditional: ((s: string) => string) | undefined;
function traditional(s: string): string {
  const convert = (toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' }));
  return convert(s);
}

/** ASCII letters and digits to their full-width forms (ＸＬ, １７０). */
function fullWidthAlnum(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

const HALF_PUNCT: Record<string, string> = { '，': ', ', '。': '. ', '！': '! ', '？': '? ', '：': ': ' };
function halfWidthPunct(s: string): string {
  return s.replace(/[，。！？：]/g, (c) => HALF_PUNCT[c] ?? c).trimEnd();
}

// ---------------------------------------------------------------------------
// Replies

/** One to three distinct clean sentences. */
function body(r: Rng): string[] {
  const n = r.weighted([1, 2, 3], [7, 3, 0.5]);
  const used = new Set<string>();
  const out: string[] = [];
  while (out.length < n) {
    const template = r.pick(CLEAN);
    if (used.has(template)) continue;
    used.add(template);
    out.push(fill(template, r));
  }
  return out;
}

const YOU_SENTENCES = ['你好，你要的{size}码有货。', '你看一下详情页的尺码表。', '你先拍下，我们{time}前给你发出。', '妳好，請問妳要什麼顏色？'];

/**
 * Makes the reply break `kind`: rewrites a sentence (你 for 您, 哦, 亲), replaces the whole
 * reply (one-word answers), or inserts one of the manuals' forbidden statements into the body
 * (between greeting and closing).
 */
function plant(kind: PlantedKind, reply: { greeting?: string; body: string[]; closing?: string }, r: Rng): void {
  const { body } = reply;
  switch (kind) {
    case 'polite-you': {
      const all = [reply.greeting, ...body, reply.closing];
      const withNin = all.flatMap((s, i) => (s?.includes('您') ? [i] : []));
      if (withNin.length === 0 || r.chance(0.3)) {
        body.splice(r.int(0, body.length), 0, fill(r.pick(YOU_SENTENCES), r));
        return;
      }
      // The agent typed 你 for 您: in one sentence, or (less often) everywhere.
      for (const i of r.chance(0.3) ? withNin : [r.pick(withNin)]) all[i] = all[i]!.replace(/您/g, '你');
      reply.greeting = all[0];
      body.splice(0, body.length, ...(all.slice(1, -1) as string[]));
      reply.closing = all[all.length - 1];
      return;
    }
    case 'no-particle-o': {
      // 哦 before the full stop of a statement (可以的哦。); a reply of questions gets 好的哦。
      const statements = body.flatMap((s, i) => (/[。！]$/.test(s) ? [i] : []));
      if (statements.length === 0) {
        body.push('好的哦。');
        return;
      }
      const i = r.pick(statements);
      const s = body[i]!;
      body[i] = `${s.slice(0, -1)}${r.pick(['哦', '哦', '哦哦'])}${s.slice(-1)}`;
      return;
    }
    case 'no-intimate-address': {
      const prefix = r.pick(['亲，', '亲亲，', '亲爱的，', '亲～']);
      if (reply.greeting !== undefined) reply.greeting = prefix + reply.greeting.replace(/^您好，/, '');
      else body[0] = prefix + body[0]!;
      return;
    }
    case 'no-curt-reply':
      // A one-word answer is the whole reply.
      delete reply.greeting;
      delete reply.closing;
      body.splice(0, body.length, r.pick(CURT_REPLIES));
      return;
    default:
      body.splice(r.int(0, body.length), 0, fill(r.pick(VIOLATIONS[kind]), r));
  }
}

function reply(r: Rng): CorpusItem {
  const planted: PlantedKind[] = [];
  const noise: NoiseKind[] = [];
  const parts: { greeting?: string; body: string[]; closing?: string } = { body: body(r) };
  if (r.chance(0.3)) parts.greeting = fill(r.pick(GREETINGS), r);
  if (r.chance(0.25)) parts.closing = fill(r.pick(CLOSINGS), r);

  if (r.chance(0.25)) {
    const count = r.chance(0.2) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const kind = r.weighted(KINDS, WEIGHTS);
      if (planted.includes(kind) || planted.includes('no-curt-reply')) continue;
      plant(kind, parts, r);
      planted.push(kind);
    }
  }

  const sentences = [...(parts.greeting === undefined ? [] : [parts.greeting]), ...parts.body, ...(parts.closing === undefined ? [] : [parts.closing])];
  if (sentences.length > 1 && r.chance(0.15)) {
    sentences.splice(r.int(1, sentences.length - 1), 0, r.pick(EMOJI));
    noise.push('emoji');
  } else if (r.chance(0.1)) {
    sentences.push(r.pick(EMOJI));
    noise.push('emoji');
  }
  let text: string;
  if (sentences.length > 2 && r.chance(0.05)) {
    const cut = r.int(1, sentences.length - 1);
    text = `${sentences.slice(0, cut).join('')}\n${sentences.slice(cut).join('')}`;
    noise.push('multi-line');
  } else {
    text = sentences.join('');
  }
  if (r.chance(0.04)) {
    text = traditional(text);
    noise.push('traditional');
  }
  if (r.chance(0.06)) {
    text = fullWidthAlnum(text);
    noise.push('full-width');
  }
  if (r.chance(0.08)) {
    text = halfWidthPunct(text);
    noise.push('half-width-punct');
  }
  return { text, planted, noise };
}

/** Replies with what was planted in each. Same (count, seed) → same corpus. */
export function generateCorpusItems(count: number, seed: number): CorpusItem[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const r = new Rng(seed);
  const items: CorpusItem[] = [];
  for (let i = 0; i < count; i++) items.push(reply(r));
  return items;
}

/** The replies alone. Same (count, seed) → same corpus. */
export function generateCorpus(count: number, seed: number): string[] {
  return generateCorpusItems(count, seed).map((item) => item.text);
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function corpusStats(items: readonly CorpusItem[]): CorpusStats {
  const byNoise: Record<NoiseKind, number> = { traditional: 0, 'full-width': 0, 'half-width-punct': 0, emoji: 0, 'multi-line': 0 };
  let bytes = 0;
  let chars = 0;
  let withPlanted = 0;
  for (const item of items) {
    bytes += utf8Bytes(item.text);
    chars += [...item.text].length;
    if (item.planted.length > 0) withPlanted++;
    for (const n of item.noise) byNoise[n]++;
  }
  return { replies: items.length, bytes, chars, withPlanted, byNoise };
}
