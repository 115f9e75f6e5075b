import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine } from 'xstate';
import { parseScriptsFile } from '../src/dialogue/scripts.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { IntentId } from '../src/nlu/intents.ts';
import type { Order } from '../src/orders/schema.ts';
import { ProductSchema, ShopSchema } from '../src/shop/schema.ts';
import { AFTERSALE_INTENTS, aftersaleMachine, type AftersaleContext } from './aftersale.ts';
import type { FlowOutput, TurnEvent, TurnFacts } from './protocol.ts';
import { expectLintCleanReplies, testOrder, testShop, turn, replayWithRestarts } from './test-fixtures.ts';

// ---------------------------------------------------------------- the scripts library

const scripts = parseScriptsFile(readFileSync(new URL('../scripts-library/aftersale.yaml', import.meta.url), 'utf8'), 'scripts-library/aftersale.yaml');
const scriptById = new Map(scripts.map((s) => [s.id, s]));


describe('scripts-library/aftersale.yaml', () => {
  it('has only aftersale.* ids with at least two variants, each ending with punctuation and using 您', () => {
    expect(scripts.length).toBeGreaterThan(30);
    for (const s of scripts) {
      expect(s.id).toMatch(/^aftersale\./);
      expect(s.variants.length).toBeGreaterThanOrEqual(2);
      for (const v of s.variants) {
        expect(v, s.id).toMatch(/[。？！]$/);
        expect(v, s.id).not.toMatch(/你|缺货/);
      }
    }
  });

});

// ---------------------------------------------------------------- fixtures

const NOW = '2026-11-23T10:00:00+08:00';

const order = (id: string, state: Order['state'], extra: Partial<Order> = {}): Order => testOrder(id, state, { createdAt: '2026-11-15T09:00:00+08:00', ...extra });

const signedOn = (at: string): Partial<Order> => ({ shippedAt: '2026-11-10T09:00:00+08:00', courier: '中通', tracking: [{ at, text: '已签收' }] });
const delivered = order('100000000000000001', 'delivered', signedOn('2026-11-20T15:00:00+08:00'));
const deliveredLongAgo = order('100000000000000002', 'completed', signedOn('2026-11-05T15:00:00+08:00'));
const deliveredUnknown = order('100000000000000003', 'delivered', { shippedAt: '2026-11-01T09:00:00+08:00' });
const shipped = order('100000000000000004', 'shipped', { shippedAt: '2026-11-22T09:00:00+08:00', courier: '中通', trackingNumber: '78451203996127' });
const paid = order('100000000000000005', 'paid');
const refundOf = (id: string, state: NonNullable<Order['refund']>['state']): Order =>
  order(id, 'refunding', { refund: { state, amount: 599, reason: '七天无理由退换货' } });

const snackShop = ShopSchema.parse({
  ...testShop,
  products: [
    ...testShop.products,
    ProductSchema.parse({
      id: 'snack-01', name: '手工牛轧糖', category: '零食/糕点', price: 39, floorPrice: 35, sevenDayReturn: false,
      skus: [{ color: '原味', size: '250g', stock: 9 }], variantLabels: { color: '口味', size: '规格' },
    }),
  ],
});
const snackOrder = order('100000000000000006', 'delivered', { ...signedOn('2026-11-21T10:00:00+08:00'), items: [{ productId: 'snack-01', color: '原味', size: '250g', quantity: 1, price: 39 }], total: 39 });

const ent = (e: Record<string, unknown>): Entity => ({ text: '', start: 0, end: 1, ...e }) as Entity;
const orderIdEntity = (value: string): Entity => ent({ type: 'order_id', value });
const size = (value: string): Entity => ent({ type: 'size', value, system: 'letter' });
const color = (name: string): Entity => ent({ type: 'color', name });
const days = (n: number): Entity => ent({ type: 'days', days: n });
const money = (amount: number): Entity => ent({ type: 'money', amount, reduction: false });

const t = (intent: IntentId, text: string, orders: Order[], extra: { entities?: Entity[]; secondary?: IntentId[]; facts?: Partial<TurnFacts> } = {}): TurnEvent =>
  turn(intent, text, { ...extra, facts: { now: NOW, orders, ...extra.facts } });


function checkOutput(out: FlowOutput, event: TurnEvent): void {
  expectLintCleanReplies(out, event, scriptById);
}

interface Step {
  value: string;
  out: FlowOutput;
  context: AftersaleContext;
}

function run(...events: TurnEvent[]): Step[] {
  const actor = createActor(aftersaleMachine, { input: {} }).start();
  return events.map((event) => {
    actor.send(event);
    const snap = actor.getSnapshot();
    checkOutput(snap.context.out, event);
    return { value: String(snap.value), out: snap.context.out, context: snap.context };
  });
}

const ids = (s: Step): string[] => s.out.replies.map((r) => r.scriptId);
const one = (event: TurnEvent): Step => run(event)[0]!;

// ---------------------------------------------------------------- return_dislike

