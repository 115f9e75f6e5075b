import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine } from 'xstate';
import { parseScriptsFile } from '../src/dialogue/scripts.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import { INTENT_IDS, type IntentId } from '../src/nlu/intents.ts';
import type { Order } from '../src/orders/schema.ts';
import { LOGISTICS_INTENTS, logisticsMachine, type LogisticsContext } from './logistics.ts';
import type { FlowOutput, TurnEvent } from './protocol.ts';
import { expectLintCleanReplies, testOrder, testShop, turn, replayWithRestarts } from './test-fixtures.ts';

// ---------------------------------------------------------------- the scripts library

const scripts = parseScriptsFile(readFileSync(new URL('../scripts-library/logistics.yaml', import.meta.url), 'utf8'), 'scripts-library/logistics.yaml');
const scriptById = new Map(scripts.map((s) => [s.id, s]));


const OTHER_BUYER_ORDER: Order = {
  id: '399900000000007777',
  buyerId: 'buyer-2',
  state: 'shipped',
  items: [{ productId: 'coat-01', color: '黑色', size: 'M', quantity: 1, price: 599 }],
  total: 599,
  createdAt: '2026-11-20T09:00:00+08:00',
  courier: '顺丰',
  trackingNumber: 'SF1234567890',
  tracking: [{ at: '2026-11-22T08:00:00+08:00', text: '【上海市】快件已由王芳签收' }],
  receiver: { name: '王芳', phone: '13911112222', address: '上海市浦东新区张江路1000弄5号', region: '上海' },
};


describe('scripts-library/logistics.yaml', () => {
  it('has only logistics.* ids, each with a description and at least two variants', () => {
    expect(scripts.length).toBeGreaterThan(25);
    for (const s of scripts) {
      expect(s.id).toMatch(/^logistics\./);
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.variants.length).toBeGreaterThanOrEqual(2);
    }
  });

});

// ---------------------------------------------------------------- helpers for the machine

const orderIdEntity = (value: string): Entity => ({ text: value, start: 0, end: value.length, type: 'order_id', value });

const NOW = '2026-11-23T10:00:00+08:00';

/** A test order with what logistics reads by state: paid 5 minutes after creation; shipped ones with tracking. */
function order(id: string, state: Order['state'], extra: Partial<Order> = {}): Order {
  return testOrder(id, state, {
    ...(state === 'unpaid' ? {} : { paidAt: '2026-11-23T08:05:00+08:00' }),
    ...(['shipped', 'delivered', 'completed'].includes(state)
      ? {
          courier: '中通',
          trackingNumber: `ZT${id.slice(-6)}`,
          tracking: [
            { at: '2026-11-22T08:00:00+08:00', text: '【杭州市】快件已揽收' },
            { at: '2026-11-22T20:00:00+08:00', text: '【杭州市】快件已到达杭州转运中心' },
          ],
        }
      : {}),
    ...extra,
  });
}

const shippedA = order('100000000000001111', 'shipped');
const shippedB = order('100000000000002222', 'shipped');
const paid = order('100000000000003333', 'paid');
const printed = order('100000000000004444', 'printed');
const unpaid = order('100000000000005555', 'unpaid');
const delivered = order('100000000000006666', 'delivered');

function checkOutput(out: FlowOutput, event: TurnEvent): void {
  expectLintCleanReplies(out, event, scriptById, [OTHER_BUYER_ORDER]);
}

function run(events: TurnEvent[]) {
  const actor = createActor(logisticsMachine, { input: {} }).start();
  const steps = events.map((event) => {
    actor.send(event);
    const snap = actor.getSnapshot();
    checkOutput(snap.context.out, event);
    return { value: snap.value, out: snap.context.out, context: snap.context as LogisticsContext };
  });
  return steps;
}

const one = (event: TurnEvent) => run([event])[0]!;
const ids = (out: FlowOutput) => out.replies.map((r) => r.scriptId);
const at = (orders: Order[], facts: { now?: string } = {}) => ({ facts: { orders, now: facts.now ?? NOW } });

// ---------------------------------------------------------------- scope

describe('scope', () => {
  it('answers exactly its intents; anything else is unhandled with no replies', () => {
    for (const intent of INTENT_IDS) {
      const step = one(turn(intent as IntentId, '', at([shippedA])));
      if (LOGISTICS_INTENTS.includes(intent as IntentId)) {
        expect(step.out.unhandled, intent).toBeUndefined();
        expect(step.out.replies.length, intent).toBeGreaterThan(0);
      } else {
        expect(step.out).toEqual({ replies: [], remarks: [], promises: [], concessions: [], unhandled: true });
      }
    }
  });

  it('replaces out every turn', () => {
    const steps = run([turn('not_shipped', '怎么还没发货', at([paid])), turn('confirm_receipt', '怎么确认收货', at([paid]))]);
    expect(steps[1]!.out.remarks).toEqual([]);
    expect(steps[1]!.out.promises).toEqual([]);
  });
});

// ---------------------------------------------------------------- tracking

