import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIntentData } from '../src/nlu/dataset.ts';
import { normalizeMessage } from '../src/nlu/normalize.ts';
import { DEMO_NOW } from '../src/orders/demo-provider.ts';
import { runCli } from './helpers/run-cli.ts';
import { startWebTestServer } from './helpers/web-server.ts';

/**
 * Every `$ npx kefu …` example of the README is run here and its output compared with what the
 * README shows, so the README cannot drift from the product. In the README's output, `…` stands
 * for text left out (within a line, or a whole line of its own for any number of lines). Only
 * what genuinely varies run to run is normalised (the time `kefu simulate` took).
 */

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

interface Example {
  /** The command line as the README shows it (without its `$ ` and comment). */
  command: string;
  /** The lines under it, up to the next `$ ` line or the end of the block. */
  output: string[];
  /** Files a `$ cat FILE` before it in the same block shows. */
  files: Record<string, string>;
}

/** The fenced blocks of a Markdown text, as lines. */
function fencedBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) {
      if (current === null) current = [];
      else {
        blocks.push(current);
        current = null;
      }
    } else if (current !== null) current.push(line);
  }
  return blocks;
}

/** `$ …` commands of the README with the output shown under each. */
function examplesOf(markdown: string): Example[] {
  const out: Example[] = [];
  for (const block of fencedBlocks(markdown)) {
    const files: Record<string, string> = {};
    let current: Example | null = null;
    for (const line of block) {
      if (line.startsWith('$ ')) {
        const command = line.slice(2).replace(/\s+#.*$/, '').trim();
        const cat = /^cat (\S+)$/.exec(command);
        current = { command, output: [], files: cat ? {} : { ...files } };
        if (cat) files[cat[1]!] = '';
        out.push(current);
      } else if (current !== null) {
        current.output.push(line);
        const cat = /^cat (\S+)$/.exec(current.command);
        if (cat) files[cat[1]!] += `${line}\n`;
      }
    }
  }
  return out.filter((e) => !e.command.startsWith('cat '));
}

/** Splits a command line as a POSIX shell would for the quoting the README uses ("…" and '…'). */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of command.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The README's output as a pattern: `…` within a line is any text, a line of only `…` any lines. */
function outputPattern(lines: readonly string[]): RegExp {
  const trimmed = [...lines];
  while (trimmed.length > 0 && trimmed.at(-1)!.trim() === '') trimmed.pop();
  const parts = trimmed.map((line) => (line.trim() === '…' ? '(?:[^\\n]*\\n)*?' : `${line.split('…').map(escape).join('[^\\n]*')}\\n`));
  return new RegExp(`^${parts.join('')}$`);
}

/** What varies run to run and is not the example's point. */
const normalise = (text: string): string => text.replace(/用时 [\d.]+ 秒/g, '用时 N 秒');

/** What the buyer or trainee types: `kefu chat` echoes 买家：…; in `kefu train` the terminal echoes the line that 客服：… repeats. */
function typedLines(example: Example): { stdin: string; shown: string[] } {
  const args = shellWords(example.command);
  if (args.includes('chat')) {
    const typed = example.output.filter((l) => l.startsWith('买家：')).map((l) => l.slice(3));
    return { stdin: typed.map((t) => `${t}\n`).join(''), shown: example.output };
  }
  if (args.includes('train')) {
    const typed = example.output.filter((l, i) => example.output[i + 1] === `客服：${l}`);
    const shown = example.output.filter((l, i) => example.output[i + 1] !== `客服：${l}`);
    return { stdin: typed.map((t) => `${t}\n`).join(''), shown };
  }
  return { stdin: '', shown: example.output };
}

async function run(example: Example): Promise<{ code: number; stdout: string; shown: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-readme-'));
  const piped = /^echo "([^"]*)" \| (.*)$/.exec(example.command);
  const command = piped ? piped[2]! : example.command;
  const words = shellWords(command);
  expect(words.slice(0, 2), example.command).toEqual(['npx', 'kefu']);
  const args = words.slice(2).map((w) => {
    if (!(w in example.files)) return w;
    const path = join(dir, w);
    writeFileSync(path, example.files[w]!);
    return path;
  });
  const typed = typedLines(example);
  const result = await runCli(args, piped ? `${piped[1]}\n` : typed.stdin, { KEFU_DATA_DIR: join(dir, 'data') });
  return { code: result.code, stdout: result.stdout, shown: typed.shown };
}