describe('return_dislike', () => {
  it('within 7 days of receipt: 7-day no-reason return, buyer pays postage unless 运费险, remarked', () => {
    const s = one(t('return_dislike', '不喜欢，想退', [delivered]));
    expect(s.value).toBe('idle');
    expect(s.out.replies).toEqual([{ scriptId: 'aftersale.return.seven_day', params: { product: '羊毛呢大衣' } }]);
    expect(s.out.remarks).toEqual([{ orderId: delivered.id, reason: expect.stringContaining('7天无理由') }]);
    expect(s.context.issue).toBe('dislike');
    expect(s.context.orderId).toBe(delivered.id);
  });

  it('after 7 days: window passed', () => {
    expect(ids(one(t('return_dislike', '想退货', [deliveredLongAgo])))).toEqual(['aftersale.return.window_passed']);
  });

  it('receipt time unknown: asks, then uses the days the buyer gives', () => {
    const [first, second, third] = run(
      t('return_dislike', '想退货', [deliveredUnknown]),
      t('return_dislike', '收到3天了', [deliveredUnknown], { entities: [days(3)] }),
      t('return_dislike', '收到10天了', [deliveredUnknown], { entities: [days(10)] }),
    );
    expect(ids(first!)).toEqual(['aftersale.return.ask_received']);
    expect(ids(second!)).toEqual(['aftersale.return.seven_day']);
    expect(ids(third!)).toEqual(['aftersale.return.window_passed']);
  });

  it('a product excluded from 7-day returns (food) is explained with 暂时无法 wording', () => {
    const s = one(t('return_dislike', '糖不好吃想退', [snackOrder], { facts: { shop: snackShop } }));
    expect(s.out.replies).toEqual([{ scriptId: 'aftersale.return.category_excluded', params: { product: '手工牛轧糖' } }]);
    expect(s.out.remarks).toEqual([]);
  });

  it('shipped but not received → refuse delivery; not shipped → refund before shipping; no order → ask', () => {
    expect(ids(one(t('return_dislike', '不想要了', [shipped])))).toEqual(['aftersale.refund.refuse_delivery']);
    expect(ids(one(t('return_dislike', '不想要了', [paid])))).toEqual(['aftersale.refund.before_shipping']);
    // The order is named: the buyer may have several.
    expect(one(t('return_dislike', '不想要了', [paid])).out.replies[0]!.params.orderId).toBe(paid.id);
    expect(ids(one(t('return_dislike', '不想要了', [])))).toEqual(['aftersale.ask_order']);
  });

  it('an order already refunding gets its refund status', () => {
    expect(ids(one(t('return_dislike', '退货', [refundOf('100000000000000007', 'requested')])))).toEqual(['aftersale.refund_status.requested']);
  });

  it('too late to refuse a parcel on its way: sign for it, then the 7-day return (remarked)', () => {
    const s = one(t('return_dislike', '快递员已经在送了 来不及拒了怎么办', [shipped]));
    expect(ids(s)).toEqual(['aftersale.return.after_signing']);
    expect(s.out.remarks[0]!.reason).toContain('来不及拒收');
    expect(ids(one(t('return_dislike', '不想要了', [shipped])))).toEqual(['aftersale.refund.refuse_delivery']);
    for (const text of ['来不及了 快递员已经在楼下了', '派件员马上到小区了', '来不及啦']) expect(ids(one(t('return_dislike', text, [shipped]))), text).toEqual(['aftersale.return.after_signing']);
  });

  it('how to send it back: the return request shows the address; the case’s product; the shop pays for its own fault', () => {
    const [terms, how] = run(t('return_dislike', '不喜欢，想退', [delivered]), t('return_fee', '那我怎么寄回去', [delivered]));
    expect(ids(terms!)).toEqual(['aftersale.return.seven_day']);
    expect(how!.out.replies).toEqual([{ scriptId: 'aftersale.return.how_to_send', params: { product: '羊毛呢大衣' } }]);
    expect(how!.out.remarks).toEqual([]);
    expect(ids(one(t('return_dislike', '退货地址是哪里', [delivered])))).toEqual(['aftersale.return.how_to_send']);
    // A bare 怎么退货 with no return under way gets the return's terms first.
    expect(ids(one(t('return_dislike', '怎么退货', [delivered])))).toEqual(['aftersale.return.seven_day']);
    // Food cannot be returned without a reason: said again, not a procedure.
    expect(ids(one(t('return_dislike', '怎么寄回去', [snackOrder], { facts: { shop: snackShop } })))).toEqual(['aftersale.return.category_excluded']);
  });

  it('"怎么寄回去" after a product was refused a return is about the return accepted before it', () => {
    const snack = snackShop.products.find((p) => p.id === 'snack-01')!;
    const onSnack = { shop: snackShop, product: snack };
    const [, refused, how] = run(
      t('return_dislike', '大衣不喜欢 想退', [delivered], { facts: { shop: snackShop } }),
      t('return_dislike', '牛轧糖也一起退了吧', [snackOrder], { facts: onSnack }),
      t('return_fee', '那要怎么寄回去呀 地址呢', [delivered, snackOrder], { facts: onSnack }),
    );
    expect(ids(refused!)).toEqual(['aftersale.return.category_excluded']);
    expect(how!.out.replies).toEqual([{ scriptId: 'aftersale.return.how_to_send', params: { product: '羊毛呢大衣' } }]);
    // Near miss: the message names the refused product itself — its exclusion is said again.
    const named = run(
      t('return_dislike', '大衣不喜欢 想退', [delivered], { facts: { shop: snackShop } }),
      t('return_fee', '牛轧糖怎么寄回去', [snackOrder], { facts: { ...onSnack, orderCues: ['product'] } }),
    );
    expect(ids(named[1]!)).toEqual(['aftersale.return.category_excluded']);
  });
});