describe('logistics_track', () => {
  it('one shipped order: courier, tracking number and the latest event', () => {
    const step = one(turn('logistics_track', '我的快递到哪了', at([shippedA, paid])));
    expect(step.value).toBe('idle');
    expect(step.out.replies).toEqual([
      { scriptId: 'logistics.track.shipped', params: { orderId: shippedA.id, courier: '中通', trackingNumber: 'ZT001111', trackingEvent: '【杭州市】快件已到达杭州转运中心' } },
    ]);
  });

  it('tracking that has not moved for two days: where it stopped, no "on its way" line; a day old is still on its way', () => {
    const stalled = one(turn('logistics_track', '包裹一直没动静啊', at([shippedA], { now: '2026-11-25T10:00:00+08:00' })));
    expect(stalled.out.replies).toEqual([
      { scriptId: 'logistics.track.stalled', params: { orderId: shippedA.id, courier: '中通', trackingNumber: 'ZT001111', trackingEvent: '【杭州市】快件已到达杭州转运中心' } },
    ]);
    // Near misses: 38 hours since the last scan is an ordinary day in transit; where it is, asked without
    // saying it is stuck, is the tracking as usual.
    expect(ids(one(turn('logistics_track', '一直不更新', at([shippedA], { now: '2026-11-24T10:00:00+08:00' }))).out)).toEqual(['logistics.track.shipped']);
    expect(ids(one(turn('logistics_track', '到哪了', at([shippedA], { now: '2026-11-25T10:00:00+08:00' }))).out)).toEqual(['logistics.track.shipped']);
  });

  it('shipped without tracking events, or without a number; the shop courier when the order has none', () => {
    const quiet = order('100000000000007777', 'shipped', { tracking: [], courier: undefined });
    expect(one(turn('logistics_track', '物流', at([quiet]))).out.replies).toEqual([
      { scriptId: 'logistics.track.shipped_no_event', params: { orderId: quiet.id, courier: testShop.shipping.courier, trackingNumber: 'ZT007777' } },
    ]);
    const noNumber = order('100000000000008888', 'shipped', { trackingNumber: undefined });
    expect(ids(one(turn('logistics_track', '物流', at([noNumber]))).out)).toEqual(['logistics.track.no_number']);
  });

  it('several shipped orders: asks which (their own ids by 尾号), then answers the next turn naming one', () => {
    const orders = [shippedA, shippedB];
    const steps = run([turn('logistics_track', '快递到哪了', at(orders)), turn('other', '2222那个', at(orders))]);
    expect(steps[0]!.value).toBe('choosingOrder');
    expect(steps[0]!.out.replies).toEqual([{ scriptId: 'logistics.track.which_order', params: { orderId: '尾号1111（羊毛呢大衣）、尾号2222（羊毛呢大衣）' } }]);
    expect(steps[0]!.context.pending).toEqual({ kind: 'choose_order', intent: 'logistics_track', orderIds: [shippedA.id, shippedB.id], address: null });
    expect(steps[1]!.value).toBe('idle');
    expect(steps[1]!.out.replies[0]).toMatchObject({ scriptId: 'logistics.track.shipped', params: { orderId: shippedB.id, trackingNumber: 'ZT002222' } });
  });

  it('several shipped orders: an order id entity answers the question too', () => {
    const orders = [shippedA, shippedB];
    const steps = run([turn('logistics_track', '快递到哪了', at(orders)), turn('logistics_track', shippedA.id, { ...at(orders), entities: [orderIdEntity(shippedA.id)] })]);
    expect(steps[1]!.value).toBe('idle');
    expect(steps[1]!.out.replies[0]!.params.orderId).toBe(shippedA.id);
  });

  it('while choosing: another logistics question is answered and the question dropped; an unrelated message is unhandled', () => {
    const orders = [shippedA, shippedB];
    const steps = run([
      turn('logistics_track', '快递到哪了', at(orders)),
      turn('confirm_receipt', '怎么确认收货', at(orders)),
      turn('logistics_track', '快递到哪了', at(orders)),
      turn('praise', '你们家衣服真好看', at(orders)),
    ]);
    expect(steps.map((s) => s.value)).toEqual(['choosingOrder', 'idle', 'choosingOrder', 'idle']);
    expect(ids(steps[1]!.out)).toEqual(['logistics.confirm_receipt.how']);
    expect(steps[3]!.out.unhandled).toBe(true);
    expect(steps[3]!.context.pending).toBeNull();
  });

  it('label printed: the number when it is asked for or where the parcel is', () => {
    const labelled = order('100000000000008888', 'printed', { courier: '中通', trackingNumber: 'ZT888888' });
    const number = one(turn('logistics_track', '查下快递单号', at([labelled])));
    expect(ids(number.out)).toEqual(['logistics.track.printed']);
    expect(number.out.replies[0]!.params).toEqual({ orderId: labelled.id, courier: '中通', trackingNumber: 'ZT888888' });
    expect(ids(one(turn('logistics_track', '發貨了嗎 單號多少', at([labelled]))).out)).toEqual(['logistics.track.printed']);
    for (const text of ['到哪了', '另外那个围巾在哪呢', 'scarf物流到哪了']) {
      expect(ids(one(turn('logistics_track', text, at([labelled]))).out), text).toEqual(['logistics.track.printed']);
    }
    // Near miss: a paid order without a label has no number to give.
    expect(ids(one(turn('logistics_track', '到哪了', at([paid]))).out)).toEqual(['logistics.track.not_shipped']);
  });

  it('label printed and whether it has left asked: the number, waiting for pickup', () => {
    const labelled = order('100000000000008888', 'printed', { courier: '中通', trackingNumber: 'ZT888888' });
    for (const text of ['我的核桃发了没？', '寄出了吗', '有没有发啊']) {
      expect(ids(one(turn('logistics_track', text, at([labelled]))).out)).toEqual(['logistics.track.printed']);
    }
    // (Where it is asked too: "not shipped yet", the number shows nothing; a paid order without a label has no number.)
    expect(ids(one(turn('logistics_track', '发货了吗，物流到哪了', at([labelled]))).out)).toEqual(['logistics.track.not_shipped']);
    expect(ids(one(turn('logistics_track', '发了没', at([paid]))).out)).toEqual(['logistics.track.not_shipped']);
  });

  it('label printed and the wait complained of ("还没发货"): the number exists, waiting for pickup', () => {
    const labelled = order('100000000000008888', 'printed', { courier: '中通', trackingNumber: 'ZT888888' });
    for (const text of ['怎么还不发货', '到现在还没寄出', '再不发我就投诉']) {
      expect(ids(one(turn('logistics_track', text, at([labelled]))).out), text).toEqual(['logistics.track.printed']);
    }
    // Near miss: a paid order without a label has no number to give.
    expect(ids(one(turn('logistics_track', '怎么还不发货', at([paid]))).out)).toEqual(['logistics.track.not_shipped']);
  });

  it('nothing shipped: says so and what happens next; unpaid; no orders → asks for the order id', () => {
    expect(ids(one(turn('logistics_track', '发货了吗', at([paid]))).out)).toEqual(['logistics.track.not_shipped']);
    expect(ids(one(turn('logistics_track', '发货了吗', at([unpaid]))).out)).toEqual(['logistics.track.unpaid']);
    expect(ids(one(turn('logistics_track', '快递到哪了', at([]))).out)).toEqual(['logistics.order.ask_id']);
    expect(ids(one(turn('logistics_track', '快递到哪了', at([order('100000000000009999', 'refunding')]))).out)).toEqual(['logistics.track.refunding']);
  });

  it('someone else’s order id: refused politely, nothing of the other buyer in the reply', () => {
    const event = turn('logistics_track', `帮我查下${OTHER_BUYER_ORDER.id}到哪了`, { ...at([shippedA]), entities: [orderIdEntity(OTHER_BUYER_ORDER.id)] });
    const step = one(event);
    expect(step.out.replies).toEqual([{ scriptId: 'logistics.order.not_own', params: {} }]);
    expect(step.out.remarks).toEqual([]);
    const dump = JSON.stringify(step.out);
    for (const secret of [OTHER_BUYER_ORDER.id, 'SF1234567890', '王芳', '13911112222', '张江路', '顺丰']) expect(dump).not.toContain(secret);
    // The same without the entity (a bare 18-digit number in the text).
    expect(ids(one(turn('logistics_track', `查一下${OTHER_BUYER_ORDER.id}`, at([shippedA]))).out)).toEqual(['logistics.order.not_own']);
  });

  it('someone else’s order id while choosing: refused, and the question stays open', () => {
    const orders = [shippedA, shippedB];
    const steps = run([
      turn('logistics_track', '快递到哪了', at(orders)),
      turn('other', OTHER_BUYER_ORDER.id, { ...at(orders), entities: [orderIdEntity(OTHER_BUYER_ORDER.id)] }),
      turn('other', '尾号1111', at(orders)),
    ]);
    expect(steps.map((s) => s.value)).toEqual(['choosingOrder', 'choosingOrder', 'idle']);
    expect(ids(steps[1]!.out)).toEqual(['logistics.order.not_own']);
    expect(steps[2]!.out.replies[0]!.params.orderId).toBe(shippedA.id);
  });
});

