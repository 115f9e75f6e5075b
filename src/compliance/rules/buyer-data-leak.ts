import { findDigitRuns, findPhoneNumbers, samePhone } from '../patterns/phone.ts';
import { defineRule } from '../rule.ts';
import type { LintContext } from '../schema.ts';
import { createTextView, type TextView } from '../text-view.ts';

/**
 * Another buyer's data in the reply (seed 004 泄露他人信息—6分: 买家用哪个ID拍的，跟哪个ID核对信息;
 * seed 000 三(1) 不能泄露客户信息给快递以外的第三方). Needs `context.buyer` and `context.orders`:
 * for every order whose buyerId is not the buyer of this chat, its receiver name, phone (in
 * any writing), address (whole, or a run of ≥6 characters that reaches ≥4 characters into
 * the street part, so 浙江省杭州市 alone is not a leak) and order id must not appear.
 * The buyer's own name/phone/address (their own orders included) may be echoed: the manuals
 * require 核对地址. Without the context the rule is silent; a context-free address detector
 * was left out on purpose (it cannot tell the buyer's own address or the shop's return
 * address — both required by the manuals — from someone else's).
 */
type Order = NonNullable<LintContext['orders']>[number];

const normOf = (s: string) => createTextView(s).norm;

/** Reply text without whitespace, with the original offset of each kept character. */
function compact(view: TextView): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < view.norm.length; i++) {
    if (/\s/.test(view.norm[i]!)) continue;
    text += view.norm[i];
    at.push(i);
  }
  return { text, at };
}

/** Where the street part starts: after 省/自治区, 市/州/地区/盟 and 区/县/市/旗 at the start. */
const ADMIN_PREFIX = /^(?:.{2,7}?(?:省|自治区|特别行政区))?(?:.{1,7}?(?:市|自治州|地区|盟))?(?:.{1,7}?(?:区|县|市|旗))?/;

const CJK = /[\u3400-\u9fff]/;
const NAME_CUE_BEFORE = /(收件人|收货人|姓名|买家|顾客|客户|是|为|叫|:)$/;
const NAME_CUE_AFTER = /^(的|先生|女士|小姐|同学|老师|订单|地址|电话|手机)/;

