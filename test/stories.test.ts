import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TurnResult } from '../src/dialogue/engine.ts';
import { loadScripts } from '../src/dialogue/scripts.ts';
import {
  checkTurn,
  describeFailures,
  loadStoryFile,
  parseStoryFile,
  runStory,
  StoryFileError,
  storyFilesIn,
  type Story,
  type StoryDeps,
} from '../src/dialogue/stories.ts';
import { defaultClassifier } from '../src/nlu/default-classifier.ts';
import { DEMO_NOW, loadDemoOrderProvider } from '../src/orders/demo-provider.ts';
import { loadDemoShop } from '../src/shop/load.ts';
import { runCli } from './helpers/run-cli.ts';

const STORIES_DIR = new URL('./stories/', import.meta.url).pathname;
const scripts = loadScripts();
const shop = loadDemoShop();
const deps: StoryDeps = { classifier: defaultClassifier(), scripts, shop, orders: loadDemoOrderProvider(shop) };

// ---------------------------------------------------------------- every story of test/stories

for (const file of storyFilesIn(STORIES_DIR)) {
  describe(`story ${file.slice(STORIES_DIR.length)}`, () => {
    let stories: Story[];
    try {
      stories = loadStoryFile(file, { scripts });
    } catch (err) {
      it('loads', () => {
        throw err;
      });
      return;
    }
    for (const story of stories) {
      if (story.knownIssue === undefined) {
        it(story.name, async () => {
          const result = await runStory(story, deps);
          expect(result.status, describeFailures(result).join('\n')).toBe('passed');
        });
      } else {
        // Still wrong on purpose: the story must keep failing, so that a fix is noticed (then remove known_issue).
        it(`${story.name} — known issue, must still fail: ${story.knownIssue}`, async () => {
          const result = await runStory(story, deps);
          expect(result.status, `${story.file}:${story.line} passes now: remove its known_issue`).toBe('known_issue');
        });
      }
    }
  });
}

describe('test/stories', () => {
  it('covers every scenario with several stories', () => {
    const all = storyFilesIn(STORIES_DIR).flatMap((f) => loadStoryFile(f, { scripts }));
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((s) => s.name)).size).toBe(all.length);
  });
});

// ---------------------------------------------------------------- the loader

