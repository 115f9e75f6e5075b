import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testShop } from '../../flows/test-fixtures.ts';
import { defaultClassifier } from '../nlu/default-classifier.ts';
import type { Order, OrderProvider } from '../orders/schema.ts';
import { loadDemoShop } from '../shop/load.ts';
import { openPromises } from './promises.ts';
import { answersBodyQuestion, newConversation, turnsSoFar, asksForProduct, bulkPurchase, haggleAboutOrder, ConversationStateSchema, findProduct, productCandidates, readPastGreeting, flowStarted, resumedAsk, respond, routeInConversation, setOwner, tidyPunctuation, type ConversationState, type EngineDeps, type IncomingMessage } from './engine.ts';
import { loadScripts } from './scripts.ts';

const orders: Order[] = [
  {
    id: '3921000011112222333',
    buyerId: 'tb_anna',
    state: 'paid',
    items: [{ productId: 'coat-01', color: '驼色', size: 'S', quantity: 1, price: 599 }],
    total: 599,
    createdAt: '2026-11-23T09:00:00+08:00',
    paidAt: '2026-11-23T09:05:00+08:00',
    tracking: [],
    receiver: { name: '王芳', phone: '13911112222', address: '浙江省杭州市西湖区文三路88号', region: '浙江' },
  },
  // A buyer who waits for a person while asking what the orders already say.
  {
    id: '3921000011114444555',
    buyerId: 'tb_wait',
    state: 'unpaid',
    items: [{ productId: 'coat-01', color: '驼色', size: 'M', quantity: 3, price: 599 }],
    total: 1797,
    createdAt: '2026-11-23T09:00:00+08:00',
    tracking: [],
    buyerNote: '需要开发票，抬头：杭州暖阳贸易有限公司',
    receiver: { name: '李四', phone: '13922223333', address: '浙江省杭州市西湖区文三路99号', region: '浙江' },
  },
  {
    id: '3921000011116666777',
    buyerId: 'tb_wait',
    state: 'delivered',
    items: [{ productId: 'scarf-01', color: '红色', size: '均码', quantity: 1, price: 99 }],
    total: 99,
    createdAt: '2026-11-18T09:00:00+08:00',
    paidAt: '2026-11-18T09:05:00+08:00',
    shippedAt: '2026-11-18T17:00:00+08:00',
    courier: '中通',
    trackingNumber: '78451200001111',
    tracking: [{ at: '2026-11-20T10:00:00+08:00', text: '快件已签收，签收人：前台' }],
    receiver: { name: '李四', phone: '13922223333', address: '浙江省杭州市西湖区文三路99号', region: '浙江' },
  },
];

const provider: OrderProvider = {
  async ordersOf(buyerId) {
    return orders.filter((o) => o.buyerId === buyerId);
  },
  async orderOf(buyerId, orderId) {
    return orders.find((o) => o.buyerId === buyerId && o.id === orderId);
  },
};

// Loaded once: parsing the scripts library per turn would dominate the property test below.
const scripts = loadScripts();
const classifier = defaultClassifier();

function deps(at = '2026-11-23T10:00:00+08:00'): EngineDeps {
  return { classifier, scripts, shop: testShop, orders: provider, clock: () => new Date(at) };
}

async function chat(texts: string[], options: { mode?: IncomingMessage['mode']; at?: string; buyerId?: string; start?: ConversationState } = {}) {
  let conversation = options.start;
  const results = [];
  for (const text of texts) {
    const turn = await respond(conversation, { buyerId: options.buyerId ?? 'tb_anna', text, ...(options.mode ? { mode: options.mode } : {}) }, deps(options.at));
    conversation = turn.conversation;
    results.push(turn.result);
  }
  return { conversation: conversation!, results };
}

