import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareFacts } from '../src/llm/facts.ts';
import { createRephraser, type FallbackReason, type RephraseResult } from '../src/llm/rephraser.ts';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from './helpers/fake-openai.ts';
import { known, llmConfig, ORDER_ID, receiver, SCRIPTS, strictLint } from './helpers/llm-fixtures.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

const COUPON = SCRIPTS.coupon;
const BUYER = '学生党没钱 再便宜点吧';
const GOOD_COUPON = '非常理解您的难处，我们少赚一些，让您更方便一点。已经为您申请到5元优惠券，双面羊毛呢大衣用券后到手价694元，订单备注我这边会帮您写好。';

async function rephrase(replies: FakeReply[], options: { stream?: boolean; timeoutMs?: number; original?: string; buyerText?: string } = {}): Promise<RephraseResult> {
  fake.enqueue(...replies);
  const rephraser = createRephraser(llmConfig(fake.baseURL, { stream: options.stream ?? false, timeoutMs: options.timeoutMs ?? 2000 }), { lint: strictLint });
  return rephraser.rephrase({ original: options.original ?? COUPON, buyerText: options.buyerText ?? BUYER, tone: '亲切、专业', known });
}

function expectFallback(result: RephraseResult, reason: FallbackReason, attempts: number, original = COUPON) {
  expect(result).toMatchObject({ text: original, source: 'script', fallbackReason: reason, attempts });
}

function expectClean(result: RephraseResult, original = COUPON) {
  expect(result.source).toBe('llm');
  expect(strictLint(result.text).errorCount).toBe(0);
  expect(compareFacts(original, result.text, { productNames: known.productNames })).toEqual([]);
}

