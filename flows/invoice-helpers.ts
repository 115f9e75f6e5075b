import { normalizeSameLength } from '../src/text/normalize.ts';
import type { Order } from '../src/orders/schema.ts';

/** Pure helpers of the invoice machine (seed 004 关于开发票销售流程与技巧). */

/** The buyer's note already asks for an invoice (发票 / 抬头 in 买家留言). */
export const noteAsksForInvoice = (order: Order): boolean => order.buyerNote !== undefined && /[发發]票|抬[头頭]/.test(order.buyerNote);

const TITLE_INTRO = /^抬[头頭](?:是|为|為|就|写|寫|开|開|给|給|用|：|:|\s)*/u;
const TAX_ID = /\b[0-9A-Z]{15,20}\b/g;
/** A 税号 is named as such, or has letters (统一社会信用代码); a bare run of digits is an order id. */
const TAX_WORD = /(?:税号|稅號|纳税人识别号|納稅人識別號|信用代码|信用代碼)[:：\s]*$/u;
const PERSONAL = /^(?:个人|個人|本人|我自己|自己)$/u;
/** What a company title ends with (or contains). */
const COMPANY = /公司|集团|集團|厂|廠|店|中心|学校|學校|大学|大學|医院|醫院|研究所|事务所|事務所|工作室|协会|協會|银行|銀行|局|院|部|社|会$|所$/u;
/** Words of a chat message, never of a person's name. */
const CHATTER = /嘛|吧|呗|唄|帮|幫|忙|多开|多開|金额|金額|一下|谢谢|謝謝|好的|可以|行吗|什么|什麼|怎么|怎麼|不是|没有|沒有/u;

/** Words that point at an order or an item, never part of a person's or company's name. */
export const ORDER_WORDS = /那件|那单|那單|这单|這單|那个|那個|这个|這個|哪个|哪個|上次|上回|买的|買的|拍的|订单|訂單|那笔|那筆|到的|收到/u;

export interface InvoiceTitle {
  title: string;
  taxId: string | null;
}

function clean(candidate: string, taxId: string | null): string {
  return (taxId === null ? candidate : candidate.replace(taxId, ''))
    .replace(/(?:税号|稅號|纳税人识别号)[:：\s]*/gu, '')
    .replace(/[。！？!?，,～~\s]+$/u, '')
    .replace(/(?:吧|吗|嗎|呢|啊|哈|谢谢|謝謝|麻烦了|可以吗|行吗|就行|就可以了?)+$/u, '')
    .replace(/^[，,、\s]+/u, '')
    .trim();
}

/**
 * The invoice title in a message: what follows 抬头是 / 开给 / 写 …, or — answering "抬头写什么？" —
 * the whole message when it is short and names a company or a person (个人). Null when none.
 * A 税号 (15–20 letters/digits) is kept apart.
 */
export function invoiceTitleFrom(text: string, bare = false): InvoiceTitle | null {
  // Same-length normalisation turns full-width digits into ASCII (and lower-cases: a 税号 is upper case).
  const normalized = normalizeSameLength(text).toUpperCase();
  const taxId = [...normalized.matchAll(TAX_ID)].find((m) => /[A-Z]/.test(m[0]) || TAX_WORD.test(text.slice(0, m.index)))?.[0] ?? null;
  const intro = /抬[头頭]/u.test(text) ? TITLE_INTRO.exec(text.slice(text.search(/抬[头頭]/u))) : null;
  let candidate: string | null = null;
  if (intro !== null) candidate = text.slice(text.search(/抬[头頭]/u) + intro.index + intro[0].length);
  // A title given in a chat line may come after 亲/你好 ("亲，刘恩雅，个人的").
  else if (bare) candidate = text.replace(/^(?:(?:亲|親|您好|你好|在吗|在嗎|麻烦问下|麻煩問下|麻烦|麻煩)[，,、\s]*)+/u, '');
  if (candidate === null) return null;
  const title = clean(candidate.replace(/(?:订单|訂單)?\d{15,20}/gu, ''), taxId);
  if (PERSONAL.test(title)) return { title: '个人', taxId };
  // "个人 林安娜", "刘恩雅，个人的": a personal invoice in that name.
  const personal = /^(?:个人|個人)(?:的)?[\s:：,，]*([\p{Script=Han}]{2,4})$|^([\p{Script=Han}]{2,4})[\s:：,，]*(?:个人|個人)(?:的|抬头|抬頭)?$/u.exec(title);
  if (personal) return { title: (personal[1] ?? personal[2])!, taxId };
  // Answering the question, a title is a name: a company's, or a person's (a few characters) — not chatter.
  if (intro === null && !COMPANY.test(title) && ([...title].length > 8 || CHATTER.test(title))) return null;
  // A title is a name, not a question or a sentence about invoices.
  if (title.length < 2 || title.length > 40 || /[发發]票|[吗嗎么麼]|怎么|可以/u.test(title)) return null;
  // "就上次买的那件", "围巾那单" name an order, not whom the invoice is for.
  if (intro === null && ORDER_WORDS.test(title)) return null;
  return { title, taxId };
}

/** What to remark on the order: the title, the tax id and the amount actually paid (seed 004: 按实付金额开). */
export function invoiceRemark(title: InvoiceTitle, order: Order, forWhom: string): string {
  const tax = title.taxId === null ? '' : `，税号：${title.taxId}`;
  return `开发票：抬头“${title.title}”${tax}，金额${order.total}元（按实付金额），${forWhom}`;
}

/** The buyer asks whether the invoice costs extra (税点, 邮费, 手续费): it never does. */
export const asksAboutCharges = (text: string): boolean => /[税稅][点點]|加[税稅]|[税稅]费|[邮郵]费|运费|運費|手续费|手續費|另外收|额外|額外|收[钱錢]|要钱|要錢|多少钱|多少錢/u.test(text);
