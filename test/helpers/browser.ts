import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { it } from 'vitest';

/**
 * Debian's Chromium for the browser tests (`apt-get install -y chromium`). Without it the browser
 * suites are skipped with the reason on a developer machine, but FAIL when KEFU_REQUIRE_SERVICES=1 (CI).
 */
export const CHROMIUM_PATH = process.env.KEFU_CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumMissingReason = `Chromium not found at ${CHROMIUM_PATH} (install it: apt-get install -y chromium)`;

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.KEFU_REQUIRE_SERVICES === '1') {
    it('Chromium is installed', () => {
      throw new Error(`${chromiumMissingReason}; KEFU_REQUIRE_SERVICES=1 makes the browser tests required.`);
    });
  } else {
    console.warn(`browser tests skipped: ${chromiumMissingReason}`);
  }
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