describe('rephraser against a real OpenAI-compatible server (non-streaming)', () => {
  it('uses a good rephrasing', async () => {
    const result = await rephrase([{ text: GOOD_COUPON }]);
    expect(result).toEqual({ text: GOOD_COUPON, source: 'llm', attempts: 1 });
    expectClean(result);
    const request = fake.requests[0]!;
    expect(request.model).toBe('fake-model');
    expect(request.stream).toBe(false);
    expect(request.messages[0]!.role).toBe('system');
    expect(request.messages[0]!.content).toContain('亲切、专业');
    expect(request.messages[1]!.content).toContain(COUPON);
    expect(request.messages[1]!.content).toContain(BUYER);
  });

  it('strips quotes the model wraps the reply in', async () => {
    const result = await rephrase([{ text: `“${GOOD_COUPON}”` }]);
    expect(result.text).toBe(GOOD_COUPON);
  });

  const badAnswers: [string, string, FallbackReason][] = [
    ['drops an amount', '非常理解您的难处，已经为您申请到优惠券，双面羊毛呢大衣用券后到手价694元，订单备注我这边会帮您写好。', 'facts_changed'],
    ['changes an amount', '非常理解您的难处，已经为您申请到8元优惠券，双面羊毛呢大衣用券后到手价691元，订单备注我这边会帮您写好。', 'facts_changed'],
    ['writes the amount in words but changes it', '非常理解您的难处，为您申请到六元优惠券，双面羊毛呢大衣用券后到手价694元，订单备注我这边会帮您写好。', 'facts_changed'],
    ['adds 保证', '非常理解您的难处，为您申请到5元优惠券，双面羊毛呢大衣到手价694元，保证您满意，订单备注我这边会为您写好。', 'facts_changed'],
    ['adds 明天到', '非常理解您的难处，为您申请到5元优惠券，双面羊毛呢大衣到手价694元，拍下明天到，订单备注我这边会为您写好。', 'facts_changed'],
    ['adds a WeChat id', '非常理解您的难处，为您申请到5元优惠券，双面羊毛呢大衣到手价694元，有问题加我微信kefu_nuan01，订单备注我会写好。', 'facts_changed'],
    ['adds a phone number', '非常理解您的难处，为您申请到5元优惠券，双面羊毛呢大衣到手价694元，有问题可致电13912345678，订单备注我会写好。', 'facts_changed'],
    ['adds a link', '非常理解您的难处，为您申请到5元优惠券，双面羊毛呢大衣到手价694元，详情请看 https://cheap-shop.example.com/a ，订单备注我会写好。', 'facts_changed'],
    ['uses 你', '非常理解你的难处，我们少赚一些，让你更方便一点。为你申请到5元优惠券，双面羊毛呢大衣到手价694元，订单备注我会帮你写好。', 'lint_error'],
    ['uses a superlative', '非常理解您的难处，为您申请到5元优惠券，双面羊毛呢大衣到手价694元，这是全网最低价，订单备注我这边会为您写好。', 'lint_error'],
    ['answers in English', 'I understand. We applied a 5 yuan coupon for 双面羊毛呢大衣, the final price is 694 yuan, and we will note it on the order for you.', 'not_chinese'],
    ['is far too short', '双面羊毛呢大衣5元券，694元。', 'too_short'],
    ['is far too long', `${GOOD_COUPON}${'我们非常重视每一位顾客的感受，也希望这次购物让您满意，欢迎您随时联系我们。'.repeat(4)}`, 'too_long'],
  ];

  for (const [what, answer, reason] of badAnswers) {
    it(`falls back to the script when the answer ${what} twice (${reason})`, async () => {
      const result = await rephrase([{ text: answer }, { text: answer }]);
      expectFallback(result, reason, 2);
      expect(result.problems?.length).toBeGreaterThan(0);
      expect(fake.pending()).toBe(0);
    });
  }

  const transport: [string, FakeReply, FallbackReason][] = [
    ['empty content', { text: '' }, 'empty'],
    ['blank content', { text: '  \n ' }, 'empty'],
    ['null content', { raw: JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: null } }] }) }, 'empty'],
    ['invalid JSON', { raw: '{"choices": [{"message": ' }, 'malformed'],
    ['no choices', { raw: JSON.stringify({ id: 'x', choices: [] }) }, 'malformed'],
    ['non-string content', { raw: JSON.stringify({ choices: [{ message: { role: 'assistant', content: 42 } }] }) }, 'malformed'],
    ['a plain-text body', { raw: 'upstream exploded', contentType: 'text/plain' }, 'malformed'],
    ['429', { status: 429, message: 'Rate limit reached' }, 'rate_limited'],
    ['500', { status: 500 }, 'http_error'],
    ['401', { status: 401 }, 'http_error'],
  ];
  for (const [what, reply, reason] of transport) {
    it(`falls back at once on ${what} (${reason})`, async () => {
      const result = await rephrase([reply]);
      expectFallback(result, reason, 1);
      expect(fake.requests).toHaveLength(1);
    });
  }

  it('falls back with timeout when the server hangs past the deadline', async () => {
    const started = Date.now();
    const result = await rephrase([{ hang: true }], { timeoutMs: 200 });
    expectFallback(result, 'timeout', 1);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('falls back with timeout when the answer comes too late', async () => {
    const result = await rephrase([{ text: GOOD_COUPON, delayMs: 600 }], { timeoutMs: 200 });
    expectFallback(result, 'timeout', 1);
  });

  it('falls back with http_error when nothing listens', async () => {
    const rephraser = createRephraser(llmConfig('http://127.0.0.1:9/v1'), { lint: strictLint });
    const result = await rephraser.rephrase({ original: COUPON, buyerText: BUYER });
    expectFallback(result, 'http_error', 1);
  });

  it('retries once with the violations named, and uses a good second answer', async () => {
    const bad = '非常理解你的难处，为你申请到8元优惠券，双面羊毛呢大衣到手价694元，保证您满意，订单备注我会写好。';
    const result = await rephrase([{ text: bad }, { text: GOOD_COUPON }]);
    expect(result).toMatchObject({ text: GOOD_COUPON, source: 'llm', attempts: 2 });
    expect(result.problems?.join('\n')).toContain('5元');
    const retry = fake.requests[1]!.messages;
    expect(retry.at(-2)).toEqual({ role: 'assistant', content: bad });
    const feedback = retry.at(-1)!.content;
    expect(feedback).toContain('把原话术中的“5元”改成了“8元”');
    expect(feedback).toContain('新增了承诺用语“保证”');
  });

  it('names linter violations in the retry prompt', async () => {
    const youForm = '非常理解你的难处，我们少赚一些。为你申请到5元优惠券，双面羊毛呢大衣到手价694元，订单备注我会帮你写好。';
    const result = await rephrase([{ text: youForm }, { text: GOOD_COUPON }]);
    expect(result).toMatchObject({ source: 'llm', attempts: 2 });
    expect(fake.requests[1]!.messages.at(-1)!.content).toContain('polite-you');
  });

  it('falls back with the second answer’s reason when both are bad in different ways', async () => {
    const result = await rephrase([{ text: '非常理解你的难处，为你申请到5元优惠券，双面羊毛呢大衣到手价694元，订单备注我会帮你写好。' }, { text: 'Sorry, no discount.' }]);
    expectFallback(result, 'facts_changed', 2);
  });

  it('falls back with the transport reason when the retry fails', async () => {
    const result = await rephrase([{ text: '为你申请到5元优惠券，双面羊毛呢大衣到手价694元，订单备注我会帮你写好，非常理解你的难处。' }, { status: 503 }]);
    expectFallback(result, 'http_error', 2);
  });
});

