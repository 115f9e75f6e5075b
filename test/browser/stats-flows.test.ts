import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/orders/demo-provider.ts';
import { ALL_MACHINES } from '../../src/dialogue/flows.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startWebTestServer, type WebTestServer } from '../helpers/web-server.ts';

// The statistics chart (uPlot served by kefu) and /flows.html (mermaid served by kefu) in Chromium.
describe.runIf(chromiumAvailable())('statistics chart and flow diagrams (Chromium)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const buyers = ['tb_buyer_anna', 'tb_buyer_bowen', 'tb_buyer_chenxi', 'tb_buyer_enya', 'tb_buyer_fang'];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(DEMO_NOW), launchChromium()]);
    // A week with busy and empty days: inquiries, an order, hand-offs.
    const days: [number, number, boolean][] = [[-6, 2, false], [-4, 4, true], [-3, 1, false], [-1, 5, true], [0, 3, true]];
    for (const [day, count, handoff] of days) {
      server.now.value = new Date(DEMO_NOW.getTime() + day * 86_400_000);
      for (let i = 0; i < count; i++) {
        const id = `d${-day}-${i}`;
        const buyerId = buyers[i % buyers.length]!;
        const text = handoff && i === 0 ? '我要找人工客服' : i % 2 ? '我已经拍下了' : '羊毛大衣有M码吗';
        expect((await server.api(`/conversations/${id}/messages`, { body: { buyerId, text } })).status).toBe(200);
      }
    }
    server.now.value = DEMO_NOW;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the chart of inquiries, conversions and hand-offs per day, and collapses the empty days', async () => {
    await page.goto(`${server.url}/notebooks.html#stats`);
    await page.locator('#chart .uplot canvas').waitFor();
    const legend = (await page.locator('#chart .u-legend').textContent()) ?? '';
    expect(legend).toContain('咨询人数');
    expect(legend).toContain('成交人数');
    expect(legend).toContain('转人工');
    expect(await page.textContent('#collapsed')).toBe('已折叠 2 个没有咨询的日期');
    const dates = await page.locator('#notebook-table tbody tr td:first-child').allTextContents();
    expect(new Set(dates).size).toBe(5);
    // The table fits the page: no horizontal scrolling at 1280 px.
    const overflow = await page.locator('.table-wrap').evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'docs/statistics.png' });
    expect(errors).toEqual([]);
  });

  it('renders the Mermaid diagram of every machine in /flows.html without console errors', async () => {
    await page.goto(`${server.url}/flows.html`);
    await page.locator('#status', { hasText: '共' }).waitFor();
    const names = await page.locator('section.flow').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-machine')));
    expect(names.sort()).toEqual(Object.keys(ALL_MACHINES).sort());
    expect(await page.locator('section.flow .diagram svg').count()).toBe(names.length);
    expect(await page.locator('section.flow[data-machine="bargaining"] svg').textContent()).toContain('negotiating');
    expect(errors).toEqual([]);
  });
});