// ---------------------------------------------------------------- not shipped

describe('not_shipped', () => {
  it('not shipped with the label printed: the number, waiting for pickup, a remark to chase the courier', () => {
    const labelled = order('100000000000008888', 'printed', { courier: '中通', trackingNumber: 'ZT888888' });
    const step = one(turn('not_shipped', '快递单上啥也没有 是不是忘了发了', at([labelled])));
    expect(ids(step.out)).toEqual(['logistics.not_shipped.printed', 'logistics.not_shipped.expectation']);
    expect(step.out.replies[0]!.params).toEqual({ orderId: labelled.id, courier: '中通', trackingNumber: 'ZT888888' });
    expect(step.out.remarks[0]!.reason).toContain('揽收');
    // Read as tracking, the complaint is the same.
    expect(ids(one(turn('logistics_track', '到现在也没个动静 是不是忘了发了', at([labelled]))).out)[0]).toBe('logistics.not_shipped.printed');
    // Near miss: asked when it ships, no complaint — no chase of the pickup.
    expect(ids(one(turn('not_shipped', '什么时候发货', at([labelled]))).out)).not.toContain('logistics.not_shipped.printed');
    // Near miss: a printed order with no number known gets the usual three steps.
    expect(ids(one(turn('not_shipped', '怎么还没发货', at([printed]))).out)[0]).toBe('logistics.not_shipped.apologize');
  });

  it('3 steps for the newest paid/printed order, with a remark and a follow-up promise', () => {
    const step = one(turn('not_shipped', '怎么还没发货', at([shippedA, printed, paid], { now: '2026-11-24T10:00:00+08:00' })));
    expect(ids(step.out)).toEqual(['logistics.not_shipped.apologize', 'logistics.not_shipped.remark', 'logistics.not_shipped.expectation']);
    expect(step.out.replies[0]!.params).toEqual({ orderId: printed.id });
    expect(step.out.remarks).toEqual([{ orderId: printed.id, reason: '顾客催发货，请仓库优先安排发出' }]);
    expect(step.out.promises).toEqual([{ kind: 'follow_up', text: '跟进仓库发货进度并回复顾客', orderId: printed.id, dueInHours: 24 }]);
  });

  it('a chase of an order that normally leaves today (paid before the cut-off on a working day): step 3 says so from the cut-off', () => {
    // Paid 08:05, before 16:00, asked at 10:00 the same day, in other wordings of the complaint.
    for (const text of ['都付款了还不发？', '咋还没寄出来', '催一下发货']) {
      const step = one(turn('not_shipped', text, at([paid])));
      expect(ids(step.out), text).toEqual(['logistics.not_shipped.apologize', 'logistics.not_shipped.remark', 'logistics.not_shipped.expectation_today']);
      expect(step.out.replies[2]!.params).toEqual({ cutoff: '16:00' });
      expect(step.out.remarks.length).toBe(1);
    }
    // Paid yesterday after the cut-off: it normally leaves today as well.
    const lateYesterday = order('100000000000007777', 'paid', { paidAt: '2026-11-22T17:30:00+08:00' });
    expect(ids(one(turn('not_shipped', '怎么还不发货', at([lateYesterday], { now: '2026-11-23T09:30:00+08:00' }))).out)[2]).toBe('logistics.not_shipped.expectation_today');
  });

  it('near misses: paid after today\'s cut-off, or the dispatch day has passed: no day, only 尽快', () => {
    const afterCutoff = order('100000000000008888', 'paid', { paidAt: '2026-11-23T17:00:00+08:00' });
    expect(ids(one(turn('not_shipped', '怎么还不发货', at([afterCutoff], { now: '2026-11-23T18:00:00+08:00' }))).out)[2]).toBe('logistics.not_shipped.expectation');
    expect(ids(one(turn('not_shipped', '怎么还不发货', at([paid], { now: '2026-11-25T10:00:00+08:00' }))).out)[2]).toBe('logistics.not_shipped.expectation');
  });

  it('the same-day expectation states the cut-off rule as normal practice (正常), never as a promise', () => {
    const s = scriptById.get('logistics.not_shipped.expectation_today')!;
    for (const v of s.variants) {
      expect(v).toMatch(/\{cutoff\}前付款/);
      expect(v).toMatch(/正常今天可以发出/);
      expect(v).not.toMatch(/保证|肯定|一定|今天发货/);
    }
  });

  it('the expectation says 正常情况下 / 尽快 and never a date', () => {
    const s = scriptById.get('logistics.not_shipped.expectation')!;
    for (const v of s.variants) {
      expect(v).toMatch(/正常情况下/);
      expect(v).toMatch(/尽快/);
      expect(v).not.toMatch(/今天|明天|后天|\d+天/);
    }
  });

  it('complained of minutes after paying: on schedule, no apology, no remark; half a day later: the chase', () => {
    const fresh = order('100000000000007779', 'paid', { paidAt: '2026-11-23T09:50:00+08:00' });
    for (const text of ['为啥还不发货', '到底什么时候发！！']) {
      const step = one(turn('not_shipped', text, at([fresh])));
      expect(ids(step.out), text).toEqual(['logistics.not_shipped.on_schedule']);
      expect(step.out.remarks).toEqual([]);
    }
    // Near miss: paid at 08:05, two hours before — the apology and the remark.
    expect(ids(one(turn('not_shipped', '为啥还不发货', at([paid]))).out)[0]).toBe('logistics.not_shipped.apologize');
  });

  it('"还没寄吧" assumed or "一起发" asked: no complaint of the wait', () => {
    for (const text of ['那单应该还没寄出吧 跟新买的合并发行吗', '能不能和刚拍的一块发']) {
      expect(ids(one(turn('not_shipped', text, at([paid]))).out), text).toEqual(['logistics.not_shipped.on_schedule']);
    }
    // Near miss: "还没发" without 吧 is the complaint.
    expect(ids(one(turn('not_shipped', '那单还没寄出 能一起发吗', at([paid]))).out)[0]).toBe('logistics.not_shipped.apologize');
  });

  it('asked (not complained) while the order is within its normal dispatch time: the day, no apology, no remark, no promise', () => {
    // Paid 08:05, before the 16:00 cut-off: it normally leaves today.
    const today = one(turn('not_shipped', '什么时候发呀', at([paid])));
    expect(ids(today.out)).toEqual(['logistics.not_shipped.on_schedule']);
    expect(today.out.replies[0]!.params).toMatchObject({ orderId: paid.id, day: '今天', cutoff: '16:00' });
    expect(today.out.remarks).toEqual([]);
    expect(today.out.promises).toEqual([]);
    // Paid after the cut-off: tomorrow.
    const late = order('100000000000007777', 'paid', { paidAt: '2026-11-22T17:30:00+08:00' });
    expect(one(turn('not_shipped', '发了没', at([late], { now: '2026-11-22T18:00:00+08:00' }))).out.replies[0]!.params).toMatchObject({ day: '明天' });
    // The day has passed: the three steps.
    expect(ids(one(turn('not_shipped', '发了没', at([late], { now: '2026-11-24T10:00:00+08:00' }))).out)[0]).toBe('logistics.not_shipped.apologize');
    // A complaint gets the apology, the remark and the chase even on schedule.
    for (const text of ['怎么还不发货', '搞什么！！到现在不发', '快点发 急用']) {
      expect(ids(one(turn('not_shipped', text, at([paid]))).out)[0], text).toBe('logistics.not_shipped.apologize');
    }
  });

  it.each([
    ['not_shipped', ['怎么还没发货', '国庆发货吗'], 'logistics.not_shipped.closed', ['logistics.not_shipped.apologize']],
    ['urgent_delivery', ['急用 最快什么时候发', '能不能加急发'], 'logistics.urgent.closed', ['logistics.urgent.check', 'logistics.urgent.remark', 'logistics.urgent.expectation']],
  ] as const)('%s on a day the shop does not ship: why and the day shipping resumes, no remark, no promise', (intent, texts, closedScript, workingDay) => {
    const beforeHoliday = order('100000000000007778', 'paid', { paidAt: '2026-09-30T18:00:00+08:00' });
    for (const text of texts) {
      const step = one(turn(intent, text, at([beforeHoliday], { now: '2026-10-03T10:00:00+08:00' })));
      expect(ids(step.out), text).toEqual([closedScript]);
      expect(step.out.replies[0]!.params, text).toMatchObject({ orderId: beforeHoliday.id, day: '10月8日' });
      expect(String(step.out.replies[0]!.params.closure), text).toContain('国庆');
      expect(step.out.remarks, text).toEqual([]);
      expect(step.out.promises, text).toEqual([]);
    }
    // Near miss: the first working day after it is an ordinary day — the usual steps.
    expect(ids(one(turn(intent, texts[0], at([beforeHoliday], { now: '2026-10-09T10:00:00+08:00' }))).out).slice(0, workingDay.length)).toEqual([...workingDay]);
  });

  it('unpaid order; already shipped → tracking; no orders → asks for the order id; someone else’s id → refused', () => {
    expect(ids(one(turn('not_shipped', '还没发货', at([unpaid]))).out)).toEqual(['logistics.not_shipped.unpaid']);
    expect(ids(one(turn('not_shipped', '还没发货', at([shippedA]))).out)).toEqual(['logistics.track.shipped']);
    expect(ids(one(turn('not_shipped', '还没发货', at([]))).out)).toEqual(['logistics.order.ask_id']);
    expect(ids(one(turn('not_shipped', '还没发货', { ...at([paid]), entities: [orderIdEntity(OTHER_BUYER_ORDER.id)] })).out)).toEqual(['logistics.order.not_own']);
  });
});

