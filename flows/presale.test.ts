import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine } from 'xstate';
import { createLinter } from '../src/compliance/linter.ts';
import { replyLintContext } from '../src/dialogue/lint-context.ts';
import { parseScriptsFile, renderVariant } from '../src/dialogue/scripts.ts';
import type { Entity } from '../src/nlu/entities/index.ts';
import { INTENT_IDS, type IntentId } from '../src/nlu/intents.ts';
import type { Order } from '../src/orders/schema.ts';
import { ShopSchema, type Shop } from '../src/shop/schema.ts';
import { BODY_REMINDERS, PRESALE_INTENTS, presaleMachine, questionToRepeat, type PresaleContext } from './presale.ts';
import type { FlowOutput, TurnEvent } from './protocol.ts';
import { testOrder, testShop, turn, replayWithRestarts } from './test-fixtures.ts';

// ---------------------------------------------------------------- the scripts library

const SCRIPTS_FILE = new URL('../scripts-library/presale.yaml', import.meta.url);
const scripts = parseScriptsFile(readFileSync(SCRIPTS_FILE, 'utf8'), 'scripts-library/presale.yaml');
const scriptById = new Map(scripts.map((s) => [s.id, s]));


const BUYER = 'buyer-1';
const linterFor = (orders: Order[]) => createLinter({ profile: 'tmall', context: replyLintContext({ shop: testShop, buyerId: BUYER, ownOrders: orders }) });

describe('scripts-library/presale.yaml', () => {
  it('has only presale.* ids, each with a description and at least two variants', () => {
    expect(scripts.length).toBeGreaterThan(40);
    for (const s of scripts) {
      expect(s.id).toMatch(/^presale\./);
      expect(s.variants.length).toBeGreaterThanOrEqual(2);
    }
  });

});

// ---------------------------------------------------------------- helpers for the machine

const at = (offset: number, type: Entity['type']) => ({ text: '', start: offset, end: offset + 1, type });
const height = (cm: number): Entity => ({ ...at(0, 'height'), type: 'height', cm });
const weight = (kg: number): Entity => ({ ...at(5, 'weight'), type: 'weight', kg });
const size = (value: string): Entity => ({ ...at(10, 'size'), type: 'size', value, system: 'letter' });
const color = (name: string): Entity => ({ ...at(12, 'color'), type: 'color', name });
const courier = (name: string): Entity => ({ ...at(14, 'courier'), type: 'courier', name });
const orderIdEntity = (value: string): Entity => ({ ...at(16, 'order_id'), type: 'order_id', value });

