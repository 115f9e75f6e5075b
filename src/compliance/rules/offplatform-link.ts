import { sentenceAfter } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseBefore, matchAll, type TextMatch } from '../text-view.ts';

/**
 * Links and share codes that lead away from the shop (seed 004 其他方式联系 错误案例3 给顾客推荐
 * 我们其他店铺的宝贝链接, 我们的标准 坚决不能推荐自己店铺以外的店铺网址连接; seed 000 三(5)):
 * - URLs and bare domains (abc.com, t.cn/xyz) whose host is not allowed. Allowed: the
 *   platform roots (taobao.com, tmall.com), and `context.shop.allowedLinkHosts` or, without
 *   it, the item-page hosts (item.taobao.com, detail.tmall.com, m.tb.cn …). A shop homepage
 *   (xxx.taobao.com) may be another shop's, so it needs the shop to list it.
 * - 淘口令 share codes (₤Ab3dEf9k₤, ￥…￥, €…€, 复制这段描述…打开淘宝): opaque, meant for other apps.
 * - recommending another shop, also on another platform: 我们另一家店也有, 去别的店看看,
 *   小号店铺的链接, 您去我们拼多多店铺搜.
 * Not flagged: own item links, 宝贝链接, 店铺首页, 收藏店铺, 12.5元, 1.5, e.g., e-mail addresses,
 * 在其他店铺买的 (a fact, not a recommendation), 我们没有其他店铺.
 */