describe('cancel_order of one item, and the refund reason', () => {
  const twoItems = order('100000000000009999', 'paid', {
    items: [
      { productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 },
      { productId: 'scarf-01', color: '灰色', size: '均码', quantity: 1, price: 129 },
    ],
  });
  it('only the named item is cancelled: remarked for that item, the rest ships', () => {
    const step = one(turn('cancel_order', '大衣不要了', at([twoItems])));
    expect(ids(step.out)).toEqual(['logistics.cancel.item']);
    expect(step.out.remarks[0]!.reason).toContain('其余宝贝正常发货');
    // Nothing named, or a one-product order: the whole order.
    const none = turn('cancel_order', '不要了', at([twoItems]));
    delete none.facts.product;
    expect(ids(one(none).out)).toEqual(['logistics.cancel.paid']);
    expect(ids(one(turn('cancel_order', '大衣不要了', at([paid]))).out)).toEqual(['logistics.cancel.paid']);
  });
  it('the item given up, not the one kept, whichever the turn talks about', () => {
    const coatName = testShop.products.find((p) => p.id === 'coat-01')!.name;
    const scarfName = testShop.products.find((p) => p.id === 'scarf-01')!.name;
    // The scarf is the product talked about, the coat the one given up.
    for (const text of ['围巾还要 大衣不要了', '只要围巾 大衣取消', '大衣退掉 围巾照常发']) {
      const talkedAboutScarf = turn('cancel_order', text, { ...at([twoItems]), facts: { ...at([twoItems]).facts, product: testShop.products.find((p) => p.id === 'scarf-01')! } });
      const step = one(talkedAboutScarf);
      expect(step.out.remarks[0]!.reason, text).toContain(coatName);
      expect(step.out.remarks[0]!.reason, text).not.toContain(`取消${scarfName}`);
    }
  });
  it('which refund reason to choose: a harmless one, nothing remarked again', () => {
    const step = one(turn('cancel_order', '退款原因选啥', at([paid])));
    expect(ids(step.out)).toEqual(['logistics.cancel.reason']);
    expect(step.out.remarks).toEqual([]);
    for (const v of scriptById.get('logistics.cancel.reason')!.variants) expect(v).toMatch(/不想要|拍错/);
    // The buyer in the middle ("原因我选什么", "理由我们该填啥"); near miss: why it was refused is no reason to pick.
    for (const text of ['退款原因我选什么', '理由我们该填啥']) expect(ids(one(turn('cancel_order', text, at([paid]))).out), text).toEqual(['logistics.cancel.reason']);
    expect(ids(one(turn('cancel_order', '为什么不给我退 什么原因', at([paid]))).out)).not.toEqual(['logistics.cancel.reason']);
  });
});

