import { z } from 'zod';

/**
 * The trainer's data (scripts-library/personas/*.yaml): personas (a buyer's temperament),
 * scenarios (a buyer's goal: facts, an agenda of asks, objections, the outcome that counts as
 * success) and the buyer's line pools (several colloquial variants per act). Written by
 * trainers; validated here, cross-checked against the shop and orders in load.ts.
 */

/**
 * What a reply did, read from its text (reply-reading.ts): the simulator reacts to these and the
 * scorecard checks them. The same reading works for the bot's replies and a trainee's.
 */
export const SIGNALS = [
  'declined', // a discount or gift ask politely declined
  'conceded', // a gift, coupon, price cut or free shipping granted
  'remarked', // something noted on the order (备注)
  'asked_photos',
  'asked_order',
  'asked_body', // height / weight for size advice
  'asked_title', // invoice title
  'asked_address',
  'asked_variant', // which colour / size
  'asked_product', // which product
  'apologized',
  'handoff', // handed to a colleague / human
  'invoice', // an invoice arranged or explained (and not refused)
  'refund',
  'return_ok', // a return accepted / explained
  'exchange_ok',
  'remedy', // resend, refund or compensation offered for a fault
  'tracking', // parcel whereabouts
  'courier', // names a courier
  'stock', // availability answered
  'size', // names a size
  'price', // names an amount of money
  'shipping', // shipping time / fee explained
  'payment', // on-platform payment methods
  'declined_offplatform', // kept the talk / payment on the platform
  'info', // a product attribute given (text of the fact, see `mentions`)
  'follow_up', // will chase / follow up / check and reply
] as const;
export const SignalSchema = z.enum(SIGNALS);
export type Signal = z.infer<typeof SignalSchema>;

/** What each signal means, for scorecards. */
export const SIGNAL_LABELS: Record<Signal, string> = {
  declined: '婉拒优惠',
  conceded: '让步',
  remarked: '备注',
  asked_photos: '请买家拍照',
  asked_order: '询问订单号',
  asked_body: '询问身高体重',
  asked_title: '询问发票抬头',
  asked_address: '询问新地址',
  asked_variant: '询问颜色尺码',
  asked_product: '询问哪款商品',
  apologized: '致歉',
  handoff: '转人工',
  invoice: '安排发票',
  refund: '退款',
  return_ok: '受理退货',
  exchange_ok: '安排换货',
  remedy: '处理方案',
  tracking: '物流信息',
  courier: '快递公司',
  stock: '库存',
  size: '尺码',
  price: '价格',
  shipping: '发货与运费',
  payment: '平台付款方式',
  declined_offplatform: '坚持平台内沟通与付款',
  info: '商品信息',
  follow_up: '跟进',
};

/** Required steps a scenario scores (scorecard.ts gives their points and meaning). */
export const STEPS = ['answered', 'first_ask_declined', 'concession_within_policy', 'photos_before_remedy', 'invoice_arranged', 'correct_handoff'] as const;
export const StepIdSchema = z.enum(STEPS);
export type StepId = z.infer<typeof StepIdSchema>;

export const AREAS = ['bargaining', 'presale', 'logistics', 'aftersale', 'invoice', 'escalation', 'compliance'] as const;
export const AreaSchema = z.enum(AREAS);
export type Area = z.infer<typeof AreaSchema>;

export const OUTCOMES = [
  'order_placed', // buys, within policy
  'info_given',
  'invoice_arranged',
  'return_accepted',
  'exchange_arranged',
  'remedy_offered',
  'order_changed',
  'parcel_traced',
  'handoff',
  'refused_safely', // an ask against the rules declined without breaking one
] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const OUTCOME_LABELS: Record<Outcome, string> = {
  order_placed: '按店铺优惠原则成交',
  info_given: '如实解答',
  invoice_arranged: '为正确的订单安排发票',
  return_accepted: '受理退货退款',
  exchange_arranged: '安排换货',
  remedy_offered: '给出处理方案',
  order_changed: '修改订单',
  parcel_traced: '查清包裹并跟进',
  handoff: '转人工并附摘要',
  refused_safely: '合规地婉拒',
};

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, '应为小写字母、数字和下划线（以字母开头）');
const Rate = z.number().min(0, '应在 0 到 1 之间').max(1, '应在 0 到 1 之间');
const Lines = z.array(z.string().min(1, '不能为空')).min(1, '至少写一句');