const order = (id: string, state: Order['state'], receiver: Partial<Order['receiver']> = {}): Order => ({
  id,
  buyerId: BUYER,
  state,
  items: [{ productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }],
  total: 599,
  createdAt: '2026-11-23T09:00:00+08:00',
  tracking: [],
  receiver: { name: '张三', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号', region: '浙江', ...receiver },
});

/**
 * Checks every reply of an output the way the engine uses it: the script exists, every
 * placeholder has a value, and each rendered variant passes the strict linter with the buyer's
 * own orders as context.
 */
function checkOutput(out: FlowOutput, event: TurnEvent): void {
  const linter = linterFor(event.facts.orders);
  for (const plan of out.replies) {
    const script = scriptById.get(plan.scriptId);
    expect(script, `unknown script ${plan.scriptId}`).toBeDefined();
    for (const v of script!.variants) {
      const text = renderVariant(v, plan.params, plan.scriptId);
      const { violations } = linter.lint(text);
      expect(violations.map((f) => `${f.ruleId}: ${text}`)).toEqual([]);
    }
  }
}

interface Step {
  value: string;
  out: FlowOutput;
  context: PresaleContext;
}

/** Sends the events to a fresh actor; returns the state and output after each. */
function run(...events: TurnEvent[]): Step[] {
  const actor = createActor(presaleMachine, { input: {} }).start();
  const steps = events.map((event) => {
    actor.send(event);
    const snap = actor.getSnapshot();
    checkOutput(snap.context.out, event);
    return { value: String(snap.value), out: snap.context.out, context: snap.context };
  });
  actor.stop();
  return steps;
}

const one = (event: TurnEvent): Step => run(event)[0]!;
const ids = (out: FlowOutput): string[] => out.replies.map((r) => r.scriptId);
const params = (out: FlowOutput, index = 0) => out.replies[index]!.params;

// ---------------------------------------------------------------- scope

describe('scope', () => {
  it('marks every intent outside pre-sale unhandled, with no replies, and stays idle', () => {
    for (const intent of INTENT_IDS.filter((i) => !PRESALE_INTENTS.includes(i))) {
      const step = one(turn(intent, '随便说说'));
      expect(step.value).toBe('idle');
      expect(step.out).toEqual({ replies: [], remarks: [], promises: [], concessions: [], unhandled: true });
    }
  });

  it('answers every pre-sale intent with at least one reply', () => {
    for (const intent of PRESALE_INTENTS) {
      const step = one(turn(intent, ''));
      expect(step.out.unhandled, intent).toBeUndefined();
      expect(step.out.replies.length, intent).toBeGreaterThan(0);
    }
  });

  it('replaces the output each turn instead of appending', () => {
    const [first, second] = run(turn('invoice'), turn('authenticity'));
    expect(ids(first!.out)).toEqual(['presale.invoice.available']);
    expect(ids(second!.out)).toEqual(['presale.authenticity.wording']);
  });
});

// ---------------------------------------------------------------- greeting

describe('greeting', () => {
  it('inside working hours welcomes with the shop and the agent, later greetings are shorter', () => {
    const [first, again] = run(turn('greeting', '在吗'), turn('greeting', '在吗？'));
    expect(first!.out.replies).toEqual([{ scriptId: 'presale.greeting.welcome', params: { shop: '暖阳旗舰店', agent: '小美' } }]);
    expect(first!.out.promises).toEqual([]);
    expect(again!.out.replies).toEqual([{ scriptId: 'presale.greeting.again', params: { shop: '暖阳旗舰店', agent: '小美' } }]);
  });

  it('outside working hours says a colleague follows up in working hours, recorded once as the only promise', () => {
    const night = { withinWorkingHours: false, now: '2026-11-23T23:00:00+08:00' };
    const [first, again] = run(turn('greeting', '在吗', { facts: night }), turn('greeting', '有人吗', { facts: night }));
    expect(first!.out.replies).toEqual([{ scriptId: 'presale.greeting.after_hours', params: { shop: '暖阳旗舰店' } }]);
    expect(first!.out.promises).toEqual([{ kind: 'follow_up', text: expect.any(String), dueInHours: 11 }]);
    expect(again!.out.replies.map((r) => r.scriptId)).toEqual(['presale.greeting.after_hours']);
    expect(again!.out.promises).toEqual([]);
  });
});

// ---------------------------------------------------------------- stock

/** What stock answers call a clothing SKU's colour and size. */
const CLOTHING = { colorWord: '颜色', sizeWord: '尺码' };

describe('stock', () => {
  it('a colour and size in stock: says so, with a gentle invitation to order', () => {
    const step = one(turn('stock', '驼色S码有货吗', { entities: [color('驼色'), size('S')] }));
    expect(step.out.replies).toEqual([
      { scriptId: 'presale.stock.in_stock', params: { ...CLOTHING, product: '羊毛呢大衣', color: '驼色', size: 'S码' } },
      { scriptId: 'presale.nudge.order', params: {} },
    ]);
  });

  it('out of stock: 暂时无货 with the restock date, then the sizes of that colour in stock', () => {
    const step = one(turn('stock', '驼色M码还有吗', { entities: [color('驼色'), size('M')] }));
    expect(step.out.replies).toEqual([
      { scriptId: 'presale.stock.out_with_date', params: { ...CLOTHING, product: '羊毛呢大衣', color: '驼色', size: 'M码', restockDate: '12月1日' } },
      { scriptId: 'presale.stock.alternative_sizes', params: { ...CLOTHING, color: '驼色', sizes: 'S码、L码' } },
    ]);
  });

  it('out of stock without a known date: no date is invented', () => {
    const shop = ShopSchema.parse({
      ...testShop,
      products: [{ ...testShop.products[0]!, skus: [{ color: '驼色', size: 'M', stock: 0 }, { color: '黑色', size: 'M', stock: 2 }] }, testShop.products[1]!],
    });
    const step = one(turn('stock', '驼色有吗', { entities: [color('驼色')], facts: { shop, product: shop.products[0] } }));
    expect(ids(step.out)).toEqual(['presale.stock.out_no_date', 'presale.stock.alternative_overview']);
    expect(params(step.out)).toEqual({ ...CLOTHING, product: '羊毛呢大衣', color: '驼色', size: '' });
  });

  it('a size only: the colours that have it; a colour only: its sizes', () => {
    const bySize = one(turn('stock', 'M码有吗', { entities: [size('M')] }));
    expect(bySize.out.replies[0]).toEqual({ scriptId: 'presale.stock.size_in_stock', params: { ...CLOTHING, product: '羊毛呢大衣', size: 'M码', colors: '黑色' } });
    const byColor = one(turn('stock', '黑色有吗', { entities: [color('黑色')] }));
    expect(byColor.out.replies[0]).toEqual({ scriptId: 'presale.stock.color_in_stock', params: { ...CLOTHING, product: '羊毛呢大衣', color: '黑色', sizes: 'M码' } });
  });

  it('nothing asked: the colours and sizes in stock, and a question (no invitation yet)', () => {
    const step = one(turn('stock', '有货吗'));
    expect(step.out.replies).toEqual([{ scriptId: 'presale.stock.overview', params: { ...CLOTHING, product: '羊毛呢大衣', colors: '驼色、黑色', sizes: 'S码、M码、L码' } }]);
  });

  it('a colour that does not exist: which colours and sizes exist', () => {
    const step = one(turn('stock', '有红色吗', { entities: [color('红色')] }));
    expect(step.out.replies).toEqual([
      { scriptId: 'presale.stock.unknown_variant', params: { ...CLOTHING, product: '羊毛呢大衣', color: '红色', size: '', colors: '驼色、黑色', sizes: 'S码、M码、L码' } },
    ]);
  });

  it('everything sold out: 暂时无货 with the earliest restock date', () => {
    const coat = { ...testShop.products[0]!, skus: testShop.products[0]!.skus.map((s) => ({ ...s, stock: 0 })) };
    const step = one(turn('stock', '还有货吗', { facts: { product: coat } }));
    expect(step.out.replies).toEqual([{ scriptId: 'presale.stock.all_out_with_date', params: { ...CLOTHING, product: '羊毛呢大衣', restockDate: '12月1日' } }]);
  });

  it('a short follow-up clause about another variant beside another question ("那M呢，今天能发货吗"): its stock too', () => {
    const placed = (e: Entity, text: string, word: string): Entity => ({ ...e, start: text.indexOf(word), end: text.indexOf(word) + word.length });
    const first = turn('stock', '驼色S码有货吗', { entities: [color('驼色'), size('S')] });
    for (const text of ['那M呢，今天能发货吗', '那M呢 几天能到', '今天能发吗？那M码呢']) {
      const [, step] = run(first, turn('shipping_time', text, { entities: [placed(size('M'), text, 'M')] }));
      expect(ids(step!.out), text).toContain('presale.shipping_time.general');
      // 驼色 M is out (the colour stays from the question before).
      expect(step!.out.replies.find((r) => r.scriptId.startsWith('presale.stock.'))!.params, text).toMatchObject({ color: '驼色', size: 'M码' });
      expect(step!.context.stockAsked).toEqual({ productId: 'coat-01', color: '驼色', size: 'M' });
    }
    // Near misses: no stock question before, a long clause, a clause naming no variant.
    expect(ids(one(turn('shipping_time', '那M呢，今天能发货吗', { entities: [placed(size('M'), '那M呢，今天能发货吗', 'M')] })).out)).toEqual(['presale.shipping_time.general']);
    const long = '那我平时穿M码的呢，今天能发货吗';
    expect(ids(run(first, turn('shipping_time', long, { entities: [placed(size('M'), long, 'M码')] }))[1]!.out)).toEqual(['presale.shipping_time.general']);
    expect(ids(run(first, turn('shipping_time', '那广东呢，今天能发货吗'))[1]!.out)).toEqual(['presale.shipping_time.region']);
  });

  it('which colours have a size, right after a colour and size out of stock: the colours with that size, the colour before not kept', () => {
    const first = turn('stock', '驼色M码还有吗', { entities: [color('驼色'), size('M')] });
    for (const text of ['那M码啥颜色有货', '那M有哪些颜色', '那M码的都有什么色呢']) {
      const [, step] = run(first, turn('stock', text, { entities: [size('M')] }));
      expect(step!.out.replies[0], text).toEqual({ scriptId: 'presale.stock.size_in_stock', params: { ...CLOTHING, product: '羊毛呢大衣', size: 'M码', colors: '黑色' } });
    }
    // Near miss: another size only — the colour stays.
    const [, same] = run(first, turn('stock', '那S呢', { entities: [size('S')] }));
    expect(same!.out.replies[0]).toMatchObject({ scriptId: 'presale.stock.in_stock', params: { color: '驼色', size: 'S码' } });
  });

  it('a colour and a bare numbered size right after another variant ("浅蓝29呢"): both asked, neither kept from before', () => {
    const jeans = {
      ...testShop.products[0]!,
      skus: [
        { color: '深蓝色', size: '27', stock: 4 },
        { color: '浅蓝色', size: '27', stock: 2 },
        { color: '浅蓝色', size: '29', stock: 0, restockDate: '2026-12-03' },
      ],
    };
    const first = turn('stock', '深蓝27码有吗', { entities: [color('深蓝色'), size('27')], facts: { product: jeans } });
    const [, step] = run(first, turn('stock', '浅蓝29呢', { entities: [color('浅蓝色')], facts: { product: jeans } }));
    expect(step!.out.replies[0]).toMatchObject({ scriptId: 'presale.stock.out_with_date', params: { color: '浅蓝色', size: '29码', restockDate: '12月3日' } });
    // Near miss: the colour alone — the size before stays.
    const [, same] = run(first, turn('stock', '浅蓝呢', { entities: [color('浅蓝色')], facts: { product: jeans } }));
    expect(same!.out.replies[0]).toMatchObject({ params: { color: '浅蓝色', size: '27码' } });
  });

  it('when it is back, right after a variant out of stock: its restock date', () => {
    const first = turn('stock', '驼色M码还有吗', { entities: [color('驼色'), size('M')] });
    for (const text of ['啥时候能有啊', '什么时候会再有', '几时才有货']) {
      const [, step] = run(first, turn('stock', text));
      expect(step!.out.replies[0], text).toMatchObject({ scriptId: 'presale.stock.out_with_date', params: { color: '驼色', size: 'M码', restockDate: '12月1日' } });
    }
  });

  it('to be told when it is back, right after a stock answer: the shop\'s way, no message promised', () => {
    const first = turn('stock', '驼色M码还有吗', { entities: [color('驼色'), size('M')] });
    for (const text of ['有货了告诉我一声', '补货了提醒我一下好吗']) {
      const [, step] = run(first, turn('stock', text));
      expect(step!.out.replies, text).toEqual([{ scriptId: 'presale.stock.restock_notice', params: { product: '羊毛呢大衣' } }]);
    }
    // Near miss: with no stock asked before, the stock is looked up.
    expect(ids(one(turn('stock', '有货了告诉我一声')).out)).not.toContain('presale.stock.restock_notice');
  });

  it('no product known: asks which one', () => {
    expect(ids(one(turn('stock', '有货吗', { facts: { product: undefined } })).out)).toEqual(['presale.ask_product']);
  });

  it('a snack: 口味/规格 from the product, and no 码 after its pack size', () => {
    const snack = { ...testShop.products[0]!, variantLabels: { color: '口味', size: '规格' }, skus: [{ color: '椒盐味', size: '250g袋装', stock: 5 }, { color: '奶油味', size: '250g袋装', stock: 0 }] };
    const step = one(turn('stock', '有货吗', { facts: { product: snack } }));
    expect(step.out.replies).toEqual([
      { scriptId: 'presale.stock.overview', params: { product: '羊毛呢大衣', colors: '椒盐味', sizes: '250g袋装', colorWord: '口味', sizeWord: '规格' } },
    ]);
  });
});

// ---------------------------------------------------------------- product info

describe('product_info', () => {
  it('answers an attribute named by a buyer word from product.attributes', () => {
    const step = one(turn('product_info', '这个是什么面料'));
    expect(step.out.replies).toEqual([{ scriptId: 'presale.product_info.attribute', params: { product: '羊毛呢大衣', attribute: '材质', value: '70%羊毛，30%聚酯纤维' } }]);
    expect(ids(one(turn('product_info', '材质和洗涤方式是什么')).out)).toEqual(['presale.product_info.attribute', 'presale.product_info.attribute']);
  });

  it('the same question about another product named right after ("围巾呢"): that product\'s answer', () => {
    const scarf = testShop.products[1]!;
    for (const text of ['围巾呢', '那围巾的呢', '还有围巾呢？']) {
      const [, step] = run(turn('product_info', '这个是什么面料'), turn('product_info', text, { facts: { product: scarf } }));
      expect(step!.out.replies, text).toEqual([{ scriptId: 'presale.product_info.attribute', params: { product: '羊绒围巾', attribute: '材质', value: '100%山羊绒' } }]);
    }
    // Near misses: the same product again, or more than a product named.
    expect(ids(run(turn('product_info', '这个是什么面料'), turn('product_info', '大衣呢'))[1]!.out)).toEqual(['presale.product_info.ask']);
    expect(ids(run(turn('product_info', '这个是什么面料'), turn('product_info', '那我加围巾的话呢', { facts: { product: scarf } }))[1]!.out)).toEqual(['presale.product_info.ask']);
  });

  it('the lining, named by a buyer word, from the value that mentions it', () => {
    const lined = { ...testShop.products[0]!, attributes: { 面料: '羊毛80%（双面呢，无里衬）', 洗涤方式: '建议干洗' } };
    for (const text of ['有内衬吗', '里衬是什么的', '带不带内里']) {
      expect(one(turn('product_info', text, { facts: { product: lined } })).out.replies, text).toEqual([
        { scriptId: 'presale.product_info.attribute', params: { product: '羊毛呢大衣', attribute: '面料', value: '羊毛80%（双面呢，无里衬）' } },
      ]);
    }
    expect(ids(one(turn('product_info', '有内衬吗')).out)).toEqual(['presale.product_info.ask']);
  });

  it('an attribute the product does not list: points to the 详情页', () => {
    const step = one(turn('product_info', '保质期多久'));
    expect(step.out.replies).toEqual([{ scriptId: 'presale.product_info.missing_attribute', params: { product: '羊毛呢大衣', attribute: '保质期' } }]);
  });

  it('no attribute named: points to the 详情页 and asks what they want to know', () => {
    expect(one(turn('product_info', '介绍一下这款')).out.replies).toEqual([
      { scriptId: 'presale.product_info.ask', params: { product: '羊毛呢大衣', attribute: '材质、洗涤方式' } },
    ]);
    const plain = { ...testShop.products[1]!, attributes: {} };
    expect(ids(one(turn('product_info', '介绍一下', { facts: { product: plain } })).out)).toEqual(['presale.product_info.detail_page']);
    expect(ids(one(turn('product_info', '什么材质', { facts: { product: undefined } })).out)).toEqual(['presale.ask_product']);
  });
});

describe('a correction of the product ("不对 我说的是女款")', () => {
  it('asks the last product question again, in its own words, for the product now meant', () => {
    const coat = testShop.products[0]!;
    const scarf = testShop.products[1]!;
    for (const text of ['不对 我说的是围巾', '不是大衣 是围巾', '搞错了，我问的是围巾']) {
      const [first, second] = run(turn('product_info', '什么材质', { facts: { product: coat } }), turn('product_info', text, { facts: { product: scarf } }));
      expect(first!.context.lastQuestion).toEqual({ intent: 'product_info', text: '什么材质', productId: 'coat-01' });
      expect(second!.out.replies, text).toEqual([{ scriptId: 'presale.product_info.attribute', params: { product: '羊绒围巾', attribute: '材质', value: '100%山羊绒' } }]);
    }
    // Not a correction, or another question: answered on its own words.
    const [, plain] = run(turn('product_info', '什么材质', { facts: { product: coat } }), turn('product_info', '围巾介绍一下', { facts: { product: scarf } }));
    expect(ids(plain!.out)).toEqual(['presale.product_info.ask']);
  });

  it('the question to repeat is read from a persisted snapshot (none before any product question)', () => {
    const actor = createActor(presaleMachine, { input: {} }).start();
    actor.send(turn('greeting', '在吗'));
    expect(questionToRepeat(actor.getPersistedSnapshot())).toBeUndefined();
    actor.send(turn('stock', '有什么颜色'));
    expect(questionToRepeat(JSON.parse(JSON.stringify(actor.getPersistedSnapshot())))).toBe('stock');
    actor.send(turn('shipping_fee', '新疆包邮吗'));
    expect(questionToRepeat(actor.getPersistedSnapshot())).toBe('stock');
    actor.stop();
    expect(questionToRepeat(undefined)).toBeUndefined();
  });
});

describe('product_info about returns before ordering', () => {
  it('no product known ("你们家支持七天无理由吗"): the shop’s policy by category, the excluded ones named', () => {
    const snack = { ...testShop.products[1]!, id: 'snack-01', name: '牛轧糖', category: '零食/糕点', sevenDayReturn: false };
    const withSnacks = { ...testShop, products: [...testShop.products.map((p) => ({ ...p, category: `${p.category}/其他`, sevenDayReturn: true })), snack] };
    for (const text of ['你们家支持七天无理由吗', '店里的东西能退换吗', '不合适可以退吗']) {
      expect(one(turn('product_info', text, { facts: { product: undefined, shop: withSnacks } })).out.replies, text).toEqual([
        { scriptId: 'presale.product_info.return_policy_shop', params: { categories: '服装、配饰', excludedCategories: '零食' } },
      ]);
    }
    // near miss: no product and no return question still asks which product
    expect(ids(one(turn('product_info', '什么面料', { facts: { product: undefined, shop: withSnacks } })).out)).toEqual(['presale.ask_product']);
  });

  it('the product’s 7-day returns, or why a food product has none', () => {
    for (const text of ['不合适的话能退不', '支持七天无理由吗', '能換嗎']) {
      expect(one(turn('product_info', text, { facts: { product: { ...testShop.products[0]!, sevenDayReturn: true } } })).out.replies, text).toEqual([
        { scriptId: 'presale.product_info.return_policy', params: { product: '羊毛呢大衣' } },
      ]);
    }
    expect(ids(one(turn('product_info', '能退吗', { facts: { product: { ...testShop.products[0]!, sevenDayReturn: false } } })).out)).toEqual(['presale.product_info.return_policy_excluded']);
    // No product known: the shop's general policy by category (it used to ask which product).
    expect(ids(one(turn('product_info', '能退吗', { facts: { product: undefined } })).out)).toEqual(['presale.product_info.return_policy_shop_all']);
    // Near miss: a product question that is no return question.
    expect(ids(one(turn('product_info', '什么面料', { facts: { product: { ...testShop.products[0]!, sevenDayReturn: true } } })).out)).toEqual(['presale.product_info.attribute']);
  });
});

describe('product_info about colours and sizes', () => {
  it('a colour or size named, or which there are: answered from the SKUs, not the detail page', () => {
    // The test coat: 驼色 S/M/L, 黑色 M (驼色 M out).
    for (const text of ['有黑色吗', '有什么颜色', '有哪几种颜色', '颜色有哪些', '有幾種顏色', '尺码有哪些', '啥色可选']) {
      const out = one(turn('product_info', text)).out;
      expect(ids(out)[0], text).toMatch(/^presale\.stock\./);
    }
    expect(one(turn('product_info', '有白色吗', { entities: [{ type: 'color', text: '白色', name: '白色', start: 1, end: 3 }] })).out.replies[0]).toEqual({
      scriptId: 'presale.stock.unknown_variant',
      params: expect.objectContaining({ color: '白色', colors: '驼色、黑色' }),
    });
    // Near misses: advice on a colour, size advice, an attribute, a vague question.
    expect(ids(one(turn('product_info', '什么颜色好看')).out)).toEqual(['presale.product_info.ask']);
    expect(ids(one(turn('product_info', '介绍一下这款')).out)).toEqual(['presale.product_info.ask']);
    expect(ids(one(turn('product_info', '什么面料')).out)).toEqual(['presale.product_info.attribute']);
  });
});

// ---------------------------------------------------------------- size advice

describe('size_advice', () => {
  it('height and weight in one message: the size from the chart and an invitation, staying idle', () => {
    const step = one(turn('size_advice', '身高165体重52穿什么码', { entities: [height(165), weight(52)] }));
    expect(step.value).toBe('idle');
    expect(step.out.replies).toEqual([
      { scriptId: 'presale.size_advice.fit', params: { height: 165, weight: 52, size: 'M码' } },
      { scriptId: 'presale.nudge.order', params: {} },
    ]);
  });

  it('asks for what is missing and remembers what was given across turns', () => {
    const [asked, answered] = run(
      turn('size_advice', '身高165穿什么码', { entities: [height(165)] }),
      turn('size_advice', '52公斤', { entities: [weight(52)] }),
    );
    expect(asked!.value).toBe('awaitingBodyData');
    expect(asked!.out.replies).toEqual([{ scriptId: 'presale.size_advice.ask_weight', params: { height: 165 } }]);
    expect(answered!.value).toBe('idle');
    expect(answered!.out.replies[0]).toEqual({ scriptId: 'presale.size_advice.fit', params: { height: 165, weight: 52, size: 'M码' } });
  });

  it('the largest or smallest size asked: the chart sizes, that end and what it fits, even with body data outside the chart', () => {
    for (const text of ['最大的码是多大', '码最大到多少']) {
      expect(one(turn('size_advice', text)).out.replies, text).toEqual([
        { scriptId: 'presale.size_advice.largest', params: { product: '羊毛呢大衣', sizes: 'S码、M码、L码', size: 'L码', measures: '身高166-176cm、体重56-68kg' } },
      ]);
    }
    expect(ids(one(turn('size_advice', '最小码是几码')).out)).toEqual(['presale.size_advice.smallest']);
    const [, after] = run(turn('size_advice', '190 100kg穿什么码', { entities: [height(190), weight(100)] }), turn('size_advice', '最大的码是多大'));
    expect(ids(after!.out)).toEqual(['presale.size_advice.largest']);
    // Near miss: the size to wear is still advice.
    expect(ids(one(turn('size_advice', '我穿多大码')).out)).toEqual(['presale.size_advice.ask_both']);
  });

  it('asks for both, then for the height, then answers', () => {
    const steps = run(turn('size_advice', '穿什么码'), turn('size_advice', '体重45kg', { entities: [weight(45)] }), turn('other', '155', { entities: [height(155)] }));
    expect(steps.map((s) => s.value)).toEqual(['awaitingBodyData', 'awaitingBodyData', 'idle']);
    expect(ids(steps[0]!.out)).toEqual(['presale.size_advice.ask_both']);
    expect(steps[1]!.out.replies).toEqual([{ scriptId: 'presale.size_advice.ask_height', params: { weight: 45 } }]);
    expect(steps[2]!.out.replies[0]).toEqual({ scriptId: 'presale.size_advice.fit', params: { height: 155, weight: 45, size: 'S码' } });
  });

  it('while waiting, a message with only body data counts whatever its intent', () => {
    const [, answered] = run(turn('size_advice', '身高165', { entities: [height(165)] }), turn('other', '52kg', { entities: [weight(52)] }));
    expect(answered!.out.unhandled).toBeUndefined();
    expect(ids(answered!.out)).toEqual(['presale.size_advice.fit', 'presale.nudge.order']);
  });

  it('while waiting, a bare number is read as the missing height or weight, whatever its intent', () => {
    const steps = run(turn('size_advice', '穿什么码'), turn('thanks_bye', '163'), turn('other', '52'));
    expect(steps.map((s) => s.value)).toEqual(['awaitingBodyData', 'awaitingBodyData', 'idle']);
    expect(steps[1]!.out.unhandled).toBeUndefined();
    expect(steps[1]!.out.replies).toEqual([{ scriptId: 'presale.size_advice.ask_weight', params: { height: 163 } }]);
    expect(steps[2]!.out.replies[0]).toEqual({ scriptId: 'presale.size_advice.fit', params: { height: 163, weight: 52, size: 'M码' } });
  });

  it('while waiting for the weight, a bare number over 75 is 斤 unless that is implausible for the height', () => {
    const [, jin] = run(turn('size_advice', '身高165', { entities: [height(165)] }), turn('other', '104'));
    expect(jin!.out.replies[0]).toMatchObject({ params: { height: 165, weight: 52 } });
    const [, kg] = run(turn('size_advice', '身高190', { entities: [height(190)] }), turn('other', '95'));
    expect(kg!.out.replies[0]).toMatchObject({ params: { height: 190, weight: 95 } });
  });

  it('a bare number is not body data when nothing waits for it', () => {
    expect(one(turn('other', '163')).out.unhandled).toBe(true);
  });

  it('a unit-less weight read as 斤 is re-read as kg when the BMI would be implausible', () => {
    const assumedJin: Entity = { ...at(5, 'weight'), type: 'weight', kg: 47.5, assumedUnit: 'jin' };
    const step = one(turn('size_advice', '身高190体重95', { entities: [height(190), assumedJin] }));
    expect(step.out.replies[0]).toMatchObject({ params: { height: 190, weight: 95 } });
    const plausible: Entity = { ...at(5, 'weight'), type: 'weight', kg: 55, assumedUnit: 'jin' };
    expect(one(turn('size_advice', '身高165体重110', { entities: [height(165), plausible] })).out.replies[0]).toMatchObject({ params: { height: 165, weight: 55 } });
  });

  it('while waiting, a message without body data outside pre-sale is unhandled and the wait goes on', () => {
    const [, other, answered] = run(
      turn('size_advice', '身高165', { entities: [height(165)] }),
      turn('other', '今天天气怎么样'),
      turn('size_advice', '52kg', { entities: [weight(52)] }),
    );
    expect(other!.value).toBe('awaitingBodyData');
    expect(other!.out.unhandled).toBe(true);
    expect(other!.out.replies).toEqual([]);
    expect(answered!.value).toBe('idle');
  });

  it('another pre-sale question while waiting: answered with one gentle reminder; if the buyer moves on again, the wait ends', () => {
    const steps = run(
      turn('size_advice', '身高165', { entities: [height(165)] }),
      turn('shipping_fee', '浙江包邮吗'),
      turn('invoice', '能开发票吗'),
      turn('authenticity', '是正品吗'),
    );
    expect(BODY_REMINDERS).toBe(1);
    expect(steps.map((s) => s.value)).toEqual(['awaitingBodyData', 'awaitingBodyData', 'idle', 'idle']);
    expect(steps[1]!.out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.free', params: { region: '浙江', courier: '中通' } },
      { scriptId: 'presale.size_advice.remind_weight', params: { height: 165 } },
    ]);
    expect(ids(steps[2]!.out)).toEqual(['presale.invoice.available']);
    // What was given stays known: a later size question needs only the weight.
    expect(steps[3]!.context.body).toEqual({ heightCm: 165, weightKg: null });
  });

  it('the remembered height is used by a later size question', () => {
    const steps = run(
      turn('size_advice', '身高165', { entities: [height(165)] }),
      turn('invoice', '能开发票吗'),
      turn('gift', '有赠品吗'),
      turn('size_advice', '52公斤呢', { entities: [weight(52)] }),
    );
    expect(steps[3]!.value).toBe('idle');
    expect(steps[3]!.out.replies[0]).toEqual({ scriptId: 'presale.size_advice.fit', params: { height: 165, weight: 52, size: 'M码' } });
  });

  it('another pre-sale question that brings the missing data: answers both and the size advice ends', () => {
    const [, both] = run(
      turn('size_advice', '身高165', { entities: [height(165)] }),
      turn('stock', '52kg的话黑色M有吗', { entities: [weight(52), color('黑色'), size('M')] }),
    );
    expect(both!.value).toBe('idle');
    expect(ids(both!.out)).toEqual(['presale.stock.in_stock', 'presale.size_advice.fit', 'presale.nudge.order']);
  });

  it('no invitation to order a product the conversation’s order already holds, paid (the buyer waits for it)', () => {
    const sized = (focus: Order) => one(turn('size_advice', '我165 52kg 穿M行吗', { entities: [height(165), weight(52)], facts: { orderInFocus: focus } }));
    expect(ids(sized(order('100000000000000001', 'shipped')).out)).toEqual(['presale.size_advice.fit']);
    expect(ids(sized(order('100000000000000002', 'paid')).out)).toEqual(['presale.size_advice.fit']);
    // Near misses: an unpaid order (still to be paid) or an order of another product — the invitation stays.
    expect(ids(sized(order('100000000000000003', 'unpaid')).out)).toEqual(['presale.size_advice.fit', 'presale.nudge.order']);
    const scarf = { ...order('100000000000000004', 'shipped'), items: [{ productId: 'scarf-01', color: '红色', size: '均码', quantity: 1, price: 99 }] };
    expect(ids(sized(scarf).out)).toEqual(['presale.size_advice.fit', 'presale.nudge.order']);
  });

  it('an order placed while waiting ends the wait without a reminder', () => {
    const orders = [order('100000000000000001', 'paid')];
    const [, placed] = run(turn('size_advice', '身高165', { entities: [height(165)] }), turn('order_placed', '已经拍了', { facts: { orders } }));
    expect(placed!.value).toBe('idle');
    expect(ids(placed!.out)).toEqual(['presale.order_placed.confirm_paid']);
  });

  it('keeps a bare height written in the size question and asks only for the weight', () => {
    for (const text of ['我158穿什么码', '158 穿多大合适', '我172选哪个码']) {
      const step = one(turn('size_advice', text));
      expect(ids(step.out), text).toEqual(['presale.size_advice.ask_weight']);
    }
    const [, after] = run(turn('size_advice', '我158穿什么码'), turn('size_advice', '96斤', { entities: [weight(48)] }));
    expect(ids(after!.out)[0]).toBe('presale.size_advice.between');
    // A price is no height.
    expect(ids(one(turn('size_advice', '159元那款穿什么码')).out)).toEqual(['presale.size_advice.ask_both']);
  });

  it('overlapping sizes: names both and the looser one; outside the chart and no single fit: says so, never guesses', () => {
    const between = one(turn('size_advice', '159 49', { entities: [height(159), weight(49)] }));
    expect(between.out.replies[0]).toEqual({ scriptId: 'presale.size_advice.between', params: { height: 159, weight: 49, sizes: 'S码、M码', size: 'M码' } });
    const outside = one(turn('size_advice', '185 80', { entities: [height(185), weight(80)] }));
    expect(outside.out.replies).toEqual([
      { scriptId: 'presale.size_advice.outside_chart', params: { height: 185, weight: 80, product: '羊毛呢大衣', sizes: 'S码、M码、L码', size: 'L码', measures: expect.stringMatching(/^身高\d+-\d+cm、体重\d+-\d+kg$/) } },
    ]);
    const below = one(turn('size_advice', '140 35', { entities: [height(140), weight(35)] }));
    expect(ids(below.out)).toEqual(['presale.size_advice.below_chart']);
    expect(below.out.replies[0]!.params).toMatchObject({ size: 'S码' });
    expect(outside.value).toBe('idle');
    const noMatch = one(turn('size_advice', '175 45', { entities: [height(175), weight(45)] }));
    expect(noMatch.out.replies).toEqual([{ scriptId: 'presale.size_advice.no_match', params: { height: 175, weight: 45 } }]);
  });

  it('a product without a size chart: its sizes and the 详情页, no body data needed', () => {
    const step = one(turn('size_advice', '围巾多大', { facts: { product: testShop.products[1] } }));
    expect(step.value).toBe('idle');
    expect(step.out.replies).toEqual([{ scriptId: 'presale.size_advice.no_chart', params: { product: '羊绒围巾', sizes: '均码' } }]);
  });

  it('no product known: asks which one (and for the body data), waits, then answers when both arrive', () => {
    const [asked, answered] = run(
      turn('size_advice', '165穿什么码', { entities: [height(165)], facts: { product: undefined } }),
      turn('size_advice', '大衣，52kg', { entities: [weight(52)] }),
    );
    expect(asked!.value).toBe('awaitingBodyData');
    expect(ids(asked!.out)).toEqual(['presale.ask_product', 'presale.size_advice.ask_weight']);
    expect(answered!.value).toBe('idle');
    expect(ids(answered!.out)[0]).toBe('presale.size_advice.fit');
  });
});

