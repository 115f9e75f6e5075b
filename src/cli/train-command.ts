import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { TrainerKit } from '../trainer/kit.ts';
import { formatLint, formatScorecard } from '../trainer/format.ts';
import type { Scorecard } from '../trainer/scorecard.ts';
import { answer, chooseSession, EXAM, hint, replaySession, scoreSession, TrainingChoiceError, type TrainingRecord } from '../trainer/session.ts';
import { CliUsageError, writeLine, type CliIo } from './io.ts';
import { cliBuyerVoice, cliTrainerKit } from './simulate-command.ts';
import type { BuyerVoice } from '../trainer/voice.ts';

export const TRAIN_HELP = `用法：kefu train [选项]

客服新人培训：模拟买家发来消息，您扮演客服在终端里逐行回复。每条回复都会实时做合规检查，
练习结束后给出评分卡：按手册扣分的规则、场景要求的步骤、事实（价格、库存、订单状态、快递）、
响应时间和结果，总分 100，并给出每一处扣分的参考话术。

选项：
  --scenario ID   练习的场景（默认按种子选）
  --persona ID    买家性格（默认按种子选）
  --seed N        随机种子（默认按时间；同一个种子买家说的话相同）
  --exam          考试模式：固定的场景、性格和种子，所有学员可以公平比较（不能用 /hint）
  --trainee 名字  学员名字（显示在评分卡上）
  --list          列出所有场景和买家性格
  --llm           买家的话由大模型按性格改写（需配置 OPENAI_BASE_URL、KEFU_LLM_MODEL）
  -h, --help      显示本帮助

对话中输入：/hint 查看参考话术（考试模式不可用），/quit 提前结束并评分。`;

const Seed = z.coerce.number({ error: '--seed 应为整数' }).int('--seed 应为整数').min(0, '--seed 不能为负数');

type LineSource = AsyncIterator<string>;

async function nextLine(lines: LineSource): Promise<string | undefined> {
  const { value, done } = await lines.next();
  return done ? undefined : (value as string);
}

/** One practice dialogue in the terminal; returns its scorecard (undefined when stdin ended before the first reply). */
async function practise(io: CliIo, kit: TrainerKit, record: TrainingRecord, lines: LineSource, voice: BuyerVoice): Promise<Scorecard> {
  const session = replaySession(kit, record);
  const say = async (line: string) => {
    const worded = await voice.word(line, { act: session.sim.lastAct, persona: session.persona, scenario: session.scenario });
    session.sim.reworded(worded.text);
    writeLine(io.stdout, `买家：${worded.text}`);
  };
  writeLine(io.stdout, `培训场景：${session.scenario.title}（${session.scenario.id}）· 买家性格：${session.persona.name} · 种子 ${record.seed}`);
  await say(session.buyerLines[0]!);
  let shownAt = performance.now();
  while (!session.sim.done) {
    const raw = await nextLine(lines);
    if (raw === undefined) break;
    const text = raw.trim();
    if (text === '') continue;
    if (text === '/quit') break;
    if (text === '/hint') {
      writeLine(io.stdout, record.exam ? '  [考试模式不能查看参考话术]' : `  [参考话术] ${hint(kit, session) ?? '（无）'}`);
      continue;
    }
    const elapsedSec = Math.round((performance.now() - shownAt) / 100) / 10;
    writeLine(io.stdout, `客服：${text}`);
    const feedback = answer(kit, session, text, elapsedSec);
    for (const line of formatLint(feedback.lint)) writeLine(io.stdout, line);
    if (feedback.buyer !== undefined) await say(feedback.buyer);
    shownAt = performance.now();
  }
  const card = scoreSession(kit, session);
  writeLine(io.stdout);
  for (const line of formatScorecard(card, session.scenario.success.outcome)) writeLine(io.stdout, line);
  writeLine(io.stdout);
  return card;
}

export async function runTrain(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: 'string' },
      persona: { type: 'string' },
      seed: { type: 'string' },
      exam: { type: 'boolean', default: false },
      trainee: { type: 'string', default: '学员' },
      list: { type: 'boolean', default: false },
      llm: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeLine(io.stdout, TRAIN_HELP);
    return 0;
  }
  const kit = await cliTrainerKit();
  if (values.list) {
    writeLine(io.stdout, '场景：');
    for (const s of kit.library.scenarios) writeLine(io.stdout, `  ${s.id.padEnd(24)} [${s.area}] ${s.title}`);
    writeLine(io.stdout, '买家性格：');
    for (const p of kit.library.personas) writeLine(io.stdout, `  ${p.id.padEnd(24)} ${p.name}（耐心 ${p.patience} 轮）`);
    return 0;
  }
  if (values.exam && (values.scenario !== undefined || values.persona !== undefined || values.seed !== undefined)) {
    throw new CliUsageError('考试模式使用固定的场景、性格和种子，不能同时指定 --scenario、--persona 或 --seed');
  }
  const seed = values.seed === undefined ? Date.now() % 1_000_000 : Seed.safeParse(values.seed);
  if (typeof seed !== 'number' && !seed.success) throw new CliUsageError(seed.error.issues[0]!.message);
  const trainee = values.trainee.trim();
  if (trainee === '') throw new CliUsageError('--trainee 不能为空');

  const records: TrainingRecord[] = [];
  try {
    if (values.exam) {
      for (const scenario of EXAM.scenarios) records.push(chooseSession(kit, { trainee, scenario, persona: EXAM.persona, seed: EXAM.seed, exam: true }));
    } else {
      const choice = { trainee, seed: typeof seed === 'number' ? seed : seed.data };
      records.push(chooseSession(kit, { ...choice, ...(values.scenario === undefined ? {} : { scenario: values.scenario }), ...(values.persona === undefined ? {} : { persona: values.persona }) }));
    }
  } catch (err) {
    if (err instanceof TrainingChoiceError) throw new CliUsageError(err.message);
    throw err;
  }

  writeLine(io.stdout, `${values.exam ? `考试开始（${records.length} 个场景）` : '练习开始'}：您扮演暖阳生活旗舰店的客服，每行输入一条回复。${values.exam ? '' : '/hint 查看参考话术，'}/quit 结束。`);
  const lines = createInterface({ input: io.stdin, terminal: false })[Symbol.asyncIterator]();
  const cards: Scorecard[] = [];
  const voice = cliBuyerVoice(io, values.llm, kit.world.shop);
  for (const record of records) cards.push(await practise(io, kit, record, lines, voice));
  if (values.exam) {
    const average = Math.round((cards.reduce((sum, c) => sum + c.total, 0) / cards.length) * 10) / 10;
    writeLine(io.stdout, `考试成绩（${trainee}）：${cards.map((c) => `${c.scenario} ${c.total}`).join('，')}；平均 ${average} 分`);
  }
  return 0;
}
