#!/usr/bin/env node
// Entry point of the `kefu` command: loads the TypeScript sources through tsx,
// so the CLI runs from a plain `npm ci` without a separate build step.
import { register } from 'tsx/esm/api';

register();
// `kefu … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