describe('part of a parcel on its way sent back', () => {
  const shop = testShop;
  const parcel = order('100000000000000007', 'shipped', {
    shippedAt: '2026-11-22T09:00:00+08:00',
    courier: '中通',
    items: [
      { productId: testShop.products[0]!.id, color: '驼色', size: 'M', quantity: 1, price: 599 },
      { productId: testShop.products[1]!.id, color: '酒红色', size: '均码', quantity: 1, price: 129 },
    ],
  });
  it('keeping one product: sign for the parcel, then return the other (refusing would send both back)', () => {
    for (const text of ['大衣我留着 围巾不想要', '只想退掉围巾', '围巾退了吧 大衣还是要的']) {
      const s = one(t('refund_shipped', text, [parcel], { facts: { shop } }));
      expect(ids(s), text).toEqual(['aftersale.refund.partial_in_transit']);
      expect(s.out.replies[0]!.params, text).toEqual({ product: '羊绒围巾', keptProducts: '羊毛呢大衣' });
      expect(s.out.remarks[0]!.reason, text).toContain('不拒收');
    }
  });
  it('near misses: the whole parcel, or a parcel of one product, is refused', () => {
    expect(ids(one(t('refund_shipped', '都不要了 能退吗', [parcel], { facts: { shop } })))).toEqual(['aftersale.refund.refuse_delivery']);
    expect(ids(one(t('refund_shipped', '只退大衣', [shipped], { facts: { shop } })))).toEqual(['aftersale.refund.refuse_delivery']);
  });
});

// ---------------------------------------------------------------- exchange

describe('exchange', () => {
  it('asks which size/colour, then checks stock and explains the steps (slot filling)', () => {
    const [ask, answer] = run(t('exchange', '想换个尺码', [delivered]), t('other', 'L码', [delivered], { entities: [size('L码')] }));
    expect(ask!.value).toBe('awaitingVariant');
    expect(ask!.context.step).toBe('variant_requested');
    expect(ask!.out.replies).toEqual([{ scriptId: 'aftersale.exchange.ask_variant', params: { product: '羊毛呢大衣', colorWord: '颜色', sizeWord: '尺码' } }]);
    expect(answer!.value).toBe('idle');
    expect(answer!.out.replies).toEqual([{ scriptId: 'aftersale.exchange.in_stock', params: { product: '羊毛呢大衣', color: '驼色', size: 'L码' } }]);
    expect(answer!.out.remarks[0]!.reason).toContain('换驼色L码');
  });

  it('an order already being refunded cannot be exchanged beside it: says so, names the order', () => {
    const s = one(t('exchange', '其实想换个L码的 还能换吗', [refundOf('100000000000000008', 'requested')]));
    expect(ids(s)).toEqual(['aftersale.exchange.refunding']);
    expect(s.out.remarks).toEqual([]);
  });

  it('one size and the colour out of stock: offers the colours in stock', () => {
    const scarfShop = { ...testShop, products: testShop.products.map((p) => (p.id === 'scarf-01' ? { ...p, skus: [{ color: '米白色', size: '均码', stock: 20 }, { color: '藏青色', size: '均码', stock: 0 }, { color: '燕麦色', size: '均码', stock: 4 }] } : p)) };
    const scarfOrder = order('100000000000000010', 'delivered', { ...signedOn('2026-11-21T10:00:00+08:00'), items: [{ productId: 'scarf-01', color: '米白色', size: '均码', quantity: 1, price: 199 }], total: 199 });
    const s = one(t('exchange', '换藏青色', [scarfOrder], { entities: [color('藏青色')], facts: { shop: scarfShop } }));
    expect(s.out.replies).toEqual([{ scriptId: 'aftersale.exchange.out_other_colors', params: { product: '羊绒围巾', color: '藏青色', colors: '燕麦色' } }]);
  });

  it('out of stock: offers the sizes of that colour in stock and waits for another choice', () => {
    const [out, again] = run(
      t('exchange', '换M码', [delivered], { entities: [size('M')] }),
      t('exchange', '那L吧', [delivered], { entities: [size('L')] }),
    );
    expect(out!.out.replies).toEqual([{ scriptId: 'aftersale.exchange.out_with_sizes', params: { product: '羊毛呢大衣', color: '驼色', size: 'M码', sizes: 'S码、L码' } }]);
    expect(out!.value).toBe('awaitingVariant');
    expect(ids(again!)).toEqual(['aftersale.exchange.in_stock']);
  });

  it('a colour change keeps the ordered size; an unknown variant lists what exists', () => {
    const black = order('100000000000000008', 'delivered', { ...signedOn('2026-11-20T10:00:00+08:00'), items: [{ productId: 'coat-01', color: '驼色', size: 'M', quantity: 1, price: 599 }] });
    expect(one(t('exchange', '换黑色', [black], { entities: [color('黑色')] })).out.replies[0]!.params).toEqual({ product: '羊毛呢大衣', color: '黑色', size: 'M码' });
    const unknown = one(t('exchange', '换XL', [delivered], { entities: [size('XL')] }));
    expect(unknown.out.replies).toEqual([{ scriptId: 'aftersale.exchange.unknown_variant', params: { product: '羊毛呢大衣', colors: '驼色、黑色', sizes: 'S码、M码、L码' } }]);
  });

  describe('a colour of the shop named while the exchange waits (燕麦色, 格纹灰: not in the entity vocabulary)', () => {
    const scarfShop = { ...testShop, products: testShop.products.map((p) => (p.id === 'scarf-01' ? { ...p, skus: [{ color: '燕麦色', size: '均码', stock: 30 }, { color: '藏青色', size: '均码', stock: 0 }, { color: '格纹灰', size: '均码', stock: 8 }] } : p)) };
    const greyScarf = order('100000000000000011', 'delivered', { ...signedOn('2026-11-21T10:00:00+08:00'), items: [{ productId: 'scarf-01', color: '格纹灰', size: '均码', quantity: 1, price: 199 }], total: 199 });
    const inShop = { facts: { shop: scarfShop } };
    const waitThen = (next: TurnEvent): Step => run(t('exchange', '围巾想换个颜色', [greyScarf], inShop), next)[1]!;

    it('the choice is checked and remarked even when the message goes on to ask the postage', () => {
      for (const text of ['那就燕麦色吧 运费谁出啊', '燕麦的吧，寄回去邮费我出吗', '要燕麦色 运费怎么算']) {
        const s = waitThen(t('return_fee', text, [greyScarf], inShop));
        expect(ids(s), text).toEqual(['aftersale.exchange.in_stock']); // its reply states who pays the postage
        expect(s.out.remarks[0]!.reason, text).toContain('换燕麦色均码');
        expect(s.value, text).toBe('idle');
      }
    });

    it('a choice out of stock with the postage asked: the colours in stock, then the postage', () => {
      const s = waitThen(t('return_fee', '换藏青色 运费谁出', [greyScarf], { ...inShop, entities: [color('藏青色')] }));
      expect(ids(s)).toEqual(['aftersale.exchange.out_other_colors', 'aftersale.return_fee.buyer']);
      expect(s.out.remarks).toEqual([]);
      expect(s.value).toBe('awaitingVariant');
    });

    it('a choice without further ask ("那就燕麦色吧" reads as thanks_bye) is taken', () => {
      expect(ids(waitThen(t('thanks_bye', '那就燕麦色吧', [greyScarf], inShop)))).toEqual(['aftersale.exchange.in_stock']);
    });

    it('near miss: naming the colour the buyer already has is no choice; the postage alone is answered, the wait kept', () => {
      const s = waitThen(t('return_fee', '我那条格纹灰的 运费谁出', [greyScarf], inShop));
      expect(ids(s)).toEqual(['aftersale.return_fee.buyer']);
      expect(s.out.remarks).toEqual([]);
      expect(s.value).toBe('awaitingVariant');
      expect(ids(one(t('exchange', '格纹灰的围巾想换个颜色', [greyScarf], inShop)))).toEqual(['aftersale.exchange.ask_variant']);
    });

    it('the colours offered leave out the one the buyer has', () => {
      const s = waitThen(t('exchange', '换白色的', [greyScarf], { ...inShop, entities: [color('白色')] }));
      expect(s.out.replies).toEqual([{ scriptId: 'aftersale.exchange.unknown_variant', params: { product: '羊绒围巾', colors: '燕麦色、藏青色', sizes: '均码' } }]);
    });
  });

  it('before receipt: exchange after receipt', () => {
    expect(ids(one(t('exchange', '换大一码', [shipped])))).toEqual(['aftersale.exchange.before_receipt']);
  });

  it('an unrelated question while waiting is unhandled and the wait is kept', () => {
    const [, other, answer] = run(t('exchange', '换尺码', [delivered]), t('invoice', '开发票', [delivered]), t('other', 'L', [delivered], { entities: [size('L')] }));
    expect(other!.out).toEqual({ replies: [], remarks: [], promises: [], concessions: [], unhandled: true });
    expect(other!.value).toBe('awaitingVariant');
    expect(ids(answer!)).toEqual(['aftersale.exchange.in_stock']);
  });
});

