import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM_TIMEOUT_MS, loadLlmConfig, LlmConfigError, NO_API_KEY } from './config.ts';

const base = { OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', KEFU_LLM_MODEL: 'qwen2.5-7b-instruct' };

describe('loadLlmConfig', () => {
  it('is off without an endpoint or a model', () => {
    expect(loadLlmConfig({})).toBeUndefined();
    expect(loadLlmConfig({ OPENAI_BASE_URL: base.OPENAI_BASE_URL })).toBeUndefined();
    expect(loadLlmConfig({ KEFU_LLM_MODEL: 'm', OPENAI_API_KEY: 'k' })).toBeUndefined();
    expect(loadLlmConfig({ OPENAI_BASE_URL: '  ', KEFU_LLM_MODEL: 'm' })).toBeUndefined();
  });

  it('reads every variable, with defaults', () => {
    expect(loadLlmConfig(base)).toEqual({ ...{ baseURL: base.OPENAI_BASE_URL, model: base.KEFU_LLM_MODEL }, apiKey: NO_API_KEY, timeoutMs: DEFAULT_LLM_TIMEOUT_MS, stream: false });
    expect(loadLlmConfig({ ...base, OPENAI_API_KEY: 'sk-1', KEFU_LLM_TIMEOUT_MS: '1500', KEFU_LLM_STREAM: '1' })).toMatchObject({ apiKey: 'sk-1', timeoutMs: 1500, stream: true });
  });

  const invalid: [Record<string, string>, string][] = [
    [{ KEFU_LLM_TIMEOUT_MS: 'abc' }, 'KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒），当前值为“abc”'],
    [{ KEFU_LLM_TIMEOUT_MS: '-5' }, 'KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒）'],
    [{ KEFU_LLM_TIMEOUT_MS: '0' }, 'KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒）'],
    [{ KEFU_LLM_TIMEOUT_MS: '1e3' }, 'KEFU_LLM_TIMEOUT_MS 必须是正整数（毫秒）'],
    [{ KEFU_LLM_TIMEOUT_MS: '9999999' }, 'KEFU_LLM_TIMEOUT_MS 不能超过 600000'],
    [{ OPENAI_BASE_URL: 'not a url' }, 'OPENAI_BASE_URL 必须是 http:// 或 https:// 开头的地址'],
    [{ OPENAI_BASE_URL: 'ftp://example.com/v1' }, 'OPENAI_BASE_URL 必须是 http:// 或 https:// 开头的地址'],
    [{ KEFU_LLM_STREAM: 'yes' }, 'KEFU_LLM_STREAM 只能是 1 或 0'],
  ];
  for (const [env, message] of invalid) {
    it(`rejects ${JSON.stringify(env)} with a Chinese message`, () => {
      expect(() => loadLlmConfig({ ...base, ...env })).toThrow(LlmConfigError);
      expect(() => loadLlmConfig({ ...base, ...env })).toThrow(message);
    });
  }
});