describe('parseStoryFile', () => {
  const ok = `- name: 问候
  turns:
    - buyer: 在吗
      expect:
        intent: greeting
        state: bot/presale.*
        script: presale.greeting.welcome
        reply_contains: 欢迎
    - agent: join
`;

  it('reads stories with their defaults and lines', () => {
    const [story] = parseStoryFile(ok, 's.yaml', { scripts });
    expect(story).toMatchObject({ file: 's.yaml', line: 1, name: '问候', buyer: 'tb_buyer_anna', mode: 'auto' });
    expect(story!.now.getTime()).toBe(DEMO_NOW.getTime());
    expect(story!.steps).toEqual([
      { kind: 'buyer', line: 3, text: '在吗', expect: { intent: 'greeting', state: 'bot/presale.*', script: 'presale.greeting.welcome', reply_contains: ['欢迎'] } },
      { kind: 'agent', line: 9, event: 'join' },
    ]);
  });

  it('reads a number-looking message as text', () => {
    const [story] = parseStoryFile("- name: 身高\n  turns:\n    - buyer: 163\n", 's.yaml');
    expect(story!.steps[0]).toMatchObject({ kind: 'buyer', text: '163' });
  });

  it.each([
    ['an unknown intent id', ok.replace('intent: greeting', 'intent: greting'), 's.yaml:5: [0].turns[0].expect.intent: 未知的意图 "greting"'],
    ['bad YAML', '- name: 问候\n  turns:\n    - buyer: [在吗\n', 's.yaml:4: YAML 语法有误'],
    ['an unknown expectation key', ok.replace('        reply_contains: 欢迎', '        reply_contain: 欢迎'), 's.yaml:8: [0].turns[0].expect.reply_contain: 未知的期望 "reply_contain"'],
    ['an unknown story field', ok.replace('  turns:', '  buyers: x\n  turns:'), 's.yaml:2: [0].buyers: 未知的字段 "buyers"'],
    ['a step with both buyer and agent', ok.replace('    - agent: join', '    - agent: join\n      buyer: 在吗'), 's.yaml:9: [0].turns[1]: 每一步写 buyer'],
    ['an expectation on an agent step', ok.replace('    - agent: join', '    - agent: join\n      expect: { owner: agent }'), 's.yaml:10: [0].turns[1].expect: agent 步骤没有回复'],
    ['a bad state pattern', ok.replace('state: bot/presale.*', 'state: presale.*'), 's.yaml:6: [0].turns[0].expect.state: 格式为 owner/flow.state'],
    ['an unknown script id', ok.replace('presale.greeting.welcome', 'presale.greeting.welcom'), 's.yaml:7: [0].turns[0].expect.script: 未知的话术 "presale.greeting.welcom"'],
    ['an unknown hand-off reason', ok.replace('reply_contains: 欢迎', 'handoff: angry'), 's.yaml:8: [0].turns[0].expect.handoff: 应为 false 或转人工原因之一'],
    ['an unquoted order id', ok.replace('reply_contains: 欢迎', 'remark_order: 4189102557306612984'), 's.yaml:8: [0].turns[0].expect.remark_order: 订单号请加引号'],
    ['no_remark with remark_contains', ok.replace('reply_contains: 欢迎', 'no_remark: true\n        remark_contains: 券'), 's.yaml:8: [0].turns[0].expect.no_remark: no_remark 和 remark_contains'],
    ['a bad time', ok.replace('  turns:', '  now: 2025-11-20 14:30\n  turns:'), 's.yaml:2: [0].now: 应为带时区的 ISO 时间'],
    ['a story without turns', '- name: 空\n  turns: []\n', 's.yaml:2: [0].turns: 至少要有一步'],
    ['a message that is not text', '- name: 问候\n  turns:\n    - buyer: { text: 在吗 }\n', 's.yaml:3: [0].turns[0].buyer: 应为文字'],
    ['a missing name', '- turns:\n    - buyer: 在吗\n', 's.yaml:1: [0].name: 缺少此项'],
    ['a mapping instead of a list', 'name: 问候\nturns: []\n', 's.yaml:1: (root): 故事文件应是一个列表'],
    ['an empty file', '# nothing\n', 's.yaml:1: 文件里没有故事'],
    ['a duplicate story name', `${ok}${ok}`, 's.yaml:10: [1].name: 故事名称重复（第 1 行已有 "问候"）'],
  ])('reports %s with file:line', (_what, source, message) => {
    expect(() => parseStoryFile(source, 's.yaml', { scripts })).toThrow(StoryFileError);
    expect(() => parseStoryFile(source, 's.yaml', { scripts })).toThrow(message);
  });

  it('lists every problem of a file at once, in line order', () => {
    const source = ok.replace('intent: greeting', 'intent: nope').replace('reply_contains: 欢迎', 'reply_containz: 欢迎');
    try {
      parseStoryFile(source, 's.yaml', { scripts });
      expect.unreachable();
    } catch (err) {
      expect((err as StoryFileError).problems.map((p) => p.line)).toEqual([5, 8]);
    }
  });
});

// ---------------------------------------------------------------- the runner

