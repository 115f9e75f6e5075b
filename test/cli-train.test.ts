import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';

describe('kefu train', () => {
  it('plays a scenario from stdin, lints each reply live and ends with the scorecard', async () => {
    const replies = [
      '你好，别家的我们不评价哦',
      '/hint',
      '感谢您的耐心比较！这款的价格已经很实在了，非常抱歉暂时无法再低了。',
      '好的，为您申请到一份羊毛混纺中筒袜一双，会在订单上备注好。',
    ];
    const r = await runCli(['train', '--scenario', 'haggle_comparison', '--persona', 'gentle', '--seed', '3', '--trainee', '小李'], `${replies.join('\n')}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('培训场景：对比型议价：别家更便宜（haggle_comparison）');
    expect(r.stdout).toMatch(/买家：.*640/);
    expect(r.stdout).toMatch(/\[检查\] ✗ polite-you/);
    expect(r.stdout).toMatch(/\[检查\] ✗ no-particle-o/);
    expect(r.stdout).toMatch(/\[参考话术\] 非常理解您会多比较几家/);
    expect(r.stdout).toContain('总分 98/100');
    expect(r.stdout).toContain('✓ 第一次要求优惠委婉拒绝');
    expect(r.stdout).toMatch(/− 1 分 \[规则 polite-you\][\s\S]*您的回复：你好，别家的我们不评价哦[\s\S]*参考话术：/);
  });

  it('scores what was done when stdin ends early, with the missed steps and their advice', async () => {
    const r = await runCli(['train', '--scenario', 'invoice_shipped', '--persona', 'impatient', '--seed', '1'], '这单发票开不了。\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[检查\] ✗ invoice-refusal（扣 6 分）/);
    expect(r.stdout).toMatch(/− 6 分 \[步骤 invoice_arranged\]/);
    expect(r.stdout).toMatch(/参考话术：好的，订单2466013398745120887已经发出/);
    expect(r.stdout).toMatch(/未达成/);
  });

  it('runs the exam: the fixed scenarios for everyone, no hints', async () => {
    const a = await runCli(['train', '--exam', '--trainee', '甲'], '/hint\n');
    expect(a.stdout).toContain('考试开始（6 个场景）');
    expect(a.stdout).toContain('[考试模式不能查看参考话术]');
    expect(a.stdout).toMatch(/考试成绩（甲）：haggle_comparison \d+/);
    const b = await runCli(['train', '--exam', '--trainee', '乙'], '/hint\n');
    const buyerLines = (s: string) => s.split('\n').filter((l) => l.startsWith('买家：'));
    expect(buyerLines(b.stdout)).toEqual(buyerLines(a.stdout));
  });

  it('lists scenarios and personas, and rejects bad choices in Chinese', async () => {
    const list = await runCli(['train', '--list']);
    expect(list.stdout).toMatch(/haggle_promise +\[bargaining\] 允诺型议价/);
    expect(list.stdout).toMatch(/gentle +温和的老顾客/);
    for (const [args, message] of [
      [['--scenario', 'nope'], /没有场景 "nope"/],
      [['--persona', 'nope'], /没有买家性格 "nope"/],
      [['--seed', 'x1'], /--seed 应为整数/],
      [['--exam', '--seed', '3'], /考试模式使用固定的场景/],
    ] as const) {
      const r = await runCli(['train', ...args], '');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
