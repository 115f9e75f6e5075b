import { z } from 'zod';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { IntentId } from '../src/nlu/intents.ts';
import type { Order } from '../src/orders/schema.ts';
import type { PurchaseLine } from '../src/shop/basket.ts';
import type { Product, Shop } from '../src/shop/schema.ts';

/**
 * The contract between the dialogue engine (src/dialogue) and the scenario machines (flows/).
 * Machines are pure: everything they need arrives in a TURN event (the classified message and
 * the facts the engine looked up: the buyer's own orders, the shop, the clock), and everything
 * they decide leaves in their context's `out` for that turn.
 */

/** A reply to send: a script of the scripts library and the values of its placeholders. */
export const ReplyPlanSchema = z.object({
  scriptId: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type ReplyPlan = z.infer<typeof ReplyPlanSchema>;

/** A flow's reply builder: `replyIn('invoice')('ask_title', {…})` plans script `invoice.ask_title`. */
export const replyIn =
  (area: string) =>
  (scriptId: string, params: ReplyPlan['params'] = {}): ReplyPlan => ({ scriptId: `${area}.${scriptId}`, params });

/** An order remark (备注) in the manuals' format: reason + agent name / date (seed 002). */
export const RemarkSchema = z.object({
  orderId: z.string().optional(),
  /** What to note, e.g. "顾客首单议价，赠送试用装" (the engine appends agent and date). */
  reason: z.string().min(1),
});
export type Remark = z.infer<typeof RemarkSchema>;

/** Something the bot committed to; unkept ones cost 4/6/12 points (seed 004 违背承诺). */
export const PromiseSchema = z.object({
  kind: z.enum(['follow_up', 'remark', 'gift', 'resend', 'callback']),
  text: z.string().min(1),
  orderId: z.string().optional(),
  /** When it must be kept, in hours from the turn that made it. */
  dueInHours: z.number().positive(),
});
export type PromiseItem = z.infer<typeof PromiseSchema>;

/** A concession granted while bargaining: recorded so it is never granted twice. */
export const ConcessionSchema = z.object({
  kind: z.enum(['discount', 'coupon', 'gift', 'free_shipping']),
  /** Money value for the shop (discount or coupon amount, gift cost, shipping fee). */
  amount: z.number().nonnegative(),
  /** Gift id, for gifts. */
  giftId: z.string().optional(),
  productId: z.string().optional(),
  reason: z.string().min(1),
});
export type Concession = z.infer<typeof ConcessionSchema>;

export const HandoffSchema = z.object({
  reason: z.enum(['asked_for_human', 'complaint', 'large_order', 'misunderstood', 'outside_policy']),
  /** One Chinese paragraph an agent can act on. */
  summary: z.string().min(1),
});
export type Handoff = z.infer<typeof HandoffSchema>;

/** What a scenario machine decided in one turn. */
export interface FlowOutput {
  replies: ReplyPlan[];
  remarks: Remark[];
  promises: PromiseItem[];
  concessions: Concession[];
  /** The machine could not help: the orchestrator counts it as misunderstood or hands off. */
  unhandled?: boolean;
  handoff?: Handoff['reason'];
  /** Handed over with no agent to take it (after hours): the case goes to the handover log. */
  handover?: boolean;
  /** Further asks this answer already covers (a postage concession answers 包邮吗): not run again by another flow. */
  covers?: IntentId[];
}

export const emptyOutput = (): FlowOutput => ({ replies: [], remarks: [], promises: [], concessions: [] });

/** Facts the engine looked up before the turn (I/O happens outside the machines). */
export interface TurnFacts {
  /** ISO time of the turn, in the shop's timezone offset. */
  now: string;
  withinWorkingHours: boolean;
  /** A human can take a hand-off now (working hours and an agent online). */
  agentAvailable: boolean;
  shop: Shop;
  /** The agent whose name the bot speaks in (greeting, remarks). */
  agent: string;
  /** The buyer's own orders, newest first — only those the message refers to when it names some (see orderCues). */
  orders: Order[];
  /**
   * How the message named its order(s) without an id or with one ("大衣那单", "没付钱的那个",
   * "上周到的"): then `orders` holds only the orders that fit. Absent when it named none.
   */
  orderCues?: ('id' | 'product' | 'state' | 'time' | 'courier' | 'context' | 'note')[];
  /**
   * The product the conversation is about: named in this message, else the last one named, else
   * none. Its `name` is the name to say to the buyer (the shop's short name when it has one).
   */
  product?: Product;
  /** The products the message names equally well ("裤子": two jeans), by the names to say — the flow asks which of them. */
  productCandidates?: string[];
  /** "加个毛衣凑一下", "毛衣和围巾一起": the products bought together (each once), when more than one. */
  basket?: Product[];
  /**
   * What the buyer says they will buy, with how many of each ("两袋核桃", then "再加一盒鲜花饼"):
   * kept across pre-sale and haggling turns. Absent when nothing was said to be bought.
   */
  purchase?: PurchaseLine[];
  /** The buyer's order the conversation was about before this turn (the last one discussed), if any. */
  orderInFocus?: Order;
  /** The turn before was a pre-sale question: the buyer is looking at buying (the product talked about, if any). */
  presaleTopic?: boolean;
}


export interface TurnEvent {
  type: 'TURN';
  text: string;
  intent: IntentId;
  secondary: IntentId[];
  entities: Entity[];
  facts: TurnFacts;
}
