import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { startTestServer } from '../helpers/http-server.ts';
import { runCli } from '../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'kefu-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kefu serve (usage)', () => {
  it('is listed in the help and has its own Chinese help', async () => {
    expect((await runCli(['help'])).stdout).toMatch(/serve\s+启动 HTTP 服务/);
    const help = await runCli(['serve', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法：kefu serve');
    expect(help.stdout).toContain('kefu-demo-key');
    expect(help.stdout).toContain('KEFU_DATABASE_URL');
  });

  it.each([
    [['serve', '--port', 'abc'], '端口号有误："abc"'],
    [['serve', '--port', '70000'], '端口号有误："70000"'],
    [['serve', '--db', 'mysql://localhost/kefu'], '不支持的数据库地址'],
    [['serve', '--redis', 'http://x'], 'Redis 地址应以 redis:// 开头'],
    [['serve', '--shop', join(dir, 'missing.yaml'), '--db', `sqlite:${join(dir, 'x.db')}`], '找不到文件'],
    [['serve', '--bogus'], '未知的选项 --bogus'],
    [['serve', '--redis', 'redis://127.0.0.1:1', '--db', `sqlite:${join(dir, 'y.db')}`], '无法连接 Redis：redis://127.0.0.1:1'],
  ])('refuses %j with exit code 2', async (args, message) => {
    const run = await runCli(args, '', { KEFU_DATA_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('refuses invalid LLM settings with the setting named', async () => {
    const run = await runCli(['serve'], '', { KEFU_DATA_DIR: dir, OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', KEFU_LLM_MODEL: 'm', KEFU_LLM_TIMEOUT_MS: 'soon' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒）');
  });

  it('takes the port from KEFU_PORT', async () => {
    const run = await runCli(['serve'], '', { KEFU_PORT: 'eighty', KEFU_DATA_DIR: dir });
    expect(run).toMatchObject({ code: 2 });
    expect(run.stderr).toContain('端口号有误："eighty"');
  });
});

describe('kefu keys create', () => {
  it('prints a new key whose hash (never the key) is stored, and the key opens the API', async () => {
    const db = join(dir, 'keys.db');
    const run = await runCli(['keys', 'create', '--shop', 'nuanyang-flagship', '--label', '客服工作台', '--db', `sqlite:${db}`]);
    expect(run.code).toBe(0);
    const key = run.stdout.trim();
    expect(key).toMatch(/^kefu_[\w-]{43}$/);
    expect(run.stderr).toContain('已为店铺 nuanyang-flagship 生成管理员密钥');
    const again = (await runCli(['keys', 'create', '--shop', 'nuanyang-flagship', '--db', `sqlite:${db}`])).stdout.trim();
    expect(again).not.toBe(key);

    const server = await startTestServer({ store: new SqliteStore(db) });
    try {
      const res = await server.call('POST', '/api/v1/classify', { text: '在吗' }, key);
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
    const raw = new (await import('better-sqlite3')).default(db, { readonly: true });
    const dump = JSON.stringify(raw.prepare('SELECT * FROM api_keys').all());
    raw.close();
    expect(dump).not.toContain(key);
  });

  it.each([
    [['keys'], '缺少子命令'],
    [['keys', 'delete'], '未知的子命令 "delete"'],
    [['keys', 'create', '--shop', 'a b'], '店铺ID格式有误'],
    [['keys', 'create', '--db', 'oracle://x'], '不支持的数据库地址'],
  ])('refuses %j with exit code 2', async (args, message) => {
    const run = await runCli(args, '', { KEFU_DATA_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
