import { ORDER_STATE_ZH } from '../dialogue/summary.ts';
import { handoffReasonLabel } from '../notebooks/labels.ts';
import type { Order } from '../orders/schema.ts';
import type { Shop } from '../shop/schema.ts';
import type { ConversationRecord, StoredEvent } from '../store/types.ts';
import { storedState } from './engine-state.ts';

/**
 * What the agent page shows beside the chat: the buyer's orders (state, items, amount, the last
 * tracking events, remarks), why and how the chat was handed over (pinned while a human is
 * needed), and the concessions already granted in this conversation.
 */

export const TRACKING_EVENTS_SHOWN = 3;

export interface PanelOrder {
  id: string;
  state: Order['state'];
  stateLabel: string;
  items: { product: string; color: string; size: string; quantity: number; price: number }[];
  total: number;
  createdAt: string;
  courier: string | null;
  trackingNumber: string | null;
  /** The newest tracking events first. */
  tracking: { at: string; text: string }[];
  buyerNote: string | null;
  refund: Order['refund'] | null;
  /** Remarks the bot added to this order in the conversation. */
  remarks: string[];
}

export interface BuyerPanel {
  orders: PanelOrder[];
  handoff: { reason: string; reasonLabel: string; summary: string; at: string } | null;
  concessions: { kind: string; amount: number; reason: string; at: string }[];
}

export function buyerPanel(input: { record: ConversationRecord; orders: readonly Order[]; events: readonly StoredEvent[]; shop: Shop }): BuyerPanel {
  const { record, orders, events, shop } = input;
  const productName = (id: string): string => {
    const p = shop.products.find((x) => x.id === id);
    return p ? (p.shortName ?? p.name) : id;
  };
  const remarks = events.filter((e) => e.kind === 'remark');
  const lastHandoff = events.findLast((e) => e.kind === 'handoff');
  const needsHuman = record.owner !== 'bot';
  return {
    orders: orders.map((o) => ({
      id: o.id,
      state: o.state,
      stateLabel: ORDER_STATE_ZH[o.state],
      items: o.items.map((i) => ({ product: productName(i.productId), color: i.color, size: i.size, quantity: i.quantity, price: i.price })),
      total: o.total,
      createdAt: o.createdAt,
      courier: o.courier ?? null,
      trackingNumber: o.trackingNumber ?? null,
      tracking: [...o.tracking].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, TRACKING_EVENTS_SHOWN),
      buyerNote: o.buyerNote ?? null,
      refund: o.refund ?? null,
      remarks: remarks.filter((r) => r.data.orderId === o.id).map((r) => String(r.data.text ?? '')),
    })),
    handoff:
      needsHuman && lastHandoff
        ? {
            reason: String(lastHandoff.data.reason ?? ''),
            reasonLabel: handoffReasonLabel(String(lastHandoff.data.reason ?? '')),
            summary: String(lastHandoff.data.summary ?? ''),
            at: lastHandoff.at,
          }
        : null,
    concessions: (storedState(record)?.concessions ?? []).map((c) => ({ kind: c.kind, amount: c.amount, reason: c.reason, at: c.at })),
  };
}