// ---------------------------------------------------------------- quality_issue (5 steps)

describe('quality_issue', () => {
  const start = t('quality_issue', '衣服开线了', [delivered]);
  const photos = t('other', '拍了，您看下', [delivered]);

  it('apologise + ask photos → (photos) check + offer → choice resend + remark + promise', () => {
    const [s1, s2, s3] = run(start, photos, t('quality_issue', '给我换个新的吧', [delivered]));
    expect(s1!.value).toBe('awaitingPhotos');
    expect(s1!.context.step).toBe('photos_requested');
    expect(s1!.out.replies).toEqual([{ scriptId: 'aftersale.quality.apologise_ask_photos', params: { product: '羊毛呢大衣' } }]);
    expect(s2!.value).toBe('awaitingChoice');
    expect(s2!.context.step).toBe('solution_offered');
    expect(s2!.out.replies).toEqual([
      { scriptId: 'aftersale.quality.checked', params: { product: '羊毛呢大衣' } },
      { scriptId: 'aftersale.quality.offer', params: { amount: 29 } },
    ]);
    expect(s3!.value).toBe('idle');
    expect(ids(s3!)).toEqual(['aftersale.quality.resend']);
    expect(s3!.out.remarks).toEqual([{ orderId: delivered.id, reason: expect.stringContaining('换新补发') }]);
    expect(s3!.out.promises).toEqual([expect.objectContaining({ kind: 'resend', orderId: delivered.id })]);
  });

  it('photos coming later, or refused: waits kindly, says why one photo helps — never "not understood"', () => {
    const [, later, refused, sent] = run(start, t('other', '等下 我拍一下', [delivered]), t('other', '我不拍 你们自己去查', [delivered]), photos);
    expect(ids(later!)).toEqual(['aftersale.quality.photos_later']);
    expect(later!.value).toBe('awaitingPhotos');
    expect(ids(refused!)).toEqual(['aftersale.quality.photos_refused']);
    expect(refused!.value).toBe('awaitingPhotos');
    expect(sent!.value).toBe('awaitingChoice');
  });

  it('refund and compensation both demanded: the refund (no partial refund offered as if chosen)', () => {
    const [, , choice] = run(start, photos, t('quality_issue', '我要退款 还要赔偿', [delivered]));
    expect(ids(choice!)).toEqual(['aftersale.quality.refund']);
  });

  it('no photos yet: reminder; refund choice; unclear choice asks again', () => {
    const [, reminder, , unclear, refund] = run(start, t('quality_issue', '质量太差了', [delivered]), photos, t('other', '嗯', [delivered]), t('return_dislike', '退货退款吧', [delivered]));
    expect(ids(reminder!)).toEqual(['aftersale.quality.photos_reminder']);
    expect(reminder!.value).toBe('awaitingPhotos');
    expect(ids(unclear!)).toEqual(['aftersale.quality.ask_choice']);
    expect(unclear!.value).toBe('awaitingChoice');
    expect(ids(refund!)).toEqual(['aftersale.quality.refund']);
    expect(refund!.out.remarks[0]!.reason).toContain('退货退款');
  });

  it('partial compensation within policy is a concession; more than policy is handed over', () => {
    const kept = run(start, photos, t('other', '我留下吧，补偿一点', [delivered]))[2]!;
    expect(kept.out.replies).toEqual([{ scriptId: 'aftersale.quality.compensation', params: { amount: 29 } }]);
    expect(kept.out.concessions).toEqual([{ kind: 'discount', amount: 29, productId: 'coat-01', reason: '质量问题部分补偿' }]);
    const tooMuch = run(start, photos, t('other', '补偿100元', [delivered], { entities: [money(100)] }))[2]!;
    expect(ids(tooMuch)).toEqual(['aftersale.quality.compensation_handoff']);
    expect(tooMuch.out.handoff).toBe('outside_policy');
    expect(tooMuch.out.concessions).toEqual([]);
  });

  it('postage of an order not shipped yet is refunded with the rest; a received one is sent back at the buyer\'s cost', () => {
    const printed = order('100000000000000007', 'printed');
    for (const focus of [paid, printed]) {
      const s = one(t('return_fee', '邮费能一起退不', [focus, delivered], { facts: { orderInFocus: focus } }));
      expect(s.out.replies).toEqual([{ scriptId: 'aftersale.return_fee.not_shipped', params: { orderId: focus.id } }]);
    }
    // Near miss: the order talked about was received — the return postage rules.
    expect(ids(one(t('return_fee', '邮费能一起退不', [paid, delivered], { facts: { orderInFocus: delivered } })))).toEqual(['aftersale.return_fee.buyer']);
  });

  it('return postage question in the middle keeps the step and says the shop pays', () => {
    const [, fee, s3] = run(start, t('return_fee', '运费谁出', [delivered]), photos);
    expect(ids(fee!)).toEqual(['aftersale.return_fee.shop']);
    expect(fee!.value).toBe('awaitingPhotos');
    expect(s3!.value).toBe('awaitingChoice');
  });
});