describe('respond', () => {
  it('size advice about the product of the order just discussed invites no new order; asked fresh, it does', async () => {
    const ids = (r: { replies: { scriptId: string }[] }) => r.replies.map((x) => x.scriptId).join('+');
    const { results } = await chat(['大衣还没到 到了不合适能换吗', '我165 52kg M码合适吗']);
    expect(ids(results[1]!)).toContain('size_advice');
    expect(ids(results[1]!)).not.toContain('nudge');
    const { results: fresh } = await chat(['大衣我165 52kg M码合适吗'], { buyerId: 'tb_nobody' });
    expect(ids(fresh[0]!)).toContain('presale.nudge.order');
  });

  it('waiting for a person, what the orders already say is still told (the note’s invoice title, who signed); an action is not taken', async () => {
    const { results } = await chat(['什么破服务 我要投诉', '发票抬头我留言里写了 你们看到了吧', '围巾那单到底是谁签收的', '发票抬头改成北京星河科技有限公司'], { buyerId: 'tb_wait' });
    expect(results[1]!.owner).toBe('pending');
    expect(results[1]!.replies.map((r) => r.text).join('')).toContain('杭州暖阳贸易有限公司');
    expect(results[2]!.replies.map((r) => r.text).join('')).toContain('前台');
    // A new title would be remarked: that waits for the person (no remark, no "已备注" said).
    expect(results[3]!.remarks).toEqual([]);
    expect(results[3]!.replies.map((r) => r.text).join('')).not.toContain('北京星河科技有限公司');
  });

  it('"大衣啥时候发" from a buyer with a paid order of it is about that order; a product not ordered is a shop question', async () => {
    const { results } = await chat(['大衣啥时候发出来啊']);
    expect(results[0]!.replies.map((r) => r.text).join('')).toContain('3921000011112222333');
    const { results: other } = await chat(['围巾啥时候发出来啊']);
    expect(other[0]!.replies.map((r) => r.text).join('')).not.toContain('3921000011112222333');
  });

  it('talks about the products named together afterwards (the first leading), not about none', async () => {
    const { conversation, results } = await chat(['大衣和围巾一起买多少钱', '再送个东西总行吧'], { buyerId: 'tb_nobody' });
    expect(results[0]!.replies[0]!.scriptId).toBe('presale.product_info.price_together');
    expect(conversation.productId).toBe('coat-01');
    expect(results[1]!.replies[0]!.scriptId).not.toBe('bargaining.ask_product');
  });

  it('reads a buyer\'s spelling in the shop\'s words (🧥, pinyin) and keeps the buyer\'s own text in the history', async () => {
    const { conversation, results } = await chat(['🧥有heise的M码吗', '👋'], { buyerId: 'tb_nobody' });
    expect(results[0]).toMatchObject({ intent: 'stock' });
    expect(results[0]!.replies[0]!.text).toContain('黑色');
    expect(results[1]!.intent).toBe('greeting');
    expect(conversation.history.map((h) => h.text)).toEqual(['🧥有heise的M码吗', '👋']);
  });

  it('greets in working hours with the shop name, and the bot sends it', async () => {
    const { results } = await chat(['在吗']);
    expect(results[0]).toMatchObject({ intent: 'greeting', delivery: 'send', owner: 'bot' });
    expect(results[0]!.replies).toHaveLength(1);
    expect(results[0]!.state).toMatch(/^bot\/presale\./);
  });

  it('offers three checked candidates in assist mode, for a human to send', async () => {
    const { results } = await chat(['能开发票吗'], { mode: 'assist' });
    expect(results[0]!.delivery).toBe('suggest');
    expect(results[0]!.replies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(results[0]!.replies.map((r) => r.text)).size).toBe(results[0]!.replies.length);
  });

  it('hands a request for a human over with a summary, then only holds the line', async () => {
    const { results } = await chat(['羊毛呢大衣有M码吗', '转人工', '人呢']);
    expect(results[1]!.owner).toBe('pending');
    expect(results[1]!.handoff?.reason).toBe('asked_for_human');
    expect(results[1]!.handoff?.summary).toContain('tb_anna');
    expect(results[1]!.handoff?.summary).toContain('羊毛呢大衣');
    expect(results[1]!.handoff?.summary).toContain('3921000011112222333');
    expect(results[2]!.handoff).toBeUndefined();
    expect(results[2]!.replies[0]!.scriptId).toBe('escalation.holding.in_hours');
  });

  it('a request for a human taken back before anyone joined: the bot answers again; a thank-you alone only holds the line', async () => {
    for (const text of ['算了不用了 我自己查到了 谢谢', '不用转了 我知道了 谢谢']) {
      const { results } = await chat(['转人工', text]);
      expect(results[1]!.owner, text).toBe('bot');
      expect(results[1]!.replies[0]!.scriptId, text).toBe('common.thanks');
    }
    const thanks = await chat(['转人工', '好的谢谢']);
    expect(thanks.results[1]!.owner).toBe('pending');
    const complaint = await chat(['我要投诉你们', '算了不用了 谢谢']);
    expect(complaint.results[1]!.owner).toBe('pending');
  });

  it('a hand-off asked for after hours and taken back: the callback is withdrawn and the withdrawal acknowledged', async () => {
    const night = '2026-11-23T23:30:00+08:00';
    for (const text of ['不用人工了', '那算了吧 没事了']) {
      const { conversation, results } = await chat(['叫你们客服来', text], { at: night });
      expect(conversation.promises.some((p) => p.kind === 'callback'), text).toBe(true);
      expect(openPromises(conversation).filter((p) => p.kind === 'callback'), text).toEqual([]);
      expect(results[1]!.owner, text).toBe('bot');
      expect(results[1]!.replies[0]!.scriptId, text).toBe('common.handoff_withdrawn');
    }
    // Near misses: a thank-you only holds the line; a complaint taken back still waits for a person — the callback stands.
    for (const texts of [['叫你们客服来', '好的谢谢'], ['我要投诉你们', '算了不用了']]) {
      const { conversation } = await chat(texts, { at: night });
      expect(openPromises(conversation).some((p) => p.kind === 'callback'), texts.join(' / ')).toBe(true);
    }
  });

  it('promises only a follow-up in working hours when handing off at night', async () => {
    const { results } = await chat(['我要投诉'], { at: '2026-11-23T23:30:00+08:00' });
    expect(results[0]!.handoff?.reason).toBe('complaint');
    expect(results[0]!.replies[0]!.scriptId).toBe('escalation.after_hours.bad_review_apology+escalation.after_hours.follow_up');
  });

  it('answers tracking from the buyer’s own orders, asking which order when several are in transit', async () => {
    const { results, conversation } = await chat(['我的快递到哪了']);
    expect(results[0]!.handoff).toBeUndefined();
    expect(results[0]!.state).toMatch(/^bot\/logistics\./);
    expect(results[0]!.replies[0]!.scriptId).toMatch(/^logistics\.track\./);
    expect(conversation.history).toHaveLength(1);
  });

  it('remembers the intent acted on (read against the order), so the next turn continues that case', async () => {
    // An exchange asked of an order not yet received is its order change: the history says so.
    const { conversation, results } = await chat(['大衣收到前能换成黑色吗']);
    expect(results[0]!.intent).toBe('order_change');
    expect(conversation.history[0]!.intent).toBe('order_change');
    // Near miss: a reading nothing reinterprets is kept as read.
    const plain = await chat(['包邮吗'], { buyerId: 'tb_nobody' });
    expect(plain.conversation.history[0]!.intent).toBe(plain.results[0]!.intent);
  });

  it('keeps a short history in the state but counts every turn', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? '羊毛呢大衣有M码吗' : '包邮吗'));
    const { conversation } = await chat(texts);
    expect(conversation.history.length).toBeLessThan(12);
    expect(conversation.history.at(-1)?.text).toBe('包邮吗');
    expect(turnsSoFar(conversation)).toBe(12);
    expect(turnsSoFar(newConversation('tb_anna'))).toBe(0);
  });

  it('after hours: a callback promise due when the shop opens, an entry for the handover log, holding lines', async () => {
    const { results, conversation } = await chat(['转人工', '人呢'], { at: '2026-11-23T23:30:00+08:00' });
    expect(results[0]!.handover).toEqual(results[0]!.handoff);
    expect(results[0]!.handover?.summary).toContain('转人工原因');
    expect(results[0]!.promises).toEqual([
      expect.objectContaining({ id: 'p1-1', kind: 'callback', text: '明天09:00上班后第一时间联系顾客跟进', dueAt: '2026-11-24T02:00:00.000Z' }),
    ]);
    expect(results[1]!.state).toBe('pending/escalation.waitingForShift');
    expect(results[1]!.replies[0]!.text).toContain('明天09:00');
    expect(results[1]!.handover).toBeUndefined();
    expect(conversation.promises).toHaveLength(1);
  });

  it('in working hours with no agent online, the case goes to the handover log too', async () => {
    const state = undefined;
    const turn = await respond(state, { buyerId: 'tb_anna', text: '转人工' }, { ...deps(), agentsOnline: () => false });
    expect(turn.result.handover?.reason).toBe('asked_for_human');
    expect(turn.result.replies[0]!.text).toContain('16:00');
    const inHours = await respond(undefined, { buyerId: 'tb_anna', text: '转人工' }, deps());
    expect(inHours.result.handover).toBeUndefined();
    expect(inHours.result.promises).toEqual([]);
  });

  it('hands off after two misunderstood messages in a row', async () => {
    const { results } = await chat(['今天天气怎么样', '你们老板是谁啊哈哈']);
    expect(results[0]!.replies[0]!.scriptId).toBe('common.not_understood');
    expect(results[1]!.handoff?.reason).toBe('misunderstood');
  });

  it('never sends while an agent owns the chat: the bot only suggests', async () => {
    const first = await chat(['在吗']);
    const taken = setOwner(first.conversation, 'AGENT_JOINED');
    const { results } = await chat(['有M码吗'], { start: taken });
    expect(results[0]).toMatchObject({ owner: 'agent', delivery: 'suggest' });
    const released = setOwner(taken, 'AGENT_LEFT');
    expect((await chat(['有M码吗'], { start: released })).results[0]).toMatchObject({ owner: 'bot', delivery: 'send' });
  });

  it('takes body data alone as the answer to the size question', async () => {
    const { results } = await chat(['羊毛呢大衣穿什么码', '165cm', '52公斤']);
    expect(results[2]!.state).toMatch(/^bot\/presale\./);
    expect(results[2]!.replies[0]!.scriptId).toMatch(/^presale\.size_advice\./);
  });

  it('takes a bare number as the answer to the size question while pre-sale waits for it', async () => {
    const { results } = await chat(['羊毛呢大衣穿什么码', '163', '52']);
    expect(results[1]!.state).toBe('bot/presale.awaitingBodyData');
    expect(results[1]!.replies[0]!.text).toContain('163cm');
    expect(results[2]!.replies[0]!.scriptId).toMatch(/^presale\.size_advice\./);
  });

  it('a turn a waiting flow took as its answer keeps that flow the topic: after the invoice title, 会一起寄吗 is the invoice', async () => {
    const { conversation, results } = await chat(['能开发票吗', '个人', '会跟大衣一起寄过来吗']);
    expect(results[1]!.state).toBe('bot/invoice.idle');
    expect(conversation.history[1]!.intent).toBe('invoice');
    expect(results[2]!.intent).toBe('invoice');
    expect(results[2]!.replies[0]!.scriptId).toBe('invoice.where_sent');
  });

  it('refuses a conversation of another buyer', async () => {
    const { conversation } = await chat(['在吗']);
    await expect(respond(conversation, { buyerId: 'tb_bob', text: '在吗' }, deps())).rejects.toThrow(/another buyer/);
  });

  it('continues exactly after the state went through JSON (a restart)', async () => {
    const texts = ['在吗', '身高165', '体重55', '能便宜点吗', '那便宜点吧'];
    const straight = await chat(texts);
    let conversation: ConversationState | undefined;
    const restored = [];
    for (const text of texts) {
      const turn = await respond(conversation ? (JSON.parse(JSON.stringify(conversation)) as ConversationState) : undefined, { buyerId: 'tb_anna', text }, deps());
      conversation = turn.conversation;
      restored.push(turn.result);
    }
    expect(restored).toEqual(straight.results);
  });

  it('never returns a reply that fails the strict linter, whatever the buyer writes', async () => {
    const blind = readFileSync(new URL('../../test/fixtures/nlu-blind.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { text: string }).text);
    for (let i = 0; i < blind.length; i += 3) {
      const { results } = await chat(blind.slice(i, i + 3), { mode: i % 2 === 0 ? 'auto' : 'assist' });
      for (const r of results) for (const reply of r.replies) expect(reply.lint.errorCount, reply.text).toBe(0);
    }
  });
});

