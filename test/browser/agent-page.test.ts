import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/orders/demo-provider.ts';
import { loadDemoShop } from '../../src/shop/load.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startWebTestServer, type WebTestServer } from '../helpers/web-server.ts';

// The agent sidebar in a real Chromium against a real listening server.
const SHOP_ID = loadDemoShop().id;

describe.runIf(chromiumAvailable())('agent page (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DEMO_NOW), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prefills the demo key and shows a conversation after a buyer message', async () => {
    const res = await server.api('/conversations/c-auto/messages', { body: { buyerId: 'tb_buyer_anna', text: '有M码吗' } });
    expect(res.status).toBe(200);
    await page.goto(`${server.url}/agent.html`);
    expect(await page.inputValue('#api-key')).toBe('kefu-demo-key');
    const item = page.locator('#conversation-list a[data-id="c-auto"]');
    await item.waitFor();
    // The list shows the last message: the bot's answer.
    expect(await item.textContent()).toContain('机器人：');
    await item.click();
    await page.locator('#messages .message.bot').first().waitFor();
    expect(await page.locator('#messages .message.buyer').first().textContent()).toContain('有M码吗');
    expect(await page.textContent('#conversation-owner')).toBe('机器人');
  });

  it('in assist mode the simulator’s message brings suggestions that copy into the draft', async () => {
    await page.fill('#sim-conversation', 'c-assist');
    await page.fill('#sim-buyer', 'tb_buyer_anna');
    await page.selectOption('#sim-mode', 'assist');
    await page.fill('#sim-text', '羊毛大衣能便宜点吗');
    await page.click('#simulator button[type="submit"]');
    const use = page.locator('#suggestions li button', { hasText: '使用此回复' });
    await use.first().waitFor();
    expect(await use.count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#messages .message.suggested').count()).toBe(1);
    const suggestion = (await page.locator('#suggestions li span').first().textContent()) ?? '';
    await use.first().click();
    expect(await page.inputValue('#draft')).toBe(suggestion);
    await page.locator('#lint-summary').filter({ hasText: /未发现问题|错误/ }).waitFor();
  });

  it('lints the draft as it is typed: 你好，保证明天到 shows the violations with rule and points', async () => {
    await page.fill('#draft', '');
    await page.locator('#draft').pressSequentially('你好，保证明天到');
    await page.locator('#lint-findings li').nth(1).waitFor();
    const findings = (await page.locator('#lint-findings').textContent()) ?? '';
    expect(findings).toContain('polite-you');
    expect(findings).toContain('no-time-promise');
    expect(findings).toMatch(/扣 \d+ 分/);
    expect(await page.textContent('#lint-summary')).toMatch(/^\d+ 个错误/);
    // The flagged stretches are underlined in the preview.
    const underlined = await page.locator('#draft-preview .violation.error').allTextContents();
    expect(underlined).toContain('你');
    expect(underlined.join('')).toContain('保证明天到');
    await page.screenshot({ path: '/tmp/kefu-agent.png', fullPage: true });
  });

  it('sends the draft as the agent: stored with its findings and shown in the conversation', async () => {
    await page.click('#send-agent');
    await page.locator('#send-result').filter({ hasText: '已发送' }).waitFor();
    expect(await page.textContent('#send-result')).toMatch(/记录 \d+ 个违规/);
    await page.locator('#messages .message.agent', { hasText: '你好，保证明天到' }).waitFor();
    expect(await page.inputValue('#draft')).toBe('');
    const stored = await server.server.store.messages(SHOP_ID, 'c-assist');
    const agent = stored.find((m) => m.role === 'agent');
    expect(agent).toMatchObject({ text: '你好，保证明天到', agent: '小禾' });
    expect(agent!.meta.errorCount).toBeGreaterThanOrEqual(2);
    // Answered: no suggestion waits any more.
    expect(await page.locator('#suggestions li button').count()).toBe(0);
  });

  it('接手 and 交还 change the owner', async () => {
    await page.click('#join');
    await page.locator('#conversation-owner', { hasText: '人工处理中' }).waitFor();
    expect((await server.server.store.getConversation(SHOP_ID, 'c-assist'))!.owner).toBe('agent');
    await page.click('#leave');
    await page.locator('#conversation-owner', { hasText: '机器人' }).waitFor();
    expect((await server.server.store.getConversation(SHOP_ID, 'c-assist'))!.owner).toBe('bot');
  });

  it('shows the server’s Chinese error for a wrong key', async () => {
    await page.fill('#api-key', 'wrong-key');
    await page.locator('#api-key').dispatchEvent('change');
    await page.locator('#status[data-kind="error"]').filter({ hasText: 'API 密钥无效' }).waitFor();
    await page.fill('#api-key', 'kefu-demo-key');
    await page.locator('#api-key').dispatchEvent('change');
  });
});
