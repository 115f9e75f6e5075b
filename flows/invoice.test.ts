import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { parseScriptsFile } from '../src/dialogue/scripts.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import type { Order } from '../src/orders/schema.ts';
import { INVOICE_DUE_HOURS, invoiceMachine } from './invoice.ts';
import type { FlowOutput, TurnEvent } from './protocol.ts';
import { expectLintCleanReplies, replayWithRestarts, testOrder, testShop, turn } from './test-fixtures.ts';

const scriptById = new Map(
  ['invoice', 'presale', 'logistics'].flatMap((name) =>
    parseScriptsFile(readFileSync(new URL(`../scripts-library/${name}.yaml`, import.meta.url), 'utf8'), `scripts-library/${name}.yaml`).map((s) => [s.id, s] as const),
  ),
);

const order = (id: string, state: Order['state'], extra: Partial<Order> = {}): Order => testOrder(id, state, { total: 569, ...extra });

const orderIdEntity = (value: string): Entity => ({ text: value, start: 0, end: value.length, type: 'order_id', value });
/** A turn about no particular product (the product-based choices have their own tests). */
const t = (text: string, orders: Order[], intent: TurnEvent['intent'] = 'invoice', entities: Entity[] = []): TurnEvent => {
  const event = turn(intent, text, { entities, facts: { orders } });
  delete event.facts.product;
  return event;
};

function run(events: TurnEvent[]) {
  const actor = createActor(invoiceMachine, { input: {} }).start();
  return events.map((event) => {
    actor.send(event);
    const snap = actor.getSnapshot();
    expectLintCleanReplies(snap.context.out, event, scriptById);
    return { value: snap.value as string, out: snap.context.out, context: snap.context };
  });
}
const one = (event: TurnEvent) => run([event])[0]!;
const ids = (out: FlowOutput) => out.replies.map((r) => r.scriptId);
const TITLE = '发票抬头是杭州暖阳贸易有限公司';

describe('invoice by order state (seed 004, six cases)', () => {
  it('1. no order yet: write the 发票抬头 in the 买家留言 (the pre-sale answer), nothing remarked', () => {
    const s = one(t('能开发票吗', []));
    expect(ids(s.out)).toEqual(['presale.invoice.available']);
    expect(s.out.remarks).toEqual([]);
    expect(s.value).toBe('idle');
  });

  it('专票 asked with an order: says first which kind the shop issues', () => {
    expect(ids(one(t('可以开专票吗', [order('100000000000000001', 'paid')])).out)).toEqual(['presale.invoice.special']);
  });

  it.each([
    ['unpaid', 'invoice.remarked.unpaid', '请订单修改负责人在系统里修改', false],
    ['paid', 'invoice.remarked.paid', '随货寄出', false],
    ['printed', 'invoice.remarked.printed', '单独寄出', true],
    ['shipped', 'invoice.remarked.shipped', '补开并寄出', true],
    ['delivered', 'invoice.remarked.received', '补开并寄出', true],
    ['completed', 'invoice.remarked.received', '补开并寄出', true],
    ['refunding', 'invoice.remarked.refunding', '退款完结后', false],
  ] as const)('%s without a note: remark title + amount paid for the right person (%s)', (state, script, who, promised) => {
    const o = order('100000000000000001', state);
    const s = one(t(TITLE, [o]));
    expect(ids(s.out)).toEqual([script]);
    expect(s.out.replies[0]!.params).toMatchObject({ orderId: o.id, invoiceTitle: '杭州暖阳贸易有限公司', amount: 569 });
    expect(s.out.remarks).toHaveLength(1);
    expect(s.out.remarks[0]!.orderId).toBe(o.id);
    expect(s.out.remarks[0]!.reason).toContain('金额569元（按实付金额）');
    expect(s.out.remarks[0]!.reason).toContain(who);
    expect(s.out.promises.length > 0).toBe(promised);
    if (promised) expect(s.out.promises[0]).toMatchObject({ orderId: o.id, dueInHours: INVOICE_DUE_HOURS });
  });

  it.each([
    ['unpaid', 'invoice.noted.unpaid'],
    ['paid', 'invoice.noted.paid'],
    ['printed', 'invoice.noted.paid'],
    ['shipped', 'invoice.noted.shipped'],
    ['delivered', 'invoice.noted.shipped'],
  ] as const)('%s with the invoice in the buyer note: as asked, the noted title read back, no new remark (%s)', (state, script) => {
    const s = one(t('能开发票吗', [order('100000000000000001', state, { buyerNote: '要发票，抬头个人' })]));
    expect(ids(s.out)).toEqual(['invoice.noted_title', script]);
    expect(s.out.replies[0]!.params).toEqual({ invoiceTitle: '个人' });
    expect(s.out.remarks).toEqual([]);
    // Near miss: a note asking for an invoice without a title has none to read back.
    expect(ids(one(t('能开发票吗', [order('100000000000000001', state, { buyerNote: '记得开发票' })])).out)).toEqual([script]);
  });
});

