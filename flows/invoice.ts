import { assign, setup } from 'xstate';
import type { Order } from '../src/orders/schema.ts';
import {
  asksAboutCharges,
  changeAgainstNote,
  emailFrom,
  invoiceQuestion,
  invoiceRemark,
  invoiceSending,
  invoiceTitleFrom,
  noteAsksForInvoice,
  NOTE_CHANGE_REMARK,
  ordersMeant,
  ordersPointedAt,
  sameTitleAsBefore,
  taxIdFrom,
  titleKindOnly,
  type InvoiceTitle,
} from './invoice-helpers.ts';
import { mentionedOrder, ORDER_POINTER, orderList, ordersHolding } from './logistics-helpers.ts';
import { asksSpecialInvoice, preOrderInvoiceReply } from './presale.ts';
import { emptyOutput, type FlowOutput, type PromiseItem, type Remark, replyIn, type ReplyPlan, type TurnEvent } from './protocol.ts';

/**
 * Invoices by order state (seed 004 关于开发票销售流程与技巧, six cases), never refused and never
 * charged for (seed 000/004: 拒开发票 or 让买家承担税点/邮费 is a violation):
 * 1. no order yet: write the 发票抬头 in the 买家留言 when ordering (the pre-sale answer);
 * 2. unpaid: the note already asks → just pay; otherwise remark title + amount, pay soon;
 * 3. paid, not printed: the note asks → we ship as asked; otherwise remark for the order editor;
 * 4. paid and printed: the note asks → as asked; otherwise remark for the invoice clerk (sent apart);
 * 5. shipped: the note asked → already issued, contact us if anything is wrong; otherwise 补发;
 * 6. received: remark and 补发.
 * The amount is the amount paid (按实付金额开). Only the buyer's own orders are looked at, and the
 * order is never guessed: several fitting and nothing saying which, the buyer is asked.
 * Follow-ups about the invoice get their own answer: the amount (按实付), the kind (the shop's
 * 电子普通发票), where it is sent and, once issued, that it has not arrived (remark, send again);
 * a new title on an order whose note already had one replaces it (issued: 重新开具).
 *
 * States: `idle` answers; `awaitingTitle` asked for the 发票抬头 of context.orderId — a message that
 * reads as a title completes it, another invoice question is answered afresh (the title question
 * stays open), anything else is unhandled; `choosingOrder` asked which order — a message pointing
 * at one answers it (with the title given before, if any).
 */

export interface InvoiceContext {
  out: FlowOutput;
  /** The order whose invoice title was asked for. */
  orderId: string | null;
  /** Asked which order the invoice is for: the buyer's next pointer at an order answers it. */
  choosing?: boolean;
  /** A title given before the order was known: it goes on the order the buyer then points at. */
  title?: InvoiceTitle | null;
  /** Orders whose invoice was settled in this conversation (remarked): "发哪了" is about them. */
  settled?: string[];
  /** The last title the buyer gave: "大衣那单也开一张 一样的抬头" and a 税号 sent after it go with it. */
  lastTitle?: InvoiceTitle | null;
}

export type InvoiceInput = Record<string, never>;

/** Hours within which an invoice promised for an order is issued (the clerk's round). */
export const INVOICE_DUE_HOURS = 72;

const reply = replyIn('invoice');

interface Answer {
  replies: ReplyPlan[];
  remarks?: Remark[];
  promises?: PromiseItem[];
  /** The order whose title is asked for (the machine then waits). */
  awaitTitleOf?: string;
  /** Asked which order the invoice is for; the title already given (if any) waits with it. */
  awaitOrder?: { title: InvoiceTitle | null };
  /** The title the buyer gave this turn (remembered for "一样的抬头"). */
  titled?: InvoiceTitle;
}

type Target = { kind: 'order'; order: Order } | { kind: 'several'; orders: Order[] } | { kind: 'foreign' } | { kind: 'none' };

/**
 * Which order the invoice is for: the one named (id, or the orders the engine narrowed the turn to
 * by product, state, time or the order just discussed), else the newest holding the product the
 * conversation is about, else the one the message points at in invoice terms (the note holding the
 * invoice, the order received, the order being refunded). Orders being refunded or completed count
 * only when no other does. Several left and nothing says which: the buyer is asked (never a guess).
 */
