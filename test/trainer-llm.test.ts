import { beforeAll, describe, expect, it } from 'vitest';
import { createChatClient } from '../src/llm/index.ts';
import { loadTrainerKit, type TrainerKit } from '../src/trainer/kit.ts';
import { BuyerSimulator } from '../src/trainer/simulator.ts';
import { llmVoice } from '../src/trainer/voice.ts';
import { useSharedFakeOpenAI } from './helpers/fake-openai.ts';
import { llmConfig } from './helpers/llm-fixtures.ts';
import { runCli } from './helpers/run-cli.ts';

/** The optional LLM buyer against a local OpenAI-compatible server: the model words, the simulator decides. */
const fake = useSharedFakeOpenAI();
let kit: TrainerKit;
beforeAll(async () => {
  kit = await loadTrainerKit();
});

function buyer(scenario: string) {
  const s = kit.library.scenario(scenario)!;
  const persona = kit.library.persona('impatient')!;
  const sim = new BuyerSimulator(s, persona, kit.library.lines, kit.world, 4);
  const voice = llmVoice(createChatClient(llmConfig(fake.baseURL, { timeoutMs: 1000 })), kit.world.shop);
  return { sim, voice, line: sim.open(), context: { act: sim.lastAct, persona, scenario: s } };
}

describe('LLM buyer', () => {
  it('says the model\'s wording when it keeps every fact of the act, with the persona and act in the prompt', async () => {
    const { voice, line, context } = buyer('haggle_comparison');
    expect(line).toContain('640');
    fake.enqueue({ text: '老板，别家双面羊毛呢大衣才卖640，你这贵了不少啊' });
    const worded = await voice.word(line, context);
    expect(worded).toEqual({ text: '老板，别家双面羊毛呢大衣才卖640，你这贵了不少啊', source: 'llm' });
    const prompt = fake.requests[0]!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('急性子');
    expect(prompt).toContain('提出诉求');
    expect(prompt).toContain(line);
  });

  it('falls back to the pool line when the model changes or drops a fact, adds one, or fails', async () => {
    const { voice, line, context } = buyer('haggle_comparison');
    for (const reply of [{ text: '别家才卖600，便宜点' }, { text: '能便宜点吗' }, { text: '别家双面羊毛呢大衣640，还送两双袜子，订单号123456789012345' }]) {
      fake.enqueue(reply);
      const worded = await voice.word(line, context);
      expect(worded.source, reply.text).toBe('pool');
      expect(worded.text).toBe(line);
    }
    fake.enqueue({ status: 500, message: 'boom' });
    expect(await voice.word(line, context)).toMatchObject({ text: line, source: 'pool', fallback: 'http_error' });
  });

  it('kefu simulate --llm words the buyers through the model; without the settings it is a usage error', async () => {
    for (let i = 0; i < 20; i++) fake.enqueue({ text: '您好，请问发什么快递呀' });
    const r = await runCli(['simulate', '--dialogues', '2', '--scenario', 'courier', '--llm', '--format', 'json'], '', {
      OPENAI_BASE_URL: fake.baseURL,
      KEFU_LLM_MODEL: 'fake-model',
    });
    expect(r.code).toBe(0);
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    const missing = await runCli(['simulate', '--dialogues', '1', '--llm'], '', {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--llm 需要先配置 OPENAI_BASE_URL 和 KEFU_LLM_MODEL');
  });

  it('kefu train --llm shows the model\'s wording to the trainee', async () => {
    fake.enqueue({ text: '问一下哈，羊毛混纺毛衣一般发哪家快递' }, { text: '好的，谢谢' });
    const r = await runCli(['train', '--scenario', 'courier', '--persona', 'gentle', '--seed', '1', '--llm'], '我们默认发中通快递，包邮地区是免运费的。\n', {
      OPENAI_BASE_URL: fake.baseURL,
      KEFU_LLM_MODEL: 'fake-model',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('买家：问一下哈，羊毛混纺毛衣一般发哪家快递');
    expect(r.stdout).toContain('总分 100/100');
  });
});
