import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey, rolesFor } from '../../src/server/auth.ts';
import { webAppOptions } from '../../src/server/web-app.ts';
import { DEMO_SHOP_PATH } from '../../src/shop/load.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';
import { runCli } from '../helpers/run-cli.ts';

// Keys have roles: the channel posts buyer messages, an agent acts as one agent, admin does the rest.

const SHOP = 'nuanyang-flagship';
const GATEWAY = 'test-gateway-key';
const XIAOHE = 'test-agent-xiaohe-key';
const ADMIN = 'test-admin-key';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ app: webAppOptions });
  await server.store.putApiKey(SHOP, hashApiKey(GATEWAY), 'channel', { role: 'gateway' });
  await server.store.putApiKey(SHOP, hashApiKey(XIAOHE), '小禾的工作台', { role: 'agent', agent: '小禾' });
  await server.store.putApiKey(SHOP, hashApiKey(ADMIN), 'lead', { role: 'admin' });
  await server.call('POST', '/api/v1/conversations/c-roles/messages', { buyerId: 'tb_buyer_anna', text: '在吗' });
});
afterAll(() => server.close());

const status = async (method: string, path: string, key: string, body?: unknown): Promise<number> => (await server.call(method, `/api/v1${path}`, body, key)).status;

describe('roles', () => {
  it('gateway: posts buyer messages and uses the tools, reads nothing and acts as no agent', async () => {
    expect(await status('POST', '/conversations/c-gw/messages', GATEWAY, { buyerId: 'tb_buyer_anna', text: '在吗' })).toBe(200);
    expect(await status('POST', '/lint', GATEWAY, { text: '您好' })).toBe(200);
    expect(await status('GET', '/conversations/c-roles?buyerId=tb_buyer_anna', GATEWAY)).toBe(403);
    expect(await status('GET', '/conversations', GATEWAY)).toBe(403);
    expect(await status('POST', '/conversations/c-roles/agent-replies', GATEWAY, { agent: '小禾', text: '您好' })).toBe(403);
    expect(await status('GET', '/notebooks/problems', GATEWAY)).toBe(403);
    const res = await server.call('GET', '/api/v1/inbox', undefined, GATEWAY);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('agent: acts only as its own agent name, cannot post as a buyer or read the notebooks', async () => {
    expect(await status('GET', '/conversations', XIAOHE)).toBe(200);
    expect(await status('GET', '/conversations/c-roles?buyerId=tb_buyer_anna', XIAOHE)).toBe(200);
    expect(await status('POST', '/conversations/c-roles/agent-replies', XIAOHE, { agent: '小禾', text: '您好，请问有什么可以帮您？' })).toBe(200);
    const other = await server.call('POST', '/api/v1/conversations/c-roles/agent-replies', { agent: '小满', text: '您好' }, XIAOHE);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: { code: 'forbidden', message: '此密钥属于客服 小禾，不能以 小满 的身份操作' } });
    expect(await status('POST', '/conversations/c-roles/owner', XIAOHE, { action: 'join', agent: '小满' })).toBe(403);
    expect(await status('POST', '/agents/presence', XIAOHE, { agent: '小禾', online: true })).toBe(200);
    expect(await status('POST', '/conversations/c-roles/messages', XIAOHE, { buyerId: 'tb_buyer_anna', text: '在吗' })).toBe(403);
    expect(await status('GET', '/notebooks/problems', XIAOHE)).toBe(403);
  });

  it('agent names are checked against shop.agents for every key (no "Mallory")', async () => {
    for (const key of [ADMIN, XIAOHE]) {
      const res = await server.call('POST', '/api/v1/conversations/c-roles/owner', { action: 'join', agent: 'Mallory' }, key);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_body' } });
    }
    expect(await status('POST', '/agents/presence', ADMIN, { agent: 'Mallory', online: true })).toBe(400);
    expect(await status('POST', '/conversations/c-roles/agent-replies', ADMIN, { agent: '小满', text: '您好' })).toBe(200);
  });

  it('admin: everything, the notebooks included', async () => {
    expect(await status('GET', '/notebooks/problems', ADMIN)).toBe(200);
    expect(await status('POST', '/conversations/c-admin/messages', ADMIN, { buyerId: 'tb_buyer_anna', text: '在吗' })).toBe(200);
    // The demo key is an admin key, so the README's examples keep working.
    expect(await status('GET', '/notebooks/handover', 'kefu-demo-key')).toBe(200);
  });

  it('a route no rule names is for admin keys only', () => {
    expect(rolesFor('GET', '/something-new')).toEqual(['admin']);
    expect(rolesFor('POST', '/conversations/c1/messages')).toEqual(['gateway', 'admin']);
    expect(rolesFor('GET', '/conversations/c1/messages')).toEqual(['agent', 'admin']);
  });

  it('a revoked key is refused', async () => {
    const key = 'test-revoked-key';
    await server.store.putApiKey(SHOP, hashApiKey(key), 'old', { role: 'gateway' });
    expect(await server.store.revokeApiKey(hashApiKey(key).slice(0, 12), new Date().toISOString())).toBe(1);
    expect(await status('POST', '/lint', key, { text: '您好' })).toBe(401);
  });
});

