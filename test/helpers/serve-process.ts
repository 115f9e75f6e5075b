import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/kefu.js', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** The first line the command printed (address, shop, demo key). */
  banner: string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `node bin/kefu.js serve …` and resolves once it printed its address. */
export function spawnServe(args: string[], env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kefu serve did not start in time: ${stderr}`)), 30_000);
    void exit.then(({ code }) => reject(new Error(`kefu serve exited (${code}) before listening: ${stderr}`)));
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n')[0];
      const url = /(http:\/\/[\d.]+:\d+)/.exec(line ?? '')?.[1];
      if (stdout.includes('\n') && url) {
        clearTimeout(timer);
        resolve({ child, url, banner: line!, stderr: () => stderr, exit });
      }
    });
  });
}