// ---------------------------------------------------------------- wrong_item

describe('wrong_item', () => {
  it('the item whose colour or flavour the buyer names is the one resent, not the order’s first item', () => {
    const two = order('100000000000000011', 'delivered', {
      ...signedOn('2026-11-20T15:00:00+08:00'),
      items: [{ productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }, { productId: 'scarf-01', color: '米白色', size: '均码', quantity: 1, price: 199 }],
    });
    for (const text of ['我拍的米白色 收到的是灰色的', '米白色的发成黑色了']) {
      const [, s2] = run(t('wrong_item', text, [two]), t('other', '[图片]', [two]));
      expect(s2!.out.replies).toEqual([{ scriptId: 'aftersale.wrong_item.resend_wrong', params: { product: '羊绒围巾', color: '米白色', size: '均码' } }]);
    }
    // Near miss: no item's colour named — the order's first item as before.
    const [, s2] = run(t('wrong_item', '发错颜色了', [two]), t('other', '[图片]', [two]));
    expect(s2!.out.replies[0]!.params.product).toBe('羊毛呢大衣');
  });

  it('"发错颜色了 我买的是X" with the order holding another colour: the order read back first, no case opened', () => {
    for (const text of ['颜色发错了吧 我拍的是黑色', '怎么是这个颜色 我买的是黑色的']) {
      const s = one(t('wrong_item', text, [delivered]));
      expect(s.out.replies, text).toEqual([{ scriptId: 'aftersale.wrong_item.ordered_other', params: { orderId: delivered.id, product: '羊毛呢大衣', color: '驼色' } }]);
      expect(s.value).not.toBe('awaitingPhotos');
    }
    // Near misses: the colour said is the one ordered (a real wrong item), or no colour said.
    expect(ids(one(t('wrong_item', '发错颜色了 我拍的是驼色', [delivered])))).toEqual(['aftersale.wrong_item.apologise_ask_photos']);
    expect(ids(one(t('wrong_item', '我买的大衣发错了', [delivered])))).toEqual(['aftersale.wrong_item.apologise_ask_photos']);
  });

  it('wrong item: apologise + photos → resend the ordered item with a return at the shop’s cost, remark + promise', () => {
    const [s1, s2] = run(t('wrong_item', '发错颜色了', [delivered]), t('wrong_item', '照片发您了', [delivered]));
    expect(s1!.value).toBe('awaitingPhotos');
    expect(ids(s1!)).toEqual(['aftersale.wrong_item.apologise_ask_photos']);
    expect(s2!.out.replies).toEqual([{ scriptId: 'aftersale.wrong_item.resend_wrong', params: { product: '羊毛呢大衣', color: '驼色', size: 'S码' } }]);
    expect(s2!.out.remarks).toEqual([{ orderId: delivered.id, reason: expect.stringContaining('发错货') }]);
    expect(s2!.out.promises).toEqual([expect.objectContaining({ kind: 'resend', orderId: delivered.id })]);
    expect(s2!.value).toBe('idle');
  });

  it('missing item: resend it without a return', () => {
    const [, s2] = run(t('wrong_item', '少发了一件', [delivered]), t('other', '[图片]', [delivered]));
    expect(ids(s2!)).toEqual(['aftersale.wrong_item.resend_missing']);
    expect(s2!.out.promises[0]!.kind).toBe('resend');
  });

  it('sending the wrong item back is a hassle: sorry again, the postage is ours', () => {
    const [, , hassle] = run(t('wrong_item', '发错颜色了', [delivered]), t('wrong_item', '照片发您了', [delivered]), t('wrong_item', '还要寄回去啊 好麻烦', [delivered]));
    expect(ids(hassle!)).toEqual(['aftersale.wrong_item.return_hassle']);
    expect(hassle!.out.remarks).toEqual([]);
  });

  it('no photos yet: reminder', () => {
    const [, s2] = run(t('wrong_item', '发错了', [delivered]), t('wrong_item', '你们怎么搞的', [delivered]));
    expect(ids(s2!)).toEqual(['aftersale.wrong_item.photos_reminder']);
  });
});