// ---------------------------------------------------------------- recommend

describe('recommend', () => {
  it('names the products the current one recommends, by the name agents use in chat', () => {
    const shop: Shop = ShopSchema.parse({
      ...testShop,
      products: [testShop.products[0]!, { ...testShop.products[1]!, name: '暖阳 羊绒围巾 秋冬保暖', shortName: '羊绒围巾' }],
    });
    expect(params(one(turn('recommend', '推荐一下', { facts: { shop } })).out)).toEqual({ product: '羊毛呢大衣', recommendation: '羊绒围巾' });
    expect(one(turn('recommend', '推荐一下')).out.replies).toEqual([
      { scriptId: 'presale.recommend.related', params: { product: '羊毛呢大衣', recommendation: '羊绒围巾' } },
    ]);
  });
  it('without a product or recommendations: some of the shop’s products and a question about the need', () => {
    expect(one(turn('recommend', '有什么推荐', { facts: { product: undefined } })).out.replies).toEqual([
      { scriptId: 'presale.recommend.general', params: { recommendation: '羊毛呢大衣、羊绒围巾' } },
    ]);
    expect(one(turn('recommend', '推荐一下', { facts: { product: testShop.products[1] } })).out.replies).toEqual([
      { scriptId: 'presale.recommend.general', params: { recommendation: '羊毛呢大衣' } },
    ]);
  });
  it('which of the product to pick ("哪个颜色的大衣好看", a colour already had): its colours in stock, not other products', () => {
    const coat = { product: '羊毛呢大衣', colorWord: '颜色' };
    expect(one(turn('recommend', '哪个颜色的大衣好看')).out.replies).toEqual([{ scriptId: 'presale.recommend.variants', params: { ...coat, colors: '驼色、黑色' } }]);
    // A colour set aside is named in the answer ("除了驼色…").
    expect(one(turn('recommend', '驼色的我有了 还有呢')).out.replies).toEqual([{ scriptId: 'presale.recommend.other_variants', params: { ...coat, colors: '黑色', color: '驼色' } }]);
    // Two of its colours compared: those of them in stock (驼色 S and L are).
    expect(one(turn('recommend', '驼色和黑色哪个好看')).out.replies).toEqual([{ scriptId: 'presale.recommend.colors', params: { ...coat, colors: '驼色、黑色' } }]);
    // Near miss: what goes with it — the products it recommends.
    expect(ids(one(turn('recommend', '大衣配什么好')).out)).toEqual(['presale.recommend.related']);
  });
});

