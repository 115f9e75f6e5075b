import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/orders/demo-provider.ts';
import { loadDemoShop } from '../../src/shop/load.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startWebTestServer, type WebTestServer } from '../helpers/web-server.ts';

// The agent workbench in a real Chromium against a real listening server (live updates over SSE).
const SHOP_ID = loadDemoShop().id;
const anna = 'tb_buyer_anna';

describe.runIf(chromiumAvailable())('agent workbench (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const say = (id: string, text: string, buyerId = anna, mode?: 'assist') =>
    server.api(`/conversations/${id}/messages`, { body: { buyerId, text, ...(mode ? { mode } : {}) } });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DEMO_NOW), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
    // The page's clock is the server's (the demo orders are dated around DEMO_NOW).
    await page.clock.install({ time: new Date(DEMO_NOW.getTime() + 5_000) });
    await say('c-auto', '有M码吗');
    await page.goto(`${server.url}/agent.html`);
    await page.locator('#live-state', { hasText: '实时' }).waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('names the chat by buyer and shows the state in Chinese words', async () => {
    expect(await page.inputValue('#api-key')).toBe('kefu-demo-key');
    const item = page.locator('#conversation-list a[data-id="c-auto"]');
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(anna);
    expect(text).not.toMatch(/presale\.|pending\/|bot\//);
    expect(text).toContain('机器人：');
  });

  it('shows a buyer message posted over the API within a second, without reload', async () => {
    await page.click('#conversation-list a[data-id="c-auto"]');
    await page.locator('#messages .message.buyer').first().waitFor();
    const started = Date.now();
    await say('c-auto', '发什么快递呀');
    await page.locator('#messages .message.buyer', { hasText: '发什么快递呀' }).waitFor({ timeout: 1000 });
    await say('c-live', '羊毛大衣有L码吗', 'tb_buyer_chenxi');
    await page.locator('#conversation-list a[data-id="c-live"]').waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('moves a hand-off to the top with its waiting timer, summary pinned and order panel filled', async () => {
    await say('c-handoff', '我要找人工客服', 'tb_buyer_bowen');
    const first = page.locator('#conversation-list li').first();
    await first.locator('a[data-id="c-handoff"]').waitFor({ timeout: 1000 });
    expect(await first.textContent()).toMatch(/等待人工[\s\S]*已等待/);
    expect(await page.title()).toMatch(/^\(1\) 待接入/);
    await page.clock.runFor(120_000);
    await first.locator('.waiting.overdue', { hasText: '超过 100 秒响应目标' }).waitFor();
    await first.locator('a').click();
    await page.locator('#handoff', { hasText: '顾客要求人工客服' }).waitFor();
    expect(await page.locator('#orders li.order').count()).toBe(2);
    expect(await page.locator('#orders').textContent()).toContain('SF1604829375516');
  });

  it('a draft with 你 and 保证明天到 cannot be sent until fixed or overridden with a reason; the override is in the problem log', async () => {
    await page.click('#join');
    await page.locator('#conversation-owner', { hasText: '人工处理中' }).waitFor();
    await page.fill('#draft', '');
    await page.locator('#draft').pressSequentially('你好，保证明天到');
    // Underlined in the box itself.
    await page.locator('#draft-marks mark.violation.error').first().waitFor();
    const marked = await page.locator('#draft-marks mark.violation.error').allTextContents();
    expect(marked.join('')).toContain('你');
    expect(marked.join('')).toContain('保证明天到');
    await page.click('#send-agent');
    await page.locator('#gate').waitFor();
    expect((await server.server.store.messages(SHOP_ID, 'c-handoff')).some((m) => m.role === 'agent')).toBe(false);
    // Without a reason the override does nothing.
    await page.click('#send-anyway');
    await page.locator('#status[data-kind="error"]', { hasText: '理由' }).waitFor();
    // 你 → 您 is a safe fix: one click applies it.
    expect(await page.isEnabled('#apply-fixes')).toBe(true);
    await page.click('#apply-fixes');
    expect(await page.inputValue('#draft')).toContain('您好');
    await page.fill('#draft', '你好，保证明天到');
    await page.click('#send-agent');
    await page.fill('#override-reason', '买家指定顺丰次日达');
    await page.click('#send-anyway');
    await page.locator('#messages .message.agent', { hasText: '你好，保证明天到' }).waitFor();
    const stored = (await server.server.store.messages(SHOP_ID, 'c-handoff')).find((m) => m.role === 'agent');
    expect(stored?.meta).toMatchObject({ override: '买家指定顺丰次日达' });

    const log = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await log.goto(`${server.url}/notebooks.html#problems`);
    const row = log.locator('#notebook-table tbody tr', { hasText: '买家指定顺丰次日达' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/扣 \d+ 分[\s\S]*强制发送，理由：买家指定顺丰次日达/);
    await log.close();
  });

  it('inserts a quick phrase by /shortcode with the placeholders filled from the order, and blocks unfilled ones', async () => {
    await say('c-track', '我的快递到哪了', anna);
    await page.goto(`${server.url}/agent.html#c-track`);
    await page.locator('#conversation-title', { hasText: anna }).waitFor();
    await page.locator('#orders li.order[data-order="4189102557306612984"]').waitFor();
    await page.fill('#draft', '');
    await page.locator('#draft').pressSequentially('/logistics.track.shipped');
    await page.locator('#phrase-results li[data-id="logistics.track.shipped"]').waitFor();
    await page.keyboard.press('Tab');
    const draft = await page.inputValue('#draft');
    expect(draft).toContain('78451203996127');
    expect(draft).not.toMatch(/\{[A-Za-z]+\}/);
    expect(draft).not.toContain('/logistics');
    // A second phrase in the same message, found with Ctrl+K.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('退款');
    await page.locator('#phrase-results li').first().waitFor();
    await page.keyboard.press('Enter');
    const both = await page.inputValue('#draft');
    expect(both.startsWith(draft)).toBe(true);
    expect(both.length).toBeGreaterThan(draft.length);
    await page.fill('#draft', '您好，订单{orderId}退款{amount}元已提交');
    await page.locator('#draft-marks mark.placeholder', { hasText: '{amount}' }).waitFor();
    await page.click('#send-agent');
    await page.locator('#lint-summary', { hasText: '请先填写：{orderId}、{amount}' }).waitFor();
    await page.waitForTimeout(400); // the lint of the draft arrives meanwhile and keeps saying it
    expect(await page.textContent('#lint-summary')).toContain('请先填写');
    expect((await server.server.store.messages(SHOP_ID, 'c-track')).some((m) => m.role === 'agent')).toBe(false);
  });

  it('a late answer for the chat left behind neither switches back nor clears the draft', async () => {
    // The chat left behind answers slowly (a live refresh of it still on its way).
    await page.route('**/api/v1/inbox/c-auto', async (route) => {
      await new Promise((done) => setTimeout(done, 600));
      await route.continue();
    });
    await page.goto(`${server.url}/agent.html#c-track`);
    await page.locator('#conversation-title', { hasText: anna }).waitFor();
    await page.evaluate("location.hash = 'c-auto'"); // a string: the test's tsconfig has no DOM lib
    await page.evaluate("location.hash = 'c-track'");
    await page.locator('#orders li.order[data-order="4189102557306612984"]').waitFor();
    await page.fill('#draft', '亲，正在为您查询');
    await page.waitForTimeout(900);
    expect(page.url()).toMatch(/#c-track$/);
    expect(await page.inputValue('#draft')).toBe('亲，正在为您查询');
    expect(await page.locator('#messages').textContent()).toContain('我的快递到哪了');
    await page.unroute('**/api/v1/inbox/c-auto');
  });

  it('works without a mouse: select a chat, take it over, take a suggestion, send', async () => {
    await say('c-keys', '我要找人工客服', 'tb_buyer_enya');
    await page.goto(`${server.url}/agent.html`);
    await page.locator('#conversation-list a[data-id="c-keys"]').waitFor();
    await page.locator('body').focus();
    // Alt+↓ walks the queue (waiting chats on top) until c-keys is open.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Alt+ArrowDown');
      await page.waitForTimeout(150);
      if (page.url().endsWith('#c-keys')) break;
    }
    expect(page.url()).toMatch(/#c-keys$/);
    await page.locator('#conversation-title', { hasText: 'tb_buyer_enya' }).waitFor();
    await page.keyboard.press('Alt+t');
    await page.locator('#conversation-owner', { hasText: '人工处理中' }).waitFor();
    await say('c-keys', '这件羊毛大衣有M码吗', 'tb_buyer_enya');
    await page.locator('#suggestions li button').first().waitFor();
    await page.keyboard.press('Alt+1');
    const suggestion = await page.inputValue('#draft');
    expect(suggestion).toContain('M码');
    await page.keyboard.press('Control+Enter');
    await page.locator('#messages .message.agent').waitFor();
    const agent = (await server.server.store.messages(SHOP_ID, 'c-keys')).find((m) => m.role === 'agent');
    expect(agent).toMatchObject({ text: suggestion, meta: { suggestion: { outcome: 'used' } } });
    await page.keyboard.press('Alt+t');
    await page.locator('#conversation-owner', { hasText: '机器人' }).waitFor();
  });

  it('shows the three assist candidates and takes the third with Alt+3 (the runner-up reading)', async () => {
    const answer = (await (await say('c-alt3', '这件羊毛大衣有M码吗', 'tb_buyer_dali', 'assist')).json()) as { replies: { text: string; intent?: string }[] };
    expect(answer.replies.map((r) => r.intent)).toEqual(['stock', 'stock', 'size_advice']);
    await page.goto(`${server.url}/agent.html#c-alt3`);
    await page.locator('#conversation-title', { hasText: 'tb_buyer_dali' }).waitFor();
    await page.locator('#suggestions li button').nth(2).waitFor();
    expect(await page.locator('#suggestions li .text').allTextContents()).toEqual(answer.replies.map((r) => r.text));
    // The third answers another reading of the message: marked so.
    expect(await page.locator('#suggestions li').nth(2).locator('.candidate-tag').textContent()).toBe('另一种理解');
    expect(await page.locator('#suggestions li').first().locator('.candidate-tag').count()).toBe(0);
    await page.locator('body').focus();
    await page.keyboard.press('Alt+3');
    expect(await page.inputValue('#draft')).toBe(answer.replies[2]!.text);
    await page.keyboard.press('Alt+t');
    await page.locator('#conversation-owner', { hasText: '人工处理中' }).waitFor();
    await page.locator('#draft').focus();
    await page.keyboard.press('Control+Enter');
    await page.locator('#messages .message.agent').waitFor();
    const agent = (await server.server.store.messages(SHOP_ID, 'c-alt3')).find((m) => m.role === 'agent');
    // Credited to the third candidate's own reading (the acceptance rate per intent and script).
    expect(agent).toMatchObject({ text: answer.replies[2]!.text, meta: { suggestion: { outcome: 'used', intent: 'size_advice' } } });
  });

  it('beeps for a new waiting chat only when the agent turned sound on, and remembers the choice', async () => {
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Count the beeps: each one starts an oscillator.
    await other.addInitScript(`
      window.__beeps = 0;
      window.AudioContext = class { constructor() { this.currentTime = 0; this.destination = {}; }
        createOscillator() { window.__beeps += 1; return { frequency: {}, connect() {}, start() {}, stop() {} }; } };`);
    await other.goto(`${server.url}/agent.html`);
    await other.locator('#live-state', { hasText: '实时' }).waitFor();
    await say('c-quiet', '我要找人工客服', 'tb_buyer_fang');
    await other.locator('#conversation-list a[data-id="c-quiet"]', { hasText: '等待人工' }).waitFor();
    await other.waitForTimeout(300);
    expect(await other.evaluate('window.__beeps')).toBe(0);
    await other.check('#sound');
    await other.reload();
    await other.locator('#live-state', { hasText: '实时' }).waitFor();
    expect(await other.isChecked('#sound')).toBe(true);
    await say('c-loud', '转人工', 'tb_buyer_chenxi');
    await other.locator('#conversation-list a[data-id="c-loud"]', { hasText: '等待人工' }).waitFor();
    await expect.poll(() => other.evaluate('window.__beeps')).toBe(1);
    expect(await other.title()).toMatch(/^\(\d+\) 待接入/);
    await other.uncheck('#sound');
    await other.close();
  });

  it('marks a promise kept in one click', async () => {
    // The coupon of the excuse type is a promise (to send it) and a concession.
    for (const text of ['学生党没钱，羊毛大衣便宜点吧', '学生党没钱，便宜点吧']) await say('c-promise', text);
    await page.goto(`${server.url}/agent.html#c-promise`);
    await page.locator('#conversation-title', { hasText: anna }).waitFor();
    const keep = page.locator('#promises button.keep');
    await keep.first().waitFor();
    const open = await keep.count();
    await keep.first().click();
    await expect.poll(() => keep.count()).toBe(open - 1);
    const record = await server.server.store.events(SHOP_ID, { conversationId: 'c-promise', kinds: ['promise_kept'] });
    expect(record).toHaveLength(1);
    expect(await page.locator('#concessions li').first().textContent()).toMatch(/优惠券|减价|赠品|包邮/);
  });

  it('remembers the queue filter and hands the page to the screenshot', async () => {
    await page.check('input[name="queue-filter"][value="waiting"]');
    await page.reload();
    expect(await page.isChecked('input[name="queue-filter"][value="waiting"]')).toBe(true);
    expect(await page.locator('#conversation-list a[data-id="c-auto"]').count()).toBe(0);
    await page.check('input[name="queue-filter"][value="all"]');
    await page.goto(`${server.url}/agent.html#c-handoff`);
    await page.locator('#handoff').waitFor();
    await page.fill('#draft', '你好，订单{orderId}保证明天到');
    await page.locator('#draft-marks mark.violation.error').first().waitFor();
    await page.screenshot({ path: 'docs/agent-workbench.png' });
    expect(consoleErrors).toEqual([]);
  });
});
