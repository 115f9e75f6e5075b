import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promiseLine } from '../src/cli/chat-command.ts';
import { DEMO_SHOP_PATH } from '../src/shop/load.ts';
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

  describe('files and options that are wrong are reported in Chinese, a file with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-cli-'));
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const demoShop = readFileSync(DEMO_SHOP_PATH, 'utf8');
    const HAN = /[\u4e00-\u9fff]/;
    // No English sentence from zod, yaml or V8 (ids, paths and file names are fine).
    const ENGLISH = /Invalid|expected|missing|unknown|Unexpected|must be|is not|duplicate|Too (small|big)/;

    it.each([
      ['a shop file with a YAML syntax error', () => ['serve', '--shop', file('syntax.yaml', 'name: x\nagents: [小禾\n')], /syntax\.yaml:3: YAML 语法有误：方括号 \[ 没有闭合/],
      ['a shop file missing keys', () => ['serve', '--shop', file('empty.yaml', 'id: s1\nname: 测试店\n')], /empty\.yaml:1: agents: 缺少此项（应为数组）/],
      ['a shop file with a wrong type', () => ['serve', '--shop', file('type.yaml', demoShop.replace(/largeOrderThreshold: \d+/, 'largeOrderThreshold: 很多'))], /type\.yaml:\d+: largeOrderThreshold: 应为数字/],
      [
        'a shop severity override for an unknown rule',
        () => ['serve', '--shop', file('rule.yaml', `${demoShop}\nlintSeverities:\n  no-such-rule: off\n`)],
        /rule\.yaml:\d+: lintSeverities\.no-such-rule: 没有规则 "no-such-rule"（规则列表见 docs\/rules\.md）/,
      ],
      ['a shop severity override with a bad level', () => ['serve', '--shop', file('level.yaml', `${demoShop}\nlintSeverities:\n  polite-you: loud\n`)], /level\.yaml:\d+: lintSeverities\.polite-you: 应为 error、warning、off 之一/],
      ['kefu keys with a bad shop file', () => ['keys', 'list', '--shop-file', file('keys.yaml', 'agents: [\n')], /keys\.yaml:\d+: YAML 语法有误/],
      ['--rule with a bad level', () => ['lint', '--rule', 'polite-you=bogus'], /--rule 的格式应为 规则=级别/],
      ['--rule for an unknown rule', () => ['lint', '--rule', 'nosuch=error'], /未知的规则：nosuch/],
      ['--context with broken JSON', () => ['lint', '--context', file('broken.json', '{\n  "buyer": {"id": "x"},\n  orders: []\n}\n')], /broken\.json:3:3 不是有效的 JSON：属性名要用双引号/],
      ['--context cut short', () => ['lint', '--context', file('short.json', '{"buyer": ')], /short\.json:1:10 不是有效的 JSON：内容不完整/],
      ['--context of the wrong shape', () => ['lint', '--context', file('shape.json', '{"buyer": 3}')], /shape\.json 的内容不符合格式：字段 buyer：应为对象/],
    ])('%s', async (_, args, message) => {
      const run = await runCli(args(), '您好\n', { KEFU_DATA_DIR: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(HAN);
      expect(run.stderr).not.toMatch(ENGLISH);
    });
  });

  it('prints the deadline of a promise made in kefu chat in shop-local time (UTC would be 06:30)', async () => {
    const run = await runCli(['chat', '--now', '2025-11-20T14:30:00+08:00'], '这件羊毛大衣有M码吗\n能开发票吗\n个人 林安娜\n');
    expect(run.stdout).toContain('[承诺：为订单4187329904416728062补开发票并寄出，店铺时间 2025-11-23 14:30 前]');
  });

  it('prints promise deadlines in the shop-local time in kefu chat', () => {
    expect(promiseLine({ text: '发放5元优惠券', dueAt: '2025-11-21T06:30:00.000Z' }, 'Asia/Shanghai')).toBe('  [承诺：发放5元优惠券，店铺时间 2025-11-21 14:30 前]');
    expect(promiseLine({ text: 'x', dueAt: '2025-11-21T06:30:00.000Z' }, 'Europe/Berlin')).toContain('2025-11-21 07:30');
  });
});
