#!/usr/bin/env node
// Entry point of the `kefu` command: loads the TypeScript sources through tsx,
// so the CLI runs from a plain `npm ci` without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
