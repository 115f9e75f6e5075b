// Public API of the optional LLM rephraser (see the gate described in rephraser.ts).
export { DEFAULT_LLM_TIMEOUT_MS, LlmConfigError, LlmConfigSchema, loadLlmConfig, type LlmConfig } from './config.ts';
export { createChatClient, TransportFailureSchema, type ChatClient, type CompletionResult, type TransportFailure } from './client.ts';
export { compareFacts, extractFacts, type Fact, type FactKind, type FactOptions, type FactProblem, type FactProblemCode } from './facts.ts';
export { createMasker, type KnownValues, type Masker } from './mask.ts';
export { buildMessages, buildRetryMessages, type ChatMessage, type PromptInput } from './prompt.ts';
export {
  createRephraser,
  FallbackReasonSchema,
  gateCandidate,
  lengthBounds,
  RephraseInputSchema,
  type FallbackReason,
  type GateFailure,
  type GateResult,
  type LintGate,
  type RephraseInput,
  type RephraseResult,
  type Rephraser,
} from './rephraser.ts';