// ---------------------------------------------------------------- refund_shipped

describe('refund_shipped', () => {
  it('shipped: refuse delivery, reason steering, remark and follow-up promise', () => {
    const s = one(t('refund_shipped', '发货了我不要了，退款', [shipped]));
    expect(s.out.replies).toEqual([{ scriptId: 'aftersale.refund.refuse_delivery', params: { courier: '中通' } }]);
    expect(s.out.remarks[0]).toEqual({ orderId: shipped.id, reason: expect.stringContaining('拒收') });
    expect(s.out.promises).toEqual([expect.objectContaining({ kind: 'follow_up', orderId: shipped.id })]);
    const text = scriptById.get('aftersale.refund.refuse_delivery')!.variants.join('');
    expect(text).toContain('不想要了');
    expect(text).not.toMatch(/缺货|未按约定时间发货/);
  });

  it('asked why refuse after refusing was advised: the reasoning, and no second remark or promise', () => {
    for (const [intent, text] of [['refund_shipped', '为啥要拒签 直接退不行吗'], ['return_dislike', '干嘛非得拒收啊'], ['refund_shipped', '不能直接给我退款吗'], ['refund_shipped', '拒簽有什麼用']] as const) {
      const [, why] = run(t('refund_shipped', '发货了我不要了，退款', [shipped]), t(intent, text, [shipped]));
      expect(why!.out.replies, text).toEqual([{ scriptId: 'aftersale.refund.why_refuse', params: { courier: '中通' } }]);
      expect(why!.out.remarks, text).toEqual([]);
      expect(why!.out.promises, text).toEqual([]);
    }
    const text = scriptById.get('aftersale.refund.why_refuse')!.variants.join('');
    expect(text).toMatch(/拒收/);
    expect(text).toMatch(/收到退回的包裹/);
  });

  it('near misses: a why before any refusal advice, or for an order not on its way, is no such question', () => {
    expect(ids(one(t('refund_shipped', '为啥要拒签 直接退不行吗', [shipped])))).toEqual(['aftersale.refund.refuse_delivery']);
    const [, before] = run(t('refund_shipped', '退款', [paid]), t('refund_shipped', '为啥不能直接退', [paid]));
    expect(ids(before!)).toEqual(['aftersale.refund.before_shipping']);
  });

  it('not shipped yet, received, no order', () => {
    expect(ids(one(t('refund_shipped', '退款', [paid])))).toEqual(['aftersale.refund.before_shipping']);
    expect(ids(one(t('refund_shipped', '退款', [delivered])))).toEqual(['aftersale.return.seven_day']);
    expect(ids(one(t('refund_shipped', '退款', [])))).toEqual(['aftersale.ask_order']);
  });
});

// ---------------------------------------------------------------- a promotion gift missing