describe('order_change as buyers change their minds', () => {
  const jeans = { ...testShop.products[0]!, id: 'jeans-01', name: '高腰牛仔裤', sizeChart: undefined, skus: [
    { color: '深蓝色', size: '27', stock: 3 }, { color: '深蓝色', size: '28', stock: 3 }, { color: '深蓝色', size: '29', stock: 3 },
    { color: '浅蓝色', size: '27', stock: 3 }, { color: '浅蓝色', size: '28', stock: 3 }, { color: '浅蓝色', size: '29', stock: 0 },
  ] };
  const shop = { ...testShop, products: [...testShop.products, jeans] };
  const fresh = order('100000000000007070', 'paid', { paidAt: '2026-11-23T09:50:00+08:00', items: [{ productId: 'jeans-01', color: '深蓝色', size: '27', quantity: 1, price: 229 }] });
  const ask = (text: string, entities: Entity[] = []) => turn('order_change', text, { ...at([fresh]), entities, facts: { orders: [fresh], now: NOW, shop, product: jeans } });
  it('a bare number that is one of the product’s sizes is the size wanted (27改28)', () => {
    const step = one(ask('牛仔裤拍错码了 27改28'));
    expect(step.out.remarks[0]!.reason).toContain('深蓝色 28码');
  });
  it('each change starts from the last one: the colour keeps the size just changed, the size keeps the colour', () => {
    const [, colour, size] = run([ask('27改28'), ask('颜色也换浅蓝吧', [{ type: 'color', text: '浅蓝', start: 4, end: 6, name: '浅蓝色' } as Entity]), ask('等等 还是29吧')]);
    expect(colour!.out.remarks[0]!.reason).toContain('浅蓝色 28码');
    // 浅蓝 29 is out of stock: said, nothing remarked.
    expect(ids(size!.out)).toEqual(['logistics.order_change.out_of_stock']);
    expect(size!.out.remarks).toEqual([]);
  });
  it('the size kept after a change ("尺码还是28不变", "码数不用改", the same change again) is confirmed, nothing remarked again', () => {
    const blue = [{ type: 'color', text: '浅蓝', start: 4, end: 6, name: '浅蓝色' } as Entity];
    for (const [text, entities] of [['尺码还是28不变', []], ['码数不用改', []], ['保持原来的尺码', []], ['就改浅蓝28', blue]] as const) {
      const [, kept] = run([ask('27改28 颜色换浅蓝', blue), ask(text, [...entities])]);
      expect(ids(kept!.out), text).toEqual(['logistics.order_change.kept']);
      expect(kept!.out.replies[0]!.params, text).toEqual({ orderId: fresh.id, variant: '浅蓝色 28码' });
      expect(kept!.out.remarks, text).toEqual([]);
      expect(kept!.out.promises, text).toEqual([]);
    }
  });
  it('near misses: another size after the change is a new change; "尺码不变" with nothing changed yet asks what to change', () => {
    const [, other] = run([ask('27改28'), ask('还是改成27吧')]);
    expect(ids(other!.out)).toEqual(['logistics.order_change.remarked']);
    expect(other!.out.remarks[0]!.reason).toContain('深蓝色 27码');
    expect(ids(one(ask('尺码不变')).out)).toEqual(['logistics.order_change.ask_variant']);
  });
  it('the variant the order already holds, nothing changed yet ("就要深蓝27不用动"): confirmed unchanged, nothing remarked', () => {
    const step = one(ask('就要深蓝27 不用动'));
    expect(ids(step.out)).toEqual(['logistics.order_change.unchanged']);
    expect(step.out.replies[0]!.params).toEqual({ orderId: fresh.id, product: '高腰牛仔裤', variant: '深蓝色 27码' });
    expect(step.out.remarks).toEqual([]);
    expect(step.out.promises).toEqual([]);
    // Near miss: another size of the same colour is a change.
    expect(ids(one(ask('深蓝28吧')).out)).toEqual(['logistics.order_change.remarked']);
  });
});

// ---------------------------------------------------------------- urgent delivery

describe('urgent_delivery', () => {
  it('3 steps (stock and warehouse, 加急 remark, 尽快/尽力), the remark and a follow-up recorded', () => {
    // Paid after yesterday's cut-off, asked this afternoon after today's: no day to state, only 尽快.
    const late = order('100000000000007778', 'paid', { paidAt: '2026-11-23T16:30:00+08:00' });
    const step = one(turn('urgent_delivery', '急用能快点发吗', at([late], { now: '2026-11-23T17:00:00+08:00' })));
    expect(ids(step.out)).toEqual(['logistics.urgent.check', 'logistics.urgent.remark', 'logistics.urgent.expectation']);
    expect(step.out.remarks).toEqual([{ orderId: late.id, reason: '顾客急用，加急，请仓库优先安排发出' }]);
    expect(step.out.promises.map((p) => p.kind)).toEqual(['remark', 'follow_up']);
    for (const v of scriptById.get('logistics.urgent.expectation')!.variants) expect(v).toMatch(/尽快|尽力/);
  });

  it('urgent about an order that normally leaves today: step 3 states the cut-off rule, still with the 加急 remark', () => {
    for (const text of ['今天能寄出吗 着急穿', '急！当天能发不']) {
      const step = one(turn('urgent_delivery', text, at([paid])));
      expect(ids(step.out), text).toEqual(['logistics.urgent.check', 'logistics.urgent.remark', 'logistics.not_shipped.expectation_today']);
      expect(step.out.remarks).toHaveLength(1);
    }
    // Near misses: not paid yet — nothing leaves today; or today's dispatch not asked (明天到 is no day to state).
    expect(ids(one(turn('urgent_delivery', '今天能发吗 急用', at([unpaid]))).out)[2]).toBe('logistics.urgent.expectation');
    expect(ids(one(turn('urgent_delivery', '急用 能明天到吗', at([paid]))).out)[2]).toBe('logistics.urgent.expectation');
  });

  it('unpaid order, shipped order (chase the courier), no order at all', () => {
    expect(ids(one(turn('urgent_delivery', '急用', at([unpaid]))).out)[0]).toBe('logistics.urgent.check_unpaid');
    const shipped = one(turn('urgent_delivery', '急用', at([shippedA])));
    expect(shipped.out.replies).toEqual([{ scriptId: 'logistics.urgent.shipped', params: { orderId: shippedA.id, courier: '中通' } }]);
    expect(shipped.out.promises).toHaveLength(1);
    const none = one(turn('urgent_delivery', '急用', at([])));
    expect(ids(none.out)).toEqual(['logistics.urgent.before_order']);
    expect(none.out.remarks).toEqual([]);
  });

  it('a parcel already out for delivery: said so with its latest event, the courier chased', () => {
    const event = '【杭州市】文三路网点 快递员 正在派件';
    const delivering = order('100000000000007777', 'shipped', { tracking: [{ at: '2026-11-23T08:00:00+08:00', text: event }] });
    const step = one(turn('urgent_delivery', '明天要穿 能不能快点送', at([delivering])));
    expect(step.out.replies).toEqual([{ scriptId: 'logistics.urgent.out_for_delivery', params: { orderId: delivering.id, courier: '中通', trackingEvent: event } }]);
    expect(step.out.remarks).toHaveLength(1);
    for (const v of scriptById.get('logistics.urgent.out_for_delivery')!.variants) expect(v).toContain('派');
  });
});

// ---------------------------------------------------------------- signed but not received

describe('delivery_delay: what if it is lost', () => {
  it('checked with the courier, resent or refunded at our cost — no remark, no promise it arrives', () => {
    const step = one(turn('delivery_delay', '要是寄丢了呢', at([shippedA])));
    expect(ids(step.out)).toEqual(['logistics.delay.if_lost']);
    expect(step.out.remarks).toEqual([]);
    for (const v of scriptById.get('logistics.delay.if_lost')!.variants) expect(v).not.toMatch(/保证|一定|肯定/);
  });
});