function invoiceOrder(event: TurnEvent): Target {
  const mention = mentionedOrder(event.text, event.entities, event.facts.orders);
  if (mention.kind === 'own') return { kind: 'order', order: mention.order };
  if (mention.kind === 'foreign') return { kind: 'foreign' };
  const { orders } = event.facts;
  if (orders.length === 0) return { kind: 'none' };
  const holding = ordersHolding(orders, event.facts.product)[0];
  if (holding !== undefined) return { kind: 'order', order: holding };
  const meant = ordersMeant(event.text, orders);
  // An order finished long ago or being refunded is meant only when nothing else is.
  const current = meant.filter((o) => o.state !== 'refunding' && o.state !== 'completed');
  const open = current.length > 0 ? current : meant.some((o) => o.state !== 'refunding') ? meant.filter((o) => o.state !== 'refunding') : meant;
  return open.length === 1 ? { kind: 'order', order: open[0]! } : { kind: 'several', orders: open };
}

/** The buyer's note already asked for the invoice (cases 2–5, 已经说明). */
function alreadyNoted(order: Order, event: TurnEvent): Answer {
  const answer = notedByState(order, event);
  // The title the note gives is read back, so the buyer can check it ("抬头我留言里写了 你们看到了吧").
  const noted = order.buyerNote === undefined ? null : invoiceTitleFrom(order.buyerNote);
  return noted === null ? answer : { ...answer, replies: [reply('noted_title', { invoiceTitle: noted.title }), ...answer.replies] };
}

function notedByState(order: Order, event: TurnEvent): Answer {
  const orderId = order.id;
  const { delivery } = event.facts.shop.invoice;
  switch (order.state) {
    case 'unpaid':
      return { replies: [reply('noted.unpaid', { orderId })] };
    case 'paid':
    case 'printed':
      return { replies: [reply('noted.paid', { orderId, delivery })] };
    default:
      return { replies: [reply('noted.shipped', { orderId })] };
  }
}

/** Issued already: shipped or later with the invoice asked for in the note (case 5, 已经按照您的要求开了). */
const issuedAsNoted = (order: Order): boolean => noteAsksForInvoice(order) && (order.state === 'shipped' || order.state === 'delivered' || order.state === 'completed');

/** Who acts on the remark, by order state (seed 004: 订单修改负责人 / 开发票负责人 / 补发). */
function remarkedAnswer(order: Order, title: InvoiceTitle, event: TurnEvent): Answer {
  return { ...remarkedFor(order, title, event), titled: title };
}

function remarkedFor(order: Order, title: InvoiceTitle, event: TurnEvent): Answer {
  const orderId = order.id;
  const params = { orderId, invoiceTitle: title.title, amount: order.total, delivery: event.facts.shop.invoice.delivery };
  const promise = (text: string): PromiseItem => ({ kind: 'follow_up', text, orderId, dueInHours: INVOICE_DUE_HOURS });
  // The note asked for an invoice already: the remark says what changed (another title, or only a tax id added).
  const change = changeAgainstNote(order, title);
  const remark = (forWhom: string): Remark[] => [{ orderId, reason: invoiceRemark(title, order, forWhom) + NOTE_CHANGE_REMARK[change] }];
  // How the shop sends invoices (电子发票 to the mailbox, or paper 随货): the remark says what the reply promised.
  const sending = invoiceSending(event.facts.shop);
  if (issuedAsNoted(order) && (change === 'tax_id_added' || change === 'tax_id_changed')) {
    return {
      replies: [reply('reissued_tax_id', params)],
      remarks: [{ orderId, reason: invoiceRemark(title, order, `买家${change === 'tax_id_added' ? '补充' : '更正'}税号，抬头不变，请开发票负责人加上税号重新开具并发送`) }],
      promises: [promise(`为订单${orderId}加上税号重新开具发票`)],
    };
  }
  if (issuedAsNoted(order)) {
    return {
      replies: [reply('retitled', params)],
      remarks: [{ orderId, reason: invoiceRemark(title, order, '买家要求更换发票抬头，请开发票负责人按新抬头重新开具并发送') }],
      promises: [promise(`为订单${orderId}按新抬头重新开具发票`)],
    };
  }
  switch (order.state) {
    case 'unpaid':
      return { replies: [reply('remarked.unpaid', params)], remarks: remark('请订单修改负责人在系统里修改') };
    case 'paid':
      return { replies: [reply('remarked.paid', params)], remarks: remark(`请订单修改负责人在系统里修改，${sending.note}`) };
    case 'printed':
      return {
        replies: [reply('remarked.printed', params)],
        remarks: remark(`订单已打单，请开发票负责人开具后单独寄出${sending.electronic ? `（${sending.note}）` : ''}`),
        promises: [promise(`为订单${orderId}开具发票并单独寄出`)],
      };
    case 'refunding':
      return { replies: [reply('remarked.refunding', params)], remarks: remark('退款完结后按实付金额开具') };
    default:
      return {
        replies: [reply(order.state === 'shipped' ? 'remarked.shipped' : 'remarked.received', params)],
        remarks: remark('请开发票负责人补开并寄出，邮费由店铺承担'),
        promises: [promise(`为订单${orderId}补开发票并寄出`)],
      };
  }
}

