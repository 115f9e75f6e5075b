import { assign, setup } from 'xstate';
import type { Order } from '../src/orders/schema.ts';
import { asksAboutCharges, invoiceRemark, invoiceTitleFrom, noteAsksForInvoice, type InvoiceTitle } from './invoice-helpers.ts';
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
 * The amount is the amount paid (按实付金额开). Only the buyer's own orders are looked at.
 *
 * States: `idle` answers; `awaitingTitle` asked for the 发票抬头 of context.orderId — a message that
 * reads as a title completes it, another invoice question is answered afresh, anything else is
 * unhandled (the question stays open).
 */

export interface InvoiceContext {
  out: FlowOutput;
  /** The order whose invoice title was asked for. */
  orderId: string | null;
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
}

/**
 * Which order the invoice is for: the one named, else the newest holding the product the
 * conversation is about, else the newest not being refunded.
 */
function invoiceOrder(event: TurnEvent): { kind: 'order'; order: Order } | { kind: 'foreign' } | { kind: 'none' } {
  const mention = mentionedOrder(event.text, event.entities, event.facts.orders);
  if (mention.kind === 'own') return { kind: 'order', order: mention.order };
  if (mention.kind === 'foreign') return { kind: 'foreign' };
  const holding = ordersHolding(event.facts.orders, event.facts.product)[0];
  const order = holding ?? event.facts.orders.find((o) => o.state !== 'refunding') ?? event.facts.orders[0];
  return order === undefined ? { kind: 'none' } : { kind: 'order', order };
}