describe('products bought together', () => {
  it('a product added to the one talked about is a basket; 加绒 or 加急 adds nothing', async () => {
    const shop = loadDemoShop();
    const { loadDemoOrderProvider, DEMO_NOW } = await import('../orders/demo-provider.ts');
    const { defaultClassifier } = await import('../nlu/default-classifier.ts');
    const { loadScripts } = await import('./scripts.ts');
    const deps: EngineDeps = { classifier: defaultClassifier(), scripts: loadScripts(), shop, orders: loadDemoOrderProvider(shop), clock: () => new Date(DEMO_NOW.getTime()) };
    const first = await respond(undefined, { buyerId: 'tb_buyer_chenxi', text: '这次想买条围巾 新疆包邮吗' }, deps);
    const added = await respond(first.conversation, { buyerId: 'tb_buyer_chenxi', text: '那我加个毛衣凑一下 够包邮了吧' }, deps);
    expect(added.result.replies[0]!.scriptId).toBe('presale.shipping_fee.basket_free');
    const lined = await respond(first.conversation, { buyerId: 'tb_buyer_chenxi', text: '男士加绒牛仔裤发新疆包邮吗' }, deps);
    expect(lined.result.replies[0]!.scriptId).not.toMatch(/basket/);
    // A number of the added product ("再加两盒"): still a basket, counted against a gift's threshold.
    const walnut = await respond(undefined, { buyerId: 'tb_buyer_bowen', text: '就买一袋山核桃 送试吃装吗' }, deps);
    expect(walnut.result.replies[0]!.scriptId).toBe('presale.gift.threshold_short');
    expect(walnut.result.intent).toBe('gift');
    const cakes = await respond(walnut.conversation, { buyerId: 'tb_buyer_bowen', text: '那再加两盒鲜花饼呢' }, deps);
    expect(cakes.result.replies[0]!.scriptId).toBe('presale.gift.threshold_reached');
  });
});

