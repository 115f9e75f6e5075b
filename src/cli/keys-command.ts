import { parseArgs } from 'node:util';
import { generateApiKey, hashApiKey } from '../server/auth.ts';
import { defaultDatabaseUrl } from '../server/serve.ts';
import { loadDemoShop, loadShop, YamlFileError } from '../shop/load.ts';
import type { Shop } from '../shop/schema.ts';
import { openStore, StoreOpenError, UnsupportedDatabaseUrlError } from '../store/open.ts';
import { KEY_ID_LENGTH, KeyRoleSchema, type ApiKeyRecord, type KeyAccess, type Store } from '../store/types.ts';
import { CliUsageError, writeLine, type CliIo } from './io.ts';

export const KEYS_HELP = `用法：
  kefu keys create [--role admin|agent|gateway] [--agent 客服名] [--shop 店铺ID] [--label 备注]
  kefu keys list [--shop 店铺ID]
  kefu keys revoke 密钥编号
公共选项：[--shop-file shop.yaml] [--db 数据库]

create 生成一个新的 API 密钥并打印出来（只显示这一次，数据库里只保存它的 SHA-256 摘要）。
调用接口时放在请求头里：Authorization: Bearer <密钥>。
list 列出密钥的编号、角色、客服名、备注和状态（不显示密钥本身）；revoke 按编号吊销（10 秒内生效）。

角色：
  gateway  渠道网关：只能提交买家消息（POST …/messages）和使用 lint/classify/scripts
  agent    客服：绑定一个客服名（--agent，须在店铺的 agents 名单里），查看对话、回复、接管/交还、标记承诺、上报在线
  admin    管理员（默认）：以上全部，另有记录本（问题记录、服务统计、交接班）和其余接口

选项：
  --shop 店铺ID       密钥所属的店铺，须是已配置的店铺（默认：--shop-file 的店铺，没有则演示店铺 nuanyang-flagship）
  --shop-file 文件    店铺配置 shop.yaml（与 kefu serve --shop 相同）；环境变量 KEFU_SHOP
  --role 角色         gateway、agent 或 admin（默认 admin）
  --agent 客服名      agent 密钥代表的客服
  --label 备注        密钥的用途说明，例如“客服工作台”
  --db 数据库         sqlite:文件路径 或 postgres://…（默认 sqlite:<数据目录>/kefu.db）；环境变量 KEFU_DATABASE_URL`;

const ROLE_ZH = { gateway: '渠道网关', agent: '客服', admin: '管理员' } as const;

/** The shops this machine is configured for: the shop file (if any) and the demo shop. */
function configuredShops(shopFile: string | undefined): Shop[] {
  const demo = loadDemoShop();
  if (shopFile === undefined) return [demo];
  try {
    const shop = loadShop(shopFile);
    return shop.id === demo.id ? [shop] : [shop, demo];
  } catch (err) {
    if (err instanceof YamlFileError) throw new CliUsageError(err.message);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliUsageError(`找不到店铺配置文件：${shopFile}`);
    throw err;
  }
}

function pickShop(shops: Shop[], id: string | undefined): Shop {
  if (id === undefined) return shops[0]!;
  if (!/^[\w.-]{1,64}$/.test(id)) throw new CliUsageError(`店铺ID格式有误："${id}"`);
  const shop = shops.find((s) => s.id === id);
  if (!shop) throw new CliUsageError(`店铺 ${id} 不存在（已配置的店铺：${shops.map((s) => s.id).join('、')}；用 --shop-file 或 KEFU_SHOP 指定店铺配置）`);
  return shop;
}

function accessFor(shop: Shop, role: string | undefined, agent: string | undefined): KeyAccess {
  const parsed = KeyRoleSchema.safeParse(role ?? 'admin');
  if (!parsed.success) throw new CliUsageError(`角色有误："${role}"（应为 gateway、agent 或 admin）`);
  if (parsed.data !== 'agent') {
    if (agent !== undefined) throw new CliUsageError('--agent 只用于 --role agent');
    return { role: parsed.data };
  }
  if (agent === undefined) throw new CliUsageError(`客服密钥需要 --agent 客服名（${shop.agents.join('、')}）`);
  if (!shop.agents.includes(agent)) throw new CliUsageError(`${agent} 不是店铺 ${shop.id} 的客服（${shop.agents.join('、')}）`);
  return { role: 'agent', agent };
}

