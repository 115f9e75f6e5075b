import { parseArgs } from 'node:util';
import { generateApiKey, hashApiKey } from '../server/auth.ts';
import { defaultDatabaseUrl } from '../server/serve.ts';
import { openStore, StoreOpenError, UnsupportedDatabaseUrlError } from '../store/open.ts';
import { CliUsageError, writeLine, type CliIo } from './io.ts';

export const KEYS_HELP = `用法：kefu keys create --shop 店铺ID [--label 备注] [--db 数据库]

为店铺生成一个新的 API 密钥并打印出来（只显示这一次，数据库里只保存它的 SHA-256 摘要）。
调用接口时放在请求头里：Authorization: Bearer <密钥>。

选项：
  --shop 店铺ID   密钥所属的店铺（shop.yaml 里的 id，演示店铺是 nuanyang-flagship）
  --label 备注    密钥的用途说明，例如“客服工作台”
  --db 数据库     sqlite:文件路径 或 postgres://…（默认 sqlite:<数据目录>/kefu.db）；环境变量 KEFU_DATABASE_URL`;

export async function runKeys(args: string[], io: CliIo): Promise<number> {
  const env = io.env ?? {};
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      shop: { type: 'string' },
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
  if (action !== 'create') throw new CliUsageError(action === undefined ? '缺少子命令，目前支持：keys create' : `未知的子命令 "${action}"，目前支持：keys create`);
  if (extra.length > 0) throw new CliUsageError(`多余的参数 ${extra.join(' ')}`);
  if (values.shop === undefined) throw new CliUsageError('缺少 --shop 店铺ID');
  if (!/^[\w.-]{1,64}$/.test(values.shop)) throw new CliUsageError(`店铺ID格式有误："${values.shop}"`);

  const url = values.db ?? (env.KEFU_DATABASE_URL || defaultDatabaseUrl(env.KEFU_DATA_DIR || 'data'));
  const store = await openStore(url).catch((err: unknown) => {
    throw err instanceof UnsupportedDatabaseUrlError || err instanceof StoreOpenError ? new CliUsageError(err.message) : err;
  });
  try {
    const key = generateApiKey();
    await store.putApiKey(values.shop, hashApiKey(key), values.label);
    writeLine(io.stdout, key);
    writeLine(io.stderr, `已为店铺 ${values.shop} 生成 API 密钥（只显示这一次，请妥善保存）。`);
  } finally {
    await store.close();
  }
  return 0;
}
