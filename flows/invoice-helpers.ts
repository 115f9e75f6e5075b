import { normalizeSameLength } from '../src/text/normalize.ts';
import type { Order } from '../src/orders/schema.ts';

/** Pure helpers of the invoice machine (seed 004 关于开发票销售流程与技巧). */

/** The buyer's note already asks for an invoice (发票 / 抬头 in 买家留言). */
export const noteAsksForInvoice = (order: Order): boolean => order.buyerNote !== undefined && /[发發]票|抬[头頭]/.test(order.buyerNote);

const TITLE_INTRO = /^抬[头頭](?:是|为|為|就|写|寫|开|開|给|給|成|用|：|:|\s)*/u;
const TAX_ID = /\b[0-9A-Z]{15,20}\b/;
const PERSONAL = /^(?:个人|個人|本人|我自己|自己)$/u;

export interface InvoiceTitle {
  title: string;
  taxId: string | null;
}

function clean(candidate: string): string {
  return candidate
    .replace(TAX_ID, '')
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
  const taxId = TAX_ID.exec(normalizeSameLength(text).toUpperCase())?.[0] ?? null;
  const intro = /抬[头頭]/u.test(text) ? TITLE_INTRO.exec(text.slice(text.search(/抬[头頭]/u))) : null;
  let candidate: string | null = null;
  if (intro !== null) candidate = text.slice(text.search(/抬[头頭]/u) + intro.index + intro[0].length);
  else if (bare) candidate = text;
  if (candidate === null) return null;
  const title = clean(candidate);
  if (PERSONAL.test(title)) return { title: '个人', taxId };
  // A title is a name, not a question or a sentence about invoices.
  if (title.length < 2 || title.length > 40 || /[发發]票|[吗嗎么麼]|怎么|可以/u.test(title)) return null;
  return { title, taxId };
}

/** What to remark on the order: the title, the tax id and the amount actually paid (seed 004: 按实付金额开). */
export function invoiceRemark(title: InvoiceTitle, order: Order, forWhom: string): string {
  const tax = title.taxId === null ? '' : `，税号：${title.taxId}`;
  return `开发票：抬头“${title.title}”${tax}，金额${order.total}元（按实付金额），${forWhom}`;
}
