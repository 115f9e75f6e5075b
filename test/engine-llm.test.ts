import { describe, expect, it } from 'vitest';
import { respond, type EngineDeps } from '../src/dialogue/engine.ts';
import { loadScripts } from '../src/dialogue/scripts.ts';
import { defaultClassifier } from '../src/nlu/default-classifier.ts';
import { loadDemoOrderProvider } from '../src/orders/demo-provider.ts';
import { loadDemoShop } from '../src/shop/load.ts';
import { useSharedFakeOpenAI } from './helpers/fake-openai.ts';
import { llmConfig } from './helpers/llm-fixtures.ts';

/** The engine with the rephraser on, against a local OpenAI-compatible server. */
const fake = useSharedFakeOpenAI();

const shop = loadDemoShop();
const base = { classifier: defaultClassifier(), scripts: loadScripts(), shop, orders: loadDemoOrderProvider(shop), clock: () => new Date('2025-11-20T14:30:00+08:00') };
const deps = (): EngineDeps => ({ ...base, llm: { config: llmConfig(fake.baseURL, { timeoutMs: 1000 }), tone: '亲切、专业' } });

// The script reply to "羊毛大衣有M码吗" (anna): the stock answer names the product and the size.
async function stockTurn(mode: 'auto' | 'assist' = 'auto') {
  return (await respond(undefined, { buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗', mode }, deps())).result;
}

describe('engine with the LLM rephraser', () => {
  it('sends a gated rephrasing in auto mode, marked as llm', async () => {
    const script = (await respond(undefined, { buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗' }, base)).result.replies[0]!;
    expect(script.source).toBe('script');
    fake.enqueue({ text: `您好，${script.text.replace(/^您好，?/, '')}` });
    const r = await stockTurn();
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]).toMatchObject({ source: 'llm', scriptId: script.scriptId });
    expect(r.replies[0]!.lint.errorCount).toBe(0);
    expect(fake.requests).toHaveLength(1);
    // Buyer data never leaves unmasked: anna's name, phone and order ids are not in the request.
    const sent = JSON.stringify(fake.requests[0]!.messages);
    for (const secret of ['林安娜', '13867425193', '4189102557306612984']) expect(sent).not.toContain(secret);
  });

  it('falls back to the script with the reason when both answers break the rules', async () => {
    fake.enqueue({ text: '你好，保证明天到，加我微信 kefu888 详聊' }, { text: '你好，保证明天到' });
    const r = await stockTurn();
    expect(r.replies[0]).toMatchObject({ source: 'script' });
    expect(r.replies[0]!.fallbackReason).toBeDefined();
    expect(r.replies[0]!.text).not.toMatch(/保证|微信|你好/);
  });

  it('falls back on an HTTP error, with the reason', async () => {
    fake.enqueue({ status: 500 });
    const r = await stockTurn();
    expect(r.replies[0]).toMatchObject({ source: 'script', fallbackReason: 'http_error' });
  });

  it('in assist mode shows the gated rephrasing beside the script candidates', async () => {
    const script = (await respond(undefined, { buyerId: 'tb_buyer_anna', text: '羊毛大衣有M码吗', mode: 'assist' }, base)).result.replies;
    fake.enqueue({ text: script[0]!.text.replace(/^您好，?/, '亲爱的顾客您好，') });
    const r = await stockTurn('assist');
    expect(r.delivery).toBe('suggest');
    expect(r.replies[0]).toMatchObject({ source: 'script', text: script[0]!.text });
    expect(r.replies[1]).toMatchObject({ source: 'llm' });
  });
});
