/**
 * `ask-stream/server`: the endpoint the `<ask-stream>` widget talks to.
 * Node ≥ 20 or any runtime with Web `fetch`; no DOM, no web framework.
 */
export { createAskStreamHandler, HANDLER_DEFAULTS } from './handler.js';
export { toNodeHandler, type NodeHandler } from './node-adapter.js';
export { httpBackend, type HttpBackendOptions } from './backends/http.js';
export { openAICompatibleBackend, type OpenAICompatibleOptions } from './backends/openai-compatible.js';
export { demoBackend, type DemoBackendOptions } from './backends/demo.js';
export { DEMO_DOCUMENTS, type DemoDocument } from './backends/demo-documents.js';
export { chunkText } from './chunk-text.js';
export { memoryResumeStore, type MemoryResumeStore, type MemoryResumeStoreOptions } from './memory-resume-store.js';
export type { ResumeStore, StoredFrame, Claim } from './resume-store.js';
export type {
  AllowOrigins,
  AskBackend,
  AskStreamHandler,
  AskStreamHandlerOptions,
  BackendAnswer,
  BackendContext,
  BackendMetadata,
  BackendResult,
  BackendStream,
} from './types.js';
export type { Frame, Source } from '../protocol.js';
