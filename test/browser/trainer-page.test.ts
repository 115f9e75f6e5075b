import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/orders/demo-provider.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startWebTestServer, type WebTestServer } from '../helpers/web-server.ts';

// The trainer page in a real Chromium against a real listening server: one scenario to its scorecard.

describe.runIf(chromiumAvailable())('trainer page (Chromium)', () => {
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

  async function reply(text: string, buyerLinesBefore: number): Promise<void> {
    await page.fill('#draft', text);
    await page.click('#send');
    await page.locator('#messages .message.agent').filter({ hasText: text }).waitFor();
    // The buyer answers (or closes): one more buyer line than before.
    await page.locator('#messages .message.buyer').nth(buyerLinesBefore).waitFor();
  }

  it('plays the comparison haggle to its scorecard, with live lint and the trainee\'s history', async () => {
    await page.goto(`${server.url}/trainer.html`);
    expect(await page.inputValue('#api-key')).toBe('kefu-demo-key');
    await page.locator('#scenario option[value="haggle_comparison"]').waitFor({ state: 'attached' });
    await page.fill('#trainee', '小李');
    await page.selectOption('#scenario', 'haggle_comparison');
    await page.selectOption('#persona', 'gentle');
    await page.fill('#seed', '3');
    await page.click('#start button[type="submit"]');
    await page.locator('#messages .message.buyer').first().waitFor();
    expect(await page.textContent('#session-title')).toBe('对比型议价：别家更便宜');
    expect(await page.locator('#messages .message.buyer').first().textContent()).toContain('640');

    // Live lint while typing.
    await page.locator('#draft').pressSequentially('你好哦');
    await page.locator('#lint-findings li').nth(1).waitFor();
    const findings = (await page.locator('#lint-findings').textContent()) ?? '';
    expect(findings).toContain('polite-you');
    expect(findings).toContain('no-particle-o');

    await reply('你好，别家的我们不评价哦', 1);
    expect(await page.textContent('#send-result')).toMatch(/2 个违规，扣 2 分/);
    await reply('感谢您的耐心比较！这款的价格已经很实在了，非常抱歉暂时无法再低了。', 2);
    await reply('好的，为您申请到一份羊毛混纺中筒袜一双，会在订单上备注好。', 3);

    await page.locator('#scorecard:not([hidden])').waitFor();
    expect(await page.textContent('#score-total')).toBe('98 / 100');
    expect(await page.textContent('#score-outcome')).toContain('已达成目标');
    expect(await page.locator('#score-steps li.hit').count()).toBe(2);
    const misses = (await page.locator('#score-misses').textContent()) ?? '';
    expect(misses).toContain('您的回复：你好，别家的我们不评价哦');
    expect(misses).toContain('参考话术：非常理解您会多比较几家');
    expect(await page.isDisabled('#draft')).toBe(true);
    await page.locator('#history li').filter({ hasText: '98 分' }).waitFor();
    expect(await page.textContent('#trend')).toContain('已完成 1 次');
    await page.screenshot({ path: '/tmp/kefu-trainer.png', fullPage: true });
  }, 60_000);
});