describe('the shop sends electronic invoices by e-mail', () => {
  const eShop = { ...testShop, invoice: { ...testShop.invoice, kind: '电子普通发票', delivery: '开具电子普通发票，确认收货后由财务统一开具并发送到您留的邮箱' } };
  const inShop = (event: TurnEvent): TurnEvent => ({ ...event, facts: { ...event.facts, shop: eShop } });

  it('a paid order: the remark says what the reply says (e-mail, not 随货)', () => {
    const s = one(inShop(t(TITLE, [order('100000000000000001', 'paid')])));
    expect(ids(s.out)).toEqual(['invoice.remarked.paid']);
    expect(s.out.remarks[0]!.reason).toContain('发送到买家邮箱');
    expect(s.out.remarks[0]!.reason).not.toMatch(/(?<!不)随货寄出/u);
  });

  it('a printed order: sent apart, as an electronic invoice', () => {
    const s = one(inShop(t(TITLE, [order('100000000000000001', 'printed')])));
    expect(s.out.remarks[0]!.reason).toContain('单独寄出（开具电子发票后发送到买家邮箱');
  });

  it('asked when the invoice comes before the title: when (the shop\'s delivery), and the title is still asked', () => {
    const o = order('100000000000000001', 'paid');
    for (const text of ['啥时候能收到发票', '发票多久能开好', '發票什麼時候能到']) {
      const [, when, answer] = run([inShop(t('要开发票', [o])), inShop(t(text, [o])), inShop(t('个人', [o], 'other'))]);
      expect(ids(when!.out), text).toEqual(['invoice.when_ask_title']);
      expect(when!.out.replies[0]!.params).toMatchObject({ orderId: o.id, delivery: eShop.invoice.delivery });
      expect(when!.value, text).toBe('awaitingTitle');
      expect(when!.out.remarks).toEqual([]);
      expect(ids(answer!.out), text).toEqual(['invoice.remarked.paid']);
    }
  });

  it('near miss: asked when once the title is remarked, only where and when (no title question)', () => {
    const o = order('100000000000000001', 'paid');
    const [, again] = run([inShop(t(TITLE, [o])), inShop(t('啥时候能收到发票', [o]))]);
    expect(ids(again!.out)).toEqual(['invoice.where_sent']);
    expect(again!.value).toBe('idle');
  });
});