describe('runStory', () => {
  const story = (yaml: string) => parseStoryFile(yaml, 's.yaml', { scripts })[0]!;

  it('passes a story the engine answers as expected, agent steps included', async () => {
    const result = await runStory(
      story(`- name: 人工接手
  turns:
    - buyer: 在吗
      expect: { intent: greeting, owner: bot, delivery: send, handoff: false, no_remark: true }
    - agent: join
    - buyer: 是正品吗
      expect: { owner: agent, delivery: suggest, state: agent/presale.idle, script: presale.authenticity.wording }
`),
      deps,
    );
    expect(result.status).toBe('passed');
    expect(result.steps.map((s) => s.kind)).toEqual(['buyer', 'agent', 'buyer']);
    expect(result.steps[2]!.actual).toMatchObject({ intent: 'authenticity', owner: 'agent', delivery: 'suggest' });
  });

  it('records failed expectations with expected and actual values, without throwing', async () => {
    const result = await runStory(
      story(`- name: 错的期望
  turns:
    - buyer: 是正品吗
      expect:
        intent: greeting
        state: bot/bargaining.*
        script: presale.greeting.welcome
        reply_contains: 不存在的文字
        reply_not_contains: 正品
        remark_contains: 券
        handoff: complaint
        owner: pending
        delivery: suggest
    - buyer: 在吗
      expect: { intent: greeting }
`),
      deps,
    );
    expect(result.status).toBe('failed');
    const failures = result.steps[0]!.failures;
    expect(failures.map((f) => f.expectation)).toEqual([
      'intent',
      'state',
      'script',
      'reply_contains',
      'reply_not_contains',
      'remark_contains',
      'handoff',
      'owner',
      'delivery',
    ]);
    expect(failures[0]).toMatchObject({ expected: 'greeting', actual: expect.stringContaining('authenticity') });
    expect(failures[2]).toEqual({ expectation: 'script', expected: 'presale.greeting.welcome', actual: 'presale.authenticity.wording' });
    expect(failures[6]).toEqual({ expectation: 'handoff', expected: 'complaint', actual: '不转人工' });
    expect(result.steps[1]!.failures).toEqual([]);
    const text = describeFailures(result).join('\n');
    expect(text).toContain('第 1 步（s.yaml:3）买家：是正品吗');
    expect(text).toContain('script：期望 presale.greeting.welcome，实际 presale.authenticity.wording');
  });

  it('matches script parts exactly (a part is not a prefix of a longer id) and by prefix with *', async () => {
    const make = (script: string) => story(`- name: 议价\n  turns:\n    - buyer: 羊毛大衣能便宜点吗\n      expect: { script: '${script}' }\n`);
    expect((await runStory(make('bargaining.generic_decline_promotion'), deps)).status).toBe('passed');
    expect((await runStory(make('bargaining.generic_decline*'), deps)).status).toBe('passed');
    expect((await runStory(make('bargaining.generic_decline'), deps)).status).toBe('failed');
    const both = story("- name: 库存\n  turns:\n    - buyer: 羊毛大衣有M码吗\n      expect: { script: 'presale.stock.size_in_stock+presale.nudge.order' }\n");
    expect((await runStory(both, deps)).status).toBe('passed');
  });

  it('reports a known issue that still fails as known_issue, and one that passes as fixed', async () => {
    const failing = story(`- name: 已知\n  known_issue: 还没修\n  turns:\n    - buyer: 在吗\n      expect: { intent: invoice }\n`);
    expect((await runStory(failing, deps)).status).toBe('known_issue');
    const passing = story(`- name: 已修\n  known_issue: 已经修好了\n  turns:\n    - buyer: 在吗\n      expect: { intent: greeting }\n`);
    expect((await runStory(passing, deps)).status).toBe('known_issue_fixed');
  });

  it('uses the story time and buyer', async () => {
    const night = story(`- name: 深夜\n  buyer: tb_buyer_chenxi\n  now: 2025-11-20T23:30:00+08:00\n  turns:\n    - buyer: 包邮吗\n      expect: { reply_contains: 新疆 }\n    - buyer: 在吗\n      expect: { script: presale.greeting.after_hours }\n`);
    expect((await runStory(night, deps)).status).toBe('passed');
  });

  it('records an engine error on its step and skips the rest', async () => {
    const broken: StoryDeps = { ...deps, orders: { ordersOf: () => Promise.reject(new Error('orders down')), orderOf: () => Promise.resolve(undefined) } };
    const result = await runStory(story('- name: 出错\n  turns:\n    - buyer: 在吗\n    - buyer: 在吗\n'), broken);
    expect(result.status).toBe('failed');
    expect(result.steps[0]!.failures).toEqual([{ expectation: 'engine', expected: '正常回复', actual: '出错：orders down' }]);
    expect(result.steps[1]).toMatchObject({ skipped: true, failures: [] });
  });
});

describe('checkTurn', () => {
  const result = (lintErrors: number): TurnResult => ({
    replies: [
      {
        text: '亲，保证明天到哦',
        scriptId: 'presale.shipping_time.region',
        source: 'script',
        lint: { errorCount: lintErrors, warningCount: 0, violations: lintErrors > 0 ? [{ ruleId: 'no-time-promise', severity: 'error' } as TurnResult['replies'][number]['lint']['violations'][number]] : [] },
      },
    ],
    delivery: 'send',
    owner: 'bot',
    intent: 'shipping_time',
    confidence: 1,
    secondary: [],
    entities: [],
    state: 'bot/presale.idle',
    remarks: [{ orderId: '1', text: '顾客指定顺丰速运（小禾 2025-11-20）' }],
    promises: [],
  });

  it('always checks that every reply passes the linter, even without expectations', () => {
    expect(checkTurn({}, result(0))).toEqual([]);
    expect(checkTurn({}, result(1))).toEqual([{ expectation: 'lint', expected: '0 个错误', actual: expect.stringContaining('no-time-promise') }]);
  });

  it('checks remarks, their order and their absence', () => {
    expect(checkTurn({ remark_contains: ['顺丰'], remark_order: '1' }, result(0))).toEqual([]);
    expect(checkTurn({ remark_order: '2', no_remark: true }, result(0)).map((f) => f.expectation)).toEqual(['remark_order', 'no_remark']);
  });
});

