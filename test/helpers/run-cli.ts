import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the kefu CLI in-process with in-memory streams and the given environment. */
export async function runCli(args: string[], stdin: string | Buffer = '', env: Record<string, string> = {}): Promise<CliRun> {
  const input = new PassThrough();
  input.end(stdin);
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await main(args, { stdin: input, stdout: out, stderr: err, env });
  return { code, stdout, stderr };
}
