import { describe, expect, it } from 'vitest';
import { createChatClient, type CompletionResult } from '../src/llm/client.ts';
import { useSharedFakeOpenAI, type FakeReply } from './helpers/fake-openai.ts';
import { llmConfig } from './helpers/llm-fixtures.ts';

const fake = useSharedFakeOpenAI();

const messages = [{ role: 'user' as const, content: '您好' }];

async function complete(reply: FakeReply, stream: boolean): Promise<CompletionResult> {
  fake.enqueue(reply);
  return createChatClient(llmConfig(fake.baseURL, { stream, timeoutMs: 300 })).complete(messages);
}

const reason = (r: CompletionResult) => (r.ok ? 'ok' : r.reason);

describe('chat client: the same answer, streamed or not', () => {
  const table: [string, FakeReply, string][] = [
    ['a text', { text: '好的，已经为您备注。' }, 'ok'],
    ['empty content', { text: '' }, 'empty'],
    ['429', { status: 429 }, 'rate_limited'],
    ['500', { status: 500 }, 'http_error'],
    ['404', { status: 404 }, 'http_error'],
    ['a hang', { hang: true }, 'timeout'],
    ['a late answer', { text: '好的', delayMs: 800 }, 'timeout'],
  ];
  for (const stream of [false, true]) {
    for (const [what, reply, expected] of table) {
      it(`${stream ? 'streaming' : 'non-streaming'}: ${what} → ${expected}`, async () => {
        const result = await complete(reply, stream);
        expect(reason(result)).toBe(expected);
        if (result.ok) expect(result.text).toBe('好的，已经为您备注。');
        else expect(result.detail.length).toBeGreaterThan(0);
        expect(fake.requests).toHaveLength(1); // never retried by the SDK
      });
    }
  }

  it('sends the model, the messages and the API key', async () => {
    await complete({ text: '好的' }, false);
    expect(fake.requests[0]).toEqual({ authorization: 'Bearer test-key', model: 'fake-model', stream: false, messages });
  });

  it('reads a stream chunk by chunk, skipping chunks without choices', async () => {
    const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;
    const raw = `${chunk('好的，')}data: ${JSON.stringify({ choices: [], usage: { total_tokens: 3 } })}\n\n${chunk('已备注。')}data: [DONE]\n\n`;
    expect(await complete({ raw }, true)).toEqual({ ok: true, text: '好的，已备注。' });
  });

  it('calls a chunk with non-string content malformed', async () => {
    const raw = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 7 } }] })}\n\ndata: [DONE]\n\n`;
    expect(reason(await complete({ raw }, true))).toBe('malformed');
  });
});
