import { describe, expect, it } from 'vitest';
import type { Order } from '../orders/schema.ts';
import { cancelTakenBack, takesBackCancel } from './cancel-withdrawal.ts';

describe('takesBackCancel', () => {
  it('reads taking a cancel or refund back', () => {
    for (const text of ['那不取消了', '不退款了 照常发', '想了想还是寄过来吧', '别取消了 继续发', '不要退了']) expect(takesBackCancel(text)).toBe(true);
  });

  it('is no take-back when the message cancels (again)', () => {
    for (const text of ['还是退吧', '还是不要了', '不取消了…算了还是取消吧', '帮我取消', '发了吗']) expect(takesBackCancel(text)).toBe(false);
  });
});

describe('cancelTakenBack', () => {
  const order = { id: '1001', state: 'printed' } as Order;

  it('is the order in focus right after its cancel', () => {
    expect(cancelTakenBack('那还是发吧', 'cancel_order', order)).toBe(order);
    expect(cancelTakenBack('不退了', 'return_dislike', order)).toBe(order);
  });

  it('is nothing without a cancel just before, or once the parcel left', () => {
    expect(cancelTakenBack('那还是发吧', 'shipping_time', order)).toBeUndefined();
    expect(cancelTakenBack('那还是发吧', 'cancel_order', { ...order, state: 'shipped' } as Order)).toBeUndefined();
    expect(cancelTakenBack('那还是发吧', undefined, order)).toBeUndefined();
  });
});