/** The invoice of an order received did not arrive: where it goes, and the clerk checks and sends it again. */
function notReceived(order: Order, event: TurnEvent): Answer {
  const orderId = order.id;
  return {
    replies: [reply('not_received', { orderId, delivery: event.facts.shop.invoice.delivery })],
    remarks: [{ orderId, reason: '买家反馈未收到发票，请开发票负责人核实开具和发送情况后重新发送' }],
    promises: [{ kind: 'follow_up', text: `核实订单${orderId}的发票发送情况并回复买家`, orderId, dueInHours: INVOICE_DUE_HOURS }],
  };
}

/**
 * The buyer is asking about a product they have not ordered yet (the conversation is about a
 * product none of their unfinished orders holds): the question is about buying it (case 1).
 */
function aboutNewPurchase(event: TurnEvent): boolean {
  const product = event.facts.product;
  if (product === undefined) return false;
  const { orders } = event.facts;
  // "我那条裤子退了 发票还能开吗": the message points at an order of it (being refunded, received, noted).
  if (ordersHolding(ordersPointedAt(event.text, orders), product).length > 0) return false;
  // (Right after a pre-sale question the buyer is buying it again: an order of it already received is not the one meant.)
  const unfinished = orders.filter((o) => o.state !== 'completed' && o.state !== 'refunding' && !(event.facts.presaleTopic === true && received(o)));
  return ordersHolding(unfinished, product).length === 0;
}

const received = (order: Order): boolean => order.state === 'delivered' || order.state === 'completed';

/** Asks which order the invoice is for, naming the candidates (and the title already given). */
function whichOrder(orders: readonly Order[], title: InvoiceTitle | null, event: TurnEvent): Answer {
  const orderId = orderList(orders, 5, event.facts.shop);
  return {
    replies: [title === null ? reply('which_order', { orderId }) : reply('which_order_titled', { orderId, invoiceTitle: title.title })],
    awaitOrder: { title },
  };
}