describe('a promotion gift missing from a received order', () => {
  const giftShop = ShopSchema.parse({
    ...snackShop,
    gifts: [{ id: 'mini', name: '试吃装一袋', cost: 4 }],
    promotions: [{ name: '零食满赠', description: '零食满50送试吃装', appliesTo: ['零食'], minAmount: 50, giftId: 'mini' }],
  });
  const big = order('100000000000000031', 'delivered', { ...signedOn('2026-11-21T10:00:00+08:00'), items: [{ productId: 'snack-01', color: '原味', size: '250g', quantity: 2, price: 39 }], total: 78 });
  it('earned: apologise, remark the resend (postage ours), follow it up — no photos', () => {
    const s = one(t('wrong_item', '上次买的糖赠品没收到', [big], { facts: { shop: giftShop } }));
    expect(s.out.replies).toEqual([{ scriptId: 'aftersale.wrong_item.gift_missed', params: { orderId: big.id, gift: '试吃装一袋' } }]);
    expect(s.out.remarks[0]!.reason).toContain('补寄');
    expect(s.out.promises.length).toBe(1);
  });
  it('near miss: an order under the threshold earned nothing — the usual missing-item steps', () => {
    const small = order('100000000000000032', 'delivered', { ...signedOn('2026-11-21T10:00:00+08:00'), items: [{ productId: 'snack-01', color: '原味', size: '250g', quantity: 1, price: 39 }], total: 39 });
    expect(ids(one(t('wrong_item', '上次买的糖赠品没收到', [small], { facts: { shop: giftShop } })))).toEqual(['aftersale.wrong_item.apologise_ask_photos']);
  });
});

// ---------------------------------------------------------------- refund_status

describe('refund_status', () => {
  it.each(['requested', 'approved', 'returned', 'refunded', 'rejected'] as const)('%s', (state) => {
    const o = refundOf('100000000000000009', state);
    const s = one(t('refund_status', '退款到哪了', [o]));
    expect(s.out.replies).toEqual([{ scriptId: `aftersale.refund_status.${state}`, params: { orderId: o.id, amount: 599 } }]);
    expect(s.out.promises.length).toBe(state === 'rejected' ? 1 : 0);
  });

  it('prefers the order with a refund; an order without one says so; no orders asks', () => {
    const r = refundOf('100000000000000010', 'approved');
    expect(one(t('refund_status', '退款呢', [delivered, r])).out.replies[0]!.params.orderId).toBe(r.id);
    expect(ids(one(t('refund_status', '退款呢', [delivered])))).toEqual(['aftersale.refund_status.none']);
    expect(ids(one(t('refund_status', '退款呢', [])))).toEqual(['aftersale.ask_order']);
  });

  it('where the money goes: back the way it was paid, whatever the refund\'s state', () => {
    const o = refundOf('100000000000000011', 'returned');
    for (const text of ['钱会退回哪个账户', '是退回我银行卡吗', '退款到哪个卡里']) {
      expect(ids(one(t('refund_status', text, [o]))), text).toEqual(['aftersale.refund_status.destination']);
    }
    // Near miss: when, not where — the refund's state.
    expect(ids(one(t('refund_status', '退款什么时候到', [o])))).toEqual(['aftersale.refund_status.returned']);
  });

  it('the return parcel\'s number from the refund record, never the order\'s own number', () => {
    const o = order('100000000000000012', 'refunding', {
      trackingNumber: 'ZT000001',
      refund: { state: 'returned', amount: 599, reason: '七天无理由', returnCourier: '圆通速递', returnTrackingNumber: 'YT123456789' },
    });
    const s = one(t('refund_status', '寄回去的快递单号你们那边有吗', [o]));
    expect(s.out.replies).toEqual([{ scriptId: 'aftersale.refund_status.return_number', params: { orderId: o.id, courier: '圆通速递', trackingNumber: 'YT123456789' } }]);
    // Near miss: no return number recorded — the refund's state, no number made up.
    expect(ids(one(t('refund_status', '退货单号多少', [refundOf('100000000000000013', 'approved')])))).toEqual(['aftersale.refund_status.approved']);
  });
});

// ---------------------------------------------------------------- return_fee

describe('return_fee', () => {
  it('dislike → buyer (unless 运费险); quality or wrong item → shop', () => {
    expect(ids(one(t('return_fee', '退货运费谁出', [delivered])))).toEqual(['aftersale.return_fee.buyer']);
    expect(ids(one(t('return_fee', '我有运费险，退货运费呢', [delivered])))).toEqual(['aftersale.return_fee.insurance']);
    expect(ids(one(t('return_fee', '质量问题退货运费谁出', [delivered])))).toEqual(['aftersale.return_fee.shop']);
    expect(ids(one(t('return_fee', '运费谁出', [delivered], { secondary: ['wrong_item'] })))).toEqual(['aftersale.return_fee.shop']);
    expect(ids(run(t('wrong_item', '发错了', [delivered]), t('other', '拍了', [delivered]), t('return_fee', '寄回运费谁出', [delivered]))[2]!)).toEqual(['aftersale.return_fee.shop']);
  });
});

// ---------------------------------------------------------------- own orders only, other intents