describe('signed_not_received', () => {
  it('what if it is never found: resent or refunded once checked; a loss reported outright is checked first', () => {
    for (const text of ['万一真找不回来了怎么办', '如果快递丢了你们补不补']) {
      expect(ids(one(turn('signed_not_received', text, at([delivered]))).out), text).toEqual(['logistics.signed.if_lost']);
    }
    // Near miss: nothing supposed — the usual check nearby and the courier contacted.
    expect(ids(one(turn('signed_not_received', '显示签收了 东西找不着了', at([delivered]))).out)).not.toContain('logistics.signed.if_lost');
    for (const v of scriptById.get('logistics.signed.if_lost')!.variants) expect(v).toMatch(/补发/);
  });

  it('neighbours / lockers / 代收点, the courier checked, a follow-up due in 24h', () => {
    const step = one(turn('signed_not_received', '显示签收了但我没收到', at([delivered])));
    expect(ids(step.out)).toEqual(['logistics.signed.record', 'logistics.signed.check_nearby', 'logistics.signed.contact_courier']);
    // The record says who signed (前台, 快递柜 …): the buyer knows where to ask.
    expect(step.out.replies[0]!.params).toEqual({ orderId: delivered.id, trackingEvent: '【杭州市】快件已到达杭州转运中心' });
    expect(step.out.replies[2]!.params).toEqual({ orderId: delivered.id, courier: '中通' });
    expect(step.out.promises).toEqual([{ kind: 'follow_up', text: '联系快递核实签收情况并回复顾客', orderId: delivered.id, dueInHours: 24 }]);
    for (const v of scriptById.get('logistics.signed.check_nearby')!.variants) expect(v).toMatch(/快递柜|代收点/);
  });

  it('asked again, or after looking already: the courier is being asked — no second list of places, remarked and promised once', () => {
    const [first, again] = run([turn('signed_not_received', '显示签收了但我没收到', at([delivered])), turn('signed_not_received', '問過前台了 沒有', at([delivered]))]);
    expect(first!.out.remarks).toHaveLength(1);
    expect(ids(again!.out)).toEqual(['logistics.signed.checking']);
    expect(again!.out.remarks).toEqual([]);
    expect(again!.out.promises).toEqual([]);
    // Looked already in the first message: the record and the check, remarked once.
    const looked = one(turn('signed_not_received', '显示放快递柜了 可是我去找了没有', at([delivered])));
    expect(ids(looked.out)).toEqual(['logistics.signed.record', 'logistics.signed.checking']);
    expect(looked.out.remarks).toHaveLength(1);
  });

  it('the pickup code asked for or its SMS lost: where to find it, the record says where it is, the courier asked to resend — no list of places', () => {
    for (const text of ['取件码多少啊 短信找不到了', '取件碼是多少', '快递柜的短信删了 取不出来']) {
      const step = one(turn('signed_not_received', text, at([delivered])));
      expect(ids(step.out)).toEqual(['logistics.signed.record', 'logistics.signed.pickup_code']);
      expect(step.out.remarks).toEqual([]);
      expect(step.out.promises).toHaveLength(1);
    }
  });

  it('a locker\'s code or SMS without the word 取件码, or the code asked for: where the code is found', () => {
    for (const text of ['放驿站了 短信我删了', '丰巢柜子那个码在哪看', '那你把码发我吧']) {
      expect(ids(one(turn('signed_not_received', text, at([delivered]))).out), text).toContain('logistics.signed.pickup_code');
    }
    // Near miss: the order's number asked for is no locker code.
    expect(ids(one(turn('signed_not_received', '签收了 但我没拿到 单号多少', at([delivered]))).out)).not.toContain('logistics.signed.pickup_code');
  });

  it('the code never come, asked after, or how to take the parcel out: where the code is found — nobody is told they already looked', () => {
    for (const text of ['显示被快递柜代收了 可是我没收到取件码啊', '取件码呢', '到底怎么取', '一直没有取件码']) {
      const step = one(turn('signed_not_received', text, at([delivered])));
      expect(ids(step.out), text).toContain('logistics.signed.pickup_code');
      expect(ids(step.out), text).not.toContain('logistics.signed.checking');
    }
    // Near misses: the parcel itself not found nearby is the courier's to check; a code found is no question.
    expect(ids(one(turn('signed_not_received', '问过门卫了 没有', at([delivered]))).out)).toContain('logistics.signed.checking');
    expect(ids(one(turn('signed_not_received', '显示签收了 我没收到', at([delivered]))).out)).not.toContain('logistics.signed.pickup_code');
  });

  it('which locker or station it was left at, asked after the case: read off the tracking record, nothing promised again', () => {
    const [, where] = run([turn('signed_not_received', '显示签收了但我没收到', at([delivered])), turn('signed_not_received', '是放哪个驿站了', at([delivered]))]);
    expect(where!.out.replies).toEqual([{ scriptId: 'logistics.signed.where_left', params: { orderId: delivered.id, trackingEvent: '【杭州市】快件已到达杭州转运中心' } }]);
    expect(where!.out.promises).toEqual([]);
    // Near miss: asked in the first message, the case is opened as usual (nearby places, the courier asked).
    expect(ids(one(turn('signed_not_received', '签收了没收到 放柜子了吗', at([delivered]))).out)).not.toContain('logistics.signed.where_left');
  });

  it('no shipped order → asks for the order id; a named unshipped order, or the order of the product talked about → where it is', () => {
    const aboutNothing = turn('signed_not_received', '没收到', at([paid]));
    delete aboutNothing.facts.product;
    expect(ids(one(aboutNothing).out)).toEqual(['logistics.order.ask_id']);
    expect(ids(one(turn('signed_not_received', '大衣没收到', at([paid]))).out)).toEqual(['logistics.track.not_shipped']);
    expect(ids(one(turn('signed_not_received', '没收到', { ...at([paid]), entities: [orderIdEntity(paid.id)] })).out)).toEqual(['logistics.track.not_shipped']);
  });
});

// ---------------------------------------------------------------- delivery delay