describe('kefu keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = `sqlite:${join(dir, 'keys.db')}`;

  it('creates keys by role, lists them without the key, revokes by id', async () => {
    const agent = await runCli(['keys', 'create', '--role', 'agent', '--agent', '小禾', '--label', '小禾的工作台', '--db', db]);
    expect(agent.code).toBe(0);
    expect(agent.stderr).toContain('已为店铺 nuanyang-flagship 生成客服密钥（客服 小禾）');
    const gateway = await runCli(['keys', 'create', '--role', 'gateway', '--db', db]);
    const key = gateway.stdout.trim();
    const list = await runCli(['keys', 'list', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('客服（小禾）\t小禾的工作台');
    expect(list.stdout).toContain('渠道网关');
    expect(list.stdout).not.toContain(key);
    const id = hashApiKey(key).slice(0, 12);
    expect((await runCli(['keys', 'revoke', id, '--db', db])).code).toBe(0);
    expect((await runCli(['keys', 'list', '--db', db])).stdout).toMatch(new RegExp(`${id}.*已吊销`));
    expect((await runCli(['keys', 'revoke', id, '--db', db])).code).toBe(2);
    const store = new SqliteStore(join(dir, 'keys.db'));
    expect(await store.apiKeyByHash(hashApiKey(key))).toBeUndefined();
    expect(await store.apiKeyByHash(hashApiKey(agent.stdout.trim()))).toMatchObject({ role: 'agent', agent: '小禾', shopId: SHOP });
    await store.close();
  });

  it('a configured shop file gives its shop and agents', async () => {
    const shopFile = join(dir, 'shop.yaml');
    writeFileSync(shopFile, readFileSync(DEMO_SHOP_PATH, 'utf8').replace(/^id: nuanyang-flagship$/m, 'id: my-shop'));
    const run = await runCli(['keys', 'create', '--shop', 'my-shop', '--role', 'agent', '--agent', '阿宁', '--db', db], '', { KEFU_SHOP: shopFile });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('已为店铺 my-shop');
  });

  it.each([
    [['keys', 'create', '--shop', 'my-shop'], '店铺 my-shop 不存在'],
    [['keys', 'create', '--role', 'agent'], '客服密钥需要 --agent'],
    [['keys', 'create', '--role', 'agent', '--agent', 'Mallory'], 'Mallory 不是店铺 nuanyang-flagship 的客服'],
    [['keys', 'create', '--role', 'boss'], '角色有误'],
    [['keys', 'create', '--agent', '小禾'], '--agent 只用于 --role agent'],
    [['keys', 'revoke'], '缺少密钥编号'],
    [['keys', 'create', '--shop-file', '/nonexistent/shop.yaml'], '找不到店铺配置文件'],
  ])('refuses %j with exit code 2 and creates nothing', async (args, message) => {
    const run = await runCli([...args, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