export const URL = /(?:https?:\/\/|www\.)[a-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
const TLD = 'com|cn|net|org|cc|top|vip|shop|xyz|me|io|co|tv|info|hk|tw|ink|link|club|site|store|online|app|ly|gl|to|biz|wang|ltd';
export const BARE_DOMAIN = new RegExp(
  `(?<![a-z0-9@._\\-/])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLD})(?![a-z0-9-])(?::\\d+)?(?:/[a-z0-9\\-._~:/?#@!$&'()*+,;=%]*)?`,
  'g',
);
const SHARE_CODE_MARKS = [...'₤￥¥€$¢₳₰£₴'];
const SHARE_CODE = new RegExp(`([${SHARE_CODE_MARKS.join('')}])(?=[a-z0-9]*[a-z])([a-z0-9]{8,14})\\1`, 'g');
const SHARE_TEXT = /复制(?:这段|这条|此条|整段|本条)?(?:描述|内容|信息|口令|文字)[^。\n]{0,40}?(?:打开|去|到)(?:手机)?(?:淘宝|天猫|手淘|tb)/g;
const OTHER_SHOP_WORDS = [
  ...['另一家', '另外一家', '另一个', '另外的', '其他', '其它', '别的', '别家', '隔壁', '小号', '姊妹', '姐妹'],
  ...['拼多多', '京东', '抖音', '快手', '小红书', '唯品会', '闲鱼', '微店', '有赞', '1688'],
];
const OTHER_SHOP = new RegExp(`(?:${OTHER_SHOP_WORDS.join('|')})(?:的)?(?:店铺|网店|旗舰店|专卖店|小店|店)|分店`, 'g');
const OWN_BEFORE = /(我们|我家|咱家|咱们|本公司|我们公司|我们家)(的)?$/;
const GO_BEFORE = /(去|到)(我们|我家|咱家)?(的)?$/;
const POINTER_AFTER = /(链接|网址|地址|搜|看看|逛逛|买|拍|下单|有货|也有|有售|在售|找)/;
const DIRECT_LINK_AFTER = /^(?:的)?(?:宝贝)?(?:链接|网址|地址)/;
const REFUSAL = /(没有|没|无|不|只有|仅有)/;
const BOUGHT_AT = /在(我们|我家|咱家|咱们)?(的)?$/;
const SEND_BEFORE = /(发|给您|推荐|分享)/;

/** Platform roots: a link there is never another shop. */
const PLATFORM_ROOTS = new Set(['taobao.com', 'www.taobao.com', 'tmall.com', 'www.tmall.com', 'tmall.hk', 'www.tmall.hk']);
const DEFAULT_ALLOWED = ['item.taobao.com', 'detail.tmall.com', 'detail.m.tmall.com', 'detail.tmall.hk', 'h5.m.taobao.com', 'a.m.taobao.com', 'm.tb.cn'];

function hostOf(link: string): string {
  return link.replace(/^https?:\/\//, '').split(/[/?#:]/)[0]!;
}

function trimTrailing(m: TextMatch): TextMatch {
  const trimmed = m.text.replace(/[.,;:!?)'\]]+$/, '');
  return { ...m, text: trimmed, end: m.start + trimmed.length };
}

export default defineRule({
  meta: {
    id: 'offplatform-link',
    description:
      'Links to hosts that are not the shop’s (allowedLinkHosts; default: item pages), 淘口令 share codes, and recommending another shop.',
    defaultSeverity: 'error',
    penaltyPoints: 3,
    source:
      'seed 004 第三章 其他方式联系 (违规成立扣3分) 错误案例3 给顾客推荐我们其他店铺的宝贝链接, 我们的标准 坚决不能推荐自己店铺以外的店铺网址连接 (official 3; the shop’s example says 6); seed 000 三(5) 不能提供其他店铺的链接',
    fixable: false,
    hasSuggestions: false,
    keywords: [
      'http',
      'www.',
      ...TLD.split('|').map((tld) => `.${tld}`), // bare domains
      ...SHARE_CODE_MARKS,
      '复制', // SHARE_TEXT
      ...OTHER_SHOP_WORDS,
      '分店',
    ],
    messages: {
      zh: {
        foreignLink: '请勿发送站外或其他店铺的链接（{host}），只发送本店宝贝链接。',
        shareCode: '请勿发送淘口令，请直接发送本店宝贝链接。',
        otherShop: '请勿向顾客推荐其他店铺，请推荐本店的宝贝。',
      },
      en: {
        foreignLink: 'Do not send links to other sites or shops ({host}); send only the shop’s own item links.',
        shareCode: 'Do not send Taobao share codes (淘口令); send the shop’s own item link.',
        otherShop: 'Do not recommend another shop; recommend this shop’s items.',
      },
    },
  },
  check({ view, context, report }) {
    const allowed = context.shop?.allowedLinkHosts?.map((h) => h.toLowerCase()) ?? DEFAULT_ALLOWED;
    const isAllowed = (host: string) =>
      PLATFORM_ROOTS.has(host) || allowed.some((h) => host === h || host.endsWith(`.${h}`) || `www.${host}` === h || host === `www.${h}`);

    const urls = matchAll(view, URL, { includeQuoted: true }).map(trimTrailing);
    const bare = matchAll(view, BARE_DOMAIN, { includeQuoted: true })
      .map(trimTrailing)
      .filter((b) => !urls.some((u) => b.start < u.end && u.start < b.end));
    for (const link of [...urls, ...bare]) {
      const host = hostOf(link.text);
      if (!host.includes('.') || isAllowed(host)) continue;
      report({ messageId: 'foreignLink', data: { host }, start: link.start, end: link.end });
    }

    const codes = matchAll(view, SHARE_CODE, { includeQuoted: true });
    const texts = matchAll(view, SHARE_TEXT, { includeQuoted: true }).filter((t) => !codes.some((c) => c.start < t.end && t.start < c.end));
    for (const m of [...codes, ...texts]) report({ messageId: 'shareCode', start: m.start, end: m.end });

    for (const m of matchAll(view, OTHER_SHOP)) {
      const before = clauseBefore(view, m.start, 12);
      // 我们没有其他店铺; 您在我们其他店铺买的 (where it was bought, not where to buy).
      if (REFUSAL.test(before) || BOUGHT_AT.test(before)) continue;
      const ownSide = OWN_BEFORE.test(before) || GO_BEFORE.test(before) || /小号|分店|姊妹|姐妹/.test(m.text);
      const sending = SEND_BEFORE.test(before) && !/您(发|给)/.test(before);
      const rest = sentenceAfter(view.norm, m.end, 30);
      if ((ownSide && POINTER_AFTER.test(rest)) || ((ownSide || sending) && DIRECT_LINK_AFTER.test(rest))) {
        report({ messageId: 'otherShop', start: m.start, end: m.end });
      }
    }
  },
});
