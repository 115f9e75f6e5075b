import { describe, expect, it } from 'vitest';
import { buildMessages, buildRetryMessages } from './prompt.ts';

const input = { script: '订单⟦1⟧已由中通快递发出。', buyerText: '我的快递到哪了', tone: '简洁、热情', minChars: 5, maxChars: 40 };

describe('prompts', () => {
  it('states the wording rules, the tone and the bounds, then the buyer message and the script', () => {
    const [system, user] = buildMessages(input);
    expect(system!.role).toBe('system');
    for (const rule of ['“您”', '“保证”', '站外联系方式', '⟦1⟧', '只输出一条回复', '简体中文', '5 到 40 个字', '简洁、热情']) expect(system!.content).toContain(rule);
    expect(user).toEqual({ role: 'user', content: '买家的消息：我的快递到哪了\n\n标准话术（请改写这一条）：\n订单⟦1⟧已由中通快递发出。' });
  });

  it('uses the default tone when the shop has none', () => {
    expect(buildMessages({ ...input, tone: ' ' })[0]!.content).toContain('礼貌、亲切、专业');
  });

  it('retries with the rejected answer and the numbered violations', () => {
    const first = buildMessages(input);
    const retry = buildRetryMessages(first, '订单⟦1⟧保证明天到', ['新增了承诺用语“保证”', '新增了原话术没有的“明天”']);
    expect(retry.slice(0, 2)).toEqual(first);
    expect(retry[2]).toEqual({ role: 'assistant', content: '订单⟦1⟧保证明天到' });
    expect(retry[3]!.content).toContain('1. 新增了承诺用语“保证”\n2. 新增了原话术没有的“明天”');
  });
});