function freshAnswer(event: TurnEvent, context: InvoiceContext): Answer {
  const target = invoiceOrder(event);
  if (target.kind === 'foreign') return { replies: [{ scriptId: 'logistics.order.not_own', params: {} }] };
  const question = invoiceQuestion(event.text);
  const { invoice } = event.facts.shop;
  // Paper or electronic: the kind the shop issues, order or not (专票 has its own answer). "普票也行 抬头…"
  // accepts the kind and gives the title: the title is taken.
  if (question === 'kind' && !asksSpecialInvoice(event.text) && invoiceTitleFrom(event.text) === null) return { replies: [reply('kind', { invoiceKind: invoice.kind, delivery: invoice.delivery })] };
  // "大衣那单也开一张 一样的抬头": the title the buyer gave before.
  const title = invoiceTitleFrom(event.text) ?? context.title ?? (sameTitleAsBefore(event.text) ? (context.lastTitle ?? null) : null);
  // "能多开点吗" with several orders or none yet: the rule is the same for all of them.
  if ((target.kind === 'several' || target.kind === 'none') && title === null && question === 'amount') return { replies: [reply('amount_rule')] };
  // Before any order, about a product not ordered yet, or a 专票 question: the pre-sale answer.
  const named = mentionedOrder(event.text, event.entities, event.facts.orders).kind === 'own' || event.facts.orderCues !== undefined;
  if (target.kind === 'none' || asksSpecialInvoice(event.text) || (!named && aboutNewPurchase(event))) return { replies: [preOrderInvoiceReply(event)] };
  if (target.kind === 'several') return whichOrder(target.orders, title, event);
  const order = target.order;
  if (title !== null) return remarkedAnswer(order, title, event);
  // "税号 9131… 要的话我发你" for an order whose note already holds the title: the tax id goes with that title.
  const taxId = taxIdFrom(event.text);
  const notedTitle = taxId === null || order.buyerNote === undefined ? null : invoiceTitleFrom(order.buyerNote);
  // A 税号 sent after the title ("税号要给你吗" … "91330…"): it goes with the title given in this conversation.
  const earlierTitle = notedTitle ?? (taxId === null ? null : (context.lastTitle ?? null));
  if (taxId !== null && earlierTitle !== null) return remarkedAnswer(order, { ...earlierTitle, taxId }, event);
  const orderId = order.id;
  const remarked = (context.settled ?? []).includes(orderId);
  const settled = noteAsksForInvoice(order) || remarked;
  // "开公司的", "围巾那单开一张 个人的": the kind of title, not the name on it — ask for the name (and 税号).
  const kind = titleKindOnly(event.text);
  if (kind !== null) return { replies: [reply(kind === 'company' ? 'ask_company_title' : 'ask_personal_name', { orderId, amount: order.total })], awaitTitleOf: orderId };
  // "税号要给你吗": a company title needs one, a personal one does not.
  if (question === 'tax') return { replies: [reply('tax_id', { orderId })] };
  // "邮箱wbw1990@qq.com": where the electronic invoice goes, remarked for the invoice clerk.
  const email = emailFrom(event.text);
  if (email !== null) {
    const remarks = [{ orderId, reason: `开发票：发送邮箱：${email}，请开发票负责人开具后发送到该邮箱` }];
    return settled ? { replies: [reply('email_noted', { orderId })], remarks } : { replies: [reply('email_noted_ask_title', { orderId })], remarks, awaitTitleOf: orderId };
  }
  // "金额能开200吗": the amount is the amount paid (seed 004: 按实付金额开).
  if (question === 'amount') return { replies: [reply('amount_paid', { orderId, amount: order.total })] };
  if (settled && question === 'missing' && received(order)) return notReceived(order, event);
  // Asked again about an invoice already remarked here: how it is issued and sent, not the title again.
  if (settled && (question !== null || remarked)) return { replies: [reply('where_sent', { orderId, delivery: invoice.delivery })] };
  if (noteAsksForInvoice(order)) return alreadyNoted(order, event);
  // "啥时候能收到发票" before the title: when, as the shop issues and sends it — and the title is still needed.
  if (question === 'when' && order.state !== 'refunding') return { replies: [reply('when_ask_title', { orderId, delivery: invoice.delivery })], awaitTitleOf: orderId };
  const script = order.state === 'refunding' ? 'ask_title_refunding' : 'ask_title';
  return { replies: [reply(script, { orderId, amount: order.total, invoiceKind: invoice.kind, category: invoice.category })], awaitTitleOf: orderId };
}

/** The message names an order (the engine narrowed the orders by what it says, or it says 那件/那单/订单). */
const pointsAtOrder = (event: TurnEvent): boolean => event.facts.orderCues !== undefined || ORDER_POINTER.test(event.text);

/** The invoice moves to the one order the buyer points at, or the bot asks which, naming the candidates. */
function orderForInvoice(event: TurnEvent, context: InvoiceContext): Answer {
  const { orders } = event.facts;
  if (event.facts.orderCues !== undefined && orders.length === 1) return freshAnswer({ ...event, intent: 'invoice' }, context);
  const candidates = orders.filter((o) => o.state !== 'refunding');
  const answer = whichOrder(candidates.length > 0 ? candidates : orders, context.title ?? null, event);
  // Asked while a title was awaited: the title question stays open with the order asked about.
  return context.orderId === null ? answer : { replies: answer.replies, awaitTitleOf: context.orderId };
}

/** A question answered while one of ours is open (amount, kind, charges): ours stays open. */
function keepOpen(context: InvoiceContext, answer: Answer): Answer {
  if (answer.awaitTitleOf !== undefined || answer.awaitOrder !== undefined || answer.remarks !== undefined) return answer;
  if (context.orderId !== null) return { ...answer, awaitTitleOf: context.orderId };
  if (context.choosing === true) return { ...answer, awaitOrder: { title: context.title ?? null } };
  return answer;
}

/** While a title is awaited, a message that points at no order is about the awaited one. */
function onAwaited(context: InvoiceContext, event: TurnEvent): TurnEvent {
  const awaited = event.facts.orders.find((o) => o.id === context.orderId);
  if (awaited === undefined || event.facts.orderCues !== undefined || mentionedOrder(event.text, event.entities, event.facts.orders).kind !== 'none') return event;
  return { ...event, facts: { ...event.facts, orders: [awaited], orderCues: ['context'] } };
}