describe('README examples are what kefu prints', () => {
  const examples = examplesOf(README);

  it('finds the examples (chat, lint, train, simulate, classify, eval)', () => {
    const commands = examples.map((e) => shellWords(e.command.replace(/^echo "[^"]*" \| /, ''))[2]);
    for (const name of ['chat', 'lint', 'train', 'simulate', 'classify', 'eval']) expect(commands).toContain(name);
  });

  for (const example of examples) {
    it(`$ ${example.command}`, { timeout: 120_000 }, async () => {
      const { code, stdout, shown } = await run(example);
      if (shown.every((l) => l.trim() === '')) {
        // No output shown: the command works.
        expect(code, stdout).toBe(0);
        expect(stdout.length).toBeGreaterThan(0);
        return;
      }
      const actual = `${normalise(stdout).trimEnd()}\n`;
      const pattern = outputPattern(shown.map(normalise));
      if (!pattern.test(actual)) {
        // The README text and the real output side by side, to fix whichever is wrong.
        expect(actual).toBe(shown.join('\n'));
      }
    });
  }

  it('kefu --version prints what the CLI section says', async () => {
    const said = /npx kefu --version\s+# (.*)$/m.exec(README)?.[1];
    expect(said).toBeDefined();
    expect((await runCli(['--version'])).stdout.trim()).toBe(said);
  });
});

describe('the kefu eval figures the README quotes', () => {
  const sentence = /`kefu eval`: blind ([\d.]+)%, blind-real ([\d.]+)%, ECE ([\d.]+)% \/ ([\d.]+)%; [^;]*; on the blind texts in neither once normalised, ([\d.]+)% and ([\d.]+)%/.exec(README.replace(/\s+/g, ' '));

  const evaluate = async (lines: readonly string[]): Promise<{ accuracy: number; calibration: { ece: number } }> => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-readme-eval-'));
    const file = join(dir, 'set.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = await runCli(['eval', file, '--format', 'json'], '', { KEFU_DATA_DIR: join(dir, 'data') });
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as { accuracy: number; calibration: { ece: number } };
  };
  const percent = (x: number): string => (x * 100).toFixed(1);
  const fixture = (name: string): string[] => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');

  it('are in the README', () => {
    expect(sentence).not.toBeNull();
  });

  it('accuracy and ECE on the blind sets, and on their texts that are not training data', { timeout: 120_000 }, async () => {
    const [, blindAcc, realAcc, blindEce, realEce, blindUnseen, realUnseen] = sentence!;
    // "In neither": not in the training data once normalised (traditional, full-width, spaces).
    const normal = (text: string): string => normalizeMessage(text).text.replace(/\s+/g, '');
    const training = new Set(loadIntentData().map((e) => normal(e.text)));
    const unseen = (lines: string[]) => lines.filter((l) => !training.has(normal((JSON.parse(l) as { text: string }).text)));
    const blind = fixture('nlu-blind.jsonl');
    const real = fixture('nlu-blind-real.jsonl');
    const [b, r, bu, ru] = await Promise.all([evaluate(blind), evaluate(real), evaluate(unseen(blind)), evaluate(unseen(real))]);
    expect([percent(b.accuracy), percent(r.accuracy), percent(b.calibration.ece), percent(r.calibration.ece), percent(bu.accuracy), percent(ru.accuracy)]).toEqual([
      blindAcc,
      realAcc,
      blindEce,
      realEce,
      blindUnseen,
      realUnseen,
    ]);
  });
});

/** `curl -s $B/PATH … -d '{…}'` followed by `# → {…}` comment lines: the request and the answer shown. */
function curlExamplesOf(markdown: string): { path: string; body: string; shown: string }[] {
  const out: { path: string; body: string; shown: string }[] = [];
  for (const block of fencedBlocks(markdown)) {
    block.forEach((line, i) => {
      const curl = /^curl -s \$B(\/[\w/.-]+) .*-d '([^']*)'\s*$/.exec(line);
      if (!curl || !block[i + 1]?.startsWith('# → ')) return;
      const shown = [block[i + 1]!.slice(4)];
      for (let j = i + 2; block[j]?.startsWith("#    "); j++) shown.push(block[j]!.slice(5));
      shown.push(shown.pop()!.replace(/\s+\(.*\)$/, ""));
      out.push({ path: curl[1]!, body: curl[2]!, shown: shown.join('') });
    });
  }
  return out;
}

describe('README API answers are what the server answers', () => {
  const examples = curlExamplesOf(README);

  it('finds them (a buyer message, a training session)', () => {
    expect(examples.map((e) => e.path)).toEqual(expect.arrayContaining(['/conversations/c1/messages', '/training/sessions']));
  });

  for (const example of examples) {
    it(`POST ${example.path} ${example.body}`, async () => {
      const server = await startWebTestServer(DEMO_NOW);
      try {
        const res = await server.api(example.path, { body: JSON.parse(example.body) as unknown });
        expect(res.status).toBeLessThan(300);
        const actual = `${JSON.stringify(await res.json())}\n`;
        if (!outputPattern([example.shown]).test(actual)) expect(actual).toBe(example.shown);
      } finally {
        await server.close();
      }
    });
  }
});
