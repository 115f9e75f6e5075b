import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/orders/demo-provider.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startWebTestServer, type WebTestServer } from '../helpers/web-server.ts';

// The notebooks page in a real Chromium, over notebooks filled by real turns through the API.
describe.runIf(chromiumAvailable())('notebooks page (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let page: Page;

  async function post(path: string, body: unknown): Promise<void> {
    expect((await server.api(path, { body })).status).toBe(200);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DEMO_NOW), launchChromium()]);
    await post('/conversations/c-order/messages', { buyerId: 'tb_buyer_anna', text: '有M码吗' });
    await post('/conversations/c-order/messages', { buyerId: 'tb_buyer_anna', text: '我已经拍下了' });
    await post('/conversations/c-lost/messages', { buyerId: 'tb_buyer_bowen', text: 'asdfghjk' });
    await post('/conversations/c-lost/messages', { buyerId: 'tb_buyer_bowen', text: 'qwerty uiop' });
    await post('/conversations/c-order/agent-replies', { agent: '小禾', text: '你好，保证明天到' });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const headers = () => page.locator('#notebook-table thead th').allTextContents();
  const rows = () => page.locator('#notebook-table tbody tr');

  it('问题记录 lists the problems of the last 7 days with links to the conversations', async () => {
    await page.goto(`${server.url}/notebooks.html`);
    await rows().nth(3).waitFor();
    expect(await headers()).toEqual(['时间', '类型', '会话', '详情', '链接', '处理']);
    expect(await page.inputValue('#from')).toBe('2025-11-14');
    expect(await page.inputValue('#to')).toBe('2025-11-20');
    const kinds = await page.locator('#notebook-table tbody tr td:nth-child(2)').allTextContents();
    expect(kinds.sort()).toEqual(['客服回复违规', '未识别', '未识别', '转人工']);
    expect(await page.locator('#notebook-table a', { hasText: '打开会话' }).first().getAttribute('href')).toMatch(/^\/agent\.html#c-/);
  });

  it('问题记录 entries are marked resolved with a note, from the keyboard too', async () => {
    const row = page.locator('#notebook-table tbody tr', { hasText: '转人工' });
    await row.locator('button.resolve').click();
    await page.keyboard.type('已回访，问题已解决');
    await page.keyboard.press('Enter');
    await row.locator('td', { hasText: '已处理（' }).waitFor();
    expect(await row.textContent()).toContain('已回访，问题已解决');
    expect(await page.locator('#notebook-table button.resolve').count()).toBe(3);
    expect(await page.isHidden('#pager')).toBe(true);
  });

  it('问题记录 filters by rule (Chinese names) and by agent', async () => {
    await page.goto(`${server.url}/notebooks.html#problems`);
    await rows().nth(3).waitFor();
    expect(await page.isVisible('#problem-filters')).toBe(true);
    const options = await page.locator('#problem-rule option').allTextContents();
    expect(options).toContain('称呼用“您”');
    expect(options).toContain('承诺发货或到货时间');
    expect(options.slice(1).every((o) => /\p{Script=Han}/u.test(o))).toBe(true);
    await page.selectOption('#problem-rule', 'polite-you');
    await expect.poll(async () => page.locator('#notebook-table tbody tr td:nth-child(2)').allTextContents()).toEqual(['客服回复违规']);
    expect(await rows().first().textContent()).toContain('称呼用“您”');
    // The CSV link carries the filter.
    expect(await page.getAttribute('#csv', 'href')).toContain('rule=polite-you');
    await page.selectOption('#problem-rule', 'no-particle-o');
    await page.locator('#notebook-table td.empty', { hasText: '暂无记录' }).waitFor();
    await page.selectOption('#problem-rule', '');
    await page.selectOption('#problem-agent', '小禾');
    await expect.poll(async () => page.locator('#notebook-table tbody tr td:nth-child(2)').allTextContents()).toEqual(['客服回复违规']);
    await page.selectOption('#problem-agent', '');
    await rows().nth(3).waitFor();
    await page.click('#tab-stats');
    await page.locator('#notebook-table thead th', { hasText: '咨询人数' }).waitFor();
    expect(await page.isHidden('#problem-filters')).toBe(true);
  });

  it('服务统计 shows the day total and the agent with violations', async () => {
    await page.click('#tab-stats');
    await page.locator('#notebook-table thead th', { hasText: '咨询人数' }).waitFor();
    const total = page.locator('#notebook-table tbody tr.total', { hasText: '2025-11-20' });
    await total.waitFor();
    const cells = await total.locator('td').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['2025-11-20', '合计', '2', '1', '50.0%']);
    expect(await page.locator('#notebook-table tbody tr', { hasText: '小禾' }).locator('td').nth(9).textContent()).toBe('2');
    await page.locator('#chart canvas').waitFor();
    // Only the agent's rows (and the day totals) with the agent filter.
    await page.selectOption('#agent-filter', '小禾');
    await page.locator('#agent-filter').evaluate((s) => s.dispatchEvent(new Event('change')));
    await expect.poll(async () => (await page.locator('#notebook-table tbody tr td:nth-child(2)').allTextContents()).every((c) => c === '合计' || c === '小禾')).toBe(true);
    await page.selectOption('#agent-filter', '');
    await page.screenshot({ path: '/tmp/kefu-notebooks.png', fullPage: true });
  });

  it('交接班 lists the open conversation and the CSV link downloads the notebook', async () => {
    await page.click('#tab-handover');
    await page.locator('#notebook-table thead th', { hasText: '类别' }).waitFor();
    await page.locator('#notebook-table tbody tr', { hasText: 'c-lost' }).waitFor();
    expect(await page.textContent('#shift')).toContain('09:00–16:30');
    expect(await page.isHidden('#range')).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    expect(download.suggestedFilename()).toBe('交接班_2025-11-20.csv');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('类别,时间,会话,详情,期限,链接');
    expect(lines.some((l) => l.startsWith('未结会话,') && l.includes('c-lost'))).toBe(true);
  });

  it('问题记录 of a long range comes a page at a time (50 a page), forward and back', { timeout: 60_000 }, async () => {
    for (let i = 0; i < 26; i++) {
      for (const text of ['zxcvbnm', 'qazwsx edc']) await post(`/conversations/c-many-${i}/messages`, { buyerId: 'tb_buyer_dali', text });
    }
    await page.goto(`${server.url}/notebooks.html#problems`);
    await page.locator('#pager').waitFor();
    expect(await page.textContent('#page-info')).toMatch(/^第 1 \/ 2 页，共 \d+ 条$/);
    expect(await rows().count()).toBe(50);
    expect(await page.isDisabled('#prev-page')).toBe(true);
    const firstPage = await rows().allTextContents();
    await page.click('#next-page');
    await page.locator('#page-info', { hasText: '第 2 / 2 页' }).waitFor();
    const secondPage = await rows().allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.some((r) => firstPage.includes(r))).toBe(false);
    expect(await page.isDisabled('#next-page')).toBe(true);
    await page.click('#prev-page');
    await page.locator('#page-info', { hasText: '第 1 / 2 页' }).waitFor();
    expect(await rows().allTextContents()).toEqual(firstPage);
  });

  it('the CSV of the statistics carries its Chinese name and date range', async () => {
    await page.click('#tab-stats');
    await page.locator('#notebook-table thead th', { hasText: '咨询人数' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    expect(download.suggestedFilename()).toBe('服务统计_2025-11-14_2025-11-20.csv');
  });
});