/** The buyer's note already asked for the invoice (cases 2–5, 已经说明). */
function alreadyNoted(order: Order, event: TurnEvent): Answer {
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

/** Who acts on the remark, by order state (seed 004: 订单修改负责人 / 开发票负责人 / 补发). */
function remarkedAnswer(order: Order, title: InvoiceTitle, event: TurnEvent): Answer {
  const orderId = order.id;
  const params = { orderId, invoiceTitle: title.title, amount: order.total, delivery: event.facts.shop.invoice.delivery };
  const promise = (text: string): PromiseItem => ({ kind: 'follow_up', text, orderId, dueInHours: INVOICE_DUE_HOURS });
  switch (order.state) {
    case 'unpaid':
      return { replies: [reply('remarked.unpaid', params)], remarks: [{ orderId, reason: invoiceRemark(title, order, '请订单修改负责人在系统里修改') }] };
    case 'paid':
      return { replies: [reply('remarked.paid', params)], remarks: [{ orderId, reason: invoiceRemark(title, order, '请订单修改负责人在系统里修改，随货寄出') }] };
    case 'printed':
      return {
        replies: [reply('remarked.printed', params)],
        remarks: [{ orderId, reason: invoiceRemark(title, order, '订单已打单，请开发票负责人开具后单独寄出') }],
        promises: [promise(`为订单${orderId}开具发票并单独寄出`)],
      };
    case 'refunding':
      return { replies: [reply('remarked.refunding', params)], remarks: [{ orderId, reason: invoiceRemark(title, order, '退款完结后按实付金额开具') }] };
    default:
      return {
        replies: [reply(order.state === 'shipped' ? 'remarked.shipped' : 'remarked.received', params)],
        remarks: [{ orderId, reason: invoiceRemark(title, order, '请开发票负责人补开并寄出，邮费由店铺承担') }],
        promises: [promise(`为订单${orderId}补开发票并寄出`)],
      };
  }
}

/**
 * The buyer is asking about a product they have not ordered yet (the conversation is about a
 * product none of their unfinished orders holds): the question is about buying it (case 1).
 */
function aboutNewPurchase(event: TurnEvent): boolean {
  const product = event.facts.product;
  if (product === undefined) return false;
  const unfinished = event.facts.orders.filter((o) => o.state !== 'completed' && o.state !== 'refunding');
  return ordersHolding(unfinished, product).length === 0;
}

function freshAnswer(event: TurnEvent): Answer {
  const target = invoiceOrder(event);
  if (target.kind === 'foreign') return { replies: [{ scriptId: 'logistics.order.not_own', params: {} }] };
  // Before any order, about a product not ordered yet, or a 专票 question: the pre-sale answer.
  const named = mentionedOrder(event.text, event.entities, event.facts.orders).kind === 'own' || event.facts.orderCues !== undefined;
  if (target.kind === 'none' || asksSpecialInvoice(event.text) || (!named && aboutNewPurchase(event))) return { replies: [preOrderInvoiceReply(event)] };
  const order = target.order;
  if (noteAsksForInvoice(order)) return alreadyNoted(order, event);
  const title = invoiceTitleFrom(event.text);
  if (title === null) {
    const { kind, category } = event.facts.shop.invoice;
    return { replies: [reply('ask_title', { orderId: order.id, amount: order.total, invoiceKind: kind, category })], awaitTitleOf: order.id };
  }
  return remarkedAnswer(order, title, event);
}

/** The message names an order (the engine narrowed the orders by what it says, or it says 那件/那单/订单). */
const pointsAtOrder = (event: TurnEvent): boolean => event.facts.orderCues !== undefined || ORDER_POINTER.test(event.text);

/** The invoice moves to the one order the buyer points at, or the bot asks which, naming the candidates. */
function orderForInvoice(event: TurnEvent, asked: string): Answer {
  const { orders } = event.facts;
  if (event.facts.orderCues !== undefined && orders.length === 1) return freshAnswer({ ...event, intent: 'invoice' });
  const candidates = orders.filter((o) => o.state !== 'refunding');
  return { replies: [reply('which_order', { orderId: orderList(candidates, 5, event.facts.shop) })], awaitTitleOf: asked };
}

/** What a turn decides, or null when the turn is not the machine's. */
export function decideInvoice(context: InvoiceContext, event: TurnEvent): Answer | null {
  // "要收税点吗": never charged; a title still awaited stays awaited.
  if (event.intent === 'invoice' && asksAboutCharges(event.text) && invoiceTitleFrom(event.text) === null) {
    return { replies: [reply('no_charge')], ...(context.orderId === null ? {} : { awaitTitleOf: context.orderId }) };
  }
  // Waiting for the title: a message that reads as one answers it, whatever it was classified as
  // ("北京博文商贸有限公司 税号…" reads as an invoice question for its 税号).
  if (context.orderId !== null) {
    const order = event.facts.orders.find((o) => o.id === context.orderId);
    const title = invoiceTitleFrom(event.text, true);
    if (order !== undefined && title !== null) return remarkedAnswer(order, title, event);
  }
  if (context.orderId !== null && event.intent !== 'invoice') {
    const order = event.facts.orders.find((o) => o.id === context.orderId);
    const title = invoiceTitleFrom(event.text, true);
    // "围巾那单", "就上次买的那件": which order the invoice is for, not its title — the question stays open.
    if (title === null && pointsAtOrder(event)) return orderForInvoice(event, context.orderId);
    return order === undefined || title === null ? null : remarkedAnswer(order, title, event);
  }
  return event.intent === 'invoice' ? freshAnswer(event) : null;
}

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
  },
  actions: {
    markUnhandled: assign({ out: () => ({ ...emptyOutput(), unhandled: true }) }),
    answer: assign(({ context, event }) => {
      const answer = decideInvoice(context, event)!;
      return { out: toOutput(answer), orderId: answer.awaitTitleOf ?? null };
    }),
  },
}).createMachine({
  id: 'invoice',
  context: () => ({ out: emptyOutput(), orderId: null }),
  initial: 'idle',
  on: {
    TURN: [
      { guard: 'isUnhandled', actions: 'markUnhandled' },
      { guard: 'asksForTitle', target: '.awaitingTitle', actions: 'answer' },
      { target: '.idle', actions: 'answer' },
    ],
  },
  states: {
    idle: {},
    /** Asked for the 发票抬头 of context.orderId. */
    awaitingTitle: {},
  },
});
