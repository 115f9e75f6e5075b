import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError, RateLimitError } from 'openai';
import { z } from 'zod';
import type { LlmConfig } from './config.ts';
import type { ChatMessage } from './prompt.ts';

/**
 * One chat completion against any OpenAI-compatible endpoint, streamed or not, with every way it
 * can fail mapped to one reason. A single deadline (the configured timeout) covers the whole
 * answer, stream included: the SDK's own timeout stops waiting once the headers arrive.
 */

export const TransportFailureSchema = z.enum(['timeout', 'rate_limited', 'http_error', 'malformed', 'empty']);
export type TransportFailure = z.infer<typeof TransportFailureSchema>;

export type CompletionResult = { ok: true; text: string } | { ok: false; reason: TransportFailure; detail: string };

export interface ChatClient {
  complete(messages: readonly ChatMessage[]): Promise<CompletionResult>;
}

// What a completion must look like; anything else is `malformed`, a null or blank content `empty`.
const CompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
});
const ChunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullable().optional() }).optional() })),
});

class MalformedResponse extends Error {}
class DeadlineExceeded extends Error {}

function failure(reason: TransportFailure, detail: string): CompletionResult {
  return { ok: false, reason, detail };
}

function classify(error: unknown, timedOut: boolean): CompletionResult {
  const detail = error instanceof Error ? error.message : String(error);
  if (timedOut || error instanceof DeadlineExceeded || error instanceof APIConnectionTimeoutError) return failure('timeout', detail);
  if (error instanceof RateLimitError) return failure('rate_limited', detail);
  if (error instanceof MalformedResponse || error instanceof SyntaxError) return failure('malformed', detail);
  // A status error (4xx/5xx) or no connection at all.
  if (error instanceof APIError) return failure('http_error', detail);
  if (error instanceof APIUserAbortError) return failure('timeout', detail);
  return failure('http_error', detail);
}

function textOf(content: string | null | undefined): CompletionResult {
  const text = content?.trim() ?? '';
  return text === '' ? failure('empty', 'the model returned no content') : { ok: true, text };
}

function parsed<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new MalformedResponse(`unexpected response shape: ${result.error.issues[0]?.message ?? ''}`);
  return result.data;
}

export function createChatClient(config: LlmConfig): ChatClient {
  // No SDK retries (the rephraser decides about retrying) and no SDK logging: every failure is
  // returned as a reason for the caller's metrics instead of printed.
  const openai = new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, timeout: config.timeoutMs, maxRetries: 0, logLevel: 'off' });

  async function completeOnce(messages: ChatMessage[], signal: AbortSignal): Promise<CompletionResult> {
    if (!config.stream) {
      const body: unknown = await openai.chat.completions.create({ model: config.model, messages, stream: false }, { signal });
      return textOf(parsed(CompletionSchema, body).choices[0]!.message.content);
    }
    const stream = await openai.chat.completions.create({ model: config.model, messages, stream: true }, { signal });
    let text = '';
    for await (const chunk of stream) {
      const { choices } = parsed(ChunkSchema, chunk as unknown);
      text += choices[0]?.delta?.content ?? '';
    }
    // The SDK ends an aborted stream quietly, as if the answer were complete: it is not.
    if (signal.aborted) throw new DeadlineExceeded('the stream was cut off at the deadline');
    return textOf(text);
  }

  return {
    async complete(messages) {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, config.timeoutMs);
      try {
        return await completeOnce([...messages], controller.signal);
      } catch (error) {
        return classify(error, timedOut);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
