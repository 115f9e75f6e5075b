import { CN_DIGIT_CHARS, findPhoneNumbers, hasDigitRun, samePhone } from '../patterns/phone.ts';
import { sentenceBefore } from '../patterns/sentence.ts';
import { defineRule } from '../rule.ts';

/**
 * No phone numbers in replies (seed 004 其他方式联系 错误案例1 主动给顾客提供电话或售后电话;
 * 案例2 贴出手机号码). Finds mobiles, landlines and 400/800 numbers in any writing (see
 * patterns/phone.ts), never inside order ids, tracking numbers, amounts or dates.
 *
 * Not flagged: masked numbers (138****5678); the buyer's own number (context.buyer.phone or
 * their own orders); a number of another buyer's order (that is `buyer-data-leak`); and a
 * number whose sentence is about the receiver, the buyer's number, the shop's return
 * address or the courier — 核对地址 (seed 004 第四章), 提供退货地址、收件人、电话 (seed 001
 * 售后 步骤4) and the courier's number are part of the job, not an invitation to call the shop.
 * A shop-contact word closer to the number than such a frame (客服电话, 拨打, 我的…) still flags.
 */
const FRAME =
  /(收货人|收件人|收货地址|收货信息|地址信息|核对|(?:修改|更改|改)(?:为|成)|换成|您的?(?:手机|电话|号码|联系方式)|退货地址|退回地址|退换货?地址|寄回|退回到|寄到|寄至|快递员|快递小哥|派送员|配送员|派件员|送货员|驿站|网点)/g;
// 售后部/客服部 as the receiver of a return address is not a cue.
const CONTACT_CUE = /(客服(?![部组中仓])|售后(?![部组中仓])|我的|我们的|本店|店铺|店长|掌柜|拨打|致电|打给|打电话|打我|联系我|热线|加我|微信|qq)/g;

/**
 * A text without a digit run this long has no phone number: `findPhoneNumbers` reads at least
 * 10 digits (mobile 11, 400/800 10, area code + 7–8-digit local number); 7, a bare local
 * number, leaves room should those ever be read.
 */
const MIN_PHONE_DIGITS = 7;

function lastIndex(text: string, re: RegExp): number {
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index + m[0].length;
  return last;
}

export default defineRule({
  meta: {
    id: 'offplatform-phone',
    description:
      'No phone numbers (mobile, landline, 400/800; split, full-width or in Chinese numerals) in replies, except the buyer’s own, the receiver in an address check, the return address and the courier.',
    defaultSeverity: 'error',
    penaltyPoints: 3,
    source:
      'seed 004 第三章 其他方式联系 (违规成立扣3分) 错误案例1 主动给顾客提供电话或售后电话; 案例2 贴出手机号码 (official 3; the shop’s example says 6)',
    fixable: false,
    hasSuggestions: false,
    // Any digit may start a number; the check returns at once without a long enough digit run.
    keywords: [...'0123456789', ...CN_DIGIT_CHARS],
    messages: {
      zh: {
        noPhone: '请勿在回复中发送电话号码“{number}”，请引导顾客用旺旺联系，例如：请您用旺旺联系我们，谢谢您的谅解。',
      },
      en: {
        noPhone: 'Do not send a phone number ("{number}") in a reply; ask the buyer to keep using Wangwang, e.g. 请您用旺旺联系我们，谢谢您的谅解。',
      },
    },
  },
  check({ view, context, report }) {
    if (!hasDigitRun(view.norm, MIN_PHONE_DIGITS)) return;
    const buyer = context.buyer;
    const orders = context.orders ?? [];
    for (const phone of findPhoneNumbers(view.norm)) {
      if (buyer?.phone !== undefined && samePhone(buyer.phone, phone.digits)) continue;
      // Any order's phone is receiver data: the buyer's own may be echoed, another buyer's is buyer-data-leak.
      if (orders.some((o) => o.phone !== undefined && samePhone(o.phone, phone.digits))) continue;
      const before = sentenceBefore(view.norm, phone.start, 50, true);
      const frame = lastIndex(before, FRAME);
      if (frame >= 0 && frame >= lastIndex(before, CONTACT_CUE)) continue;
      report({
        messageId: 'noPhone',
        data: { number: view.original.slice(phone.start, phone.end) },
        start: phone.start,
        end: phone.end,
      });
    }
  },
});
