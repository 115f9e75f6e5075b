import { sentenceAfter, sentenceBefore, sentenceSpan } from '../patterns/sentence.ts';
import { isNegatedBefore } from '../clause.ts';
import { defineRule } from '../rule.ts';
import { clauseAfter, clauseBefore, matchAll } from '../text-view.ts';

/**
 * Inviting the buyer to another channel (seed 004 其他方式联系 错误案例2 主动给顾客QQ;
 * seed 000 三(5) 不能给除电话以外的联系方式): QQ, WeChat (and its spellings 微-信, v信,
 * vx, wx, 薇信, 卫星号…), QQ/WeChat groups, personal QR codes, Douyin/Xiaohongshu accounts.
 *
 * A channel word alone is not a finding. It takes an offer or an invitation:
 * - a handle after it (QQ: 12345678, 微信号abc123, vx: kefu_01, 微信：小美家居);
 * - an invite verb in the same clause (加我…微信, 微信联系, 扫码加, 微信同号, +v).
 * Not flagged: refusals (公司不允许上班时用QQ, 我们没有微信), fraud warnings (谨防自称客服的
 * QQ), payment wording (微信支付/转账 is `offplatform-payment`'s), sharing (分享到微信好友),
 * ordinary words (轻微, 微笑, 纽扣扣好, 群青色, 适合人群), the product's anti-fake QR code,
 * and 淘宝群/粉丝群/加群 — Taobao's own group chat is on the platform; a group number
 * (群号 123456) or a WeChat/QQ group is flagged.
 */
export const CHANNEL = new RegExp(
  [
    // 加v / +q / 加微: slang, only right after 加 / + / ➕
    '(?<=(?:(?<![参增更追附])加|\\+|➕)\\s?)(?:[vq](?![a-z])|微(?=[\\s:a-z0-9_,.!?，。！？~]|$))',
    '(?<![a-z0-9])qq(?![a-z])',
    '(?<![a-z0-9])q号',
    '(?<![纽按暗搭环])扣扣(?![子好上紧住])',
    '企鹅号',
    '[微薇][ \\-._*·]?信',
    '[威徽]信',
    '(?<![a-z0-9])v[ \\-._]?信',
    '(?<![a-z0-9])(?:v[ \\-._]?x|wx|weixin|wechat)(?![a-z])',
    '卫星号',
    '(?<!淘宝|旺旺|千牛|店铺)群号', // 淘宝群 is Taobao's own group chat
    '二维码',
    '扫码加|扫一扫加',
    '(?:抖音|小红书|快手|微博|钉钉)(?:号|账号)?',
    'whatsapp',
  ].join('|'),
  'g',
);

