import { z } from 'zod';

const span = { text: z.string(), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() };

/** Entities found in a buyer message; `start`/`end` are offsets in the buyer's original text. */
export const EntitySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('money'), ...span, amount: z.number().nonnegative(), reduction: z.boolean() }),
  z.object({ type: z.literal('discount'), ...span, rate: z.number().positive().max(1).optional() }),
  z.object({ type: z.literal('order_id'), ...span, value: z.string() }),
  z.object({ type: z.literal('phone'), ...span, value: z.string() }),
  z.object({ type: z.literal('height'), ...span, cm: z.number().positive() }),
  z.object({
    type: z.literal('weight'),
    ...span,
    kg: z.number().positive(),
    /** Set when the buyer wrote no unit: the unit the number was read in (斤 above 75, else kg). */
    assumedUnit: z.enum(['jin', 'kg']).optional(),
  }),
  z.object({ type: z.literal('size'), ...span, value: z.string(), system: z.enum(['letter', 'number', 'free']) }),
  z.object({ type: z.literal('days'), ...span, days: z.number().nonnegative() }),
  z.object({
    type: z.literal('date'),
    ...span,
    /** today/tomorrow… as a day offset, a weekday (1 = Monday … 7 = Sunday), or a calendar day. */
    offsetDays: z.number().int().optional(),
    weekday: z.number().int().min(1).max(7).optional(),
    month: z.number().int().min(1).max(12).optional(),
    day: z.number().int().min(1).max(31).optional(),
    /** "周五前", "5号之前": a deadline rather than a day. */
    before: z.boolean(),
  }),
  z.object({ type: z.literal('courier'), ...span, name: z.string() }),
  z.object({ type: z.literal('color'), ...span, name: z.string() }),
]);
export type Entity = z.infer<typeof EntitySchema>;
export type EntityType = Entity['type'];

/** An entity as an extractor finds it: spans are positions in the normalised text. */
export type Found = Entity;