// ---------------------------------------------------------------- shipping

describe('shipping_courier', () => {
  it('the default courier, then the others with their extra fee', () => {
    expect(one(turn('shipping_courier', '发什么快递')).out.replies).toEqual([
      { scriptId: 'presale.shipping_courier.default', params: { courier: '中通' } },
      { scriptId: 'presale.shipping_courier.options', params: { couriers: '顺丰（需补12元运费）' } },
    ]);
    expect(ids(one(turn('shipping_courier', '发中通吗', { entities: [courier('中通')] })).out)).toEqual(['presale.shipping_courier.default']);
  });

  it('another courier the shop offers: its extra fee before payment; a remark on the buyer’s unpaid order', () => {
    const step = one(turn('shipping_courier', '能发顺丰吗', { entities: [courier('顺丰')] }));
    expect(step.out.replies).toEqual([{ scriptId: 'presale.shipping_courier.other', params: { courier: '顺丰', fee: 12 } }]);
    expect(step.out.remarks).toEqual([]);
    const orders = [order('100000000000000002', 'unpaid')];
    const withOrder = one(turn('shipping_courier', '能发顺丰吗', { entities: [courier('顺丰')], facts: { orders } }));
    expect(withOrder.out.remarks).toEqual([{ orderId: '100000000000000002', reason: '顾客指定顺丰，需补运费12元，已在付款前告知' }]);
  });

  it('what another courier costs, asked before buying: its fee, no remark on an unpaid order nobody pointed at', () => {
    const orders = [order('100000000000000002', 'unpaid')];
    for (const text of ['能发顺丰吗 要加多少钱', '发顺丰补多少', '顺丰的话贵几块']) {
      const step = one(turn('shipping_courier', text, { entities: [courier('顺丰')], facts: { orders } }));
      expect(ids(step.out), text).toEqual(['presale.shipping_courier.other']);
      expect(step.out.remarks, text).toEqual([]);
    }
    // Near miss: the order is pointed at — its remark stays.
    const meant = one(turn('shipping_courier', '我拍的那单能发顺丰吗 要加多少钱', { entities: [courier('顺丰')], facts: { orders } }));
    expect(meant.out.remarks.map((r) => r.orderId)).toEqual(['100000000000000002']);
  });

  it('what it costs on top, right after asking for another courier: that courier\'s extra fee (no remark again)', () => {
    const first = turn('shipping_courier', '能发顺丰吗', { entities: [courier('顺丰')] });
    for (const text of ['要加多少钱', '补多少啊', '要另外加钱吗']) {
      const [, step] = run(first, turn('shipping_fee', text));
      expect(step!.out.replies, text).toEqual([{ scriptId: 'presale.shipping_courier.fee', params: { courier: '顺丰', fee: 12 } }]);
      expect(step!.out.remarks).toEqual([]);
    }
    // Near misses: no courier asked before; a region named (the template's fee); postage asked plainly.
    expect(ids(one(turn('shipping_fee', '要加多少钱')).out)).not.toContain('presale.shipping_courier.fee');
    expect(ids(run(first, turn('shipping_fee', '发新疆要加多少钱'))[1]!.out)).not.toContain('presale.shipping_courier.fee');
    expect(ids(run(first, turn('shipping_fee', '包邮吗'))[1]!.out)).not.toContain('presale.shipping_courier.fee');
  });

  it('after speaking of an order still to place, a courier asked is for that one: no remark on an unrelated unpaid order', () => {
    const orders = [order('100000000000000002', 'unpaid')];
    for (const first of ['今天下单今天能发吗', '现在拍的话几天到', '想买件大衣 几天能到']) {
      const steps = run(turn('shipping_time', first, { facts: { orders } }), turn('shipping_courier', '能发顺丰吗', { entities: [courier('顺丰')], facts: { orders } }));
      expect(steps[1]!.out.remarks, first).toEqual([]);
    }
    // Speaking of the order placed, it is remarked.
    const placed = run(turn('shipping_time', '今天下单今天能发吗', { facts: { orders } }), turn('shipping_courier', '刚拍了还没付 能发顺丰吗', { entities: [courier('顺丰')], facts: { orders } }));
    expect(placed[1]!.out.remarks.map((r) => r.orderId)).toEqual(['100000000000000002']);
  });

  it('an order pointed at, paid and not shipped: the change remarked on it with the fee to make up', () => {
    const paid = order('100000000000000003', 'paid');
    const step = one(turn('shipping_courier', '新拍的那单能发顺丰吗 差价我补', { entities: [courier('顺丰')], facts: { orders: [paid], orderCues: ['time'] } }));
    expect(step.out.replies).toEqual([{ scriptId: 'presale.shipping_courier.other_paid', params: { orderId: paid.id, courier: '顺丰', fee: 12 } }]);
    expect(step.out.remarks).toEqual([{ orderId: paid.id, reason: '顾客要求改发顺丰，同意补运费12元，补齐后请仓库改发顺丰' }]);
    // Shipped already: nothing to change on it.
    const shipped = one(turn('shipping_courier', '那单能发顺丰吗', { entities: [courier('顺丰')], facts: { orders: [order('100000000000000004', 'shipped')], orderCues: ['product'] } }));
    expect(shipped.out.remarks).toEqual([]);
  });

  it('a courier the shop does not use: apologises and lists the possible ones', () => {
    expect(one(turn('shipping_courier', '能发京东吗', { entities: [courier('京东')] })).out.replies).toEqual([
      { scriptId: 'presale.shipping_courier.unavailable', params: { courier: '京东', couriers: '中通、顺丰' } },
    ]);
  });
});