describe('rephraser: natural rewordings of every script get through', () => {
  // What a model would plausibly write (masked, as it sees the script): the gate must not be so
  // strict that only the script itself passes.
  const rewordings: Record<keyof typeof SCRIPTS, string> = {
    decline: '特别理解您的情况，也谢谢您这么喜欢我们的商品！这款的价格已经很实在了，非常抱歉这次实在无法再低了。您方便的时候再下单就好，付款后我们会尽快为您安排发货。',
    coupon: GOOD_COUPON,
    tracking: '您好，已经帮您查到了：订单⟦1⟧由中通快递发出，快递单号78531246903215，目前物流显示快件已到达杭州转运中心，到时麻烦您留意查收，谢谢您。',
    address: '好的，订单⟦1⟧已经为您备注好，新的收货地址是：⟦2⟧，麻烦您核对一下是否正确。',
    restock: '非常抱歉，双面羊毛呢大衣燕麦色的M码目前暂时无货，预计11月28日左右会补货，您可以先收藏宝贝，补货后页面会及时更新。',
    courierFee: '顺丰速运是可以为您安排的，需要另外补12元运费，先跟您说明一下。您确认需要的话，下单时在买家留言里备注顺丰速运就可以了。',
  };
  for (const [name, text] of Object.entries(rewordings) as [keyof typeof SCRIPTS, string][]) {
    it(name, async () => {
      const result = await rephrase([{ text }], { original: SCRIPTS[name], buyerText: '在吗' });
      expect(result, JSON.stringify(result.problems)).toMatchObject({ source: 'llm', attempts: 1 });
      expectClean(result, SCRIPTS[name]);
    });
  }
});