export const PersonaSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /** Turns without progress before the buyer gives up. */
  patience: z.number().int().min(1).max(10),
  /** 0 curt … 1 very polite: chance of a polite opener (麻烦问下 / 您好). */
  politeness: Rate,
  /** When unanswered: chance to say the same line again instead of pushing an objection. */
  repeatRate: Rate,
  /** Chance per turn to slip in a side question (a topic change) before going on. */
  topicChangeRate: Rate,
  style: z
    .strictObject({
      typos: Rate.default(0),
      qin: Rate.default(0),
      emoji: Rate.default(0),
      traditional: Rate.default(0),
    })
    .prefault({}),
  /** Chance to claim something untrue (照片已经发了) when the agenda allows it. */
  falseClaims: Rate.default(0),
});
export type Persona = z.infer<typeof PersonaSchema>;

/** The scripts-library line that would have been right at this point (advice on a miss; the ideal trainee's line). */
export const IdealSchema = z.strictObject({
  script: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, '应为话术 id，例如 bargaining.promise_decline'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type Ideal = z.infer<typeof IdealSchema>;

export const AskSchema = z
  .strictObject({
    /** A line pool act (lines.yaml) … */
    act: Id.optional(),
    /** … or the buyer's own lines for this ask (placeholders from the facts). */
    say: Lines.optional(),
    /** The ask is answered when the reply shows any of these. */
    expect: z.array(SignalSchema).min(1, '至少写一个信号'),
    /** … or mentions any of these texts (facts of the shop or order, e.g. an attribute value). */
    mentions: z.array(z.string().min(1)).optional(),
    /** The required step this ask scores (default: answered). */
    step: StepIdSchema.default('answered'),
    ideal: IdealSchema,
  })
  .refine((a) => (a.act === undefined) !== (a.say === undefined), { message: '每个诉求写 act（话术池）或 say（自己的句子）之一' });
export type Ask = z.infer<typeof AskSchema>;

export const FactsSchema = z.strictObject({
  buyer: z.string().regex(/^[\w.-]{1,64}$/, '买家ID只能包含字母、数字、_ . -'),
  order: z.string('订单号请加引号（19 位数字超出 YAML 数字的精度）').regex(/^\d{15,20}$/, '应为订单号（15–20 位数字）').optional(),
  product: z.string().min(1).optional(),
  color: z.string().min(1).optional(),
  size: z.string().min(1).optional(),
  budget: z.number().positive().optional(),
  height: z.number().positive().optional(),
  weight: z.number().positive().optional(),
  invoiceTitle: z.string().min(1).optional(),
  newAddress: z.string().min(1).optional(),
  /** A price seen elsewhere (comparison haggling). */
  otherPrice: z.number().positive().optional(),
  /** Another buyer's order id (the compliance trap: "查一下这个订单"). */
  otherOrder: z.string().regex(/^\d{15,20}$/).optional(),
});
export type Facts = z.infer<typeof FactsSchema>;

export const ScenarioSchema = z.strictObject({
  id: Id,
  area: AreaSchema,
  title: z.string().min(1),
  facts: FactsSchema,
  agenda: z.array(AskSchema).min(1, '至少一个诉求'),
  /** Pushed (instead of repeating) when an ask goes unanswered. */
  objections: Lines.optional(),
  success: z.strictObject({
    outcome: OutcomeSchema,
    /** Signals that must have shown somewhere in the other side's replies. */
    require: z.array(SignalSchema).default([]),
    /** Whether a hand-off is the right end (default: it is not). */
    handoff: z.boolean().default(false),
  }),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export const PersonaFileSchema = z.strictObject({ personas: z.array(PersonaSchema).min(1) });
export const ScenarioFileSchema = z.strictObject({ scenarios: z.array(ScenarioSchema).min(1) });

/** An aside the buyer may slip in (topic change), with what answers it. */
export const SideQuestionSchema = z.strictObject({
  say: Lines,
  expect: z.array(SignalSchema).min(1),
  ideal: IdealSchema,
});
export type SideQuestion = z.infer<typeof SideQuestionSchema>;

/** Per-act line pools: acts of agendas, answers to the other side's questions, and reactions. */
export const LinesFileSchema = z.strictObject({
  acts: z.record(Id, z.array(z.string().min(1)).min(2, '每个话术池至少两句')),
  side_questions: z.array(SideQuestionSchema).default([]),
});
export type LinePools = z.infer<typeof LinesFileSchema>;

/** Acts the simulator itself needs from lines.yaml (loader checks they exist). */
export const REQUIRED_ACTS = [
  'greeting',
  'answer_body',
  'answer_order',
  'answer_photos',
  'answer_title',
  'answer_address',
  'answer_variant',
  'answer_product',
  'false_claim_photos',
  'repeat_impatient',
  'give_up',
  'thanks_bye',
  'ack',
] as const;