describe('a pre-sale question about the product talked about, in the demo shop', () => {
  async function demoChat(texts: string[], buyerId = 'tb_buyer_anna') {
    const shop = loadDemoShop();
    const { loadDemoOrderProvider, DEMO_NOW } = await import('../orders/demo-provider.ts');
    const deps: EngineDeps = { classifier, scripts, shop, orders: loadDemoOrderProvider(shop), clock: () => new Date(DEMO_NOW.getTime()) };
    let conversation: ConversationState | undefined;
    const results = [];
    for (const text of texts) {
      const turn = await respond(conversation, { buyerId, text }, deps);
      conversation = turn.conversation;
      results.push(turn.result);
    }
    return results;
  }

  it.each(['有内衬吗', '有里衬么', '带内里吗'])('%s about the coat: its lining from the fabric, not promotions', async (text) => {
    const [, lining] = await demoChat(['这个大衣羊毛含量多少', text]);
    expect(lining!.intent).toBe('product_info');
    expect(lining!.replies.map((r) => r.text).join('')).toContain('无里衬');
  });

  it('near miss: a promotion question about the coat stays a promotion question', async () => {
    const [, promo] = await demoChat(['这个大衣羊毛含量多少', '有优惠券吗']);
    expect(promo!.intent).toBe('promotion');
  });

  it.each(['鲜花饼呢', '那鲜花饼的呢', '还有鲜花饼呢'])('%s right after the walnuts\' shelf life: the same question about the other product', async (text) => {
    const [, again] = await demoChat(['山核桃保质期多久啊', text]);
    const said = again!.replies.map((r) => r.text).join('');
    expect(said).toContain('60');
    expect(said).not.toContain('240');
  });

  it('one request for two orders: each answered by its own state, a remark only where one is due', async () => {
    const [both] = await demoChat(['牛仔裤那单跟大衣那单都不想要了']);
    const said = both!.replies.map((r) => r.text).join('');
    expect(said).toContain('6728062');
    expect(said).toContain('6612984');
    expect(both!.remarks.map((r) => r.orderId)).toEqual(['4189102557306612984']);
    // Near miss: one order named — one answer.
    const [one] = await demoChat(['牛仔裤那单不想要了']);
    expect(one!.replies.map((r) => r.text).join('')).not.toContain('6728062');
  });

  it('a large placed order with a price asked beside another ask goes to a senior agent', async () => {
    const [ask] = await demoChat(['三件大衣拍好了还没付 发票抬头在订单里 价格能优惠点不'], 'tb_buyer_fang');
    expect(ask!.handoff?.reason).toBe('large_order');
    // Near miss: the invoice alone is no hand-off.
    const [invoice] = await demoChat(['三件大衣拍好了还没付 发票抬头在订单里'], 'tb_buyer_fang');
    expect(invoice!.handoff).toBeUndefined();
  });

  it('near miss: a product named with a question of its own is that question', async () => {
    const [, price] = await demoChat(['山核桃保质期多久啊', '鲜花饼多少钱']);
    expect(price!.replies.map((r) => r.text).join('')).toContain('49.9');
  });
});