describe('shipping_time', () => {
  it('a free-shipping region: cut-off and normal days; a remote one: remote days', () => {
    expect(one(turn('shipping_time', '发浙江几天到')).out.replies).toEqual([
      { scriptId: 'presale.shipping_time.region', params: { cutoff: '16:00', region: '浙江', days: '2-4' } },
    ]);
    expect(one(turn('shipping_time', '新疆几天能到')).out.replies).toEqual([
      { scriptId: 'presale.shipping_time.region', params: { cutoff: '16:00', region: '新疆', days: '5-7' } },
    ]);
  });

  it('region unknown: general wording and a question; the region of the buyer’s newest order otherwise', () => {
    expect(one(turn('shipping_time', '几天能到')).out.replies).toEqual([{ scriptId: 'presale.shipping_time.general', params: { cutoff: '16:00', days: '2-4' } }]);
    const orders = [order('100000000000000001', 'paid', { region: '西藏', address: '西藏拉萨市城关区北京中路1号' })];
    expect(params(one(turn('shipping_time', '几天能到', { facts: { orders } })).out)).toEqual({ cutoff: '16:00', region: '西藏', days: '5-7' });
  });

  it('past the cut-off: the next working day an order paid now leaves, never "当天"', () => {
    const evening = { now: '2025-11-20T17:30:00+08:00' };
    expect(one(turn('shipping_time', '现在拍今天还能发吗 发浙江', { facts: evening })).out.replies).toEqual([
      { scriptId: 'presale.shipping_time.after_cutoff_region', params: { cutoff: '16:00', region: '浙江', days: '2-4', day: '明天' } },
    ]);
    expect(one(turn('shipping_time', '晚上拍的什么时候发', { facts: { now: '2025-11-20T21:05:00+08:00' } })).out.replies).toEqual([
      { scriptId: 'presale.shipping_time.after_cutoff_general', params: { cutoff: '16:00', days: '2-4', day: '明天' } },
    ]);
    // Before the cut-off on a working day: the usual same-day wording.
    expect(ids(one(turn('shipping_time', '今天能发吗', { facts: { now: '2025-11-20T15:59:00+08:00' } })).out)).toEqual(['presale.shipping_time.general']);
  });

  it('on a holiday the shop is closed: says so and the day shipping resumes', () => {
    const holiday = { now: '2025-10-03T10:00:00+08:00' };
    const step = one(turn('shipping_time', '现在拍今天能发货吗', { facts: holiday }));
    expect(ids(step.out)).toEqual(['presale.shipping_time.closed_general']);
    expect(params(step.out)).toMatchObject({ closure: expect.stringContaining('假期'), day: '10月9日' });
    // The evening before a holiday: past the cut-off, the first day after the holiday.
    expect(params(one(turn('shipping_time', '发上海 今天还能发吗', { facts: { now: '2025-09-30T18:00:00+08:00' } })).out)).toMatchObject({ day: '10月9日' });
  });

  it('remembers the region named earlier', () => {
    const [, later] = run(turn('shipping_fee', '新疆包邮吗'), turn('shipping_time', '那几天能到'));
    expect(params(later!.out)).toEqual({ cutoff: '16:00', region: '新疆', days: '5-7' });
  });
});

