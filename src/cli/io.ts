import { readFile } from 'node:fs/promises';

/** The streams a command talks to; tests pass in-memory ones. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Environment variables (process.env in the real CLI). */
  env?: Record<string, string | undefined>;
}

/** A usage or input problem: printed as is, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Reads a file (or stdin for `-`) as strict UTF-8, with a clear message for anything else. */
export async function readUtf8Input(path: string, io: CliIo): Promise<string> {
  let bytes: Buffer;
  const name = path === '-' ? '标准输入' : path;
  try {
    bytes = path === '-' ? await readStream(io.stdin) : await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliUsageError(`找不到文件：${path}`);
    if (code === 'EISDIR') throw new CliUsageError(`${path} 是目录，请给出一个文本文件`);
    throw new CliUsageError(`无法读取 ${name}：${(err as Error).message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CliUsageError(`${name} 不是有效的 UTF-8 文本，请先转换编码（例如 iconv -f GBK -t UTF-8）`);
  }
}

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}