describe('readPastGreeting', () => {
  it('a greeting before a question is no greeting turn; the entities keep their places', async () => {
    const { defaultClassifier } = await import('../nlu/default-classifier.ts');
    const classifier = defaultClassifier();
    const text = '你好，請問羊毛呢大衣有ＸＬ嗎？';
    const read = readPastGreeting(classifier, text);
    expect(read.intent).not.toBe('greeting');
    const size = read.entities.find((e) => e.type === 'size')!;
    expect(text.slice(size.start, size.end)).toBe('ＸＬ');
    expect(readPastGreeting(classifier, '你好').intent).toBe('greeting');
    expect(readPastGreeting(classifier, '在吗 在吗').intent).toBe(classifier.classify('在吗 在吗').intent);
  });

  it('an acknowledgement before the next question ("行 那…", "好的，还有…") is no thank-you; one alone or before thanks is', async () => {
    const { defaultClassifier } = await import('../nlu/default-classifier.ts');
    const classifier = defaultClassifier();
    expect(readPastGreeting(classifier, '行 那我的羽绒服发货了没').intent).not.toBe('thanks_bye');
    expect(readPastGreeting(classifier, '好的，还有围巾那单到哪了').intent).not.toBe('thanks_bye');
    // Near misses: nothing asked after the acknowledgement.
    expect(readPastGreeting(classifier, '好吧 那就这样吧').intent).toBe(classifier.classify('好吧 那就这样吧').intent);
    expect(readPastGreeting(classifier, '好的 谢谢').intent).toBe('thanks_bye');
  });

  it('a goodbye with one last question after 对了/顺便问一下 is that question', async () => {
    const { defaultClassifier } = await import('../nlu/default-classifier.ts');
    const classifier = defaultClassifier();
    expect(readPastGreeting(classifier, '谢谢啦我考虑一下 对了你们发什么快递').intent).toBe('shipping_courier');
    expect(readPastGreeting(classifier, '行那先这样吧谢谢 顺便问一下羽绒服有XL吗').intent).not.toBe('thanks_bye');
    // Near miss: nothing the shop answers after 顺便问一下.
    expect(readPastGreeting(classifier, '谢谢你 顺便问一下 你叫什么呀').intent).toBe('thanks_bye');
  });
});

describe('findProduct', () => {
  it('matches what buyers call a product against long listing titles', () => {
    const shop = loadDemoShop();
    expect(findProduct(shop, '这件羊毛大衣有M码吗', undefined)?.id).toBe('NY-WC01');
    expect(findProduct(shop, '羽绒服多少钱', undefined)?.id).toBe('NY-MD01');
    expect(findProduct(shop, '山核桃保质期多久', undefined)?.id).toBe('NY-SN01');
    expect(findProduct(shop, '牛仔裤有货吗', 'NY-SC01')).toBeUndefined();
    expect(findProduct(shop, '男士牛仔裤有货吗', 'NY-SC01')?.id).toBe('NY-MJ01');
    expect(findProduct(shop, '这个有货吗', 'NY-SC01')?.id).toBe('NY-SC01');
    expect(findProduct(shop, '在吗', undefined)).toBeUndefined();
  });

  it('reads the head of "X一起拍的Y": the product after 的 is the one talked about', () => {
    const shop = loadDemoShop();
    // The down jacket only says which order; the jeans are meant (two jeans: none is known yet, both are candidates).
    expect(findProduct(shop, '我那个羽绒服一起拍的裤子 颜色拍错了', undefined)).toBeUndefined();
    expect(productCandidates(shop, '我那个羽绒服一起拍的裤子 颜色拍错了').map((p) => p.id).sort()).toEqual(['NY-MJ01', 'NY-WJ01']);
    expect(findProduct(shop, '大衣那单里的那条围巾', undefined)?.id).toBe('NY-SC01');
    expect(findProduct(shop, '男款的牛仔裤有33码吗', undefined)?.id).toBe('NY-MJ01');
    // A correction names the product meant.
    expect(findProduct(shop, '不是裤子 是大衣 我想要黑色的', 'NY-WJ01')?.id).toBe('NY-WC01');
    expect(findProduct(shop, '不对 我说的是羽绒服', 'NY-WC01')?.id).toBe('NY-MD01');
    // The product the buyer wants to buy outranks one they only tell about.
    expect(findProduct(shop, '朋友送我的那条围巾很好看 我想自己买一件大衣 M码有吗', undefined)?.id).toBe('NY-WC01');
    expect(findProduct(shop, '之前买的羽绒服不错，这次打算买条围巾送人', undefined)?.id).toBe('NY-SC01');
    // Near miss: 买 of a past purchase names no wanted product ("我买的那个毛衣").
    expect(findProduct(shop, '我上周买的那个围巾起球了', undefined)?.id).toBe('NY-SC01');
    // 的 followed by no product: the whole message counts.
    expect(findProduct(shop, '羽绒服的帽子能拆吗', undefined)?.id).toBe('NY-MD01');
  });

  it('tidies punctuation doubled by inserted shop texts', () => {
    expect(tidyPunctuation('送完即止。，符合条件')).toBe('送完即止，符合条件');
    expect(tidyPunctuation('开具。。')).toBe('开具。');
  });
});