describe('privacy and scope', () => {
  it('an order id that is not the buyer’s own is refused without revealing anything', () => {
    for (const intent of ['return_dislike', 'exchange', 'quality_issue', 'wrong_item', 'refund_shipped', 'refund_status'] as const) {
      const s = one(t(intent, '订单999999999999999999', [delivered], { entities: [orderIdEntity('999999999999999999')] }));
      expect(s.out.replies, intent).toEqual([{ scriptId: 'aftersale.order_not_found', params: {} }]);
      expect(s.out.remarks).toEqual([]);
      expect(s.context.orderId).toBeNull();
    }
  });

  it('the buyer’s own order id picks that order', () => {
    const s = one(t('return_dislike', `订单${deliveredLongAgo.id}`, [delivered, deliveredLongAgo], { entities: [orderIdEntity(deliveredLongAgo.id)] }));
    expect(ids(s)).toEqual(['aftersale.return.window_passed']);
    expect(s.context.orderId).toBe(deliveredLongAgo.id);
  });

  it('other intents are unhandled with no replies', () => {
    for (const intent of ['greeting', 'stock', 'bargain_generic', 'logistics_track', 'complaint', 'other'] as const) {
      const s = one(t(intent, '在吗', [delivered]));
      expect(s.out, intent).toEqual({ replies: [], remarks: [], promises: [], concessions: [], unhandled: true });
      expect(s.value).toBe('idle');
    }
  });

  it('handles exactly the seven after-sale intents', () => {
    expect([...AFTERSALE_INTENTS].sort()).toEqual(['exchange', 'quality_issue', 'refund_shipped', 'refund_status', 'return_dislike', 'return_fee', 'wrong_item']);
  });

  it('replaces out every turn', () => {
    const [s1, s2] = run(t('refund_shipped', '退款', [shipped]), t('return_fee', '运费呢', [shipped]));
    expect(s1!.out.promises.length).toBe(1);
    expect(s2!.out.promises).toEqual([]);
    expect(s2!.out.remarks).toEqual([]);
  });
});

// ---------------------------------------------------------------- persistence

describe('persistence', () => {
  const orders = [delivered, shipped];
  const conversation: TurnEvent[] = [
    t('quality_issue', '衣服有破洞', orders),
    t('greeting', '在吗', orders),
    t('quality_issue', '质量太差', orders),
    t('other', '照片发了', orders),
    t('return_fee', '运费谁出', orders),
    t('other', '补偿一点我留下', orders),
    t('exchange', '想换尺码', orders),
    t('other', 'M', orders, { entities: [size('M')] }),
    t('other', 'L', orders, { entities: [size('L')] }),
    t('refund_shipped', '另一单不要了', orders, { entities: [orderIdEntity(shipped.id)] }),
    t('refund_status', '退款呢', orders),
  ];

  it('persisting after each turn and restoring into a fresh actor gives exactly the outputs of an uninterrupted actor', () => {
    const { straight: expected, restored } = replayWithRestarts(aftersaleMachine, conversation);
    expect(restored).toEqual(expected);
    expect(expected.map((e) => e.value)).toEqual([
      'awaitingPhotos',
      'awaitingPhotos',
      'awaitingPhotos',
      'awaitingChoice',
      'awaitingChoice',
      'idle',
      'awaitingVariant',
      'awaitingVariant',
      'idle',
      'idle',
      'idle',
    ]);
    expect(expected.map((e) => e.out.replies.map((r) => r.scriptId))).toEqual([
      ['aftersale.quality.apologise_ask_photos'],
      [],
      ['aftersale.quality.photos_reminder'],
      ['aftersale.quality.checked', 'aftersale.quality.offer'],
      ['aftersale.return_fee.shop'],
      ['aftersale.quality.compensation'],
      ['aftersale.exchange.ask_variant'],
      ['aftersale.exchange.out_with_sizes'],
      ['aftersale.exchange.in_stock'],
      ['aftersale.refund.refuse_delivery'],
      ['aftersale.refund_status.none'],
    ]);
  });

  it('starts without input, as the engine starts it, and accepts a known order', () => {
    const actor = createActor(aftersaleMachine as AnyStateMachine).start();
    actor.send(t('return_fee', '运费谁出', [delivered]));
    expect((actor.getSnapshot().context as AftersaleContext).out.replies[0]!.scriptId).toBe('aftersale.return_fee.buyer');
    const withOrder = createActor(aftersaleMachine, { input: { orderId: deliveredLongAgo.id } }).start();
    withOrder.send(t('return_dislike', '退货', [delivered, deliveredLongAgo]));
    expect(withOrder.getSnapshot().context.out.replies[0]!.scriptId).toBe('aftersale.return.window_passed');
  });
});

// ---------------------------------------------------------------- refund reason

describe('which refund reason to pick, once a case is open', () => {
  it('a refund without fault: 不想要了 (never 缺货 or 未按约定时间发货), whatever the wording', () => {
    for (const text of ['退款理由选什么', '退款原因选啥', '原因该选哪个']) {
      const [, second] = run(t('refund_shipped', '不想等了 直接退款吧', [shipped]), t('refund_status', text, [shipped]));
      expect(ids(second!)).toEqual(['aftersale.refund_reason.no_fault']);
      expect(second!.out.remarks).toEqual([]);
    }
  });

  it('a wrong item or a quality problem: the shop’s fault named as the reason', () => {
    const [, wrong] = run(t('wrong_item', '发错了', [delivered]), t('refund_status', '退款理由选什么', [delivered]));
    expect(ids(wrong!)).toEqual(['aftersale.refund_reason.wrong_item']);
    const [, quality] = run(t('quality_issue', '有个洞', [delivered]), t('refund_status', '退款原因选啥', [delivered]));
    expect(ids(quality!)).toEqual(['aftersale.refund_reason.quality']);
  });

  it('near miss: no case open yet — the refund’s status, not a reason', () => {
    expect(ids(one(t('refund_status', '退款到哪了', [refundOf('100000000000000007', 'requested')])))).toEqual(['aftersale.refund_status.requested']);
    expect(ids(one(t('refund_status', '退款理由选什么', [refundOf('100000000000000008', 'requested')])))).not.toContain('aftersale.refund_reason.no_fault');
  });
});