describe('rephraser: masking buyer data', () => {
  it('never sends the phone, order id, name or address, and restores them', async () => {
    const original = SCRIPTS.address;
    const buyerText = `订单${ORDER_ID}地址改成${receiver.address}，收件人${receiver.name}，电话${receiver.phone}，我微信 anna_lin88`;
    const good = `好的，已经在订单⟦1⟧上为您备注好了，新的收货地址是：⟦2⟧，麻烦您核对一下是否正确。`;
    const result = await rephrase([{ text: good }], { original, buyerText });
    expect(result.source).toBe('llm');
    expect(result.text).toBe(`好的，已经在订单${ORDER_ID}上为您备注好了，新的收货地址是：${receiver.address}，麻烦您核对一下是否正确。`);
    expectClean(result, original);
    const sent = JSON.stringify(fake.requests);
    for (const secret of [ORDER_ID, receiver.address, receiver.name, receiver.phone, 'anna_lin88', '文三路']) expect(sent).not.toContain(secret);
  });

  it('masks the retry prompt too', async () => {
    const original = SCRIPTS.address;
    const buyerText = `电话${receiver.phone}`;
    const leaky = `好的，订单⟦1⟧已经备注，新地址：⟦2⟧，有问题打${receiver.phone}，请您核对。`;
    const good = '好的，已经在订单⟦1⟧上为您备注好了，新的收货地址是：⟦2⟧，麻烦您核对一下是否正确。';
    const result = await rephrase([{ text: leaky }, { text: good }], { original, buyerText });
    expect(result).toMatchObject({ source: 'llm', attempts: 2 });
    expect(JSON.stringify(fake.requests)).not.toContain(receiver.phone);
  });

  const tokenAnswers: [string, string][] = [
    ['drops a token', '好的，已经在订单⟦1⟧上为您备注好了，麻烦您核对一下新的收货地址是否正确。'],
    ['repeats a token', '好的，已经在订单⟦1⟧上备注，收货地址改为：⟦2⟧（⟦2⟧），麻烦您核对一下是否正确。'],
    ['invents a token', '好的，已经在订单⟦1⟧上备注，收货地址改为：⟦2⟧，收件人⟦7⟧，麻烦您核对一下是否正确。'],
    ['breaks a token', '好的，已经在订单⟦1上备注，收货地址改为：⟦2⟧，麻烦您核对一下是否正确。'],
  ];
  for (const [what, answer] of tokenAnswers) {
    it(`falls back when the answer ${what}`, async () => {
      const result = await rephrase([{ text: answer }, { text: answer }], { original: SCRIPTS.address });
      expectFallback(result, 'facts_changed', 2, SCRIPTS.address);
      expect(result.text).not.toContain('⟦');
    });
  }
});

describe('rephraser with streaming', () => {
  it('uses a good rephrasing streamed in pieces', async () => {
    const result = await rephrase([{ text: GOOD_COUPON, chunks: 7 }], { stream: true });
    expect(result).toEqual({ text: GOOD_COUPON, source: 'llm', attempts: 1 });
    expect(fake.requests[0]!.stream).toBe(true);
  });

  it('falls back when both streamed answers change an amount', async () => {
    const bad = '非常理解您的难处，为您申请到50元优惠券，双面羊毛呢大衣到手价644元，订单备注我这边会为您写好。';
    const result = await rephrase([{ text: bad }, { text: bad }], { stream: true });
    expectFallback(result, 'facts_changed', 2);
  });

  it('retries a bad streamed answer and uses the good one', async () => {
    const result = await rephrase([{ text: '你好，5元券已申请，双面羊毛呢大衣到手价694元，订单备注我会帮你写好的呀，放心拍。' }, { text: GOOD_COUPON, chunks: 4 }], { stream: true });
    expect(result).toMatchObject({ text: GOOD_COUPON, source: 'llm', attempts: 2 });
  });

  it('times out a stream that stops half-way', async () => {
    const started = Date.now();
    const result = await rephrase([{ hang: true }], { stream: true, timeoutMs: 200 });
    expectFallback(result, 'timeout', 1);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports an empty stream as empty', async () => {
    const result = await rephrase([{ text: '' }], { stream: true });
    expectFallback(result, 'empty', 1);
  });

  it('reports a broken stream as malformed', async () => {
    const result = await rephrase([{ raw: 'data: {"choices": [{"delta": {"content": "您好\n\ndata: [DONE]\n\n' }], { stream: true });
    expectFallback(result, 'malformed', 1);
  });

  it('reports a 429 on a streaming request as rate_limited', async () => {
    const result = await rephrase([{ status: 429 }], { stream: true });
    expectFallback(result, 'rate_limited', 1);
  });
});

describe('rephraser input', () => {
  it('rejects an empty script text with a clear error', async () => {
    const rephraser = createRephraser(llmConfig(fake.baseURL), { lint: strictLint });
    await expect(rephraser.rephrase({ original: '  ', buyerText: '在吗' })).rejects.toThrow('待改写的话术不能为空');
    expect(fake.requests).toHaveLength(0);
  });
});