describe('asking for the title', () => {
  it('asks for the 抬头 (with the amount), then takes a bare answer and remarks it', () => {
    const o = order('100000000000000001', 'shipped');
    const [ask, answer] = run([t('要开发票', [o]), t('杭州暖阳贸易有限公司 税号91330100MA2XXXX12Q', [o], 'other')]);
    expect(ask!.value).toBe('awaitingTitle');
    expect(ids(ask!.out)).toEqual(['invoice.ask_title']);
    expect(ask!.out.replies[0]!.params).toMatchObject({ orderId: o.id, amount: 569 });
    expect(answer!.value).toBe('idle');
    expect(ids(answer!.out)).toEqual(['invoice.remarked.shipped']);
    expect(answer!.out.remarks[0]!.reason).toContain('税号：91330100MA2XXXX12Q');
  });

  it('while waiting, a message that is no title is unhandled and the question stays open; 个人 answers it', () => {
    const o = order('100000000000000001', 'paid');
    const steps = run([t('要开发票', [o]), t('这个怎么弄啊', [o], 'other'), t('个人', [o], 'other')]);
    expect(steps.map((s) => s.value)).toEqual(['awaitingTitle', 'awaitingTitle', 'idle']);
    expect(steps[1]!.out.unhandled).toBe(true);
    expect(steps[2]!.out.remarks[0]!.reason).toContain('抬头“个人”');
  });

  it('while waiting, a message pointing at an order is no title: the bot asks which order (naming them), or moves to the one pointed at', () => {
    const a = order('100000000000000001', 'paid');
    const b = order('100000000000000002', 'delivered');
    // The title was asked for one order (the engine narrowed the first turn to the order discussed).
    const asked = run([t('要开发票', [a]), t('就上次买的那件', [a, b], 'wrong_item'), t('个人', [a, b], 'other')]);
    expect(asked.map((s) => s.value)).toEqual(['awaitingTitle', 'awaitingTitle', 'idle']);
    expect(ids(asked[1]!.out)).toEqual(['invoice.which_order']);
    expect(asked[1]!.out.remarks).toEqual([]);
    expect(asked[1]!.out.replies[0]!.params.orderId).toMatch(/尾号0001.*尾号0002/);
    // The engine narrowed the orders to the one the message points at ("大衣那单"): the title is asked for that order.
    const pointed = turn('return_dislike', '大衣那单', { facts: { orders: [b], orderCues: ['product'] } });
    const moved = run([t('要开发票', [a]), pointed]);
    expect(moved[1]!.value).toBe('awaitingTitle');
    expect(moved[1]!.out.replies[0]!.params.orderId).toBe(b.id);
    expect(moved[1]!.out.remarks).toEqual([]);
  });

  it('another invoice question while waiting is answered afresh', () => {
    const o = order('100000000000000001', 'paid');
    const steps = run([t('要开发票', [o]), t(TITLE, [o])]);
    expect(steps[1]!.value).toBe('idle');
    expect(ids(steps[1]!.out)).toEqual(['invoice.remarked.paid']);
  });
});

describe('which order', () => {
  const paid = order('100000000000001111', 'paid');
  const shipped = order('100000000000002222', 'shipped');

  it('the order named (by id), else the newest not being refunded', () => {
    expect(one(t(`${TITLE}，订单100000000000002222`, [paid, shipped], 'invoice', [orderIdEntity(shipped.id)])).out.remarks[0]!.orderId).toBe(shipped.id);
    expect(one(t(TITLE, [order('100000000000003333', 'refunding'), paid])).out.remarks[0]!.orderId).toBe(paid.id);
  });

  it('the conversation is about a product: the order holding it; a product not ordered yet gets the pre-sale answer', () => {
    const scarfOrder = order('100000000000004444', 'delivered', { items: [{ productId: 'scarf-01', color: '灰色', size: '均码', quantity: 1, price: 129 }] });
    const about = (productId: string) => ({ ...t(TITLE, [paid, scarfOrder]), facts: { ...t(TITLE, [paid, scarfOrder]).facts, product: testShop.products.find((p) => p.id === productId)! } });
    expect(one(about('coat-01')).out.remarks[0]!.orderId).toBe(paid.id);
    const scarf = testShop.products.find((p) => p.id !== 'coat-01');
    expect(scarf).toBeDefined();
    const notOrdered = one({ ...t('能开发票吗', [paid]), facts: { ...t('能开发票吗', [paid]).facts, product: scarf! } });
    expect(ids(notOrdered.out)).toEqual(['presale.invoice.available']);
  });

  it('right after a pre-sale question, an order of the product already received is not meant: the pre-sale answer', () => {
    const scarf = testShop.products.find((p) => p.id !== 'coat-01')!;
    const receivedScarf = order('100000000000006666', 'delivered', { items: [{ productId: scarf.id, color: '灰色', size: '均码', quantity: 1, price: 129 }] });
    const asked = (presaleTopic: boolean) => ({ ...t('能开发票吗 公司抬头', [receivedScarf]), facts: { ...t('能开发票吗 公司抬头', [receivedScarf]).facts, product: scarf, presaleTopic } });
    expect(ids(one(asked(true)).out)).toEqual(['presale.invoice.available']);
    // Near miss: no pre-sale question before — the received order's invoice (补发).
    expect(ids(one(asked(false)).out)).not.toContain('presale.invoice.available');
  });

  it('a product of an order being refunded, said to be returned: that order, not a new purchase', () => {
    const jeans = testShop.products.find((p) => p.id !== 'coat-01')!;
    const refunding = order('100000000000005555', 'refunding', { items: [{ productId: jeans.id, color: '灰色', size: '均码', quantity: 1, price: 129 }] });
    const about = (text: string) => ({ ...t(text, [refunding]), facts: { ...t(text, [refunding]).facts, product: jeans } });
    expect(ids(one(about('我那条退了 发票还能开吗')).out)).toEqual(['invoice.ask_title_refunding']);
    expect(ids(one(about('能开发票吗')).out)).toEqual(['presale.invoice.available']);
  });

  it('someone else’s order id: refused, nothing about it said or remarked', () => {
    const s = one(t('订单399900000000007777开发票', [paid], 'invoice', [orderIdEntity('399900000000007777')]));
    expect(ids(s.out)).toEqual(['logistics.order.not_own']);
    expect(s.out.remarks).toEqual([]);
  });

  it('traditional characters work', () => {
    expect(ids(one(t('發票抬頭是上海晨光文具店', [paid])).out)).toEqual(['invoice.remarked.paid']);
  });
});