// ---------------------------------------------------------------- the CLI

async function storyDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kefu-stories-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

const PASSING = '- name: 问候\n  turns:\n    - buyer: 在吗\n      expect: { intent: greeting, script: presale.greeting.welcome }\n';
const FAILING = '- name: 发票\n  turns:\n    - buyer: 在吗\n    - buyer: 是正品吗\n      expect: { script: presale.payment.methods }\n';
const KNOWN = '- name: 已知问题\n  known_issue: 意图识别不对\n  turns:\n    - buyer: 是正品吗\n      expect: { intent: greeting }\n';

describe('kefu test-flows', () => {
  it('prints ✓ per passing story and a total, exit 0', async () => {
    const dir = await storyDir({ 'a.yaml': PASSING, 'b.yaml': KNOWN, 'notes.txt': 'not a story' });
    const r = await runCli(['test-flows', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ 问候');
    expect(r.stdout).toContain('! 已知问题（已知问题：意图识别不对）');
    expect(r.stdout).toContain('共 2 个故事：1 个通过，0 个失败，1 个已知问题');
  });

  it('prints ✗ with the failing turn and expectation, exit 1', async () => {
    const dir = await storyDir({ 'a.yaml': PASSING, 'b.yaml': FAILING });
    const r = await runCli(['test-flows', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ 发票（${join(dir, 'b.yaml')}:1）`);
    expect(r.stdout).toContain(`第 2 步（${join(dir, 'b.yaml')}:4）买家：是正品吗`);
    expect(r.stdout).toContain('script：期望 presale.payment.methods，实际 presale.authenticity.wording');
    expect(r.stdout).toContain('共 2 个故事：1 个通过，1 个失败，0 个已知问题');
  });

  it('fails a known issue that passes now, so the mark gets removed', async () => {
    const dir = await storyDir({ 'a.yaml': PASSING.replace('  turns:', '  known_issue: 已修好\n  turns:') });
    const r = await runCli(['test-flows', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('请删除 known_issue');
  });

  it('reports a broken story file with file:line, exit 2, and runs nothing', async () => {
    const dir = await storyDir({ 'a.yaml': PASSING, 'b.yaml': PASSING.replace('intent: greeting', 'intent: hello').replace('问候', '问候2') });
    const r = await runCli(['test-flows', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'b.yaml')}:4: [0].turns[0].expect.intent: 未知的意图 "hello"`);
    expect(r.stdout).toBe('');
  });

  it('reports the same story name in two files, exit 2', async () => {
    const dir = await storyDir({ 'a.yaml': PASSING, 'b.yaml': PASSING });
    const r = await runCli(['test-flows', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'b.yaml')}:1: 故事名称 "问候" 与 ${join(dir, 'a.yaml')}:1 重复`);
  });

  it('prints JSON with every step, its failures and what the engine did', async () => {
    const dir = await storyDir({ 'b.yaml': FAILING });
    const r = await runCli(['test-flows', join(dir, 'b.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      total: number;
      failed: number;
      stories: { name: string; status: string; steps: { ok: boolean; failures: { expectation: string }[]; actual: { script: string } }[] }[];
    };
    expect(report).toMatchObject({ total: 1, failed: 1 });
    expect(report.stories[0]).toMatchObject({ name: '发票', status: 'failed' });
    expect(report.stories[0]!.steps.map((s) => s.ok)).toEqual([true, false]);
    expect(report.stories[0]!.steps[1]!.failures[0]!.expectation).toBe('script');
    expect(report.stories[0]!.steps[1]!.actual.script).toBe('presale.authenticity.wording');
  });

  it.each([
    [['--format', 'xml'], '未知的输出格式'],
    [['/nonexistent/stories'], '找不到目录或文件'],
    [['a', 'b'], '一次只能给出一个目录或文件'],
    [['--bogus'], '未知的选项 --bogus'],
  ])('exits 2 on bad usage %j', async (args, message) => {
    const r = await runCli(['test-flows', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('exits 2 for a folder without story files', async () => {
    const dir = await storyDir({ 'notes.txt': 'x' });
    const r = await runCli(['test-flows', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有故事文件');
  });

  it('has a help text and a line in the main help', async () => {
    expect((await runCli(['test-flows', '--help'])).stdout).toContain('known_issue');
    expect((await runCli(['help'])).stdout).toContain('test-flows');
  });
});
