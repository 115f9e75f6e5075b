import { parseArgs } from 'node:util';
import { LlmConfigError, loadLlmConfig, type LlmConfig } from '../llm/config.ts';
import { createLogger, LOG_LEVELS } from '../server/logger.ts';
import { RedisUnreachableError } from '../server/coordination.ts';
import { YamlFileError } from '../shop/load.ts';
import { StoreOpenError, UnsupportedDatabaseUrlError } from '../store/open.ts';
import { defaultDatabaseUrl, LlmSetupError, startServer } from '../server/serve.ts';
import { CliUsageError, writeLine, type CliIo } from './io.ts';

export const SERVE_HELP = `用法：kefu serve [--port 3000] [--host 127.0.0.1] [--db 数据库] [--redis redis://…] [--shop shop.yaml] [--llm]

启动 HTTP 服务（/api/v1 接口、/healthz、/metrics）。默认使用演示店铺和 SQLite 数据库，
演示店铺的 API 密钥是 kefu-demo-key。按 Ctrl+C（或发送 SIGTERM）停止：先处理完进行中的请求，再关闭数据库。

选项：
  --port 端口       监听端口（默认 3000，0 表示随机可用端口）；环境变量 KEFU_PORT
  --host 地址       监听地址（默认 127.0.0.1）
  --db 数据库       sqlite:文件路径 或 postgres://…（默认 sqlite:<数据目录>/kefu.db）；环境变量 KEFU_DATABASE_URL
  --redis 地址      Redis 地址，多个实例共用时用于跨实例的对话锁；环境变量 KEFU_REDIS_URL
  --shop 文件       店铺配置 shop.yaml（默认演示店铺）；环境变量 KEFU_SHOP
  --llm             开启大模型改写（也可在店铺配置里写 llm.enabled: true）
数据目录由环境变量 KEFU_DATA_DIR 指定（默认 ./data）。
大模型改写默认关闭；开启时需设置 OPENAI_BASE_URL 和 KEFU_LLM_MODEL（可选 OPENAI_API_KEY、KEFU_LLM_TIMEOUT_MS）。
改写结果要保留全部事实并通过合规检查，否则仍用原话术。`;

export function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new CliUsageError(`端口号有误："${value}"（应为 0–65535）`);
  return Number(value);
}

/** What the shop owner can fix (address in use, a bad database address or shop file), as a usage error. */
function startupProblem(err: unknown, port: number, host: string): CliUsageError | undefined {
  if (err instanceof UnsupportedDatabaseUrlError || err instanceof StoreOpenError || err instanceof YamlFileError || err instanceof RedisUnreachableError) return new CliUsageError(err.message);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new CliUsageError(`端口 ${port} 已被占用，请换一个端口（--port）`);
  if (code === 'EADDRNOTAVAIL') return new CliUsageError(`无法监听地址 ${host}`);
  if (code === 'ENOENT' && err instanceof Error && 'path' in err) return new CliUsageError(`找不到文件：${String(err.path)}`);
  return undefined;
}

/** Resolves when SIGTERM or SIGINT arrives. */
/** How often a server started by `npm start` checks that npm is still there. */
export const PARENT_CHECK_MS = 500;

/**
 * Resolves on SIGTERM/SIGINT. Under `npm start` also when npm itself goes away: npm does not pass
 * a SIGTERM it receives on to the server, which would otherwise keep running, orphaned.
 */
function shutdownSignal(env: NodeJS.ProcessEnv): Promise<NodeJS.Signals | 'parent-exited'> {
  return new Promise((resolve) => {
    const parent = process.ppid;
    const watch = env.npm_lifecycle_event === 'start' ? setInterval(() => process.ppid !== parent && stop('parent-exited'), PARENT_CHECK_MS) : undefined;
    watch?.unref();
    const stop = (signal: NodeJS.Signals | 'parent-exited') => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      clearInterval(watch);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

export async function runServe(args: string[], io: CliIo): Promise<number> {
  const env = io.env ?? {};
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      redis: { type: 'string' },
      shop: { type: 'string' },
      llm: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeLine(io.stdout, SERVE_HELP);
    return 0;
  }
  const dataDir = env.KEFU_DATA_DIR || 'data';
  const port = parsePort(values.port ?? (env.KEFU_PORT || '3000'));
  const databaseUrl = values.db ?? (env.KEFU_DATABASE_URL || defaultDatabaseUrl(dataDir));
  const redisUrl = values.redis ?? (env.KEFU_REDIS_URL || undefined);
  const shopPath = values.shop ?? (env.KEFU_SHOP || undefined);
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new CliUsageError(`Redis 地址应以 redis:// 开头："${redisUrl}"`);

  let llm: LlmConfig | undefined;
  try {
    llm = loadLlmConfig(env);
  } catch (err) {
    if (err instanceof LlmConfigError) throw new CliUsageError(err.message);
    throw err;
  }

  const level = env.KEFU_LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new CliUsageError(`日志级别有误："${level}"（应为 ${LOG_LEVELS.join('、')} 之一）`);
  const jsonLogger = createLogger({ level: level as (typeof LOG_LEVELS)[number] });

  const stopped = shutdownSignal(env);
  const server = await startServer({ port, host: values.host, databaseUrl, redisUrl, shopPath, dataDir, llm, llmOn: values.llm, logger: jsonLogger }).catch((err: unknown) => {
    if (err instanceof LlmSetupError) throw new CliUsageError(err.message);
    throw startupProblem(err, port, values.host) ?? err;
  });
  const key = server.demoKey ? `，演示密钥：${server.demoKey}` : '，API 密钥用 kefu keys create --shop ' + server.shop.id + ' 生成';
  const rephraser = server.llmModel ? `，改写模型：${server.llmModel}` : '';
  writeLine(io.stdout, `kefu 服务已启动：${server.url}（店铺：${server.shop.name}，数据库：${server.store.kind}${rephraser}${key}），客服工作台：${server.url}/agent.html`);
  const signal = await stopped;
  jsonLogger.info('shutting down', { signal });
  await server.close();
  jsonLogger.info('stopped');
  return 0;
}
