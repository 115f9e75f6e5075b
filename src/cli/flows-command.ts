import { parseArgs } from 'node:util';
import type { AnyStateMachine } from 'xstate';
import { mermaidDiagram } from '../dialogue/diagram.ts';
import { ALL_MACHINES } from '../dialogue/flows.ts';
import { CliUsageError, writeLine, type CliIo } from './io.ts';

export const FLOWS_HELP = `用法：kefu flows diagram [名称]

根据状态机定义生成 Mermaid 状态图（可粘贴到 README 或 mermaid.live 查看）。
名称：${Object.keys(ALL_MACHINES).join('、')}；不给名称时输出全部。`;

const MACHINES: Record<string, AnyStateMachine> = ALL_MACHINES;

export async function runFlows(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help || positionals.length === 0) {
    writeLine(io.stdout, FLOWS_HELP);
    return values.help ? 0 : 2;
  }
  const [sub, name, ...extra] = positionals;
  if (sub !== 'diagram') throw new CliUsageError(`未知的子命令 "${sub}"，可用：diagram`);
  if (extra.length > 0) throw new CliUsageError('一次只能指定一个状态机');
  const names = name === undefined ? Object.keys(MACHINES) : [name];
  for (const n of names) {
    const machine = MACHINES[n];
    if (!machine) throw new CliUsageError(`未知的状态机 "${n}"，可选：${Object.keys(MACHINES).join('、')}`);
    if (names.length > 1) writeLine(io.stdout, `%% ${n}`);
    writeLine(io.stdout, mermaidDiagram(machine));
    if (names.length > 1) writeLine(io.stdout);
  }
  return 0;
}
