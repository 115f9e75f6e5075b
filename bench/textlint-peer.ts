import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter as createTextlint, loadTextlintrc } from 'textlint';
import type { PrhDictionary } from './prh-dictionary.ts';

/**
 * textlint 15 set up the way a user would: a `.textlintrc.json` (written to a temp dir)
 * enabling textlint-rule-prh, loaded with textlint's public `loadTextlintrc()` and run with
 * its `createLinter({ descriptor }).lintText(text, 'reply.txt')`. The `.txt` extension selects
 * the built-in `@textlint/textlint-plugin-text`, which textlint registers itself, so the
 * bench imports nothing but the `textlint` package it depends on.
 *
 * The dictionary goes in as prh's `ruleContents` (the YAML text) rather than `rulePaths`:
 * textlint calls a rule's factory once per linted text, and textlint-rule-prh then builds its
 * prh engine from the options — with `rulePaths` that would also mean a file read per reply.
 */
export interface TextlintPeer {
  /** e.g. "textlint 15.8.0 + textlint-rule-prh 6.1.0". */
  readonly name: string;
  readonly versions: { textlint: string; textlintRulePrh: string };
  /** Lints one text (one reply, or a whole document); resolves to the number of messages. */
  lint(text: string): Promise<number>;
  /** Messages of one text, for spot checks. */
  messages(text: string): Promise<string[]>;
  close(): Promise<void>;
}

type TextlintLinter = ReturnType<typeof createTextlint>;

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  const pkg = require(`${name}/package.json`) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

export async function createTextlintPeer(dictionary: PrhDictionary, projectRoot: string): Promise<TextlintPeer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kefu-bench-textlint-'));
  const configFilePath = path.join(dir, '.textlintrc.json');
  await writeFile(path.join(dir, 'prh.yml'), dictionary.yaml);
  await writeFile(configFilePath, JSON.stringify({ rules: { prh: { ruleContents: [dictionary.yaml] } } }, null, 2));

  const descriptor = await loadTextlintrc({ configFilePath, node_modulesDir: path.join(projectRoot, 'node_modules') });
  // loadTextlintrc() falls back to "no rules" when the config or a rule fails to load: a
  // bench of textlint without its rule would be meaningless, so check.
  const ruleIds = descriptor.rule.lintableDescriptors.map((d) => d.id);
  if (!ruleIds.includes('prh')) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`textlint did not load textlint-rule-prh from ${configFilePath} (rules: ${ruleIds.join(', ') || 'none'})`);
  }
  if (descriptor.findPluginDescriptorWithExt('.txt') === undefined) {
    await rm(dir, { recursive: true, force: true });
    throw new Error('textlint has no plugin for .txt');
  }

  const linter: TextlintLinter = createTextlint({ descriptor });
  const filePath = path.join(dir, 'reply.txt');
  const versions = { textlint: packageVersion('textlint'), textlintRulePrh: packageVersion('textlint-rule-prh') };
  return {
    name: `textlint ${versions.textlint} + textlint-rule-prh ${versions.textlintRulePrh}`,
    versions,
    async lint(text) {
      const result = await linter.lintText(text, filePath);
      return result.messages.length;
    },
    async messages(text) {
      const result = await linter.lintText(text, filePath);
      return result.messages.map((m) => `${m.line}:${m.column} ${m.message.replace(/\n/g, ' | ')}`);
    },
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
