import { z } from 'zod';
import { ShopCalendarSchema } from './calendar.ts';
import { SeveritySchema } from '../compliance/schema.ts';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const Money = z.number().nonnegative();

/** One row of a size chart: the size that fits a body in these ranges. */
export const SizeRowSchema = z.object({
  size: z.string().min(1),
  heightMin: z.number().positive(),
  heightMax: z.number().positive(),
  weightMinKg: z.number().positive(),
  weightMaxKg: z.number().positive(),
});

export const SkuSchema = z.object({
  color: z.string().min(1),
  size: z.string().min(1),
  stock: z.number().int().nonnegative(),
  /** When stock is 0: the date it is expected back, if known (YYYY-MM-DD). */
  restockDate: z.string().optional(),
});

export const ProductSchema = z.object({
  id: z.string().min(1),
  /** The listing title. */
  name: z.string().min(1),
  /** What agents call it in chat ("羊毛呢大衣"); replies use it instead of the long title. */
  shortName: z.string().min(1).optional(),
  category: z.string().min(1),
  price: Money,
  /** The lowest price an agent may agree to; bargaining never goes below it. */
  floorPrice: Money,
  /** Attributes buyers ask about: 材质, 保质期, 产地, 洗涤方式 … */
  attributes: z.record(z.string(), z.string()).default({}),
  /** The size chart that applies (key of sizeCharts), for size advice. */
  sizeChart: z.string().optional(),
  skus: z.array(SkuSchema).min(1),
  /** Products recommended with or instead of this one. */
  recommend: z.array(z.string()).default([]),
  sevenDayReturn: z.boolean().default(true),
  /**
   * What `color` and `size` of the SKUs mean when they are not colours and sizes (food:
   * `{ color: '口味', size: '规格' }`); without it, clothing words (颜色, 尺码, "M码").
   */
  variantLabels: z.object({ color: z.string().min(1), size: z.string().min(1) }).optional(),
});

export const GiftSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** What the gift costs the shop; concessions are kept within the policy's budget. */
  cost: Money,
  /** Words buyers name it by (袜子, 试吃装), besides its name. */
  aliases: z.array(z.string().min(1)).default([]),
});

export const PromotionSchema = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  /**
   * The products it applies to: product ids or categories (a category matches the product's
   * category or its first part, "零食" for "零食/糕点"). Without it, the promotion applies to all.
   */
  appliesTo: z.array(z.string().min(1)).optional(),
  /** The order total (元) from which it applies (零食满99元), if it has one. */
  minAmount: Money.optional(),
  /** The gift it gives (an id of `gifts`), if any. */
  giftId: z.string().min(1).optional(),
});

/** What a shop's channel is told over its webhooks (src/server/webhooks.ts). */
export const WebhookEventTypeSchema = z.enum(['reply.created', 'conversation.handoff', 'promise.overdue']);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

