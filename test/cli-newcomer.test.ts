import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';

// What a newcomer meets first: version, wrong input answered in Chinese with exit code 2.
describe('the CLI as a newcomer meets it', () => {
  it('kefu --version prints the package version', async () => {
    const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`kefu ${version}`);
  });

  it.each([
    [['help', 'bogus'], '没有命令 "bogus" 的帮助'],
    [['classify', ''], '消息不能为空'],
    [['classify', '  '], '消息不能为空'],
    [['chat', '--buyer', 'nobody'], '演示店铺没有买家 "nobody"'],
  ])('kefu %j is an error with exit 2 and a Chinese message', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(run.stderr).not.toMatch(/Error|at \//);
  });

  it('prints promise deadlines in the shop-local time in kefu chat', async () => {
    const run = await runCli(['chat', '--now', '2025-11-20T14:30:00+08:00'], '羊毛大衣我只剩600块了\n学生党没钱，便宜点吧\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('店铺时间 2025-11-21 14:30 前');
    expect(run.stdout).not.toMatch(/承诺：[^\]]*Z/);
  });
});
