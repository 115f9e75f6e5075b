import { readFileSync } from 'node:fs';
import { CliUsageError, writeLine, type CliIo } from './io.ts';
import { runChat } from './chat-command.ts';
import { runClassify } from './classify-command.ts';
import { runEval } from './eval-command.ts';
import { runFlows } from './flows-command.ts';
import { runKeys } from './keys-command.ts';
import { runLint } from './lint-command.ts';
import { runServe } from './serve-command.ts';
import { runSimulate } from './simulate-command.ts';
import { runTestFlows } from './test-flows-command.ts';
import { runTrain } from './train-command.ts';

export const MAIN_HELP = `kefu — 淘宝/天猫店铺的智能客服助手

用法：kefu <命令> [选项]

命令：
  lint [文件|-]     检查客服回复是否符合平台服务规范（用语、承诺、发票、付款、站外联系等）
  classify [消息]   识别买家消息的意图和实体（金额、尺码、快递、日期等）
  eval 文件.jsonl   用标注好的消息评估意图识别（准确率、宏平均F1、混淆对）
  chat              在终端里以买家身份和演示店铺对话（显示意图、状态、备注）
  test-flows [目录] 运行对话测试故事（默认 test/stories），逐轮检查意图、状态、话术和回复
  flows diagram [名称]  输出对话状态机的 Mermaid 状态图
  train             客服新人培训：和模拟买家练习对话，实时合规检查，结束时给出评分卡（--exam 考试）
  simulate          让模拟买家和机器人对话（自对弈），统计成功率并列出失败的场景和步骤
  serve             启动 HTTP 服务（接口、健康检查、监控指标），默认演示店铺 + SQLite
  keys create|list|revoke  API 密钥：按角色生成（gateway/agent/admin）、列出、吊销
  help [命令]       显示帮助
  --version         显示版本号

每个命令都支持 --help。示例：
  echo "你好，保证明天到" | kefu lint
  kefu lint replies.txt --profile taobao --format json
  kefu classify "在吗 能便宜点吗 包邮吗"
  kefu eval my-labelled-chats.jsonl
  kefu train --scenario haggle_comparison
  kefu simulate --dialogues 1000
  kefu serve --port 3000`;

/** The version in package.json (read when asked: the CLI starts without it). */
export function kefuVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '未知';
}

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  lint: runLint,
  classify: runClassify,
  eval: runEval,
  flows: runFlows,
  chat: runChat,
  'test-flows': runTestFlows,
  serve: runServe,
  simulate: runSimulate,
  train: runTrain,
  keys: runKeys,
};

/** Node's parseArgs errors, in the user's language. */
function describeArgError(err: Error & { code?: string }): string | undefined {
  const option = (/'([^']+)'/.exec(err.message)?.[1] ?? '').replace(/ <value>$/, '');
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知的选项 ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `选项 ${option} 的值有误（是否缺少参数？）`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数 ${option}`;
    default:
      return undefined;
  }
}

/** Runs the CLI and returns the exit code: 0 ok, 1 findings (lint errors), 2 usage or input problems. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    writeLine(io.stdout, `kefu ${kefuVersion()}`);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && commands[topic]) return commands[topic](['--help'], io);
    if (topic !== undefined) {
      writeLine(io.stderr, `没有命令 "${topic}" 的帮助。运行 kefu help 查看可用命令。`);
      return 2;
    }
    writeLine(io.stdout, MAIN_HELP);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    writeLine(io.stderr, `未知的命令 "${name}"。运行 kefu help 查看可用命令。`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof CliUsageError) {
      writeLine(io.stderr, `kefu ${name}：${err.message}`);
      return 2;
    }
    const argError = err instanceof Error ? describeArgError(err) : undefined;
    if (argError) {
      writeLine(io.stderr, `kefu ${name}：${argError}。运行 kefu ${name} --help 查看用法。`);
      return 2;
    }
    throw err;
  }
}