describe('shipping_fee', () => {
  const cheap = { ...testShop.products[1]!, price: 199 };
  const noThreshold: Shop = ShopSchema.parse({ ...testShop, bargaining: { ...testShop.bargaining, freeShippingThreshold: 0 } });

  it('free for the template’s regions', () => {
    expect(one(turn('shipping_fee', '上海包邮吗')).out.replies).toEqual([{ scriptId: 'presale.shipping_fee.free', params: { region: '上海', courier: '中通' } }]);
  });

  it('a remote region: the fee below the template’s order total, told before payment; free when the product alone reaches it', () => {
    expect(one(turn('shipping_fee', '乌鲁木齐要补运费吗', { facts: { product: cheap } })).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.remote_threshold', params: { region: '新疆', fee: 15, threshold: 300 } },
    ]);
    expect(one(turn('shipping_fee', '新疆包邮吗')).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.remote_free_over', params: { region: '新疆', threshold: 300 } },
    ]);
    expect(one(turn('shipping_fee', '新疆包邮吗', { facts: { shop: noThreshold, product: noThreshold.products[0] } })).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.remote', params: { region: '新疆', fee: 15 } },
    ]);
  });

  it('products bought together: their list prices against the order total (free when reached, the fee when short)', () => {
    const scarf = { ...testShop.products[1]!, price: 129 };
    const sweater = { ...testShop.products[1]!, id: 'sweater-01', name: '毛衣', price: 199 };
    expect(one(turn('shipping_fee', '加个毛衣凑一下 新疆够包邮了吧', { facts: { product: sweater, basket: [scarf, sweater] } })).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.basket_free', params: { region: '新疆', threshold: 300, product: '羊绒围巾和毛衣', amount: 328 } },
    ]);
    expect(one(turn('shipping_fee', '再加个围巾 新疆包邮吗', { facts: { product: scarf, basket: [scarf, { ...scarf, id: 'x', name: '手套', price: 59 }] } })).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.basket_short', params: { region: '新疆', threshold: 300, product: '羊绒围巾和手套', amount: 188, fee: 15 } },
    ]);
  });

  it('a quantity of one product ("买6盒鲜花饼包邮吗"): quantity × list price against the order total', () => {
    const cake = { ...testShop.products[1]!, id: 'cake-01', name: '玫瑰鲜花饼', shortName: '鲜花饼', price: 49.9 };
    const ask = (text: string) => one(turn('shipping_fee', text, { facts: { product: cake } })).out.replies;
    expect(ask('新疆 买7盒鲜花饼包邮吗')).toEqual([{ scriptId: 'presale.shipping_fee.basket_free', params: { region: '新疆', threshold: 300, product: '7盒鲜花饼', amount: 349.3 } }]);
    expect(ask('拍两盒 新疆包邮吗')).toEqual([{ scriptId: 'presale.shipping_fee.basket_short', params: { region: '新疆', threshold: 300, product: '2盒鲜花饼', amount: 99.8, fee: 15 } }]);
    // near misses: one item, or people counted, is the template's answer
    expect(ask('新疆 买1盒包邮吗')).toEqual([{ scriptId: 'presale.shipping_fee.remote_threshold', params: { region: '新疆', fee: 15, threshold: 300 } }]);
    expect(ask('我们三个人 新疆包邮吗')).toEqual([{ scriptId: 'presale.shipping_fee.remote_threshold', params: { region: '新疆', fee: 15, threshold: 300 } }]);
  });

  it('the purchase described over the turns ("两袋" then "再加一件"): its lines at list prices, even past a product over the total', () => {
    const scarf = { ...testShop.products[1]!, price: 129 };
    const coat = testShop.products[0]!;
    const purchase = [
      { productId: scarf.id, quantity: 2, unit: '条' },
      { productId: coat.id, quantity: 1 },
    ];
    const shop = { ...testShop, products: testShop.products.map((p) => (p.id === scarf.id ? scarf : p)) };
    expect(one(turn('shipping_fee', '新疆包邮吗', { facts: { shop, product: coat, purchase } })).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.basket_free', params: { region: '新疆', threshold: 300, product: `2条${scarf.name}和${coat.name}`, amount: 258 + coat.price } },
    ]);
    // Near miss: a purchase of one item is the product's own answer.
    expect(one(turn('shipping_fee', '新疆包邮吗', { facts: { shop, product: scarf, purchase: [{ productId: scarf.id, quantity: 1 }] } })).out.replies[0]!.scriptId).toBe('presale.shipping_fee.remote_threshold');
  });

  it('region unknown: the template’s regions and fee, and a question', () => {
    expect(one(turn('shipping_fee', '包邮吗')).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.ask_region_threshold', params: { region: '浙江、江苏、上海、广东、北京', fee: 15, threshold: 300 } },
    ]);
    expect(one(turn('shipping_fee', '包邮吗', { facts: { shop: noThreshold } })).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.ask_region', params: { region: '浙江、江苏、上海、广东、北京', fee: 15 } },
    ]);
    const many: Shop = ShopSchema.parse({
      ...testShop,
      shipping: { ...testShop.shipping, freeShippingRegions: ['北京', '天津', '河北', '山西', '辽宁', '吉林', '上海', '江苏', '浙江'] },
    });
    expect(params(one(turn('shipping_fee', '包邮吗', { facts: { shop: many } })).out)).toMatchObject({ region: '大部分地区' });
  });

  it('region unknown but the buyer has an order: the region of their newest order', () => {
    const orders = [order('100000000000000001', 'unpaid', { region: '四川', address: '四川省成都市武侯区人民南路1号' })];
    expect(one(turn('shipping_fee', '包邮吗', { facts: { orders, product: cheap } })).out.replies).toEqual([
      { scriptId: 'presale.shipping_fee.remote_threshold', params: { region: '四川', fee: 15, threshold: 300 } },
    ]);
  });

  it('asked for another courier: adds its extra fee', () => {
    expect(ids(one(turn('shipping_fee', '江苏发顺丰要加钱吗', { entities: [courier('顺丰')] })).out)).toEqual([
      'presale.shipping_fee.free',
      'presale.shipping_courier.other',
    ]);
  });
});

// ---------------------------------------------------------------- invoice, payment, installments

describe('invoice', () => {
  it('always available, no charge, 发票抬头 in the 买家留言, category and delivery from the shop', () => {
    expect(one(turn('invoice', '能开发票吗')).out.replies).toEqual([
      { scriptId: 'presale.invoice.available', params: { category: '服装', delivery: '财务会在一个月之内统一寄出，运费我们承担' } },
    ]);
  });

  it('asked for a 专票: says first which kind the shop issues, never "可以开"', () => {
    for (const text of ['可以开专票吗', '能开增值税专用发票吗', '可以開專票嗎']) {
      expect(one(turn('invoice', text)).out.replies).toEqual([
        { scriptId: 'presale.invoice.special', params: { category: '服装', delivery: '财务会在一个月之内统一寄出，运费我们承担', invoiceKind: '电子普通发票' } },
      ]);
    }
    for (const v of scriptById.get('presale.invoice.special')!.variants) expect(v).not.toMatch(/^[^。]*可以开/);
  });
});

describe('payment_method', () => {
  const topics = (text: string) => ids(one(turn('payment_method', text)).out);
  it('supports on-platform methods and declines off-platform ones politely', () => {
    expect(topics('怎么付款')).toEqual(['presale.payment.methods']);
    expect(topics('能用信用卡吗')).toEqual(['presale.payment.credit_card']);
    expect(topics('可以花呗吗')).toEqual(['presale.payment.huabei']);
    expect(topics('能货到付款吗')).toEqual(['presale.payment.cod_declined']);
    expect(topics('我银行转账给你吧')).toEqual(['presale.payment.transfer_declined']);
    expect(topics('微信转账行吗')).toEqual(['presale.payment.wechat_declined']);
    expect(topics('货到付款不行的话信用卡可以吗')).toEqual(['presale.payment.cod_declined', 'presale.payment.credit_card']);
  });
});

describe('installment', () => {
  it('refers credit-card installments to the bank, Huabei installments to the payment page', () => {
    expect(ids(one(turn('installment', '能分期吗')).out)).toEqual(['presale.installment.bank']);
    expect(ids(one(turn('installment', '花呗能分期吗')).out)).toEqual(['presale.installment.huabei']);
    expect(ids(one(turn('installment', '信用卡或者花呗分期')).out)).toEqual(['presale.installment.bank', 'presale.installment.huabei']);
  });
});

// ---------------------------------------------------------------- authenticity, cashback, gifts, promotions

