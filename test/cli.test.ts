import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';

/** Runs the CLI in-process with in-memory streams. */
const run = runCli;

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kefu-cli-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('kefu (no command)', () => {
  it('prints the help and exits 0', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kefu lint');
  });
  it('rejects an unknown command with exit 2', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知的命令');
  });
  it('help lint shows the lint help', async () => {
    const r = await run(['help', 'lint']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--profile');
  });
});

describe('kefu lint', () => {
  it('reports violations with line:col, underline, rule id and points, exit 1', async () => {
    const r = await run(['lint'], '您好，有什么可以帮您？\n你好，我们不提供发票。\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/<stdin>:2:1 {2}错误 .*\[polite-you\]/);
    expect(r.stdout).toMatch(/\[invoice-refusal\] {2}扣6分/);
    expect(r.stdout).toContain('    ^^');
    expect(r.stdout).toMatch(/2 条回复，\d+ 个问题/);
  });

  it('describes a deletion fix as a deletion', async () => {
    const r = await run(['lint'], '已经给您发出了哦\n');
    expect(r.stdout).toContain('可自动修正：删除“哦”（--fix）');
  });

  it('exits 0 on clean replies', async () => {
    const r = await run(['lint'], '您好，请问有什么可以帮您？\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('没有发现问题');
  });

  it('exits 0 when only warnings remain', async () => {
    const r = await run(['lint', '--format', 'json'], '这个颜色缺货。\n');
    const report = JSON.parse(r.stdout) as { replies: { violations: { severity: string }[] }[] };
    expect(report.replies[0]!.violations.map((v) => v.severity)).toContain('warning');
    expect(report.replies[0]!.violations.every((v) => v.severity === 'warning')).toBe(true);
    expect(r.code).toBe(0);
  });

  it('prints JSON with --format json', async () => {
    const r = await run(['lint', '--format', 'json'], '你好\n');
    const report = JSON.parse(r.stdout) as { replies: { line: number; violations: { ruleId: string; start: number }[] }[] };
    expect(report.replies[0]!.line).toBe(1);
    expect(report.replies[0]!.violations[0]).toMatchObject({ ruleId: 'polite-you', start: 0 });
  });

  it('the taobao profile allows the manuals’ friendly 哦', async () => {
    const strict = await run(['lint', '--profile', 'tmall'], '已经给您发出了哦。\n');
    const relaxed = await run(['lint', '--profile', 'taobao'], '已经给您发出了哦。\n');
    expect(strict.code).toBe(1);
    expect(relaxed.code).toBe(0);
  });

  it('takes the default profile from KEFU_LINT_PROFILE, and --profile wins over it', async () => {
    expect((await run(['lint'], '已经给您发出了哦。\n', { KEFU_LINT_PROFILE: 'taobao' })).code).toBe(0);
    expect((await run(['lint', '--profile', 'tmall'], '已经给您发出了哦。\n', { KEFU_LINT_PROFILE: 'taobao' })).code).toBe(1);
    expect((await run(['lint'], '您好\n', { KEFU_LINT_PROFILE: 'jd' })).stderr).toContain('未知的规则配置');
  });

  it('--rule overrides a rule\'s severity, and rejects unknown rules and levels', async () => {
    expect((await run(['lint', '--rule', 'polite-you=off'], '你好\n')).code).toBe(0);
    expect((await run(['lint', '--rule', 'polite-you=warning'], '你好\n')).stdout).toContain('警告');
    expect((await run(['lint', '--rule', 'nope=off'], '你好\n')).stderr).toContain('规则级别覆盖中有未知的规则：nope');
    expect((await run(['lint', '--rule', 'polite-you=loud'], '你好\n')).stderr).toContain('--rule 的格式');
  });

  it('--fix on stdin writes the fixed text to stdout and the report to stderr', async () => {
    const r = await run(['lint', '--fix'], '你好，不好意思让你久等了\n');
    expect(r.stdout).toBe('您好，非常抱歉让您久等了\n');
    expect(r.code).toBe(0);
  });

  it('--fix on a file rewrites it in place, keeping other lines', async () => {
    const path = await tempFile('replies.txt', '您好\n你好\r\n\n谢谢你\n');
    const r = await run(['lint', path, '--fix']);
    expect(await readFile(path, 'utf8')).toBe('您好\n您好\r\n\n谢谢您\n');
    expect(r.code).toBe(0);
  });

  it('--whole lints the input as one reply and reports real line numbers', async () => {
    const r = await run(['lint', '--whole', '--format', 'json'], '您好\n你好');
    const report = JSON.parse(r.stdout) as { replies: { violations: { line: number; column: number }[] }[] };
    expect(report.replies).toHaveLength(1);
    expect(report.replies[0]!.violations[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('uses --context for context-aware rules', async () => {
    const context = await tempFile('ctx.json', JSON.stringify({ shipping: { freeShipping: true } }));
    const withCtx = await run(['lint', '--context', context], '这款需要补10元运费。\n');
    const without = await run(['lint'], '这款需要补10元运费。\n');
    expect(withCtx.stdout).toContain('postage-contradiction');
    expect(without.stdout).not.toContain('postage-contradiction');
  });

  it.each([
    [['lint', '--profile', 'jd'], '', '未知的规则配置'],
    [['lint', '--format', 'xml'], '你好', '未知的输出格式'],
    [['lint', '--nope'], '你好', '未知的选项 --nope'],
    [['lint', 'a.txt', 'b.txt'], '', '一次只能检查一个文件'],
    [['lint', '/nonexistent/replies.txt'], '', '找不到文件'],
    [['lint'], '', '是空的'],
    [['lint'], '\n\n  \n', '是空的'],
    [['lint'], Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), '不是有效的 UTF-8'],
  ] as const)('bad usage %j exits 2 with a clear message', async (args, stdin, message) => {
    const r = await run([...args], stdin);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('rejects a malformed context file with the failing field', async () => {
    const bad = await tempFile('ctx.json', JSON.stringify({ shipping: { freeShipping: 'yes' } }));
    const r = await run(['lint', '--context', bad], '你好\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shipping.freeShipping');
    const notJson = await tempFile('ctx2.json', '{oops');
    expect((await run(['lint', '--context', notJson], '你好\n')).stderr).toContain('不是有效的 JSON');
  });
});

describe('the installed bin', () => {
  it('runs bin/kefu.js as a real process', async () => {
    const bin = new URL('../bin/kefu.js', import.meta.url).pathname;
    const child = promisify(execFile)(process.execPath, [bin, 'lint', '--format', 'json', '-'], {});
    child.child.stdin!.end('你好\n');
    const error = await child.then(
      () => undefined,
      (e: { code: number; stdout: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(JSON.parse(error!.stdout).replies[0].violations[0].ruleId).toBe('polite-you');
  });
});
