import { normalizeSameLength } from '../src/text/normalize.ts';
import type { Order } from '../src/orders/schema.ts';
import type { Shop } from '../src/shop/schema.ts';

/** Pure helpers of the invoice machine (seed 004 关于开发票销售流程与技巧). */

/** The buyer's note already asks for an invoice (发票 / 抬头 in 买家留言). */
export const noteAsksForInvoice = (order: Order): boolean => order.buyerNote !== undefined && /[发發]票|抬[头頭]/.test(order.buyerNote);

// "抬头改一下 改成…", "抬头能改成公司吗 …", "抬头还是上海…公司", "抬头照旧用…", "抬头都是…": the words
// that change, keep or count the title (改成, 还是, 照旧, 都) are no part of it.
const TITLE_INTRO =
  /^抬[头頭](?:都|也|统一|統一|全部|全)?(?:想|要|得|需要|帮我|幫我|麻烦|麻煩|能|可以|能不能)?(?:还是|還是|仍然|仍是|依然|照旧|照舊|也是|还用|還用)?(?:是|为|為|就|写|寫|开|開|给|給|用|改成|改为|改為|换成|換成|换为|換為|变成|變成|改一下|改下|换一下|換一下|换下|換下|帮我改|幫我改|：|:|\s)*/u;
/** "换成公司抬头吗 杭州…工作室": the question is asked, the title follows it. */
const ASKED_FIRST = /^(?:吗|嗎|呢|啊|吧|可以吗|可以嗎|行吗|行嗎)?[？?!！，,。\s]+/u;
const TAX_ID = /\b[0-9A-Z]{15,20}\b/g;
/** A 税号 is named as such, or has letters (统一社会信用代码); a bare run of digits is an order id. */
const TAX_WORD = /(?:税号|稅號|纳税人识别号|納稅人識別號|信用代码|信用代碼)[:：\s]*$/u;
const PERSONAL = /^(?:个人|個人|本人|我自己|自己)(?:的|就行|就好)?$/u;
const GIVEN_TO = /(?:开给|開給|开到|開到|写给|寫給)(?:是)?[:：\s]*/u;
const PERSONAL_TAIL = /(?:个人|個人)(?:的|抬头|抬頭)?[\s:：,，]*[\p{Script=Han}]{2,4}[\s。！!~～]*$/u;
/** "改成公司的 杭州安娜设计工作室": the kind of title said before the name is no part of it. */
const KIND_BEFORE_NAME = /^(?:公司|单位|單位|企业|企業)(?:的|抬头|抬頭)?(?:吗|嗎|呢|可以吗|可以嗎|行吗|行嗎)?(?:[:：,，、？?\s]+|(?:是|叫|名字是|名称是|名稱是))(?=\S)/u;
const GENERIC = /^(?:要|我要|就)?(?:开|開|写|寫|是)?(?:公司|单位|單位|企业|企業|我们公司|我們公司|公司的|单位的|公司名|公司名称|公司名稱)$/u;
/** What a company title ends with (or contains). */
const COMPANY = /公司|集团|集團|厂|廠|店|中心|学校|學校|大学|大學|医院|醫院|研究所|事务所|事務所|工作室|协会|協會|银行|銀行|局|院|部|社|会$|所$/u;
/** Words of a chat message, never of a person's name. */
const CHATTER = /嘛|吧|呗|唄|帮|幫|忙|多开|多開|金额|金額|一下|谢谢|謝謝|好的|好滴|可以|行吗|什么|什麼|怎么|怎麼|不是|没有|沒有|嗯|哦|噢|喔|哈|呀|啦|知道|明白|ok/iu;
/** Words of a sentence about the invoice, never of a title ("抬头我在留言里写了 还要干啥"). */
const SENTENCE = /我|你|您|留言|备注|備註|写了|寫了|填了|说了|說了|啥|干嘛|幹嘛/u;