export const WebhookSchema = z.object({
  /** Where the events are POSTed (http or https). */
  url: z.url({ protocol: /^https?$/ }),
  /** The HMAC-SHA256 key of the signature header; at least 16 characters. */
  secret: z.string().min(16),
  /** The event types this endpoint wants (default: all). */
  events: z.array(WebhookEventTypeSchema).min(1).default(['reply.created', 'conversation.handoff', 'promise.overdue']),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const ShopSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  profile: z.enum(['tmall', 'taobao']).default('tmall'),
  /** Agent names, used in greetings and in remarks (原因 + 客服名/日期). */
  agents: z.array(z.string().min(1)).min(1),
  /** Shifts (the manuals: 09:00–16:30 and 16:00–22:30); a shift may end after midnight. */
  workingHours: z.array(z.object({ start: Time, end: Time })).min(1),
  timezone: z.string().default('Asia/Shanghai'),
  /**
   * How long a buyer may wait for a human before the agent page reminds the agents (千牛 alerts
   * at 100 seconds), in seconds.
   */
  responseTargetSeconds: z.number().int().min(10).max(3600).default(100),
  /**
   * Holidays and the shop's own closing days (issue 12): statutory holidays with their make-up
   * workdays come from `chinese-days`; see ShopCalendarSchema. Working hours and shipping skip
   * the closed days.
   */
  calendar: ShopCalendarSchema,
  authenticityWording: z.string().min(1).default('自有品牌原厂正品'),
  /** The review activity to explain instead of cashback (seed 000 一(3)). */
  reviewActivity: z.string().min(1),
  shipping: z.object({
    /** The default courier; free shipping applies to it. */
    courier: z.string().min(1),
    /** Other couriers on request, with the extra fee the buyer pays before paying. */
    otherCouriers: z.array(z.object({ courier: z.string().min(1), extraFee: Money })).default([]),
    /** Regions (provinces) where shipping is free; others pay `remoteFee`. */
    freeShippingRegions: z.array(z.string().min(1)).min(1),
    remoteFee: Money,
    /** Orders paid before this time usually leave the same day. */
    cutoff: Time,
    /** Typical delivery days to free-shipping regions, and to remote ones. */
    deliveryDays: z.object({ normal: z.string().min(1), remote: z.string().min(1) }),
  }),
  invoice: z.object({
    /** Invoice category the shop issues (the manuals' shop: 汽车用品). */
    category: z.string().min(1),
    /** How invoices are sent (e.g. 财务会在一个月之内统一寄出，运费我们承担). */
    delivery: z.string().min(1),
    /** The kind of invoice the shop issues; asked for a 专票 the answer says this first. */
    kind: z.string().min(1).default('电子普通发票'),
  }),
  products: z.array(ProductSchema).min(1),
  sizeCharts: z.record(z.string(), z.array(SizeRowSchema).min(1)).default({}),
  gifts: z.array(GiftSchema).default([]),
  promotions: z.array(PromotionSchema).default([]),
  bargaining: z.object({
    /** The most an agent may take off the list price, as a rate (0.05 = 5%). */
    maxDiscountRate: z.number().min(0).max(0.5),
    /** A small coupon for the excuse type (seed 002), within the discount budget. */
    couponAmount: Money,
    /** Order total from which shipping to remote regions is free too. */
    freeShippingThreshold: Money,
    /** Gifts an agent may add (ids of `gifts`). */
    giftIds: z.array(z.string()).default([]),
    /**
     * How many concessions one product may get in a conversation. 1 (default): after the one
     * concession, insisting wins nothing new — a polite hold, then a hand-off (issue 12).
     */
    concessionsPerProduct: z.number().int().min(1).max(5).default(1),
  }),
  /** Orders at or above this total are escalated to a senior agent (seed 003). */
  largeOrderThreshold: Money,
  /**
   * The shop's own severities for compliance rules (rule id → error | warning | off), on top of
   * the profile. The automatic-reply gate blocks every rule that stays an error.
   */
  lintSeverities: z.record(z.string(), SeveritySchema).default({}),
  /** The shop's channel endpoints: replies, hand-offs and overdue promises are POSTed there, signed. */
  webhooks: z.array(WebhookSchema).default([]),
  /**
   * The optional LLM rephraser (issue 8): off unless `enabled` here or `kefu serve --llm`, and
   * only with an endpoint configured (OPENAI_BASE_URL, KEFU_LLM_MODEL). `tone` goes into its prompt.
   */
  llm: z
    .object({
      enabled: z.boolean().default(false),
      tone: z.string().min(1).default('亲切、专业、简洁'),
    })
    .prefault({}),
});

export type Shop = z.infer<typeof ShopSchema>;
export type Product = z.infer<typeof ProductSchema>;
export type Sku = z.infer<typeof SkuSchema>;
export type SizeRow = z.infer<typeof SizeRowSchema>;
export type Gift = z.infer<typeof GiftSchema>;
export type Promotion = z.infer<typeof PromotionSchema>;