/** What a turn decides, or null when the turn is not the machine's. */
export function decideInvoice(context: InvoiceContext, event: TurnEvent): Answer | null {
  // "要收税点吗": never charged; a question still open stays open.
  if (event.intent === 'invoice' && asksAboutCharges(event.text) && invoiceQuestion(event.text) !== 'amount' && invoiceTitleFrom(event.text) === null) {
    return keepOpen(context, { replies: [reply('no_charge')] });
  }
  // Waiting for the title: a message that reads as one answers it, whatever it was classified as
  // ("北京博文商贸有限公司 税号…" reads as an invoice question for its 税号).
  if (context.orderId !== null) {
    const order = event.facts.orders.find((o) => o.id === context.orderId);
    // A question about the invoice ("是电子的吗") is no title.
    const title = invoiceQuestion(event.text) === null ? invoiceTitleFrom(event.text, true) : null;
    if (order !== undefined && title !== null) return pointsAtOtherOrder(event, order) ? orderForInvoice(event, context) : remarkedAnswer(order, title, event);
  }
  // Asked which order: a message pointing at one answers it ("大衣那个"); a bare title waits for the order.
  if (context.choosing === true && event.intent !== 'invoice') {
    if (pointsAtOrder(event) || mentionedOrder(event.text, event.entities, event.facts.orders).kind !== 'none') return orderForInvoice(event, context);
    const title = invoiceTitleFrom(event.text, true);
    return title === null ? null : whichOrder(event.facts.orders.filter((o) => o.state !== 'refunding'), title, event);
  }
  if (context.orderId !== null && event.intent !== 'invoice') {
    // "围巾那单", "就上次买的那件": which order the invoice is for, not its title — the question stays open.
    if (invoiceTitleFrom(event.text, true) === null && pointsAtOrder(event)) return orderForInvoice(event, context);
    // "是电子的吗" while the title is awaited: a question about this invoice, whatever it read as.
    if (invoiceQuestion(event.text) !== null) return keepOpen(context, freshAnswer(onAwaited(context, { ...event, intent: 'invoice' }), context));
    return null;
  }
  return event.intent === 'invoice' ? keepOpen(context, freshAnswer(onAwaited(context, event), context)) : null;
}

/** "围巾那单 抬头写王博文" while the coat's title was asked: the title goes on the order pointed at. */
const pointsAtOtherOrder = (event: TurnEvent, asked: Order): boolean =>
  event.facts.orderCues !== undefined && event.facts.orders.length === 1 && event.facts.orders[0]!.id !== asked.id;

const toOutput = (answer: Answer): FlowOutput => ({
  ...emptyOutput(),
  replies: answer.replies,
  remarks: answer.remarks ?? [],
  promises: answer.promises ?? [],
});

export const invoiceMachine = setup({
  types: {
    context: {} as InvoiceContext,
    events: {} as TurnEvent,
    input: {} as InvoiceInput,
  },
  guards: {
    isUnhandled: ({ context, event }) => decideInvoice(context, event) === null,
    asksForTitle: ({ context, event }) => decideInvoice(context, event)?.awaitTitleOf !== undefined,
    asksWhichOrder: ({ context, event }) => decideInvoice(context, event)?.awaitOrder !== undefined,
  },
  actions: {
    markUnhandled: assign({ out: () => ({ ...emptyOutput(), unhandled: true }) }),
    answer: assign(({ context, event }) => {
      const answer = decideInvoice(context, event)!;
      const remarked = (answer.remarks ?? []).flatMap((r) => (r.orderId === undefined ? [] : [r.orderId]));
      return {
        out: toOutput(answer),
        orderId: answer.awaitTitleOf ?? null,
        choosing: answer.awaitOrder !== undefined,
        title: answer.awaitOrder?.title ?? null,
        settled: [...new Set([...(context.settled ?? []), ...remarked])],
        lastTitle: answer.titled ?? answer.awaitOrder?.title ?? context.lastTitle ?? null,
      };
    }),
  },
}).createMachine({
  id: 'invoice',
  context: () => ({ out: emptyOutput(), orderId: null, choosing: false, title: null, settled: [], lastTitle: null }),
  initial: 'idle',
  on: {
    TURN: [
      { guard: 'isUnhandled', actions: 'markUnhandled' },
      { guard: 'asksForTitle', target: '.awaitingTitle', actions: 'answer' },
      { guard: 'asksWhichOrder', target: '.choosingOrder', actions: 'answer' },
      { target: '.idle', actions: 'answer' },
    ],
  },
  states: {
    idle: {},
    /** Asked for the 发票抬头 of context.orderId. */
    awaitingTitle: {},
    /** Asked which order the invoice is for (context.title: a title already given). */
    choosingOrder: {},
  },
});