describe('authenticity, review cashback, gifts, promotions', () => {
  it('authenticity in the shop’s own wording', () => {
    expect(one(turn('authenticity', '是正品吗')).out.replies).toEqual([{ scriptId: 'presale.authenticity.wording', params: { wording: '自有品牌原厂正品' } }]);
  });

  it('no cashback: explains the shop’s review activity', () => {
    expect(one(turn('review_cashback', '好评返现吗')).out.replies).toEqual([
      { scriptId: 'presale.review_cashback.activity', params: { activity: '确认收货后带图评价，可以领取5元无门槛优惠券' } },
    ]);
  });

  it('gifts follow the shop’s activities: no gift promised, no concession, no promise', () => {
    const step = one(turn('gift', '送点什么吗'));
    expect(ids(step.out)).toEqual(['presale.gift.per_activity']);
    expect(step.out.concessions).toEqual([]);
    expect(step.out.promises).toEqual([]);
  });

  it('a gift question about a product with a current gift promotion: answers with that promotion', () => {
    const shop: Shop = ShopSchema.parse({
      ...testShop,
      promotions: [
        { name: '零食满赠', description: '零食实付满99元加赠试吃装一袋', appliesTo: ['零食'] },
        { name: '冬装礼', description: '买大衣随单赠送袜子一双', appliesTo: [testShop.products[0]!.id] },
      ],
    });
    const step = one(turn('gift', '买大衣送什么', { facts: { shop, product: shop.products[0] } }));
    expect(step.out.replies).toEqual([
      { scriptId: 'presale.gift.promotion', params: { product: '羊毛呢大衣', promotion: '冬装礼', promotionDetail: '买大衣随单赠送袜子一双' } },
    ]);
    expect(step.out.promises).toEqual([]);
    // No product, or none of its promotions has a gift: the activity page.
    expect(ids(one(turn('gift', '有赠品吗', { facts: { shop, product: undefined } })).out)).toEqual(['presale.gift.per_activity']);
    expect(ids(one(turn('gift', '送什么', { facts: { shop, product: shop.products[1] } })).out)).toEqual(['presale.gift.per_activity']);
    // A category named without a product ("那零食有送的吗"): that category's gift promotion.
    expect(one(turn('gift', '那零食有送的吗', { facts: { shop, product: undefined } })).out.replies).toEqual([
      { scriptId: 'presale.gift.promotion', params: { product: '零食', promotion: '零食满赠', promotionDetail: '零食实付满99元加赠试吃装一袋' } },
    ]);
    // Near miss: a word no promotion covers ("鞋子呢") is still the activity page.
    expect(ids(one(turn('gift', '鞋子呢', { facts: { shop, product: undefined } })).out)).toEqual(['presale.gift.per_activity']);
  });

  it('a gift promotion with a threshold: the purchase described or the buyer’s open order counted against it', () => {
    const snack = { id: 'snack-01', name: '手剥山核桃', category: '零食/坚果', price: 69.9, floorPrice: 65, sevenDayReturn: false, skus: [{ color: '椒盐味', size: '250g', stock: 9 }] };
    const cake = { id: 'snack-02', name: '鲜花饼', category: '零食/糕点', price: 49.9, floorPrice: 45, sevenDayReturn: false, skus: [{ color: '玫瑰味', size: '6枚', stock: 9 }] };
    const shop: Shop = ShopSchema.parse({
      ...testShop,
      products: [...testShop.products, snack, cake],
      gifts: [...testShop.gifts, { id: 'mini', name: '试吃装一袋', cost: 4 }],
      promotions: [{ name: '零食满赠', description: '零食实付满99元加赠试吃装一袋', appliesTo: ['零食'], minAmount: 99, giftId: 'mini' }],
    });
    const [walnut, flowerCake] = [shop.products.find((p) => p.id === 'snack-01')!, shop.products.find((p) => p.id === 'snack-02')!];
    // One bag said: short of the threshold, no haggling, no remark.
    const one1 = one(turn('gift', '就买一袋山核桃 送试吃装吗', { facts: { shop, product: walnut } }));
    expect(one1.out.replies).toEqual([{ scriptId: 'presale.gift.threshold_short', params: { promotion: '零食满赠', threshold: 99, amount: 69.9, gift: '试吃装一袋', product: '手剥山核桃' } }]);
    expect(one1.out.remarks).toEqual([]);
    // Another wording: two boxes reach it; a basket (walnuts + two boxes of cake) does too.
    expect(one(turn('gift', '买两盒鲜花饼有赠品吗', { facts: { shop, product: flowerCake } })).out.replies[0]).toMatchObject({ scriptId: 'presale.gift.threshold_reached', params: { amount: 99.8 } });
    expect(one(turn('gift', '那再加两盒鲜花饼呢', { facts: { shop, product: flowerCake, basket: [walnut, flowerCake] } })).out.replies[0]).toMatchObject({ scriptId: 'presale.gift.threshold_reached', params: { amount: 169.7 } });
    // The buyer's unpaid order pointed at: confirmed and remarked on that order.
    const unpaid = testOrder('100000000000000009', 'unpaid', { items: [{ productId: 'snack-01', color: '椒盐味', size: '250g', quantity: 2, price: 69.9 }, { productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }] });
    const byOrder = one(turn('promotion', '我那单零食满99了吧 送试吃装吗', { facts: { shop, orders: [unpaid] } }));
    expect(byOrder.out.replies[0]).toMatchObject({ scriptId: 'presale.gift.order_reached', params: { orderId: unpaid.id, amount: 139.8 } });
    expect(byOrder.out.remarks).toEqual([{ orderId: unpaid.id, reason: expect.stringContaining('试吃装') }]);
    expect(byOrder.out.covers).toEqual(['gift', 'promotion']);
    // The purchase carried from earlier turns (two bags, then a box): its counts, whatever this clause says.
    const carried = [
      { productId: 'snack-01', quantity: 2, unit: '袋' },
      { productId: 'snack-02', quantity: 1, unit: '盒' },
    ];
    expect(one(turn('gift', '能送试吃装吗', { facts: { shop, product: flowerCake, purchase: carried } })).out.replies[0]).toMatchObject({
      scriptId: 'presale.gift.threshold_reached',
      params: { amount: 189.7, product: '2袋手剥山核桃和鲜花饼' },
    });
    // Near miss: nothing to count (no quantity, no basket, no order) — the promotion as before.
    expect(ids(one(turn('gift', '山核桃送试吃装吗', { facts: { shop, product: walnut } })).out)).toEqual(['presale.gift.promotion']);
  });

  it('promotions from the shop; none: the price is already favourable', () => {
    expect(one(turn('promotion', '有活动吗')).out.replies).toEqual([
      { scriptId: 'presale.promotion.current', params: { promotion: '双十二', promotionDetail: '12月12日全店满300减30' } },
    ]);
    const shop: Shop = ShopSchema.parse({ ...testShop, promotions: [] });
    expect(ids(one(turn('promotion', '有优惠券吗', { facts: { shop } })).out)).toEqual(['presale.promotion.none']);
  });

  it('promotions of the product talked about (and the shop-wide ones), never those of other products', () => {
    const shop: Shop = ShopSchema.parse({
      ...testShop,
      promotions: [
        { name: '冬装礼', description: '买大衣随单赠送袜子一双', appliesTo: [testShop.products[0]!.id] },
        { name: '零食满赠', description: '零食实付满99元加赠试吃装一袋', appliesTo: ['零食'] },
        { name: '会员券', description: '会员领满299减20券' },
      ],
    });
    const names = (step: ReturnType<typeof one>) => step.out.replies.map((r) => r.params.promotion);
    for (const text of ['大衣有啥活动', '這件大衣有優惠活動嗎', '现在买有什么活动没']) {
      expect(names(one(turn('promotion', text, { facts: { shop, product: shop.products[0] } })))).toEqual(['冬装礼', '会员券']);
    }
    // The scarf: only the shop-wide activity.
    expect(names(one(turn('promotion', '围巾有活动吗', { facts: { shop, product: shop.products[1] } })))).toEqual(['会员券']);
    // No product talked about, or the shop asked about: every activity.
    expect(names(one(turn('promotion', '你们店里还有什么活动', { facts: { shop, product: shop.products[0] } })))).toEqual(['冬装礼', '零食满赠', '会员券']);
    expect(names(one(turn('promotion', '店里有啥活动', { facts: { shop, product: undefined } })))).toEqual(['冬装礼', '零食满赠', '会员券']);
  });
});

// ---------------------------------------------------------------- hesitation

describe('hesitation', () => {
  it('asks what the doubt is (7-day returns when the product has them)', () => {
    const step = one(turn('hesitation', '我再考虑考虑'));
    expect(step.value).toBe('hesitant');
    expect(ids(step.out)).toEqual(['presale.hesitation.ask']);
    const noReturn = { ...testShop.products[0]!, sevenDayReturn: false };
    expect(ids(one(turn('hesitation', '再看看', { facts: { product: noReturn } })).out)).toEqual(['presale.hesitation.ask_plain']);
  });

  it('the next answer adds no pressure (no invitation) and ends with a gentle follow-up; no invitation later either', () => {
    const steps = run(
      turn('hesitation', '我再考虑下'),
      turn('stock', '驼色S有吗', { entities: [color('驼色'), size('S')] }),
      turn('size_advice', '165 52', { entities: [height(165), weight(52)] }),
    );
    expect(steps.map((s) => s.value)).toEqual(['hesitant', 'idle', 'idle']);
    expect(ids(steps[1]!.out)).toEqual(['presale.stock.in_stock', 'presale.hesitation.follow_up']);
    expect(ids(steps[2]!.out)).toEqual(['presale.size_advice.fit']);
    expect(steps[2]!.context.hesitated).toBe(true);
  });

  it('after ordering, invitations come back', () => {
    const orders = [order('100000000000000001', 'paid')];
    const steps = run(turn('hesitation', '再看看'), turn('order_placed', '拍了', { facts: { orders } }), turn('stock', '黑色M有吗', { entities: [color('黑色'), size('M')] }));
    expect(ids(steps[1]!.out)).toEqual(['presale.order_placed.confirm_paid']);
    expect(steps[1]!.context.hesitated).toBe(false);
    expect(ids(steps[2]!.out)).toEqual(['presale.stock.in_stock', 'presale.nudge.order']);
  });

  it('a second hesitation is respected without more questions', () => {
    const [, again] = run(turn('hesitation', '我再想想'), turn('hesitation', '还是再看看吧'));
    expect(again!.value).toBe('idle');
    expect(ids(again!.out)).toEqual(['presale.hesitation.respect']);
  });

  it('a second hesitation after another question is respected too', () => {
    const steps = run(turn('hesitation', '我再想想'), turn('invoice', '能开发票吗'), turn('hesitation', '我再考虑一下'), turn('stock', '黑色M有吗', { entities: [color('黑色'), size('M')] }));
    expect(ids(steps[2]!.out)).toEqual(['presale.hesitation.respect']);
    expect(steps[2]!.value).toBe('idle');
    // Still no invitation to order afterwards.
    expect(ids(steps[3]!.out)).not.toContain('presale.nudge.order');
  });

  it('a size question after a hesitation that lacks data asks for it without a follow-up yet', () => {
    const [, asked, answered] = run(
      turn('hesitation', '我再考虑下'),
      turn('size_advice', '我165', { entities: [height(165)] }),
      turn('size_advice', '52', { entities: [weight(52)] }),
    );
    expect(asked!.value).toBe('awaitingBodyData');
    expect(ids(asked!.out)).toEqual(['presale.size_advice.ask_weight']);
    expect(ids(answered!.out)).toEqual(['presale.size_advice.fit']);
  });

  it('a hesitation while waiting for body data: asks the doubt, keeps what was given', () => {
    const [, hesitated] = run(turn('size_advice', '身高165', { entities: [height(165)] }), turn('hesitation', '我再考虑下'));
    expect(hesitated!.value).toBe('hesitant');
    expect(ids(hesitated!.out)).toEqual(['presale.hesitation.ask']);
    expect(hesitated!.context.body.heightCm).toBe(165);
  });

  it('out-of-scope turns leave the hesitant state as it is', () => {
    const [, other] = run(turn('hesitation', '再看看'), turn('complaint', '什么服务'));
    expect(other!.value).toBe('hesitant');
    expect(other!.out.unhandled).toBe(true);
  });
});

// ---------------------------------------------------------------- order placed, contact

