import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { promiseLine } from '../src/cli/chat-command.ts';
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

  it('prints promise deadlines in the shop-local time in kefu chat', () => {
    expect(promiseLine({ text: '发放5元优惠券', dueAt: '2025-11-21T06:30:00.000Z' }, 'Asia/Shanghai')).toBe('  [承诺：发放5元优惠券，店铺时间 2025-11-21 14:30 前]');
    expect(promiseLine({ text: 'x', dueAt: '2025-11-21T06:30:00.000Z' }, 'Europe/Berlin')).toContain('2025-11-21 07:30');
  });
});