describe('scope and persistence', () => {
  it('any other intent is unhandled when not waiting', () => {
    const s = one(t('包邮吗', [], 'shipping_fee'));
    expect(s.out.unhandled).toBe(true);
    expect(s.value).toBe('idle');
  });

  it('restored from JSON before every turn, it continues exactly', () => {
    const o = order('100000000000000001', 'printed');
    const { straight, restored } = replayWithRestarts(invoiceMachine, [t('要开发票', [o]), t('好的', [o], 'other'), t('个人', [o], 'other')]);
    expect(restored).toEqual(straight);
  });
});

describe('which order, never guessed', () => {
  const paid = order('100000000000001111', 'paid');
  const shipped = order('100000000000002222', 'shipped');
  const delivered = order('100000000000003333', 'delivered', { total: 210.9 });
  const refunding = order('100000000000004444', 'refunding', { total: 249 });

  it('several orders and nothing says which: asks which (naming them), nothing remarked; pointing at one asks its title', () => {
    const [ask, pointed] = run([t('我要开发票', [paid, shipped]), turn('other', '大衣那个', { facts: { orders: [shipped], orderCues: ['product'] } })]);
    expect(ask!.value).toBe('choosingOrder');
    expect(ids(ask!.out)).toEqual(['invoice.which_order']);
    expect(ask!.out.replies[0]!.params.orderId).toMatch(/尾号1111.*尾号2222/);
    expect(ask!.out.remarks).toEqual([]);
    expect(pointed!.value).toBe('awaitingTitle');
    expect(ids(pointed!.out)).toEqual(['invoice.ask_title']);
    expect(pointed!.out.replies[0]!.params).toMatchObject({ orderId: shipped.id });
  });

  it('a title given before the order is known is kept and goes on the order then pointed at', () => {
    const steps = run([t(TITLE, [paid, shipped]), turn('other', '就那个在路上的', { facts: { orders: [shipped], orderCues: ['state'] } })]);
    expect(ids(steps[0]!.out)).toEqual(['invoice.which_order_titled']);
    expect(steps[0]!.out.remarks).toEqual([]);
    expect(steps[1]!.value).toBe('idle');
    expect(steps[1]!.out.remarks[0]).toMatchObject({ orderId: shipped.id });
    expect(steps[1]!.out.remarks[0]!.reason).toContain('杭州暖阳贸易有限公司');
  });

  it('an order completed long ago or being refunded is meant only when no current one is', () => {
    const completed = order('100000000000006666', 'completed');
    expect(one(t(TITLE, [paid, completed])).out.remarks[0]!.orderId).toBe(paid.id);
    expect(one(t(TITLE, [refunding, completed])).out.remarks[0]!.orderId).toBe(completed.id);
    expect(ids(one(t(TITLE, [paid, shipped, completed])).out)).toEqual(['invoice.which_order_titled']);
  });

  it('an amount asked with several orders: the rule (按实付) without asking which first', () => {
    const s = one(t('发票能多开点金额吗 报销用', [paid, shipped]));
    expect(ids(s.out)).toEqual(['invoice.amount_rule']);
    expect(s.value).toBe('idle');
  });

  it('while choosing, a message pointing at nothing is not ours (the question stays open)', () => {
    const steps = run([t('我要开发票', [paid, shipped]), t('嗯嗯', [paid, shipped], 'other')]);
    expect(steps[1]!.out.unhandled).toBe(true);
    expect(steps[1]!.value).toBe('choosingOrder');
  });

  it.each([
    ['收到货了 还能开发票不', delivered],
    ['已經簽收了 發票能補開嗎', delivered],
    ['退货那单能开发票吗', refunding],
  ])('"%s" points at the order by its state', (text, expected) => {
    const s = one(t(text, [paid, shipped, delivered, refunding]));
    expect(s.out.replies[0]!.params.orderId).toBe(expected.id);
  });

  it('the order whose note holds the invoice, when the buyer says it is in the note', () => {
    const noted = order('100000000000005555', 'unpaid', { buyerNote: '公司年会采购，需要开发票，抬头：上海晴川文化传播有限公司' });
    const s = one(t('年会那单 发票抬头我在留言里写了 还要干啥吗', [noted, delivered]));
    expect(ids(s.out)).toEqual(['invoice.noted_title', 'invoice.noted.unpaid']);
    expect(s.out.replies[0]!.params.invoiceTitle).toBe('上海晴川文化传播有限公司');
    expect(s.out.replies[1]!.params.orderId).toBe(noted.id);
  });

  it('a tax id alone for an order whose note holds the title: remarked with that title', () => {
    const noted = order('100000000000005555', 'unpaid', { total: 2097, buyerNote: '公司年会采购，需要开发票，抬头：上海晴川文化传播有限公司' });
    for (const text of ['税号 91310115MA1K4QWE3R 要的话我发你', '补一下税号91310115MA1K4QWE3R', '91310115MA1K4QWE3R 这是税号']) {
      const s = one(t(text, [noted]));
      expect(s.out.remarks[0]?.reason, text).toContain('91310115MA1K4QWE3R');
      expect(s.out.remarks[0]?.reason, text).toContain('上海晴川文化传播有限公司');
    }
    // The remark says what changed: the tax id added, the title the note's.
    for (const text of ['补一下税号91310115MA1K4QWE3R', '91310115MA1K4QWE3R 这是税号']) {
      const reason = one(t(text, [noted])).out.remarks[0]!.reason;
      expect(reason, text).toContain('买家补充税号');
      expect(reason, text).not.toContain('更换抬头');
    }
    // Near miss: no title anywhere — the title is still asked.
    const bare = order('100000000000006666', 'paid', { total: 2097 });
    expect(one(t('税号 91310115MA1K4QWE3R', [bare])).out.remarks).toEqual([]);
  });

  it('an order being refunded: the title is asked with the refund said (issued on the final amount)', () => {
    const s = one(t('能开发票吗', [refunding]));
    expect(ids(s.out)).toEqual(['invoice.ask_title_refunding']);
    expect(s.value).toBe('awaitingTitle');
    const rendered = scriptById.get('invoice.ask_title_refunding')!.variants.join('');
    expect(rendered.match(/退款/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('follow-ups about the invoice itself', () => {
  const printed = order('100000000000001111', 'printed', { total: 149.8 });
  const notedDone = order('100000000000002222', 'completed', { total: 388, buyerNote: '需要开发票，抬头：林安娜' });

  it.each(['金额能开200吗 报销用', '能多开点吗', '金額寫500可以嗎'])('"%s": the amount is the amount paid, nothing remarked', (text) => {
    const s = one(t(text, [printed]));
    expect(ids(s.out)).toEqual(['invoice.amount_paid']);
    expect(s.out.replies[0]!.params).toMatchObject({ orderId: printed.id, amount: 149.8 });
    expect(s.out.remarks).toEqual([]);
  });

  it('the amount asked before any order: the rule (按实付)', () => {
    expect(ids(one(t('金额可以多开点吗', [])).out)).toEqual(['invoice.amount_rule']);
  });

  it.each([[[printed]], [[]]])('paper or electronic: the kind the shop issues (orders: %j)', (orders) => {
    expect(ids(one(t('是纸质的还是电子的', orders as Order[])).out)).toEqual(['invoice.kind']);
  });

  it('the kind accepted with a title given ("普票也行 抬头…"): the title is taken and remarked', () => {
    for (const text of ['那普票也行 抬头杭州安娜设计工作室 税号92330106MA2H123456', '电子的也可以 抬头是北京星河科技有限公司']) {
      const s = one(t(text, [printed]));
      expect(s.out.remarks[0]!.orderId, text).toBe(printed.id);
      expect(ids(s.out), text).not.toContain('invoice.kind');
    }
    expect(ids(one(t('普票行吗', [printed])).out)).toEqual(['invoice.kind']);
  });

  it('asked while the title is awaited, the title question stays open', () => {
    const steps = run([t('要开发票', [printed]), t('是纸质的还是电子的', [printed]), t('个人', [printed], 'other')]);
    expect(steps.map((s) => s.value)).toEqual(['awaitingTitle', 'awaitingTitle', 'idle']);
    expect(steps[2]!.out.remarks[0]!.orderId).toBe(printed.id);
  });

  it('while the title is awaited, a question about the invoice ("是电子的吗") is answered, not taken as the title', () => {
    const steps = run([t('要开发票', [printed]), t('是电子的吗', [printed], 'other')]);
    expect(ids(steps[1]!.out)).toEqual(['invoice.kind']);
    expect(steps[1]!.out.remarks).toEqual([]);
    expect(steps[1]!.value).toBe('awaitingTitle');
  });

  it('while the title of one of several orders is awaited, a question pointing at none is about that order', () => {
    const other = order('100000000000009999', 'paid');
    const steps = run([t('要开发票', [printed]), t('金额能开200吗', [printed, other])]);
    expect(ids(steps[1]!.out)).toEqual(['invoice.amount_paid']);
    expect(steps[1]!.out.replies[0]!.params.orderId).toBe(printed.id);
    expect(steps[1]!.value).toBe('awaitingTitle');
  });

  it('asked again after the title was remarked here: how it is issued and sent, not the title again', () => {
    const steps = run([t(TITLE, [printed]), t('能开发票吗', [printed]), t('会跟货一起寄过来吗', [printed])]);
    expect(ids(steps[1]!.out)).toEqual(['invoice.where_sent']);
    expect(ids(steps[2]!.out)).toEqual(['invoice.where_sent']);
    expect(steps[2]!.value).toBe('idle');
  });

  it('issued as the note asked and not arrived: remark for the clerk to check and send again, followed up', () => {
    const s = one(t('发哪了 我没收到啊', [notedDone]));
    expect(ids(s.out)).toEqual(['invoice.not_received']);
    expect(s.out.remarks[0]).toMatchObject({ orderId: notedDone.id });
    expect(s.out.promises[0]).toMatchObject({ orderId: notedDone.id, kind: 'follow_up' });
  });

  it('where it goes, for an invoice remarked in this conversation', () => {
    const steps = run([t(TITLE, [printed]), t('发到哪里', [printed])]);
    expect(ids(steps[1]!.out)).toEqual(['invoice.where_sent']);
    expect(steps[1]!.out.remarks).toEqual([]);
  });

  it('not asked for yet, "没收到发票" asks for the title (nothing to send again)', () => {
    expect(ids(one(t('发票没收到', [order('100000000000003333', 'delivered')])).out)).toEqual(['invoice.ask_title']);
  });

  it('a new title on an order issued as its note asked: issued again with the new title', () => {
    const s = one(t('能换成公司抬头吗 杭州安娜设计工作室 税号92330106MA2H8XXX1Q', [notedDone]));
    expect(ids(s.out)).toEqual(['invoice.retitled']);
    expect(s.out.remarks[0]!.reason).toContain('杭州安娜设计工作室');
    expect(s.out.remarks[0]!.reason).toContain('重新开具');
    expect(s.out.promises).toHaveLength(1);
  });

  it('only a tax id added to an order issued as its note asked: issued again with the tax id, the title unchanged', () => {
    const s = one(t('税号是91330106MA2H8XXX1Q 麻烦加上', [notedDone]));
    expect(ids(s.out)).toEqual(['invoice.reissued_tax_id']);
    expect(s.out.remarks[0]!.reason).toContain('买家补充税号，抬头不变');
    expect(s.out.remarks[0]!.reason).toContain('林安娜');
    expect(s.out.promises).toHaveLength(1);
  });

  it('a new title on an order not yet issued whose note had one: remarked, replacing the note', () => {
    const s = one(t('抬头改成杭州暖阳贸易有限公司', [order('100000000000004444', 'paid', { buyerNote: '要发票 抬头个人' })]));
    expect(ids(s.out)).toEqual(['invoice.remarked.paid']);
    expect(s.out.remarks[0]!.reason).toContain('以此为准');
  });
});

describe('the title given in pieces', () => {
  it('"要开公司的" asks for the company name and 税号 (no remark); the name then is remarked', () => {
    const o = order('100000000000000001', 'shipped');
    const steps = run([t('要开发票', [o]), t('要开公司的', [o]), t('成都星河文化有限公司 税号91510100MA6XXXX12Q', [o], 'other')]);
    expect(ids(steps[1]!.out)).toEqual(['invoice.ask_company_title']);
    expect(steps[1]!.out.remarks).toEqual([]);
    expect(steps[1]!.value).toBe('awaitingTitle');
    expect(steps[2]!.out.remarks[0]!.reason).toContain('抬头“成都星河文化有限公司”，税号：91510100MA6XXXX12Q');
  });

  it('a personal invoice without a name asks for it; "名字写…" answers', () => {
    const o = order('100000000000000001', 'paid');
    const steps = run([t('裤子那单开一张 个人的', [o]), t('名字写张小红', [o], 'bargain_decisive')]);
    expect(ids(steps[0]!.out)).toEqual(['invoice.ask_personal_name']);
    expect(steps[1]!.out.remarks[0]!.reason).toContain('抬头“张小红”');
  });

  it('"也开一张 一样的抬头" puts the title given before on the other order', () => {
    const a = order('100000000000000001', 'unpaid');
    const b = order('100000000000000002', 'delivered');
    const steps = run([t('抬头张小红', [a]), t('裤子那单也开一张 抬头同上', [b])]);
    expect(steps[1]!.out.remarks).toEqual([expect.objectContaining({ orderId: b.id, reason: expect.stringContaining('抬头“张小红”') })]);
    // Near miss: with no title given before, the title is asked for.
    expect(ids(one(t('裤子那单也开一张 抬头同上', [b])).out)).toEqual(['invoice.ask_title']);
  });

  it('"税号要给你吗" is answered; the 税号 sent next goes with the title given before', () => {
    const o = order('100000000000000001', 'delivered');
    const steps = run([t('抬头成都星河文化有限公司', [o]), t('需要提供税号吗', [o]), t('91510100MA6XXXX12Q', [o])]);
    expect(ids(steps[1]!.out)).toEqual(['invoice.tax_id']);
    expect(steps[1]!.out.remarks).toEqual([]);
    expect(steps[2]!.out.remarks[0]!.reason).toContain('抬头“成都星河文化有限公司”，税号：91510100MA6XXXX12Q');
  });

  it('a mailbox is remarked: with the title, alone after it, or before it (the title then asked for)', () => {
    const o = order('100000000000000001', 'paid');
    const withTitle = one(t('抬头张小红 发到邮箱 xh.zhang@126.com', [o]));
    expect(withTitle.out.remarks[0]!.reason).toContain('发送邮箱：xh.zhang@126.com');
    const after = run([t('抬头张小红', [o]), t('邮箱xh.zhang@126.com', [o])]);
    expect(ids(after[1]!.out)).toEqual(['invoice.email_noted']);
    expect(after[1]!.out.remarks[0]!.reason).toContain('xh.zhang@126.com');
    const before = one(t('发票发这个邮箱 xh.zhang@126.com', [o]));
    expect(ids(before.out)).toEqual(['invoice.email_noted_ask_title']);
    expect(before.value).toBe('awaitingTitle');
  });
});