describe('order_placed', () => {
  it('thanks and asks to confirm the receiver, masked phone and address of the newest open order', () => {
    const orders = [order('100000000000000009', 'shipped'), order('100000000000000002', 'paid')];
    expect(one(turn('order_placed', '付好了', { facts: { orders } })).out.replies).toEqual([
      {
        scriptId: 'presale.order_placed.confirm_paid',
        params: { orderId: '100000000000000002', receiver: '张三', phone: '138****5678', address: '浙江省杭州市西湖区文三路100号' },
      },
    ]);
    const unpaid = [order('100000000000000003', 'unpaid', { name: '李四', phone: '13900001111' })];
    expect(one(turn('order_placed', '拍下了', { facts: { orders: unpaid } })).out.replies).toEqual([
      {
        scriptId: 'presale.order_placed.confirm_unpaid',
        params: { orderId: '100000000000000003', receiver: '李四', phone: '139****1111', address: '浙江省杭州市西湖区文三路100号' },
      },
    ]);
  });

  it('the product talked about picks its own open order; an unpaid one is nudged to pay, nothing said of shipping', () => {
    const scarf = testShop.products[1]!;
    const scarfOrder: Order = { ...order('100000000000000005', 'unpaid'), items: [{ productId: scarf.id, color: '红', size: '均码', quantity: 2, price: 99 }] };
    const orders = [order('100000000000000006', 'paid'), scarfOrder];
    const step = one(turn('order_placed', '围巾我拍了两条', { facts: { orders, product: scarf } }));
    expect(step.out.replies[0]).toMatchObject({ scriptId: 'presale.order_placed.confirm_unpaid', params: { orderId: scarfOrder.id } });
    for (const v of scriptById.get('presale.order_placed.confirm_unpaid')!.variants) expect(v).not.toMatch(/发货|發貨|发出/u);
    // Near miss: no product talked about — the newest open order, as before.
    expect(one(turn('order_placed', '我拍了', { facts: { orders } })).out.replies[0]!.params.orderId).toBe('100000000000000006');
  });

  it('said to be paid while the order shows unpaid: says it is unpaid (no receiver to confirm); placed only is confirmed', () => {
    const unpaid = [order('100000000000000004', 'unpaid')];
    for (const text of ['钱已经付过了 快发吧', '那单付款了哈']) {
      expect(one(turn('order_placed', text, { facts: { orders: unpaid } })).out.replies, text).toEqual([{ scriptId: 'presale.order_placed.claimed_paid_unpaid', params: { orderId: '100000000000000004' } }]);
    }
    // Near misses: placed, not paid; or saying it is not paid yet.
    for (const text of ['拍好了', '还没付 等下付']) {
      expect(ids(one(turn('order_placed', text, { facts: { orders: unpaid } })).out), text).not.toContain('presale.order_placed.claimed_paid_unpaid');
    }
  });

  it('uses the order the buyer names, if it is theirs (in any state); otherwise asks which order', () => {
    const orders = [order('100000000000000002', 'unpaid'), order('100000000000000001', 'paid')];
    const named = one(turn('order_placed', '100000000000000001付了', { entities: [orderIdEntity('100000000000000001')], facts: { orders } }));
    expect(named.out.replies[0]!.params.orderId).toBe('100000000000000001');
    const notTheirs = one(turn('order_placed', '100000000000000077付了', { entities: [orderIdEntity('100000000000000077')], facts: { orders } }));
    expect(ids(notTheirs.out)).toEqual(['presale.order_placed.ask_order']);
    expect(ids(one(turn('order_placed', '拍了')).out)).toEqual(['presale.order_placed.ask_order']);
    // About to order, nothing open yet: thanks and what to check — no order number asked for.
    for (const text of ['好 我去拍了', '我這就下單', '那我马上拍', '等会就去付', '行 现在去买']) {
      expect(ids(one(turn('order_placed', text)).out), text).toEqual(['presale.order_placed.about_to_order']);
    }
    for (const text of ['已经拍好了', '我拍了', '付好了']) expect(ids(one(turn('order_placed', text)).out), text).toEqual(['presale.order_placed.ask_order']);
    expect(ids(one(turn('order_placed', '拍了', { facts: { orders: [order('100000000000000001', 'completed')] } })).out)).toEqual([
      'presale.order_placed.ask_order',
    ]);
  });

  it('a named order of theirs that has shipped: says so with the courier and tracking number, no address check', () => {
    const shipped = { ...order('100000000000000005', 'shipped'), courier: '中通快递', trackingNumber: '78451203996127' };
    const orders = [order('100000000000000002', 'unpaid'), shipped];
    const step = one(turn('order_placed', '订单100000000000000005帮我看下', { entities: [orderIdEntity('100000000000000005')], facts: { orders } }));
    expect(step.out.replies).toEqual([
      { scriptId: 'presale.order_placed.shipped', params: { orderId: '100000000000000005', courier: '中通快递', trackingNumber: '78451203996127' } },
    ]);
    const untracked = [order('100000000000000006', 'delivered')];
    const named = (id: string, list: Order[]) => ids(one(turn('order_placed', id, { entities: [orderIdEntity(id)], facts: { orders: list } })).out);
    expect(named('100000000000000006', untracked)).toEqual(['presale.order_placed.shipped_no_tracking']);
    expect(named('100000000000000007', [order('100000000000000007', 'printed')])).toEqual(['presale.order_placed.preparing']);
    expect(named('100000000000000008', [order('100000000000000008', 'completed')])).toEqual(['presale.order_placed.completed']);
    expect(named('100000000000000009', [order('100000000000000009', 'refunding')])).toEqual(['presale.order_placed.refunding']);
  });
});

describe('contact_request', () => {
  it('declines off-platform contact politely and keeps to Wangwang', () => {
    expect(one(turn('contact_request', '加个微信吧')).out.replies).toEqual([{ scriptId: 'presale.contact_request.decline', params: {} }]);
  });

  it('a review question read as a contact request gets the review activity; anything naming a contact is declined', () => {
    for (const text of ['晒图的话给多少', '曬圖給多少', '带图评价有啥', '追评了能给点啥不', '买家秀发了送什么']) {
      expect(ids(one(turn('contact_request', text)).out), text).toEqual(['presale.review_cashback.activity']);
    }
    for (const text of ['好评了加个微信返现', '评价完打电话给我', '晒图发你QQ']) {
      expect(ids(one(turn('contact_request', text)).out), text).toEqual(['presale.contact_request.decline']);
    }
  });
});

// ---------------------------------------------------------------- persistence

describe('persistence', () => {
  const conversation: TurnEvent[] = [
    turn('greeting', '在吗'),
    turn('size_advice', '身高165穿什么码', { entities: [height(165)] }),
    turn('shipping_fee', '新疆包邮吗'),
    turn('other', '体重52', { entities: [weight(52)] }),
    turn('hesitation', '我再考虑下'),
    turn('stock', '驼色M有吗', { entities: [color('驼色'), size('M')] }),
    turn('shipping_time', '几天到'),
    turn('complaint', '太慢了'),
    turn('order_placed', '拍了', { facts: { orders: [order('100000000000000002', 'unpaid')] } }),
    turn('greeting', '在吗', { facts: { withinWorkingHours: false, now: '2026-11-23T23:10:00+08:00' } }),
  ];

  it('persisting after each turn and restoring into a fresh actor gives exactly the outputs of an uninterrupted actor', () => {
    const { straight: expected, restored } = replayWithRestarts(presaleMachine, conversation);
    expect(restored).toEqual(expected);
    expect(expected.map((e) => e.value)).toEqual([
      'idle',
      'awaitingBodyData',
      'awaitingBodyData',
      'idle',
      'hesitant',
      'idle',
      'idle',
      'idle',
      'idle',
      'idle',
    ]);
  });

  it('starts without input, as the engine starts it', () => {
    const actor = createActor(presaleMachine as AnyStateMachine).start();
    actor.send(turn('size_advice', '身高165', { entities: [height(165)] }));
    expect(actor.getSnapshot().value).toBe('awaitingBodyData');
    expect((actor.getSnapshot().context as PresaleContext).body).toEqual({ heightCm: 165, weightKg: null });
    actor.stop();
  });

  it('starts from input when given (body data and region already known)', () => {
    const actor = createActor(presaleMachine, { input: { body: { heightCm: 165 }, region: '新疆' } }).start();
    actor.send(turn('size_advice', '52公斤', { entities: [weight(52)] }));
    expect(actor.getSnapshot().context.out.replies[0]!.scriptId).toBe('presale.size_advice.fit');
    actor.send(turn('shipping_fee', '包邮吗'));
    expect(actor.getSnapshot().context.out.replies[0]).toEqual({ scriptId: 'presale.shipping_fee.remote_free_over', params: { region: '新疆', threshold: 300 } });
    actor.stop();
  });
});

describe('the machine', () => {
  it('has the states idle, awaitingBodyData and hesitant, and only named guards and actions', () => {
    expect(Object.keys(presaleMachine.states).sort()).toEqual(['awaitingBodyData', 'hesitant', 'idle']);
    for (const state of Object.values(presaleMachine.states)) {
      for (const transitions of state.transitions.values()) {
        for (const t of transitions) {
          if (t.guard !== undefined) expect(typeof t.guard).toBe('string');
          for (const action of t.actions) expect(typeof action).toBe('string');
        }
      }
    }
  });

  it('covers every intent id of the contract (answered or unhandled)', () => {
    const all: readonly IntentId[] = INTENT_IDS;
    expect(PRESALE_INTENTS.every((i) => all.includes(i))).toBe(true);
  });
});

describe('several products priced together', () => {
  it('gives each list price and the sum, whichever product the conversation was about', () => {
    const out = one(turn('product_info', '大衣和圍巾一起買多少錢', { facts: { product: undefined, productCandidates: ['羊毛呢大衣', '羊绒围巾'] } })).out;
    expect(out.replies).toEqual([{ scriptId: 'presale.product_info.price_together', params: { prices: '羊毛呢大衣599元、羊绒围巾199元', amount: 798 } }]);
    expect(ids(one(turn('product_info', '围巾加大衣一共多少钱')).out)).toEqual(['presale.product_info.price_together']);
  });

  it('still answers one price, or asks which product, when only one is named', () => {
    expect(ids(one(turn('product_info', '大衣多少钱')).out)).toEqual(['presale.product_info.price']);
    expect(ids(one(turn('product_info', '和你说 这个多少钱', { facts: { product: undefined } })).out)).toEqual(['presale.ask_product']);
  });

  it('answers the qualities asked beside the price, then the price', () => {
    for (const text of ['大衣什么材质？能机洗吗？多少钱', '这件啥面料的 多少钱', '怎么洗 价格多少']) {
      const out = ids(one(turn('product_info', text)).out);
      expect(out.at(-1)).toBe('presale.product_info.price');
      expect(out.slice(0, -1).every((id) => id === 'presale.product_info.attribute')).toBe(true);
      expect(out.length).toBeGreaterThan(1);
    }
    // Near miss: a price alone gets the price alone.
    expect(ids(one(turn('product_info', '羊毛大衣多少钱')).out)).toEqual(['presale.product_info.price']);
  });

  it('reads a bare "多少" about the product talked about as its price; "多少" counting something is no price', () => {
    for (const text of ['多少', '那这件要多少？', '多少啊']) expect(ids(one(turn('product_info', text)).out), text).toEqual(['presale.product_info.price']);
    for (const text of ['多少克一袋', '含羊毛多少']) expect(ids(one(turn('product_info', text)).out), text).not.toContain('presale.product_info.price');
  });
});