describe('adding a product right after a shipping-fee answer', () => {
  it('asks the fee of the basket again', async () => {
    for (const added of ['那我再加一件大衣呢 一起拍', '再加个毛衣呢', '那再加一盒鲜花饼一起拍']) {
      const { results } = await chat(['围巾有货吗', '发新疆包邮吗', added], { buyerId: 'tb_buyer_chenxi' });
      expect(results[2]!.intent, added).toBe('shipping_fee');
    }
    // A colour and size named with it ("黑色L"): the basket's fee, and that variant's stock as well.
    for (const added of ['再加一条围巾 酒红色 一起买', '那再加件围巾呢 驼色 一起买']) {
      const withVariant = await chat(['大衣发新疆包邮吗', added], { buyerId: 'tb_buyer_chenxi' });
      expect(withVariant.results[1]!.intent, added).toBe('shipping_fee');
      expect(withVariant.results[1]!.replies.map((r) => r.scriptId), added).toEqual(expect.arrayContaining([expect.stringMatching(/shipping_fee\.basket/)]));
    }
    // Near miss: no shipping-fee answer before — no fee question.
    const { results } = await chat(['围巾有货吗', '那我再加一件大衣呢 一起拍'], { buyerId: 'tb_buyer_chenxi' });
    expect(results[1]!.intent).not.toBe('shipping_fee');
  });
});

describe('a bare number answering the size question', () => {
  it('is read as size advice, not thanks_bye or other', async () => {
    for (const [first, answer] of [['加绒牛仔裤 140斤穿多大', '175'], ['毛衣穿什么码', '163'], ['大衣我165穿多大', '52']] as const) {
      const { results } = await chat([first, answer]);
      expect(results[1]!.intent, answer).toBe('size_advice');
    }
    // Not waiting for body data: a bare number is no size answer.
    const { results } = await chat(['163']);
    expect(results[0]!.intent).not.toBe('size_advice');
  });
});

describe('answersBodyQuestion', () => {
  const waiting = { presale: { value: 'awaitingBodyData' } };
  const heightEntity = { type: 'height', text: '165cm', start: 0, end: 5, cm: 165 } as const;
  it('routes body data alone, and a bare number while pre-sale waits for body data, to pre-sale', () => {
    expect(answersBodyQuestion('other', { text: '165cm', entities: [heightEntity] }, {})).toBe(true);
    expect(answersBodyQuestion('thanks_bye', { text: '163', entities: [] }, waiting)).toBe(true);
    expect(answersBodyQuestion('other', { text: '52', entities: [] }, waiting)).toBe(true);
  });
  it('leaves other turns alone', () => {
    expect(answersBodyQuestion('thanks_bye', { text: '163', entities: [] }, {})).toBe(false);
    expect(answersBodyQuestion('thanks_bye', { text: '163', entities: [] }, { presale: { value: 'idle' } })).toBe(false);
    expect(answersBodyQuestion('thanks_bye', { text: '谢谢', entities: [] }, waiting)).toBe(false);
    expect(answersBodyQuestion('stock', { text: '163', entities: [] }, waiting)).toBe(false);
  });
});

