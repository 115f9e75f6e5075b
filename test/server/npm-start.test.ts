import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm start` stopped with SIGTERM (npm does not pass the signal on) leaves no server running.
describe('npm start', () => {
  it('stops the server when npm is terminated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-npm-start-'));
    const npm = spawn('npm', ['start', '--silent', '--', '--port', '0'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, KEFU_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`npm start did not start: ${out}`)), 60_000);
      npm.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const match = /(http:\/\/[\d.]+:\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    npm.kill('SIGTERM');
    await expect
      .poll(
        async () => {
          try {
            await fetch(`${url}/healthz`);
            return 'running';
          } catch {
            return 'stopped';
          }
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe('stopped');
  }, 90_000);
});
