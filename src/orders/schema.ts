import { z } from 'zod';

export const OrderStateSchema = z.enum(['unpaid', 'paid', 'printed', 'shipped', 'delivered', 'completed', 'refunding']);
export type OrderState = z.infer<typeof OrderStateSchema>;

export const OrderSchema = z.object({
  id: z.string().regex(/^\d{15,20}$/, '应为订单号（15–20 位数字；19 位的订单号请加引号）'),
  buyerId: z.string().min(1),
  state: OrderStateSchema,
  items: z
    .array(
      z.object({
        productId: z.string().min(1),
        color: z.string().min(1),
        size: z.string().min(1),
        quantity: z.number().int().positive(),
        price: z.number().nonnegative(),
      }),
    )
    .min(1),
  total: z.number().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  paidAt: z.iso.datetime({ offset: true }).optional(),
  shippedAt: z.iso.datetime({ offset: true }).optional(),
  courier: z.string().optional(),
  trackingNumber: z.string().optional(),
  tracking: z.array(z.object({ at: z.iso.datetime({ offset: true }), text: z.string() })).default([]),
  receiver: z.object({ name: z.string().min(1), phone: z.string().min(1), address: z.string().min(1), region: z.string().min(1) }),
  buyerNote: z.string().optional(),
  refund: z
    .object({
      state: z.enum(['requested', 'approved', 'returned', 'refunded', 'rejected']),
      amount: z.number().nonnegative(),
      reason: z.string(),
      /** The parcel the buyer sent back (state approved/returned/refunded): never confused with the order's own tracking. */
      returnCourier: z.string().optional(),
      returnTrackingNumber: z.string().optional(),
    })
    .optional(),
});
export type Order = z.infer<typeof OrderSchema>;

/**
 * Where orders come from (the platform's API in production, a YAML file for the demo shop).
 * Every method takes the buyer: a buyer only ever sees their own orders.
 */
export interface OrderProvider {
  /** The buyer's orders, newest first. */
  ordersOf(buyerId: string): Promise<Order[]>;
  /** One order, only if it belongs to the buyer; undefined otherwise (never "exists but not yours"). */
  orderOf(buyerId: string, orderId: string): Promise<Order | undefined>;
}