describe('pending ask for the product', () => {
  it('knows the scripts that ask which product', () => {
    expect(asksForProduct('bargaining.ask_product')).toBe(true);
    expect(asksForProduct('presale.ask_product')).toBe(true);
    expect(asksForProduct('presale.size_advice.ask_both')).toBe(false);
    expect(asksForProduct('bargaining.generic_decline')).toBe(false);
  });

  it('resumes only a pending ask, when a product is named and the intent is unsure or social', () => {
    const pending = { flow: 'bargaining', intent: 'bargain_generic' } as const;
    expect(resumedAsk(pending, { intent: 'other', confidence: 0.9 }, true)).toEqual(pending);
    expect(resumedAsk(pending, { intent: 'size_advice', confidence: 0.31 }, true)).toEqual(pending);
    expect(resumedAsk(pending, { intent: 'size_advice', confidence: 0.9 }, true)).toBeUndefined();
    expect(resumedAsk(pending, { intent: 'other', confidence: 0.9 }, false)).toBeUndefined();
    expect(resumedAsk(undefined, { intent: 'other', confidence: 0.1 }, true)).toBeUndefined();
  });

  it('remembers the ask in the state, continues the flow that asked, then clears it', async () => {
    const { conversation, results } = await chat(['能便宜点吗', '能便宜点吗']);
    expect(results[1]!.replies[0]!.scriptId).toBe('bargaining.ask_product');
    expect(conversation.pendingAsk).toEqual({ flow: 'bargaining', intent: 'bargain_generic', text: '能便宜点吗' });
    expect(ConversationStateSchema.parse(JSON.parse(JSON.stringify(conversation))).pendingAsk).toEqual(conversation.pendingAsk);
    const next = await chat(['羊毛大衣'], { start: conversation });
    expect(next.results[0]!.state).toMatch(/^bot\/bargaining\./);
    expect(next.results[0]!.replies[0]!.text).toContain('羊毛呢大衣');
    expect(next.conversation.pendingAsk).toBeUndefined();
  });

  it('remembers a pre-sale ask for the product', async () => {
    const { conversation, results } = await chat(['有货吗']);
    expect(results[0]!.replies[0]!.scriptId).toBe('presale.ask_product');
    expect(conversation.pendingAsk).toEqual({ flow: 'presale', intent: 'stock', text: '有货吗' });
    const next = await chat(['羊毛大衣'], { start: conversation });
    expect(next.results[0]!.replies[0]!.scriptId).toMatch(/^presale\.stock\./);
    expect(next.conversation.pendingAsk).toBeUndefined();
  });
});

describe('routeInConversation', () => {
  it('sends a gift ask to bargaining only once the bargaining flow has left its initial state', () => {
    expect(flowStarted(undefined, 'opening')).toBe(false);
    expect(flowStarted({ value: 'opening' }, 'opening')).toBe(false);
    expect(flowStarted({ value: 'negotiating' }, 'opening')).toBe(true);
    expect(routeInConversation('gift', {}, 'opening')).toBe('presale');
    expect(routeInConversation('gift', { bargaining: { value: 'opening' } }, 'opening')).toBe('presale');
    expect(routeInConversation('gift', { bargaining: { value: 'negotiating' } }, 'opening')).toBe('bargaining');
    expect(routeInConversation('stock', { bargaining: { value: 'negotiating' } }, 'opening')).toBe('presale');
    // A remark asked for goes to the haggling that agreed something, whatever the reading.
    const agreed = { bargaining: { value: 'negotiating', context: { noted: [{ reason: '零食满赠活动：随单赠送试吃装' }] } } };
    expect(routeInConversation('quality_issue', agreed, 'opening', '那你给我备注一下 别漏了')).toBe('bargaining');
    // Nothing agreed and nothing said to note: what to note is asked (no contact refusal, no concession).
    expect(routeInConversation('quality_issue', { bargaining: { value: 'negotiating', context: { noted: [] } } }, 'opening', '给我备注一下')).toBe('social');
    expect(routeInConversation('contact_request', {}, 'opening', '那你备注下吧 别忘了')).toBe('social');
    expect(routeInConversation('bargain_generic', { bargaining: { value: 'negotiating', context: { noted: [] } } }, 'opening', '備註一下')).toBe('social');
    // Near misses: something said to note, or an order case under way, goes by the reading as before.
    expect(routeInConversation('shipping_courier', {}, 'opening', '备注一下要顺丰')).toBe('presale');
    expect(routeInConversation('quality_issue', { aftersale: { value: 'awaitingPhotos' } }, 'opening', '给我备注一下')).toBe('aftersale');
    expect(routeInConversation('quality_issue', agreed, 'opening', '核桃袋子漏了')).toBe('aftersale');
  });

  it('"备注一下" with nothing agreed asks what to note, after a declined haggle too (no coupon conceded)', async () => {
    const { results } = await chat(['羊毛大衣能便宜点吗', '那你给我备注一下']);
    expect(results[1]!.replies.map((r) => r.scriptId)).toEqual(['common.remark_what']);
    expect(results[1]!.remarks).toEqual([]);
  });

  it('answers 送个赠品吧 in the bargaining flow after a bargaining request', async () => {
    const { results } = await chat(['羊毛大衣能便宜点吗', '送个赠品吧']);
    expect(results[1]!.intent).toBe('gift');
    expect(results[1]!.state).toMatch(/^bot\/bargaining\./);
  });
});

