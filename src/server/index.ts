/**
 * `ask-stream/server`: the endpoint the `<ask-stream>` widget talks to.
 * Node ≥ 20 or any runtime with Web `fetch`; no DOM, no web framework, and
 * nothing from Node (no `node:*` module, no `Buffer` or `process`), so it
 * bundles for Cloudflare Workers, Deno, Bun and other edge runtimes as is.
 * Node's own servers use the adapter in `ask-stream/server/node`.
 */
export { createAskStreamHandler } from './handler.js';
export { HANDLER_DEFAULTS } from './defaults.js';
export { httpBackend, type HttpBackendOptions } from './backends/http.js';
export { openAICompatibleBackend, type OpenAICompatibleOptions } from './backends/openai-compatible.js';
export type { RetrievedSource } from './backends/sources-prompt.js';
export { UpstreamHttpError } from './backends/upstream-error.js';
export { chunkText } from './chunk-text.js';
export { memoryResumeStore, type MemoryResumeStore, type MemoryResumeStoreOptions } from './memory-resume-store.js';
export type { ResumeStore, StoredFrame, Claim } from './resume-store.js';
export { LimitExceededError } from './bounded-read.js';
export type {
  AllowOrigins,
  AnswerLimits,
  AskBackend,
  AskStreamHandler,
  AskStreamHandlerOptions,
  BackendAnswer,
  BackendContext,
  BackendMetadata,
  BackendResult,
  BackendStream,
} from './types.js';
export { HISTORY_LIMITS, type Frame, type HistoryEntry, type ServerErrorCode, type Source } from '../protocol.js';
export type { ServerErrorFrame } from './error-frames.js';