/** Words that point at an order or an item, never part of a person's or company's name. */
export const ORDER_WORDS = /那件|那单|那單|这单|這單|那个|那個|这个|這個|哪个|哪個|上次|上回|买的|買的|拍的|订单|訂單|那笔|那筆|到的|收到/u;

export interface InvoiceTitle {
  title: string;
  taxId: string | null;
  /** Where the buyer wants the electronic invoice sent ("发我邮箱…"), when they said. */
  email?: string | null;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/u;
/** "发我邮箱enya@163.com", "邮箱：x@y.com": the address and the words that introduce it. */
const EMAIL_CLAUSE = new RegExp(`(?:(?:发|發|寄|送)(?:到|给|給)?(?:我)?(?:的)?)?(?:(?:邮箱|郵箱|邮件|郵件|email|e-mail|mail)(?:地址)?(?:是|为|為)?[:：\\s]*)?${EMAIL.source}`, 'iu');

/** The e-mail address in a message (where the electronic invoice goes), or null. */
export const emailFrom = (text: string): string | null => EMAIL.exec(normalizeSameLength(text))?.[0] ?? null;

/** "就写我名字 王博文", "名字写王博文": a personal title given by the name alone. */
const NAME_GIVEN = /(?:名字|姓名|本名)(?:是|叫|写|寫|就|就是|就写|就寫)?[:：\s]*([\p{Script=Han}]{2,4}?)(?:就行|就好|就可以了?|吧)?[\s。！!~～]*$/u;

/**
 * "开公司的", "个人的", "围巾那单开一张 个人的": the kind of title said without the name on it —
 * the bot then asks for the name (and, for a company, its 税号). Null when a name is given or no kind is said.
 */
const KIND_ONLY = /(?:^|[\s,，、]|开|開|要|写|寫|是)(公司|单位|單位|企业|企業|个人|個人)(?:的|抬头|抬頭|发票|發票)?(?:就行|就好|吧)?[\s。！!~～]*$/u;
export function titleKindOnly(text: string): 'company' | 'personal' | null {
  const plain = normalizeSameLength(text).trim();
  if (invoiceTitleFrom(plain) !== null || NAME_GIVEN.test(plain)) return null;
  const kind = KIND_ONLY.exec(plain)?.[1];
  if (kind === undefined) return null;
  return /个人|個人/u.test(kind) ? 'personal' : 'company';
}

/** "一样的抬头", "抬头跟刚才一样", "抬头同上": the title given before, for another order. */
// ("抬头照旧用苏州河畔工作室" names the title after 照旧: that name is the title, not the one before.)
const SAME_TITLE = /(?:一样|一樣|同样|同樣|相同)的?抬[头頭]|抬[头頭](?:也|还是|還是|就)?(?:一样|一樣|同上|不变|不變|照旧|照舊)(?![用是为為写寫]?[\p{Script=Han}]{4})|(?:跟|和|同)(?:刚才|剛才|上面|之前|前面|上一张|上一張)(?:的|那张|那張)?(?:一样|一樣)/u;
export const sameTitleAsBefore = (text: string): boolean => SAME_TITLE.test(normalizeSameLength(text));

/** "也开一张", "再开一张", "那单开一张": another invoice asked for without the word 发票 (said just before). */
const ANOTHER_INVOICE = /(?:也|再|还|還|另外|都)?(?:开|開)(?:一张|一張|张|張)(?!.{0,3}(?:单|單|收据|收據))/u;
export const asksAnotherInvoice = (text: string): boolean => ANOTHER_INVOICE.test(normalizeSameLength(text));

function clean(candidate: string, taxId: string | null): string {
  return (taxId === null ? candidate : candidate.replace(taxId, ''))
    .replace(/(?:税号|稅號|纳税人识别号)[:：\s]*/gu, '')
    .replace(/[。！？!?，,～~\s]+$/u, '')
    .replace(/(?:吧|吗|嗎|呢|啊|哈|谢谢|謝謝|麻烦了|麻煩了|可以吗|可以嗎|行吗|行嗎|就行|就可以了?)+$/u, '')
    .replace(/^[，,、\s]+/u, '')
    .trim();
}

/** "杭州安娜设计工作室 就刚拍的裤子那单": the words after the title that point at an order are no part of it. */
/** "王博文就行 发我邮箱wbw1988@163.com": where to send it follows the title, no part of it. */
const SENDING_WORDS = /邮箱|郵箱|email|e-mail|@|发我|發我|发给我|發給我|发到|發到|寄到/iu;

function withoutOrderTail(title: string): string {
  const parts = title.split(/[\s,，、]+/u);
  while (parts.length > 1 && (ORDER_WORDS.test(parts.at(-1)!) || SENDING_WORDS.test(parts.at(-1)!))) parts.pop();
  return clean(parts.join(' '), null);
}

/**
 * The invoice title in a message: what follows 抬头是 / 开给 / 写 …, or — answering "抬头写什么？" —
 * the whole message when it is short and names a company or a person (个人). Null when none.
 * A 税号 (15–20 letters/digits) is kept apart.
 */
/** The 税号 in a message (15–20 letters/digits, named as such or with letters), or null. */
export function taxIdFrom(text: string): string | null {
  // Same-length normalisation turns full-width digits into ASCII (and lower-cases: a 税号 is upper case).
  const normalized = normalizeSameLength(text).toUpperCase();
  return [...normalized.matchAll(TAX_ID)].find((m) => /[A-Z]/.test(m[0]) || TAX_WORD.test(text.slice(0, m.index)))?.[0] ?? null;
}

export function invoiceTitleFrom(text: string, bare = false): InvoiceTitle | null {
  const email = emailFrom(text);
  if (email === null) return titleFrom(text, bare);
  // "抬头刘恩雅 发我邮箱enya@163.com": the address is no part of the title, it goes with it.
  const title = titleFrom(text.replace(EMAIL_CLAUSE, ' ').trim(), bare);
  return title === null ? null : { ...title, email };
}

function titleFrom(text: string, bare: boolean): InvoiceTitle | null {
  // "抬头同上": the title given before, named by the conversation, not by these words.
  if (SAME_TITLE.test(text)) return null;
  const taxId = taxIdFrom(text);
  const named = NAME_GIVEN.exec(text);
  if (named !== null && !CHATTER.test(named[1]!) && !SENTENCE.test(named[1]!) && !/[吗嗎么麼呢了错錯对對]/u.test(named[1]!)) return { title: named[1]!, taxId };
  const intro = /抬[头頭]/u.test(text) ? TITLE_INTRO.exec(text.slice(text.search(/抬[头頭]/u))) : null;
  let candidate: string | null = null;
  if (intro !== null) candidate = text.slice(text.search(/抬[头頭]/u) + intro.index + intro[0].length).replace(ASKED_FIRST, '').replace(KIND_BEFORE_NAME, '');
  // "…开给杭州暖阳贸易有限公司", "…开个票 个人 方晴": whom it is for, inside a longer message.
  else if (GIVEN_TO.test(text)) candidate = text.slice(text.search(GIVEN_TO)).replace(GIVEN_TO, '');
  else if (PERSONAL_TAIL.test(text) && !/[吗嗎呢？?]\s*$/u.test(text)) candidate = PERSONAL_TAIL.exec(text)![0];
  // A title given in a chat line may come after 亲/你好 ("亲，刘恩雅，个人的").
  // A bare answer that asks ("是电子的吗") is a question, not a title.
  else if (bare && /[吗嗎呢？?]\s*$/u.test(text)) return null;
  else if (bare) candidate = text.replace(/^(?:(?:亲|親|您好|你好|在吗|在嗎|麻烦问下|麻煩問下|麻烦|麻煩)[，,、\s]*)+/u, '');
  if (candidate === null) return null;
  const title = withoutOrderTail(clean(candidate.replace(/(?:订单|訂單)?\d{15,20}/gu, ''), taxId));
  if (PERSONAL.test(title)) return { title: '个人', taxId };
  // "抬头写公司": a kind of title, not the name on it.
  if (GENERIC.test(title)) return null;
  // "个人 林安娜", "刘恩雅，个人的": a personal invoice in that name.
  const personal = /^(?:个人|個人)(?:的)?[\s:：,，]*([\p{Script=Han}]{2,4})$|^([\p{Script=Han}]{2,4})[\s:：,，]*(?:个人|個人)(?:的|抬头|抬頭)?$/u.exec(title);
  // ("个人 好的": the name is chatter, the invoice is personal.)
  if (personal) {
    const name = (personal[1] ?? personal[2])!;
    return { title: CHATTER.test(name) || SENTENCE.test(name) ? '个人' : name, taxId };
  }
  // Answering the question, a title is a name: a company's, or a person's (a few characters) — not chatter.
  if (intro === null && !COMPANY.test(title) && ([...title].length > 8 || CHATTER.test(title))) return null;
  // A title is a name, not a question or a sentence about invoices.
  if (title.length < 2 || title.length > 40 || /[发發]票|[吗嗎么麼]|怎么|可以/u.test(title) || SENTENCE.test(title)) return null;
  // "就上次买的那件", "围巾那单" name an order, not whom the invoice is for.
  if (intro === null && ORDER_WORDS.test(title)) return null;
  return { title, taxId };
}

/** What to remark on the order: the title, the tax id and the amount actually paid (seed 004: 按实付金额开). */
export function invoiceRemark(title: InvoiceTitle, order: Order, forWhom: string): string {
  const tax = title.taxId === null ? '' : `，税号：${title.taxId}`;
  const email = title.email === undefined || title.email === null ? '' : `，发送邮箱：${title.email}`;
  return `开发票：抬头“${title.title}”${tax}${email}，金额${order.total}元（按实付金额），${forWhom}`;
}

/** How the invoice given now differs from the one the buyer's note asked for (none when no note asked). */
export type NoteChange = 'none' | 'title' | 'tax_id_added' | 'tax_id_changed' | 'same';

/** "抬头：上海晴川…" in the note, "税号 9131…" now: the tax id is added, the title stays. */
export function changeAgainstNote(order: Order, given: InvoiceTitle): NoteChange {
  if (!noteAsksForInvoice(order)) return 'none';
  const noted = invoiceTitleFrom(order.buyerNote!);
  if (noted === null || noted.title !== given.title) return 'title';
  if (given.taxId === null || given.taxId === noted.taxId) return 'same';
  return noted.taxId === null ? 'tax_id_added' : 'tax_id_changed';
}

/** What the remark says changed against the note, so the clerk knows which part is new. */
export const NOTE_CHANGE_REMARK: Record<NoteChange, string> = {
  none: '',
  title: '（买家更换抬头，以此为准）',
  tax_id_added: '（买家补充税号，抬头与留言一致）',
  tax_id_changed: '（买家更正税号，抬头与留言一致，以此为准）',
  same: '（与买家留言一致）',
};

/** The buyer asks whether the invoice costs extra (税点, 邮费, 手续费): it never does. */
export const asksAboutCharges = (text: string): boolean => /[税稅][点點]|加[税稅]|[税稅]费|[邮郵]费|运费|運費|手续费|手續費|另外收|额外|額外|收[钱錢]|要钱|要錢|多少钱|多少錢/u.test(text);

/**
 * What a question about an invoice asks beyond "can I have one": its amount (开200 / 多开 / 运费开进去),
 * its kind (纸质还是电子 / 专票), where it is sent (发哪了 / 邮箱) or that it has not arrived (没收到).
 * A follow-up to an invoice answer is read in its context: "发哪了 我没收到啊" asks where the invoice
 * went, not the parcel. Null when the message asks none of these.
 */
export type InvoiceQuestion = 'amount' | 'tax' | 'kind' | 'where' | 'missing' | 'when';

/** "税号要给你吗", "需要税号不": whether a 税号 is needed — asked, none given. */
const TAX_ASK = /[税稅][号號]|纳税人识别号|納稅人識別號|信用代[码碼]/u;

const AMOUNT =
  /金额|金額|开多少|開多少|多开|多開|少开|少開|开高|開高|开低|開低|开大|開大|开进|開進|算进|算進|含不含|包不包括|包含|包括|(?:开|開|写|寫)(?:成|个|個)?\s*[0-9]+(?:\.[0-9]+)?(?![0-9.]*\s*[张張个個份月号號日点點年天])|(?:开|開|写|寫)(?:成|个|個)?[一二三四五六七八九两兩几幾]+[百千万萬]|(?<![0-9])[0-9]{1,6}(?:\.[0-9]+)?\s*(?:元|块|塊)的?(?:发票|發票)/u;
const KIND = /纸质|紙質|纸的|紙的|纸版|紙版|纸票|紙票|纸本|紙本|电子|電子|普票|专票|專票|增值[税稅]|普通[发發]票/u;
const WHERE =
  /(?:发|發|寄|送)(?:到|去|给|給)?哪|在哪(?:里|裡|儿|兒)?(?:看|查|收|下载|下載|找)|去哪(?:里|裡|儿|兒)?(?:看|查|收|找|下载|下載)|[邮郵](?:箱|件)|怎么(?:收|查|看|下载)|怎麼(?:收|查|看|下載)/u;
/** "啥时候能收到发票", "发票多久能开好": when the invoice comes (票 said, so "什么时候发货" is no invoice question). */
const WHEN_WORDS = '(?:什么时候|什麼時候|啥时候|啥時候|多久|几天|幾天|多长时间|多長時間|何时|何時|哪天)';
const WHEN = new RegExp(`${WHEN_WORDS}.{0,8}(?:[发發]票|票)|(?:[发發]票|票).{0,8}${WHEN_WORDS}`, 'u');
/**
 * "大概什么时候能收到", "那多久能好": a when-question naming nothing — right after an invoice answer it asks
 * when the invoice comes (a message naming the goods or the parcel, "大衣什么时候到", is no such question).
 */
const BARE_WHEN = new RegExp(`^(?:那|那么|那麼|大概|大约|大約|一般|请问|請問|亲|親)*${WHEN_WORDS}(?:能|可以|会|會|才能|才可以)?(?:收到|到|开好|開好|开出来|開出來|好|发过来|發過來|发给我|發給我)?(?:呢|啊|呀|哦|吗|嗎)?[？?。!！~～]*$`, 'u');
export const asksWhenAlone = (text: string): boolean => BARE_WHEN.test(normalizeSameLength(text).trim());
const MISSING = /(?:没|沒|未)(?:有)?(?:收到|看到|见到|見到|找到)|收不到|找不到|看不到|没来|沒來/u;
const TOGETHER = /(?:跟|和|随|隨|同)(?:着|著)?.{0,6}一起(?:寄|发|發|送|到)|随[货貨]|隨貨|单独(?:寄|发)|單獨(?:寄|發)/u;
/** Words of the parcel and its goods: a question with them is about the delivery, not the invoice. */
const PARCEL = /快递|快遞|物流|包裹|单号|單號|[货貨]|衣服|裤子|褲子|东西|東西|签收|簽收|驿站|驛站|快递柜|丰巢|豐巢|派送|派件/u;

export function invoiceQuestion(text: string): InvoiceQuestion | null {
  const plain = normalizeSameLength(text);
  if (AMOUNT.test(plain)) return 'amount';
  if (TAX_ASK.test(plain) && taxIdFrom(plain) === null && /[吗嗎么麼呢？?]|要不要|需不需要|用不用/u.test(plain)) return 'tax';
  if (KIND.test(plain)) return 'kind';
  // "会跟裤子一起寄过来吗": the invoice going with the goods.
  if (TOGETHER.test(plain)) return 'where';
  if (PARCEL.test(plain.replace(/[发發]票/gu, ''))) return null;
  if (MISSING.test(plain)) return 'missing';
  if (WHEN.test(plain)) return 'when';
  if (WHERE.test(plain)) return 'where';
  return null;
}

/**
 * What the order remark tells the staff about sending the invoice, by how the shop sends them
 * (shop.invoice.delivery): an electronic invoice goes to the buyer (by e-mail when the shop says so),
 * never 随货; a paper one goes with the goods when the order is not printed yet.
 */
export function invoiceSending(shop: Pick<Shop, 'invoice'>): { electronic: boolean; note: string } {
  const plain = normalizeSameLength(shop.invoice.delivery);
  const electronic = /电子|邮箱|邮件|下载|短信/u.test(plain) && !/寄/u.test(plain);
  if (!electronic) return { electronic, note: '随货寄出' };
  return { electronic, note: /邮箱|邮件/u.test(plain) ? '开具电子发票后发送到买家邮箱，不随货寄出' : '开具电子发票后按店铺方式发送给买家，不随货寄出' };
}

/** "能换成公司抬头吗", "抬头改一下", "重开一张发票": the invoice's title changed, not the goods exchanged. */
const TITLE_CHANGE =
  /(?:换|換|改|变|變)(?:成|为|為|一下|下|个|個)?.{0,6}(?:抬头|抬頭|[税稅]号|[税稅]號)|(?:抬头|抬頭|[税稅]号|[税稅]號|[发發]票).{0,4}(?:换|換|改|变|變)(?:成|为|為|一下|下)|(?:换|換|改|重新|重)(?:开|開)(?:一张|一張|张|張|个|個)?(?:[发發]票|票)|[发發]票.{0,4}重(?:新)?(?:开|開)/u;
export const changesInvoiceTitle = (text: string): boolean => TITLE_CHANGE.test(normalizeSameLength(text));

/** The buyer says the invoice is in their order note ("抬头我在留言里写了", "备注里填了发票"). */
const IN_NOTE = /(?:留言|备注|備註|备注栏|備註欄)(?:里|裡|上|中)?(?:面)?(?:已经|已經|都)?(?:写|寫|填|说|說|注|註|留)|(?:写|寫|填|留)(?:在|到)(?:了)?(?:买家)?(?:留言|备注|備註)/u;
/** "收到货了", "已经签收了" (not "还没收到"): the order received. */
const RECEIVED = /(?<!没|沒|未|没有|沒有)(?:收到(?:货|貨)?了|到(?:货|貨)了|签收了|簽收了|已(?:经|經)?(?:收到|签收|簽收|到货|到貨)|货(?:已经|已經)?到了|貨(?:已經)?到了)/u;
/** "退货那单", "退款的那个": the order being refunded. */
const REFUNDING = /退(?:货|貨|款|了)|在退/u;

/**
 * The orders an invoice question points at by what it says of them in invoice terms: the one whose
 * note holds the invoice, the one received, the one being refunded. Each cue narrows only when an
 * order fits it; the orders are returned unchanged when none does.
 */
export function ordersMeant(text: string, orders: readonly Order[]): Order[] {
  const pointed = ordersPointedAt(text, orders);
  return pointed.length > 0 ? pointed : [...orders];
}

/** The orders an invoice question points at in invoice terms; none when it says nothing any order fits. */
export function ordersPointedAt(text: string, orders: readonly Order[]): Order[] {
  const plain = normalizeSameLength(text);
  const cues: ((o: Order) => boolean)[] = [];
  if (IN_NOTE.test(plain)) cues.push(noteAsksForInvoice);
  if (RECEIVED.test(plain)) cues.push((o) => o.state === 'delivered' || o.state === 'completed');
  if (REFUNDING.test(plain)) cues.push((o) => o.state === 'refunding');
  let fits: Order[] = [...orders];
  let narrowed = false;
  for (const cue of cues) {
    const next = fits.filter(cue);
    if (next.length > 0) [fits, narrowed] = [next, true];
  }
  return narrowed ? fits : [];
}