describe('delivery_delay', () => {
  it('says where the parcel stopped, in other wordings; with no tracking record, only the chase', () => {
    for (const text of ['快递怎么一直不动', '包裹卡住好几天了', '物流三天没更新了']) {
      expect(ids(one(turn('delivery_delay', text, at([shippedA]))).out)).toContain('logistics.delay.stuck_at');
    }
    const silent = order('100000000000008888', 'shipped', { tracking: [] });
    expect(ids(one(turn('delivery_delay', '物流好几天没动了', at([silent]))).out)).toEqual(['logistics.delay.apologize', 'logistics.delay.chase']);
  });

  it('why it passes another city: the courier\'s transit route and where it is now, no promise', () => {
    for (const text of ['为啥绕到郑州去了', '我在广州 怎么到武汉了？']) {
      const step = one(turn('delivery_delay', text, at([shippedA])));
      expect(ids(step.out), text).toEqual(['logistics.delay.route']);
      expect(step.out.replies[0]!.params).toEqual({ courier: '中通', trackingEvent: '【杭州市】快件已到达杭州转运中心' });
    }
    // Near miss: where it is, no route asked — the stall and the chase.
    expect(ids(one(turn('delivery_delay', '怎么还在杭州 好几天了', at([shippedA]))).out)).toContain('logistics.delay.chase');
    for (const v of scriptById.get('logistics.delay.route')!.variants) expect(v).not.toMatch(/保证|一定|肯定|明天/);
  });

  it('apologises, chases the courier (remark + follow-up), no arrival promise', () => {
    const step = one(turn('delivery_delay', '物流好几天没动了', at([shippedA])));
    expect(ids(step.out)).toEqual(['logistics.delay.apologize', 'logistics.delay.stuck_at', 'logistics.delay.chase']);
    expect(step.out.replies[1]!.params).toEqual({ trackingEvent: '【杭州市】快件已到达杭州转运中心' });
    expect(step.out.remarks).toEqual([{ orderId: shippedA.id, reason: '顾客反馈物流延误，已联系快递催促' }]);
    expect(step.out.promises).toHaveLength(1);
  });

  it('not shipped yet → the not-shipped steps; no order → asks for it', () => {
    expect(ids(one(turn('delivery_delay', '怎么这么慢', at([paid]))).out)[0]).toBe('logistics.not_shipped.apologize');
    expect(ids(one(turn('delivery_delay', '怎么这么慢', at([]))).out)).toEqual(['logistics.order.ask_id']);
  });
});

// ---------------------------------------------------------------- address change

describe('address_change', () => {
  const NEW = '浙江省杭州市滨江区江南大道588号';
  const paidAt = (minutesAgo: number) => new Date(Date.parse(NOW) - minutesAgo * 60000).toISOString();

  it('"那单也改一下" right after an address was given: that address for the other order; no address given, it is asked', () => {
    const recent = order('100000000000003335', 'paid', { paidAt: paidAt(10) });
    const steps = run([turn('address_change', `没付的那单地址改成${NEW}`, at([unpaid])), turn('address_change', '另外一单也帮我改下', at([recent]))]);
    expect(steps[1]!.out.remarks).toEqual([{ orderId: recent.id, reason: `顾客申请修改收货地址为：${NEW}` }]);
    // Near misses: nothing said of the same change, or no address given before.
    expect(ids(run([turn('address_change', `地址改成${NEW}`, at([unpaid])), turn('address_change', '那单地址要改', at([recent]))])[1]!.out)).toEqual(['logistics.address_change.ask_address']);
    expect(ids(one(turn('address_change', '那单也改一下', at([recent]))).out)).toEqual(['logistics.address_change.ask_address']);
  });

  it('unpaid: the buyer changes it on the order page', () => {
    expect(one(turn('address_change', '地址写错了', at([unpaid]))).out.replies).toEqual([{ scriptId: 'logistics.address_change.unpaid', params: { orderId: unpaid.id } }]);
  });

  it('paid ≤ 30 minutes ago: a remark with the new address from the text', () => {
    const o = order('100000000000003334', 'paid', { paidAt: paidAt(30) });
    const step = one(turn('address_change', `地址改成${NEW}`, at([o])));
    expect(step.out.replies).toEqual([{ scriptId: 'logistics.address_change.remarked', params: { orderId: o.id, address: NEW } }]);
    expect(step.out.remarks).toEqual([{ orderId: o.id, reason: `顾客申请修改收货地址为：${NEW}` }]);
    expect(step.out.promises).toEqual([]);
  });

  it('one number of the order\'s address corrected ("不是100号 是102号"): the order\'s address with it replaced is remarked', () => {
    const o = order('100000000000003336', 'paid', { paidAt: paidAt(10) });
    const fixed = '浙江省杭州市西湖区文三路102号';
    const step = one(turn('address_change', '地址门牌写错了 不是100号 是102号', at([o])));
    expect(step.out.replies).toEqual([{ scriptId: 'logistics.address_change.remarked', params: { orderId: o.id, address: fixed } }]);
    expect(step.out.remarks).toEqual([{ orderId: o.id, reason: `顾客申请修改收货地址为：${fixed}` }]);
    // Near miss: a number the address does not hold is no correction of it — the whole address asked for.
    expect(ids(one(turn('address_change', '地址写错了 是102号不是101号', at([o]))).out)).toEqual(['logistics.address_change.ask_address']);
  });

  it('paid > 30 minutes ago, or printed: a note for the warehouse and a follow-up promise', () => {
    const o = order('100000000000003335', 'paid', { paidAt: paidAt(31) });
    for (const which of [o, printed]) {
      const step = one(turn('address_change', `帮我把地址换成${NEW}`, at([which])));
      expect(step.out.replies).toEqual([{ scriptId: 'logistics.address_change.warehouse', params: { orderId: which.id, address: NEW } }]);
      expect(step.out.remarks[0]!.reason).toContain(NEW);
      expect(step.out.promises).toEqual([{ kind: 'follow_up', text: '跟进仓库修改收货地址并回复顾客', orderId: which.id, dueInHours: 24 }]);
    }
  });

  it('only the phone changes: remarked with the full number, the reply masks it', () => {
    const fresh = order('100000000000003337', 'paid', { paidAt: paidAt(5) });
    const step = one(turn('address_change', '收件电话错了 改成13700001111', at([fresh])));
    expect(step.out.replies).toEqual([{ scriptId: 'logistics.address_change.phone_remarked', params: { orderId: fresh.id, phone: '137****1111' } }]);
    expect(step.out.remarks).toEqual([{ orderId: fresh.id, reason: '顾客申请修改收货电话为：13700001111' }]);
    const late = one(turn('address_change', '号码写错一位 是13700001111', at([printed])));
    expect(ids(late.out)).toEqual(['logistics.address_change.phone_warehouse']);
    expect(late.out.promises[0]!.text).toBe('跟进仓库修改收货电话为137****1111并回复顾客');
  });

  it('a number with no word for the phone is no phone change: the address is asked for', () => {
    const fresh = order('100000000000003338', 'paid', { paidAt: paidAt(5) });
    expect(ids(one(turn('address_change', '改一下 13700001111', at([fresh]))).out)).toEqual(['logistics.address_change.ask_address']);
  });

  it('unpaid, another quantity wanted: ordered again in that quantity, no remark; a variant change keeps its script', () => {
    for (const text of ['改成两件吧', '只要1盒就行']) {
      const step = one(turn('order_change', text, at([unpaid])));
      expect(ids(step.out), text).toEqual(['logistics.order_change.unpaid_quantity']);
      expect(step.out.remarks).toEqual([]);
    }
    // Near miss: a colour, not a quantity.
    expect(ids(one(turn('order_change', '换成两种颜色里的黑色', at([unpaid]))).out)).toEqual(['logistics.order_change.unpaid']);
  });

  it('shipped: cannot change, offers courier redirection; delivered and refunding too', () => {
    expect(one(turn('address_change', '还能改地址吗', at([shippedA]))).out.replies).toEqual([
      { scriptId: 'logistics.address_change.shipped', params: { orderId: shippedA.id, courier: '中通' } },
      { scriptId: 'logistics.address_change.redirect_offer', params: {} },
    ]);
    // The new address already given: the redirect asked of the courier, the address not asked again.
    for (const text of [`地址改成${NEW}`, `搬家了 新地址${NEW}`]) {
      const step = one(turn('address_change', text, at([shippedA])));
      expect(ids(step.out), text).toEqual(['logistics.address_change.shipped', 'logistics.address_change.redirect_asked']);
      expect(step.out.promises).toHaveLength(1);
    }
    expect(ids(one(turn('address_change', '改地址', at([delivered]))).out)).toEqual(['logistics.address_change.delivered']);
    expect(ids(one(turn('address_change', '改地址', at([order('100000000000009998', 'refunding')]))).out)).toEqual(['logistics.address_change.refunding']);
  });

  it('shipped: the address sent after the redirect offer is the one the courier is asked to redirect to', () => {
    const steps = run([turn('address_change', '寄出去了还能改地址吗', at([shippedA])), turn('address_change', NEW, at([shippedA]))]);
    expect(ids(steps[1]!.out)).toEqual(['logistics.address_change.shipped', 'logistics.address_change.redirect_asked']);
    expect(steps[1]!.out.replies[1]!.params).toEqual({ courier: '中通', address: NEW });
    expect(steps[1]!.out.promises).toHaveLength(1);
    // Near miss: something else said after the offer asks no redirect.
    const other = run([turn('address_change', '寄出去了还能改地址吗', at([shippedA])), turn('thanks_bye', '算了 不改了 谢谢', at([shippedA]))]);
    expect(other[1]!.out.promises).toEqual([]);
  });

  it('no address in the message: asks for it, then the next message with the address completes the change', () => {
    const o = order('100000000000003336', 'paid', { paidAt: paidAt(10) });
    const steps = run([turn('address_change', '我想改下地址', at([o])), turn('other', NEW, at([o]))]);
    expect(steps[0]!.value).toBe('awaitingAddress');
    expect(ids(steps[0]!.out)).toEqual(['logistics.address_change.ask_address']);
    expect(steps[1]!.value).toBe('idle');
    expect(steps[1]!.out.replies).toEqual([{ scriptId: 'logistics.address_change.remarked', params: { orderId: o.id, address: NEW } }]);
  });

  it('while waiting for the address: another logistics question is answered; an unrelated message is unhandled', () => {
    const steps = run([
      turn('address_change', '我想改下地址', at([paid])),
      turn('confirm_receipt', '怎么确认收货', at([paid])),
      turn('address_change', '我想改下地址', at([paid])),
      turn('thanks_bye', '好的谢谢', at([paid])),
    ]);
    expect(steps.map((s) => s.value)).toEqual(['awaitingAddress', 'idle', 'awaitingAddress', 'idle']);
    expect(steps[3]!.out.unhandled).toBe(true);
  });

  it('several orders: asks which, keeps the new address, and changes the chosen one', () => {
    const orders = [printed, paid];
    const steps = run([turn('address_change', `地址改为${NEW}`, at(orders)), turn('other', '3333', at(orders))]);
    expect(steps[0]!.value).toBe('choosingOrder');
    expect(steps[0]!.out.replies).toEqual([{ scriptId: 'logistics.address_change.which_order', params: { orderId: '尾号4444（羊毛呢大衣）、尾号3333（羊毛呢大衣）' } }]);
    expect(steps[1]!.value).toBe('idle');
    expect(steps[1]!.out.replies).toEqual([{ scriptId: 'logistics.address_change.warehouse', params: { orderId: paid.id, address: NEW } }]);
  });

  it('only the buyer’s own order: someone else’s id is refused and nothing is remarked', () => {
    const step = one(turn('address_change', `把${OTHER_BUYER_ORDER.id}的地址改成${NEW}`, { ...at([paid]), entities: [orderIdEntity(OTHER_BUYER_ORDER.id)] }));
    expect(step.out).toEqual({ replies: [{ scriptId: 'logistics.order.not_own', params: {} }], remarks: [], promises: [], concessions: [] });
  });

  it('no order at all: asks for the order id', () => {
    expect(ids(one(turn('address_change', '改地址', at([]))).out)).toEqual(['logistics.order.ask_id']);
  });
});

