import { z } from 'zod';

/**
 * Settings of the optional LLM rephraser, from the environment. The rephraser is off unless
 * both an endpoint and a model are named: a shop that sets neither never talks to a model.
 */
export const LlmConfigSchema = z.object({
  /** Any OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1. */
  baseURL: z.url({ protocol: /^https?$/, error: 'OPENAI_BASE_URL 必须是 http:// 或 https:// 开头的地址' }),
  apiKey: z.string().min(1),
  model: z.string().min(1, 'KEFU_LLM_MODEL 不能为空'),
  /** Per attempt; a rephrasing may take two attempts. */
  timeoutMs: z
    .number({ error: 'KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒）' })
    .int('KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒）')
    .positive('KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒）')
    .max(600_000, 'KEFU_LLM_TIMEOUT_MS 不能超过 600000（10 分钟）'),
  stream: z.boolean(),
});
export type LlmConfig = z.infer<typeof LlmConfigSchema>;

export const DEFAULT_LLM_TIMEOUT_MS = 8000;

/**
 * Local OpenAI-compatible servers (vLLM, Ollama, llama.cpp) ignore the key, but the SDK refuses
 * to start without one; this value makes that explicit rather than failing on a missing key.
 */
export const NO_API_KEY = 'no-key';

export class LlmConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LlmConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LLM_TIMEOUT_MS;
  // Number('') is 0 and Number('1e3') is 1000: only plain digits are a millisecond count.
  if (!/^\d+$/.test(raw)) throw new LlmConfigError(`KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒），当前值为“${raw}”`);
  return Number(raw);
}

function parseStream(raw: string | undefined): boolean {
  if (raw === undefined || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new LlmConfigError(`KEFU_LLM_STREAM 只能是 1 或 0，当前值为“${raw}”`);
}

/**
 * The rephraser's settings, or undefined when it is off (OPENAI_BASE_URL or KEFU_LLM_MODEL unset).
 * Throws LlmConfigError with a Chinese message for a value that is set but invalid.
 */
export function loadLlmConfig(env: Env): LlmConfig | undefined {
  const baseURL = present(env.OPENAI_BASE_URL);
  const model = present(env.KEFU_LLM_MODEL);
  if (baseURL === undefined || model === undefined) return undefined;
  const parsed = LlmConfigSchema.safeParse({
    baseURL,
    model,
    apiKey: present(env.OPENAI_API_KEY) ?? NO_API_KEY,
    timeoutMs: parseTimeout(present(env.KEFU_LLM_TIMEOUT_MS)),
    stream: parseStream(present(env.KEFU_LLM_STREAM)),
  });
  if (!parsed.success) throw new LlmConfigError(parsed.error.issues.map((i) => i.message).join('；'));
  return parsed.data;
}