/** Payment is `offplatform-payment`'s business (seed 000 三(7)), not an invitation to chat. */
const PAYMENT_AFTER = /^(?:扫码|扫一扫|里|上|的)?(?:支付|付款|付|转账|红包|收款|零钱|钱包|提现)/;
/** A refusal earlier in the clause: the manual's own answer 公司不允许上班时用QQ. */
const REFUSAL_BEFORE = /(不能|不可以|不允许|不支持|不提供|不用|不要|不会|不便|不方便(?:提供|给|加|透露|留)|没有|没(?!关系|问题)|无法|请勿|切勿|勿|别(?!的|人|家)|禁止|严禁|谨防|小心|防止)/;
/** Fraud warnings mention channels to warn against them. */
const WARNING = /(骗|假冒|冒充|诈骗|自称|陌生|钓鱼)/;
/** An id right after the channel: digits (QQ), a WeChat id, or anything after 号/账号 + colon. */
const HANDLE_AFTER = /^\s*(?:号码?|账号|id|名)?\s*(?:是|为|:|=)?\s*[(（]?\s*([a-z0-9][a-z0-9_-]{4,24}|[零〇一二三四五六七八九幺]{5,12})(?![a-z0-9_-])/;
const COLON_OFFER = /^\s*(?:号码?|账号|id)?\s*:\s*[^\s,.!?，。！？、]/;
const INVITE_BEFORE =
  /(((?<![参增更追附])加|添加|关注|搜索?|私聊|私信|联系|找(?!不|到)|(?<!停)留(?!言)|发您|发给您|给您发|拉您)[^,.!?，。！？；;+]{0,8}|(进|入|\+|➕)\s?)$/;
const INVITE_AFTER =
  /^(?:号|账号|号码|id)?[^,.!?，。！？；;]{0,6}?(加我|加一下|加下|加好友|添加|发我|发给我|告诉我|联系我|联系客服|联系我们|找我|找客服|私聊|私信|聊(?!天记录|天截图|天的截图)|沟通|详聊|同号|搜索|搜一下|关注|多少)/;
/** A WeChat/QQ group with an invitation later in the sentence. */
const GROUP_INVITE = /(加|进群|入群|拉您)/;
/** A QR code is only a channel when it is someone's to add (not the anti-fake code on the box). */
const QR_PERSONAL = /(加我|加好友|添加|加一下|关注我|进群|入群|加群|拉您|私聊|联系我|客服|店长|个人|私人|微信|qq)/;

/** What `\s` matches and `norm` keeps (U+3000 is a plain space there). */
const SPACES = [...'\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\ufeff'];

/** Every CHANNEL match holds one of these (the slang 加v/+q/➕微 with at most one space between). */
const KEYWORDS: readonly string[] = [
  ...['加', '+', '➕'].flatMap((p) => ['', ...SPACES].flatMap((s) => ['v', 'q', '微'].map((c) => `${p}${s}${c}`))),
  ...['qq', 'q号', '扣扣', '企鹅号', '威信', '徽信', '卫星号', '群号', '二维码', '扫码加', '扫一扫加', 'whatsapp'],
  ...['微', '薇'].flatMap((w) => ['', ...' -._*·'].map((s) => `${w}${s}信`)),
  ...['', ...' -._'].flatMap((s) => [`v${s}信`, `v${s}x`]),
  ...['wx', 'weixin', 'wechat'],
  ...['抖音', '小红书', '快手', '微博', '钉钉'],
];

function isHandle(h: string): boolean {
  if (/^\d+$/.test(h)) return h.length >= 5 && h.length <= 12;
  if (/^[零〇一二三四五六七八九幺]+$/.test(h)) return true;
  return /[0-9_-]/.test(h) || h.length >= 6;
}

export default defineRule({
  meta: {
    id: 'offplatform-contact-handle',
    description:
      'Inviting the buyer to QQ, WeChat (any spelling), a QQ/WeChat group, a personal QR code or another app: a handle given or an invite verb; refusals, payment wording and Taobao groups pass.',
    defaultSeverity: 'error',
    penaltyPoints: 3,
    source:
      'seed 004 第三章 其他方式联系 (违规成立扣3分) 错误案例2 主动给顾客QQ; 案例1 有没有QQ (official 3; the shop’s QQ example says 6); seed 000 三(5) 不能给除电话以外的联系方式',
    fixable: false,
    hasSuggestions: true,
    keywords: KEYWORDS,
    messages: {
      zh: {
        offPlatform: '请勿邀请顾客通过“{channel}”等站外方式联系，请引导顾客在旺旺沟通。',
        useWangwang: '改为：请您通过旺旺联系我们，谢谢您的谅解',
      },
      en: {
        offPlatform: 'Do not invite the buyer to contact you via "{channel}" or other off-platform channels; keep the chat on Wangwang.',
        useWangwang: 'Write instead: 请您通过旺旺联系我们，谢谢您的谅解',
      },
    },
  },
  check({ view, report }) {
    const norm = view.norm;
    let reportedUpTo = -1;
    for (const m of matchAll(view, CHANNEL)) {
      const channel = m.text;
      const after = norm.slice(m.end, m.end + 30);
      if (PAYMENT_AFTER.test(clauseAfter(view, m.end, 8))) continue;
      const before = clauseBefore(view, m.start, 16);
      if (REFUSAL_BEFORE.test(before) || isNegatedBefore(view, m.start)) continue;
      if (WARNING.test(sentenceBefore(norm, m.start, 30) + sentenceAfter(norm, m.end, 30))) continue;

      let invited: boolean;
      if (channel.startsWith('扫')) invited = true;
      else if (/^[vq微]$/.test(channel)) invited = true; // only matched right after 加 / + / ➕
      else if (channel === '二维码') {
        invited = QR_PERSONAL.test(clauseBefore(view, m.start, 10) + clauseAfter(view, m.end, 10));
      } else {
        const handle = HANDLE_AFTER.exec(after);
        invited =
          (handle !== null && isHandle(handle[1]!)) ||
          COLON_OFFER.test(after) ||
          INVITE_BEFORE.test(clauseBefore(view, m.start, 10)) ||
          INVITE_AFTER.test(clauseAfter(view, m.end, 12)) ||
          // 我们有VIP微信群，加我拉您进群
          (after.startsWith('群') && GROUP_INVITE.test(sentenceAfter(norm, m.end, 20)));
      }
      if (!invited) continue;

      // One finding per sentence: 加我个人微信吧，微信号：… is one invitation.
      const sentence = sentenceSpan(norm, m.start);
      if (sentence.start < reportedUpTo) continue;
      reportedUpTo = sentence.end;
      report({
        messageId: 'offPlatform',
        data: { channel: view.original.slice(m.start, m.end) },
        start: m.start,
        end: m.end,
        suggest: [{ messageId: 'useWangwang', text: '请您通过旺旺联系我们，谢谢您的谅解', start: sentence.start, end: sentence.end }],
      });
    }
  },
});
