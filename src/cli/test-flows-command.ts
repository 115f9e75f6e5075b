import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadScripts } from '../dialogue/scripts.ts';
import { describeFailures, loadStoryFile, runStory, storyFilesIn, type Story, type StoryDeps, type StoryResult } from '../dialogue/stories.ts';
import { loadDemoOrderProvider } from '../orders/demo-provider.ts';
import { loadDemoShop, YamlFileError } from '../shop/load.ts';
import { cliClassifier } from './classifier-cache.ts';
import { CliUsageError, writeLine, type CliIo } from './io.ts';

export const TEST_FLOWS_HELP = `用法：kefu test-flows [目录|文件] [选项]

运行对话测试故事：每个故事是一段和演示店铺的对话，写明每一轮应识别的意图、对话状态、
使用的话术、回复里应有或不应有的文字、备注和转人工。每条回复还必须通过合规检查（0 个错误）。
目录默认为 test/stories，读取其中所有 *.yaml 文件。故事格式见 src/dialogue/stories.ts。

选项：
  --format text|json   输出格式（默认 text）
  -h, --help           显示本帮助

标有 known_issue 的故事是已知问题：仍然失败时只列出，不算失败；全部通过时提示删除标记并算作失败。
退出码：0 全部通过；1 有故事失败；2 用法错误或故事文件有误（会指出文件和行号）。`;

export const DEFAULT_STORIES_DIR = 'test/stories';

/** Every story of the files; all broken files are reported together (file:line), nothing runs. */
function loadAll(files: string[], deps: StoryDeps): Story[] {
  const problems: string[] = [];
  const stories: Story[] = [];
  const names = new Map<string, string>();
  for (const file of files) {
    try {
      for (const story of loadStoryFile(file, { scripts: deps.scripts })) {
        const where = `${story.file}:${story.line}`;
        const earlier = names.get(story.name);
        if (earlier !== undefined) problems.push(`${where}: 故事名称 "${story.name}" 与 ${earlier} 重复`);
        else names.set(story.name, where);
        stories.push(story);
      }
    } catch (err) {
      if (err instanceof YamlFileError) problems.push(err.message);
      else throw new CliUsageError(`无法读取 ${file}：${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new CliUsageError(`故事文件有误：\n${problems.join('\n')}`);
  return stories;
}

function printText(io: CliIo, results: StoryResult[]): void {
  let file: string | undefined;
  for (const r of results) {
    if (r.story.file !== file) {
      file = r.story.file;
      writeLine(io.stdout, file);
    }
    const { story } = r;
    switch (r.status) {
      case 'passed':
        writeLine(io.stdout, `  ✓ ${story.name}`);
        break;
      case 'failed':
        writeLine(io.stdout, `  ✗ ${story.name}（${story.file}:${story.line}）`);
        for (const line of describeFailures(r)) writeLine(io.stdout, `      ${line}`);
        break;
      case 'known_issue':
        writeLine(io.stdout, `  ! ${story.name}（已知问题：${story.knownIssue}）`);
        break;
      case 'known_issue_fixed':
        writeLine(io.stdout, `  ? ${story.name}（${story.file}:${story.line}）标记为已知问题，但现在全部通过：问题已修复的话请删除 known_issue`);
        break;
    }
  }
  const count = (status: StoryResult['status']) => results.filter((r) => r.status === status).length;
  const fixed = count('known_issue_fixed');
  writeLine(io.stdout);
  writeLine(
    io.stdout,
    `共 ${results.length} 个故事：${count('passed')} 个通过，${count('failed')} 个失败，${count('known_issue')} 个已知问题${fixed > 0 ? `，${fixed} 个已知问题已不再出现` : ''}`,
  );
}

function toJson(results: StoryResult[]) {
  const count = (status: StoryResult['status']) => results.filter((r) => r.status === status).length;
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    knownIssues: count('known_issue'),
    knownIssuesFixed: count('known_issue_fixed'),
    stories: results.map((r) => ({
      file: r.story.file,
      line: r.story.line,
      name: r.story.name,
      status: r.status,
      ...(r.story.knownIssue === undefined ? {} : { knownIssue: r.story.knownIssue }),
      steps: r.steps.map((s) => ({
        step: s.step,
        line: s.line,
        kind: s.kind,
        text: s.text,
        ...(s.skipped ? { skipped: true } : {}),
        ok: s.failures.length === 0 && !s.skipped,
        failures: s.failures,
        ...(s.actual ? { actual: s.actual } : {}),
      })),
    })),
  };
}

export async function runTestFlows(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeLine(io.stdout, TEST_FLOWS_HELP);
    return 0;
  }
  const format = z.enum(['text', 'json']).safeParse(values.format);
  if (!format.success) throw new CliUsageError(`未知的输出格式 "${values.format}"，可选：text、json`);
  if (positionals.length > 1) throw new CliUsageError('一次只能给出一个目录或文件');
  const target = positionals[0] ?? DEFAULT_STORIES_DIR;
  try {
    statSync(target);
  } catch {
    throw new CliUsageError(`找不到目录或文件：${target}`);
  }
  const files = storyFilesIn(target);
  if (files.length === 0) throw new CliUsageError(`${target} 中没有故事文件（*.yaml）`);

  const shop = loadDemoShop();
  const deps: StoryDeps = { classifier: cliClassifier(io), scripts: loadScripts(), shop, orders: loadDemoOrderProvider(shop) };
  const stories = loadAll(files, deps);
  const results: StoryResult[] = [];
  for (const story of stories) results.push(await runStory(story, deps));

  if (format.data === 'json') writeLine(io.stdout, JSON.stringify(toJson(results), null, 2));
  else printText(io, results);
  return results.some((r) => r.status === 'failed' || r.status === 'known_issue_fixed') ? 1 : 0;
}
