import type { HandoffReason } from '../../flows/orchestrator.ts';
import type { Order } from '../orders/schema.ts';
import type { Product, Shop } from '../shop/schema.ts';
import type { ConversationState } from './engine.ts';
import { openPromises } from './promises.ts';
import { localDateTime } from '../shop/hours.ts';

export const HANDOFF_REASON_ZH: Record<HandoffReason, string> = {
  asked_for_human: '顾客要求人工客服',
  complaint: '顾客投诉或表示要差评',
  large_order: '大额订单，需要主管跟进',
  misunderstood: '机器人连续两次没能理解顾客',
  outside_policy: '顾客的要求超出店铺优惠政策',
};

export const ORDER_STATE_ZH: Record<Order['state'], string> = {
  unpaid: '待付款',
  paid: '已付款',
  printed: '已打单',
  shipped: '已发货',
  delivered: '已签收',
  completed: '已完成',
  refunding: '退款中',
};

function quote(text: string, max = 40): string {
  return `「${text.length > max ? `${text.slice(0, max)}…` : text}」`;
}

/**
 * One Chinese paragraph an agent can act on: who, which product and orders, what the buyer
 * asked, what the bot said, concessions granted and promises still open, and why it is handed over.
 */
export function handoffSummary(input: {
  state: ConversationState;
  shop: Shop;
  orders: Order[];
  product: Product | undefined;
  reason: HandoffReason;
}): string {
  const { state, orders, product, reason } = input;
  const parts: string[] = [`转人工原因：${HANDOFF_REASON_ZH[reason]}。买家 ${state.buyerId}`];
  if (product) parts[0] += `，正在咨询“${product.name}”（标价${product.price}元）`;
  parts[0] += '。';
  parts.push(
    orders.length > 0
      ? `订单：${orders.slice(0, 3).map((o) => `${o.id}（${ORDER_STATE_ZH[o.state]}，${o.total}元）`).join('、')}${orders.length > 3 ? ` 等${orders.length}单` : ''}。`
      : '该买家暂无订单。',
  );
  const recent = state.history.slice(-3);
  if (recent.length > 0) parts.push(`最近的消息：${recent.map((t) => quote(t.text)).join('，')}。`);
  // The reply of this very turn is the hand-off notice: the bot's last word before it is what matters.
  const lastReply = [...state.history.slice(0, -1)].reverse().find((t) => t.replies.length > 0)?.replies[0];
  if (lastReply) parts.push(`机器人上一条回复：${quote(lastReply, 60)}。`);
  if (state.concessions.length > 0) parts.push(`已给的优惠：${state.concessions.map((c) => c.reason).join('；')}。`);
  const open = openPromises(state);
  if (open.length > 0) parts.push(`待兑现的承诺：${open.map((p) => `${p.text}（${localDateTime(new Date(p.dueAt), input.shop.timezone)}前）`).join('；')}。`);
  return parts.join('');
}
