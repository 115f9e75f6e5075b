import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { respond, setOwner, type ConversationState, type EngineDeps, type TurnResult } from '../dialogue/engine.ts';
import { loadScripts } from '../dialogue/scripts.ts';
import { loadDemoOrderProvider } from '../orders/demo-provider.ts';
import { loadDemoShop } from '../shop/load.ts';
import { localDateTime } from '../shop/hours.ts';
import { cliClassifier } from './classifier-cache.ts';
import { CliUsageError, writeLine, type CliIo } from './io.ts';

export const CHAT_HELP = `用法：kefu chat [--buyer 买家ID] [--mode auto|assist] [--now 时间]

在终端里以买家身份和演示店铺对话，显示识别的意图、对话状态、备注和承诺。
演示买家：tb_buyer_anna（默认，4 个订单）、tb_buyer_bowen、tb_buyer_chenxi、tb_buyer_dali、tb_buyer_enya、tb_buyer_fang。

选项：
  --buyer ID          以哪个买家身份对话
  --mode auto|assist  auto：机器人直接回复（默认）；assist：给客服 3 条候选回复（最可能的理解在前；没把握时附另一种理解的回复，否则附一句请买家稍候的话）
  --now 时间          对话时刻（ISO 格式，例如 2025-11-20T14:30:00+08:00），默认为当前时间；演示订单的日期相对于它
对话中输入：/agent 人工客服接手，/bot 交还机器人，/quit 退出。`;

/** A promise as `kefu chat` prints it: its deadline in the shop's local time (the ledger keeps UTC). */
export function promiseLine(p: { text: string; dueAt: string }, timeZone: string): string {
  return `  [承诺：${p.text}，店铺时间 ${localDateTime(new Date(p.dueAt), timeZone)} 前]`;
}

/** What a suggestion is, for the agent choosing: its script and the reading it answers. */
export function candidateLabel(reply: TurnResult['replies'][number], intent: TurnResult['intent']): string {
  const reading = reply.intent === undefined ? '先稳住买家，查询核实后再答' : reply.intent === intent ? `意图 ${reply.intent}` : `另一种理解 ${reply.intent}`;
  return `[话术 ${reply.scriptId} · ${reading}]`;
}

function printResult(io: CliIo, r: TurnResult, timeZone: string): void {
  const who = r.delivery === 'send' ? '客服（自动回复）' : '候选回复（待人工发送）';
  r.replies.forEach((reply, i) => writeLine(io.stdout, `${who}${r.replies.length > 1 ? ` ${i + 1}` : ''}：${reply.text}${r.delivery === 'suggest' ? `  ${candidateLabel(reply, r.intent)}` : ''}`));
  const secondary = r.secondary.length > 0 ? ` +${r.secondary.join(',')}` : '';
  writeLine(io.stdout, `  [意图 ${r.intent} ${Math.round(r.confidence * 100)}%${secondary} · 状态 ${r.state}]`);
  for (const remark of r.remarks) writeLine(io.stdout, `  [备注${remark.orderId ? ` ${remark.orderId}` : ''}：${remark.text}]`);
  for (const p of r.promises) writeLine(io.stdout, promiseLine(p, timeZone));
  if (r.handoff) writeLine(io.stdout, `  [转人工：${r.handoff.summary}]`);
  if (r.handover) writeLine(io.stdout, '  [无人在线：已记入交接班记录]');
}

export async function runChat(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      buyer: { type: 'string', default: 'tb_buyer_anna' },
      mode: { type: 'string', default: 'auto' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeLine(io.stdout, CHAT_HELP);
    return 0;
  }
  void positionals;
  const mode = z.enum(['auto', 'assist']).safeParse(values.mode);
  if (!mode.success) throw new CliUsageError(`未知的模式 "${values.mode}"，可选：auto、assist`);
  const fixedNow = values.now === undefined ? undefined : new Date(values.now);
  if (fixedNow && Number.isNaN(fixedNow.getTime())) throw new CliUsageError(`--now 不是有效的时间："${values.now}"`);
  if (!/^[\w.-]{1,64}$/.test(values.buyer)) throw new CliUsageError(`买家ID格式有误："${values.buyer}"`);

  const shop = loadDemoShop();
  // The demo orders are dated relative to the clock: --now pins both (the README's example).
  const orders = loadDemoOrderProvider(shop, fixedNow ?? new Date());
  // The demo knows only its own buyers: another id would chat without any order, silently.
  if (!orders.buyers().includes(values.buyer)) throw new CliUsageError(`演示店铺没有买家 "${values.buyer}"，可选：${orders.buyers().join('、')}`);
  const deps: EngineDeps = {
    classifier: cliClassifier(io),
    scripts: loadScripts(),
    shop,
    orders,
    clock: () => fixedNow ?? new Date(),
  };
  writeLine(io.stdout, `已连接演示店铺“${shop.name}”，买家 ${values.buyer}。输入 /quit 退出。`);
  let conversation: ConversationState | undefined;
  const lines = createInterface({ input: io.stdin, terminal: false });
  for await (const raw of lines) {
    const text = raw.trim();
    if (text === '') continue;
    if (text === '/quit') break;
    if (text === '/agent' || text === '/bot') {
      if (!conversation) {
        writeLine(io.stdout, '  [还没有对话]');
        continue;
      }
      conversation = setOwner(conversation, text === '/agent' ? 'AGENT_JOINED' : 'AGENT_LEFT');
      writeLine(io.stdout, text === '/agent' ? '  [人工客服已接手：机器人只给建议]' : '  [已交还机器人]');
      continue;
    }
    writeLine(io.stdout, `买家：${text}`);
    const turn = await respond(conversation, { buyerId: values.buyer, text, mode: mode.data }, deps);
    conversation = turn.conversation;
    printResult(io, turn.result, shop.timezone);
  }
  return 0;
}