export default defineRule({
  meta: {
    id: 'buyer-data-leak',
    description:
      'Another buyer’s receiver name, phone, address or order id (from context.orders) in the reply; the chat buyer’s own data may be echoed.',
    defaultSeverity: 'error',
    penaltyPoints: 6,
    source: 'seed 004 第三章 泄露他人信息—6分 (买家用哪个ID拍的，跟哪个ID核对信息); seed 000 三(1) 不能泄露客户信息给快递以外的第三方',
    fixable: false,
    hasSuggestions: false,
    messages: {
      zh: {
        leakName: '这是其他买家的收货人姓名，请勿透露；请只与下单账号核对信息。',
        leakPhone: '这是其他买家的电话号码，请勿透露；请只与下单账号核对信息。',
        leakAddress: '这是其他买家的收货地址，请勿透露；如非下单账号，请让对方把地址复制过来核对。',
        leakOrderId: '这是其他买家的订单号，请勿透露；请只与下单账号核对信息。',
      },
      en: {
        leakName: 'This is another buyer’s receiver name; do not disclose it. Check details only with the account that placed the order.',
        leakPhone: 'This is another buyer’s phone number; do not disclose it. Check details only with the account that placed the order.',
        leakAddress: 'This is another buyer’s address; do not disclose it. If the chat is not from the ordering account, ask them to paste the address.',
        leakOrderId: 'This is another buyer’s order id; do not disclose it. Check details only with the account that placed the order.',
      },
    },
  },
  check({ view, context, report }) {
    const buyer = context.buyer;
    const orders = context.orders ?? [];
    if (buyer === undefined || orders.length === 0) return;
    const own = orders.filter((o) => o.buyerId === buyer.id);
    const others = orders.filter((o) => o.buyerId !== buyer.id);
    if (others.length === 0) return;

    const ownNames = new Set([buyer.name, ...own.map((o) => o.receiverName)].flatMap((n) => (n ? [normOf(n).replace(/\s/g, '')] : [])));
    const ownPhones = [buyer.phone, ...own.map((o) => o.phone)].flatMap((p) => (p ? [p] : []));
    const ownAddresses = [buyer.address, ...own.map((o) => o.address)].flatMap((a) => (a ? [normOf(a).replace(/\s/g, '')] : []));
    const reported = new Set<string>();
    const emit = (messageId: 'leakName' | 'leakPhone' | 'leakAddress' | 'leakOrderId', start: number, end: number) => {
      const key = `${start}-${end}`;
      if (reported.has(key)) return;
      reported.add(key);
      report({ messageId, start, end });
    };

    const phones = findPhoneNumbers(view.norm);
    const runs = findDigitRuns(view.norm);
    const flat = compact(view);

    for (const order of others) {
      leakedNames(view, order, ownNames).forEach(([s, e]) => emit('leakName', s, e));
      if (order.phone !== undefined && !ownPhones.some((p) => samePhone(p, order.phone!))) {
        for (const p of phones) if (samePhone(p.digits, order.phone)) emit('leakPhone', p.start, p.end);
      }
      if (order.address !== undefined) {
        leakedAddress(flat, normOf(order.address).replace(/\s/g, ''), ownAddresses).forEach(([s, e]) => emit('leakAddress', s, e));
      }
      const id = normOf(order.id).trim();
      if (/^\d+$/.test(id)) {
        for (const r of runs) if (r.digits === id) emit('leakOrderId', r.start, r.end);
      } else {
        for (let at = view.norm.indexOf(id); at >= 0; at = view.norm.indexOf(id, at + 1)) emit('leakOrderId', at, at + id.length);
      }
    }
  },
});

/** Occurrences of the order's receiver name; two-character names only where they read as a name (收货人是王芳，). */
function leakedNames(view: TextView, order: Order, ownNames: Set<string>): [number, number][] {
  if (order.receiverName === undefined) return [];
  const name = normOf(order.receiverName).replace(/\s/g, '');
  if (name.length < 2 || ownNames.has(name)) return [];
  const out: [number, number][] = [];
  for (let at = view.norm.indexOf(name); at >= 0; at = view.norm.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (name.length === 2) {
      const left = view.norm[at - 1] ?? '';
      const right = view.norm[end] ?? '';
      const leftOk = !CJK.test(left) || NAME_CUE_BEFORE.test(view.norm.slice(Math.max(0, at - 3), at));
      const rightOk = !CJK.test(right) || NAME_CUE_AFTER.test(view.norm.slice(end, end + 2));
      if (!leftOk || !rightOk) continue;
    }
    out.push([at, end]);
  }
  return out;
}

/** Spans of the reply that repeat an identifying part of `address` (not shared with the buyer's own addresses). */
function leakedAddress(flat: { text: string; at: number[] }, address: string, ownAddresses: string[]): [number, number][] {
  if (address.length < 6) return [];
  const street = ADMIN_PREFIX.exec(address)![0].length;
  const need = Math.min(4, address.length - street);
  const out: [number, number][] = [];
  let j = 0;
  while (j < address.length) {
    let len = 0;
    while (j + len < address.length && flat.text.includes(address.slice(j, j + len + 1))) len++;
    const piece = address.slice(j, j + len);
    const intoStreet = j + len - Math.max(j, street);
    if (len >= 6 && intoStreet >= need && !ownAddresses.some((a) => a.includes(piece))) {
      for (let at = flat.text.indexOf(piece); at >= 0; at = flat.text.indexOf(piece, at + 1)) {
        out.push([flat.at[at]!, flat.at[at + len - 1]! + 1]);
      }
      j += len;
    } else {
      j++;
    }
  }
  return out;
}