function describeKey(key: ApiKeyRecord): string {
  const who = key.agent ? `（${key.agent}）` : '';
  const state = key.revokedAt ? `已吊销 ${key.revokedAt}` : '有效';
  return [key.id, key.shopId, `${ROLE_ZH[key.role]}${who}`, key.label || '-', key.createdAt, state].join('\t');
}

export async function runKeys(args: string[], io: CliIo): Promise<number> {
  const env = io.env ?? {};
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      shop: { type: 'string' },
      'shop-file': { type: 'string' },
      role: { type: 'string' },
      agent: { type: 'string' },
      label: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeLine(io.stdout, KEYS_HELP);
    return 0;
  }
  const [action, ...extra] = positionals;
  const actions = ['create', 'list', 'revoke'];
  if (action === undefined || !actions.includes(action)) {
    throw new CliUsageError(action === undefined ? '缺少子命令，支持：keys create、keys list、keys revoke' : `未知的子命令 "${action}"，支持：keys create、keys list、keys revoke`);
  }
  const expected = action === 'revoke' ? 1 : 0;
  if (extra.length > expected) throw new CliUsageError(`多余的参数 ${extra.slice(expected).join(' ')}`);
  if (action === 'revoke' && extra.length === 0) throw new CliUsageError('缺少密钥编号（kefu keys list 的第一列）');

  // Everything is checked before the database is opened: a typo creates nothing.
  const shops = action === 'revoke' ? [] : configuredShops(values['shop-file'] ?? (env.KEFU_SHOP || undefined));
  const shop = action === 'create' || values.shop !== undefined ? pickShop(shops, values.shop) : undefined;
  const access = action === 'create' ? accessFor(shop!, values.role, values.agent) : undefined;

  const url = values.db ?? (env.KEFU_DATABASE_URL || defaultDatabaseUrl(env.KEFU_DATA_DIR || 'data'));
  const store = await openStore(url).catch((err: unknown) => {
    throw err instanceof UnsupportedDatabaseUrlError || err instanceof StoreOpenError ? new CliUsageError(err.message) : err;
  });
  try {
    return await act(store, io, action, { shop, access, label: values.label, id: extra[0] });
  } finally {
    await store.close();
  }
}

async function act(
  store: Store,
  io: CliIo,
  action: string,
  input: { shop: Shop | undefined; access: KeyAccess | undefined; label: string | undefined; id: string | undefined },
): Promise<number> {
  if (action === 'create') {
    const key = generateApiKey();
    const { shop, access } = input;
    await store.putApiKey(shop!.id, hashApiKey(key), input.label, access);
    writeLine(io.stdout, key);
    writeLine(io.stderr, `已为店铺 ${shop!.id} 生成${ROLE_ZH[access!.role]}密钥${access!.agent ? `（客服 ${access!.agent}）` : ''}，编号 ${hashApiKey(key).slice(0, KEY_ID_LENGTH)}（密钥只显示这一次，请妥善保存）。`);
    return 0;
  }
  if (action === 'list') {
    const keys = await store.listApiKeys(input.shop?.id);
    writeLine(io.stdout, ['编号', '店铺', '角色', '备注', '创建时间', '状态'].join('\t'));
    for (const key of keys) writeLine(io.stdout, describeKey(key));
    return 0;
  }
  const id = input.id!.toLowerCase();
  const revoked = await store.revokeApiKey(id, new Date().toISOString());
  if (revoked === 0) throw new CliUsageError(`没有编号为 ${input.id} 的有效密钥（用 kefu keys list 查看编号）`);
  writeLine(io.stderr, `已吊销密钥 ${id}（运行中的服务最多 10 秒内拒绝它）。`);
  return 0;
}
