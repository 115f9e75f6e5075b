import { sentenceAfter, sentenceBefore } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';
import { clauseAfter, clauseBefore, matchAll } from '../text-view.ts';

/**
 * Refusing returns on a product with 7-day no-reason returns (seed 000 三(6) 支持七天无理由退换货
 * 商品不能说不支持退货退款): 不支持退货, 无法给您退款, 不退不换, 概不退换, 退货是不支持的.
 * Silent when `context.product.sevenDayReturn === false` (the refusal is then true).
 * Not flagged: conditions of the return itself (影响二次销售的无法退货 — seed 001/004 allow it;
 * 吊牌剪了, 超过七天, 定制, 贴身衣物), process timing (仓库收到退货前暂时无法退款), the refund
 * channel (无法退款到银行卡，会原路退回), fees and deposits (运费险不能退款), reassurance
 * (您是担心不能退货吗), 不影响退换.
 */
const OBJECT = '(?:(?:7天|七天)?(?:无理由)?(?:的)?(?:退换货|退货退款|退换|退货|退款)|(?:7天|七天)无理由)';
const REFUSE = new RegExp(
  `(?:不支持|不提供|不接受|不予|不给|不能|不可以|不可|无法|没法|没办法)(?:您)?(?:给您|为您|帮您)?(?:办理|申请|享受|进行)?${OBJECT}` +
    '|不退不换|(?:概|恕|一律|均|都)不(?:退换货?|退货|退款)|不退换|不可退换|不包退换?|售出不退',
  'g',
);
const REFUSE_AFTER_OBJECT =
  /(?:七天无理由退换货?|七天无理由|退换货|退货退款|退换|退货)(?:的话|这边|我们)?(?:是|都是|就)?(?:不支持|不接受|不可以|不行|不能|办理不了|无法办理)(?:的)?(?=[哦呢了哈呀啊亲~,.!?，。！？]|$)/g;
const CONDITION =
  /(二次销售|吊牌|拆封|拆开|使用过|已使用|穿过|洗过|洗涤|水洗|下水|人为|损坏|弄脏|定制|定做|刻字|超过|超出|过了|逾期|暂时|暂未|还没|尚未|没有收到|未收到|(?:之前|以前)|收到[^，。]{0,8}前|如果|若|假如|一旦|否则|贴身|内衣|内裤|袜子|食品|生鲜|鲜花|虚拟|充值|卡券)/;
const PROCESS_AFTER = /((?:等|待)[^，。]{0,8}(?:收到|签收|入库|审核|寄回|退回)|收到[^，。]{0,6}后|之后)/;
/** Fees and deposits are not the goods: 运费险不能退款, 定金不退 are true statements. */
const NOT_GOODS = /(运费险|运费|邮费|快递费|定金|订金|税点|手续费)/;
const REASSURE = /(担心|怕|顾虑|以为|是否|能否|可否|会不会)/;

export default defineRule({
  meta: {
    id: 'no-refuse-return',
    description: 'Refusing returns or refunds (不支持退货, 不退不换) on a product with 7-day no-reason returns; silent when the product has none.',
    defaultSeverity: 'error',
    source: 'seed 000 三(6) 支持七天无理由退换货商品不能说不支持退货退款',
    fixable: false,
    hasSuggestions: true,
    // Every refusal names the return: 退货/退款/退换(货), 七天无理由, 不退不换, 不包退.
    keywords: ['退货', '退款', '退换', '七天无理由', '7天无理由', '不退不换', '不包退', '售出不退'],
    messages: {
      zh: {
        noRefuse: '本商品支持七天无理由退换货，请勿说不支持退货退款。',
        support: '改为：支持七天无理由退换货',
      },
      en: {
        noRefuse: 'This product has 7-day no-reason returns; do not say returns or refunds are not possible.',
        support: 'Write instead: 支持七天无理由退换货',
      },
    },
  },
  check({ view, context, report }) {
    if (context.product?.sevenDayReturn === false) return;
    const found = [...matchAll(view, REFUSE), ...matchAll(view, REFUSE_AFTER_OBJECT)].sort((a, b) => a.start - b.start);
    let covered = 0;
    for (const m of found) {
      if (m.start < covered) continue; // 退货是不支持的 and 不支持… can overlap
      covered = m.end;
      const before = sentenceBefore(view.norm, m.start, 24);
      if (CONDITION.test(before) || CONDITION.test(m.text)) continue;
      if (NOT_GOODS.test(clauseBefore(view, m.start, 10))) continue;
      if (REASSURE.test(clauseBefore(view, m.start, 10)) || /[吗么]/.test(clauseAfter(view, m.end, 8))) continue;
      if (/^(?:到|至)/.test(view.norm.slice(m.end))) continue; // 无法退款到银行卡: the channel, not a refusal
      if (PROCESS_AFTER.test(sentenceAfter(view.norm, m.end, 16))) continue;
      report({ messageId: 'noRefuse', start: m.start, end: m.end, suggest: [{ messageId: 'support', text: '支持七天无理由退换货' }] });
    }
  },
});
