import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import { UnavailableError, type ErrorSink, type Store } from './types.ts';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/kefu.db';

/** Raised for a database address kefu cannot use; the message is for the shop owner (Chinese). */
export class UnsupportedDatabaseUrlError extends Error {
  override readonly name = 'UnsupportedDatabaseUrlError';
}

/** The database exists as an address but cannot be opened (not a SQLite file, no server answering); one Chinese line. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** An address as it may be printed: a PostgreSQL password never reaches a log or a terminal. */
export const redactUrl = (url: string): string => url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');

function openProblem(url: string, error: unknown): StoreOpenError {
  const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  const oneLine = detail.split('\n')[0];
  if (error instanceof UnavailableError) return new StoreOpenError(`无法连接数据库 ${redactUrl(url)}（${oneLine}）`);
  return new StoreOpenError(`无法打开数据库 ${redactUrl(url)}：文件损坏或不是 kefu 的数据库（${oneLine}）`);
}

/**
 * The store for a database address, migrated and ready:
 * `sqlite:./path.db`, `sqlite:/abs/path.db`, `sqlite::memory:`, `postgres://…` or `postgresql://…`.
 * A SQLite address may end in `?synchronous=normal` (see SqliteStore: still safe against a killed
 * process, not against a power cut; faster) or `?synchronous=full` (the default).
 */
export async function openStore(url: string = DEFAULT_DATABASE_URL, options: { onError?: ErrorSink } = {}): Promise<Store> {
  let store: Store;
  try {
    store = createStore(url, options);
  } catch (error) {
    if (error instanceof UnsupportedDatabaseUrlError) throw error;
    throw openProblem(url, error);
  }
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    // A file that is not a database, or a server that does not answer: the owner can fix both.
    if (error instanceof UnavailableError || (error as { code?: unknown }).code === 'SQLITE_NOTADB' || (error as { code?: unknown }).code === 'SQLITE_CORRUPT') throw openProblem(url, error);
    throw error;
  }
  return store;
}

/** The store for an address, not yet migrated (throws UnsupportedDatabaseUrlError for anything else). */
export function createStore(url: string, options: { onError?: ErrorSink } = {}): Store {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return new PostgresStore(trimmed, options.onError ? { onError: options.onError } : {});
  if (/^sqlite:/i.test(trimmed)) {
    const [path = '', query] = trimmed.slice('sqlite:'.length).split('?', 2);
    if (path === '') throw new UnsupportedDatabaseUrlError(`SQLite 地址缺少文件路径：${url}（例如 sqlite:./data/kefu.db 或 sqlite::memory:）`);
    return new SqliteStore(path, { synchronous: sqliteSynchronous(query, url) });
  }
  throw new UnsupportedDatabaseUrlError(`不支持的数据库地址：${url}（支持 sqlite:路径 或 postgres://…）`);
}

/** `synchronous=normal|full` from a SQLite address's query; nothing else is accepted. */
function sqliteSynchronous(query: string | undefined, url: string): 'full' | 'normal' {
  if (query === undefined || query === '') return 'full';
  const match = /^synchronous=(full|normal)$/i.exec(query);
  if (match === null) throw new UnsupportedDatabaseUrlError(`SQLite 地址的参数有误：${url}（只支持 ?synchronous=full 或 ?synchronous=normal）`);
  return match[1]!.toLowerCase() as 'full' | 'normal';
}