// ---------------------------------------------------------------- confirm receipt

describe('confirm_receipt', () => {
  it('explains how to confirm receipt on Taobao / Tmall', () => {
    const step = one(turn('confirm_receipt', '怎么确认收货', at([delivered])));
    expect(step.out.replies).toEqual([{ scriptId: 'logistics.confirm_receipt.how', params: {} }]);
    for (const v of scriptById.get('logistics.confirm_receipt.how')!.variants) expect(v).toMatch(/确认收货/);
  });
});

// ---------------------------------------------------------------- persistence

describe('persistence', () => {
  const orders = [shippedA, shippedB, paid];
  const conversation: TurnEvent[] = [
    turn('logistics_track', '快递到哪了', at(orders)),
    turn('other', OTHER_BUYER_ORDER.id, { ...at(orders), entities: [orderIdEntity(OTHER_BUYER_ORDER.id)] }),
    turn('other', '2222', at(orders)),
    turn('address_change', '我想改地址', { ...at(orders), entities: [orderIdEntity(paid.id)] }),
    turn('other', '浙江省杭州市滨江区江南大道588号', at(orders)),
    turn('urgent_delivery', '急用', at(orders)),
    turn('complaint', '太慢了', at(orders)),
    turn('confirm_receipt', '怎么确认收货', at(orders)),
  ];

  it('persisting after each turn and restoring into a fresh actor gives exactly the outputs of an uninterrupted actor', () => {
    const { straight: expected, restored } = replayWithRestarts(logisticsMachine, conversation);
    expect(restored).toEqual(expected);
    expect(expected.map((e) => e.value)).toEqual(['choosingOrder', 'choosingOrder', 'idle', 'awaitingAddress', 'idle', 'idle', 'idle', 'idle']);
    expect(expected[4]!.out.replies[0]!.scriptId).toBe('logistics.address_change.warehouse');
    expect(expected[6]!.out.unhandled).toBe(true);
  });

  it('starts without input, as the engine starts it', () => {
    const actor = createActor(logisticsMachine as AnyStateMachine).start();
    actor.send(turn('confirm_receipt', '怎么确认收货'));
    expect((actor.getSnapshot().context as LogisticsContext).out.replies[0]!.scriptId).toBe('logistics.confirm_receipt.how');
  });
});