describe('bulkPurchase: people promised are no items bought now', () => {
  const coat = loadDemoShop().products.find((p) => p.id === 'NY-WC01')!;
  it.each(['真的 我同事好几个都想买 你便宜点我介绍她们来', '我有三个朋友也想要 便宜点我叫她们来买', '姐妹们好幾個都看上了 算我便宜点', '以后介绍5位同事来'])('%s is a promise, not a bulk purchase', (text) => {
    expect(bulkPurchase(text, coat, 2000)).toBe(false);
  });
  it.each(['我们公司要采购三件大衣', '大衣我要买三件 能便宜吗', '给同事买5件 能优惠吗', '我们公司三个人要买'])('%s is a bulk purchase now', (text) => {
    expect(bulkPurchase(text, coat, 2000)).toBe(true);
  });
  it.each(['公司采购一件大衣 能开专票吗', '单位团购 就一件', '我们公司要买一件'])('%s: one item stays a single item, whatever the company words', (text) => {
    expect(bulkPurchase(text, coat, 2000)).toBe(false);
  });
  it.each(['公司采购十几件大衣', '团购两百件'])('%s: a count in 几/百 is read', (text) => {
    expect(bulkPurchase(text, coat, 2000)).toBe(true);
  });
});

describe('haggleAboutOrder: bargaining over the open large order, not over another purchase', () => {
  const shop = loadDemoShop();
  const bigOrder = { id: '1', items: [{ productId: 'NY-WC01', color: '黑色', size: 'M', quantity: 3, price: 699 }], total: 2097 } as unknown as Order;
  const reading = (text: string) => [text, bigOrder, findProduct(shop, text, undefined), classifier.classify(text).entities] as const;
  it.each(['毛衣包邮吗 不包邮就不买了', '围巾能便宜点吗', '学生党 手里就100块 大衣能卖给我吗', '大衣300块卖不卖'])('%s is a purchase of its own', (text) => {
    const [, order, named, entities] = reading(text);
    expect(haggleAboutOrder(order, named, entities)).toBe(false);
  });
  it.each(['羊毛大衣能便宜点吗', '这单能便宜点吗 买三件呢', '三件大衣2000行不行'])('%s is about the large order', (text) => {
    const [, order, named, entities] = reading(text);
    expect(haggleAboutOrder(order, named, entities)).toBe(true);
  });
});

describe('colours that belong to another product than the one talked about', () => {
  it('"酒红色和格纹灰哪个好看" after the coat is about the scarf; the coat\'s own colours stay the coat\'s', async () => {
    const { loadDemoOrderProvider, DEMO_NOW } = await import('../orders/demo-provider.ts');
    const shop = loadDemoShop();
    const deps: EngineDeps = { classifier: defaultClassifier(), scripts: loadScripts(), shop, orders: loadDemoOrderProvider(shop), clock: () => new Date(DEMO_NOW.getTime()) };
    const coat = await respond(undefined, { buyerId: 'tb_buyer_anna', text: '羊毛大衣有什么颜色' }, deps);
    const scarf = await respond(coat.conversation, { buyerId: 'tb_buyer_anna', text: '那酒红和格纹灰哪个更好看' }, deps);
    expect(scarf.result.replies[0]!.text).toContain('围巾');
    // Near miss: colours the coat has keep the coat.
    const own = await respond(coat.conversation, { buyerId: 'tb_buyer_anna', text: '驼色跟黑色选哪个' }, deps);
    expect(own.result.replies[0]!.text).toContain('大衣');
    expect(own.result.replies[0]!.text).not.toContain('围巾');
  });
});

describe('a colour or size asked beside a day the shop is closed', () => {
  async function holidayChat(texts: string[], at: string) {
    const shop = loadDemoShop();
    const { loadDemoOrderProvider } = await import('../orders/demo-provider.ts');
    const { defaultClassifier } = await import('../nlu/default-classifier.ts');
    const deps: EngineDeps = { classifier: defaultClassifier(), scripts: loadScripts(), shop, orders: loadDemoOrderProvider(shop), clock: () => new Date(at) };
    let conversation: ConversationState | undefined;
    const results = [];
    for (const text of texts) {
      const turn = await respond(conversation, { buyerId: 'tb_buyer_enya', text }, deps);
      conversation = turn.conversation;
      results.push(turn.result);
    }
    return results;
  }

  it('answers the variant and the day', async () => {
    const [, both] = await holidayChat(['黑色M码大衣有吗', '那驼色S呢 今天发货吗'], '2026-10-02T11:00:00+08:00');
    const text = both!.replies.map((r) => r.text).join('');
    expect(text).toContain('驼色');
    expect(text).toMatch(/国庆|暂停发货/u);
  });

  it('an order\'s own case asked beside the calendar: both answered', async () => {
    const [both] = await holidayChat(['国庆你们上班不 我那个退款怎么还没退'], '2026-10-02T11:00:00+08:00');
    const ids = both!.replies.flatMap((r) => r.scriptId?.split('+') ?? []);
    expect(ids.some((id) => id.startsWith('aftersale.refund_status'))).toBe(true);
    expect(ids).toContain('presale.calendar.closed_period');
  });

  it('near miss: the day alone gets the shop calendar only', async () => {
    const [alone] = await holidayChat(['今天发货吗'], '2026-10-02T11:00:00+08:00');
    expect(alone!.replies.map((r) => r.scriptId)).toEqual(['presale.calendar.closed_period']);
  });
});
