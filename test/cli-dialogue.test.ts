import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';

let env: Record<string, string>;
beforeAll(async () => {
  env = { KEFU_DATA_DIR: await mkdtemp(join(tmpdir(), 'kefu-chat-')) };
});

const NOW = ['--now', '2025-11-20T14:30:00+08:00'];

describe('kefu chat', () => {
  it('answers as the demo shop and shows intent, state and remarks', async () => {
    const r = await runCli(['chat', ...NOW], '在吗\n这件羊毛大衣有M码吗\n学生党没钱 便宜点吧\n学生党没钱 再便宜点吧\n/quit\n这行不会被读到\n', env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已连接演示店铺“暖阳生活旗舰店”');
    expect(r.stdout).toMatch(/客服（自动回复）：.*暖阳生活旗舰店/);
    expect(r.stdout).toContain('[意图 stock');
    expect(r.stdout).toMatch(/\[备注：顾客议价（借口型）.*（小禾 2025-11-20）\]/);
    expect(r.stdout).not.toContain('这行不会被读到');
  });

  it('gives three candidates in assist mode', async () => {
    const r = await runCli(['chat', '--mode', 'assist', ...NOW], '能开发票吗\n', env);
    expect(r.stdout).toMatch(/候选回复（待人工发送） 1：/);
    expect(r.stdout).toMatch(/候选回复（待人工发送） 2：/);
  });

  it('labels the three candidates: the best reading twice, then the runner-up reading or the holding line', async () => {
    const r = await runCli(['chat', '--mode', 'assist', ...NOW], '这件羊毛大衣有M码吗\n能开发票吗\n', env);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('候选回复'));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^候选回复（待人工发送） 1：.*M码.*\[话术 presale\.stock\.[\w.+]+ · 意图 stock\]$/);
    expect(lines[2]).toMatch(/^候选回复（待人工发送） 3：.*身高.*\[话术 presale\.size_advice\.[\w.]+ · 另一种理解 size_advice\]$/);
    expect(lines[5]).toMatch(/^候选回复（待人工发送） 3：您稍等，马上帮您查询.*\[话术 common\.hold · 先稳住买家，查询核实后再答\]$/);
  });

  it('lets an agent take over (/agent) so the bot only suggests, and hand back (/bot)', async () => {
    const r = await runCli(['chat', ...NOW], '在吗\n/agent\n能开发票吗\n/bot\n能开发票吗\n', env);
    expect(r.stdout).toContain('[人工客服已接手：机器人只给建议]');
    expect(r.stdout).toMatch(/候选回复（待人工发送）.*\n[\s\S]*状态 agent\//);
    expect(r.stdout).toMatch(/\[已交还机器人\][\s\S]*客服（自动回复）/);
  });

  it('dates the demo orders relative to its clock, so a delivered order is inside the 7-day window on any day', async () => {
    const r = await runCli(['chat', '--buyer', 'tb_buyer_bowen', '--now', '2026-12-04T14:07:00+08:00'], '我想退货，七天无理由可以吗\n', env);
    expect(r.stdout).toContain('支持7天无理由退货');
    expect(r.stdout).not.toContain('已经过了签收后7天');
    expect(r.stdout).toContain('（小禾 2026-12-04）');
  });

  it('shows the hand-off summary', async () => {
    const r = await runCli(['chat', ...NOW], '转人工\n', env);
    expect(r.stdout).toMatch(/\[转人工：转人工原因：顾客要求人工客服。买家 tb_buyer_anna/);
  });

  it.each([
    [['chat', '--mode', 'robot'], '未知的模式'],
    [['chat', '--now', 'yesterday'], '--now 不是有效的时间'],
    [['chat', '--buyer', 'a b'], '买家ID格式有误'],
  ])('rejects %j with exit 2', async (args, message) => {
    const r = await runCli(args, '', env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('kefu flows diagram', () => {
  it('prints a Mermaid diagram for one machine', async () => {
    const r = await runCli(['flows', 'diagram', 'orchestrator']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stateDiagram-v2\n/);
    expect(r.stdout).toContain('TURN [asksForHandoff]');
  });

  it('prints all machines without a name', async () => {
    const r = await runCli(['flows', 'diagram']);
    for (const name of ['orchestrator', 'presale', 'bargaining']) expect(r.stdout).toContain(`%% ${name}`);
  });

  it('rejects unknown machines and subcommands, and prints help without arguments', async () => {
    expect((await runCli(['flows', 'diagram', 'shipping'])).stderr).toContain('未知的状态机 "shipping"');
    expect((await runCli(['flows', 'draw'])).stderr).toContain('未知的子命令 "draw"');
    const bare = await runCli(['flows']);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('用法：kefu flows diagram');
  });
});
