import { z } from 'zod';

/** How a rule's findings count: `error` blocks sending, `warning` is advice, `off` disables the rule. */
export const SeveritySchema = z.enum(['error', 'warning', 'off']);
export type Severity = z.infer<typeof SeveritySchema>;
export type ActiveSeverity = Exclude<Severity, 'off'>;

export const LocaleSchema = z.enum(['zh', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

/** Facts about the conversation that context-aware rules need. Every part is optional: without it those rules stay silent. */
export const LintContextSchema = z.object({
  /** The buyer of this chat (the ID that placed the order). Their own data may be echoed back, e.g. to confirm an address. */
  buyer: z
    .object({
      id: z.string().min(1),
      name: z.string().min(1).optional(),
      phone: z.string().min(1).optional(),
      address: z.string().min(1).optional(),
    })
    .optional(),
  /** Orders the agent can see (from the order provider); those of other buyers must never leak. */
  orders: z
    .array(
      z.object({
        id: z.string().min(1),
        buyerId: z.string().min(1),
        receiverName: z.string().min(1).optional(),
        phone: z.string().min(1).optional(),
        address: z.string().min(1).optional(),
      }),
    )
    .optional(),
  /** The freight template for the product and the buyer's region. */
  shipping: z
    .object({
      freeShipping: z.boolean(),
      region: z.string().optional(),
    })
    .optional(),
  product: z
    .object({
      name: z.string().optional(),
      /** Units in stock; lets the fake-urgency rule tell a true "last one" from a false one. */
      stock: z.number().int().nonnegative().optional(),
      /** Whether the product has 7-day no-reason returns (the platform default is yes). */
      sevenDayReturn: z.boolean().optional(),
    })
    .optional(),
  shop: z
    .object({
      name: z.string().optional(),
      /** The shop's own wording for authenticity questions (seed 000: 自己的品牌原厂正品). */
      authenticityWording: z.string().min(1).optional(),
      /** Hosts whose links may be sent (the shop's own item pages). */
      allowedLinkHosts: z.array(z.string().min(1)).optional(),
      /** Set when a price rise has really been announced, so "明天涨价" is true. */
      priceRiseAnnounced: z.boolean().optional(),
    })
    .optional(),
});
export type LintContext = z.infer<typeof LintContextSchema>;

export const ProfileIdSchema = z.enum(['tmall', 'taobao']);
export type ProfileId = z.infer<typeof ProfileIdSchema>;

export const LintOptionsSchema = z.object({
  profile: ProfileIdSchema.default('tmall'),
  context: LintContextSchema.default({}),
  /** Shop-level overrides of the profile's severities, by rule id. */
  severities: z.record(z.string(), SeveritySchema).default({}),
  locale: LocaleSchema.default('zh'),
});
export type LintOptionsInput = z.input<typeof LintOptionsSchema>;
export type LintOptions = z.infer<typeof LintOptionsSchema>;

/** A replacement of the text between two UTF-16 offsets. */
export const EditSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Edit = z.infer<typeof EditSchema>;

export const SuggestionSchema = z.object({
  message: z.string(),
  edit: EditSchema,
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const ViolationSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  messageId: z.string(),
  message: z.string(),
  penaltyPoints: z.number().optional(),
  /** UTF-16 offsets into the linted text, end exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** 1-based line and column (column counted in characters). */
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  /** A safe automatic fix (ESLint's `fixable`). */
  fix: EditSchema.optional(),
  /** Alternatives for the agent to choose from (ESLint's `hasSuggestions`). */
  suggestions: z.array(SuggestionSchema).optional(),
});
export type Violation = z.infer<typeof ViolationSchema>;

export const LintResultSchema = z.object({
  violations: z.array(ViolationSchema),
  errorCount: z.number().int().nonnegative(),
  warningCount: z.number().int().nonnegative(),
  /** The text with every safe fix applied; present only when something was fixable. */
  fixed: z.string().optional(),
});
export type LintResult = z.infer<typeof LintResultSchema>;
