import { HANDLER_DEFAULTS } from './defaults.js';
import { sameOriginTest, type SameOriginTest } from './request-origin.js';
import type { ResumeStore } from './resume-store.js';
import type { AllowOrigins, AskBackend, AskStreamHandlerOptions } from './types.js';

/** The handler's options with every default filled in, checked once at construction. */
export interface HandlerConfig {
  backend: AskBackend;
  timeoutMs: number;
  heartbeatMs: number;
  maxQueryLength: number;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  writeTimeoutMs: number;
  maxAnswerBytes: number;
  maxLineBytes: number;
  chunkSize: number;
  chunkDelayMs: number;
  allowOrigins: AllowOrigins;
  isSameOrigin: SameOriginTest;
  passMetadata: ReadonlySet<string>;
  resumeStore: ResumeStore | undefined;
  /** `onError`, made safe: a logger that throws must not take the stream down with it. */
  report: (error: unknown) => void;
}

/** Throws a TypeError naming the option for a missing backend or a malformed `publicOrigin`. */
export function resolveConfig(options: AskStreamHandlerOptions | undefined): HandlerConfig {
  if (typeof options?.backend !== 'function') {
    // No silent fallback: a server that quietly answered from the demo documents
    // in production would look healthy while answering nobody's questions.
    throw new TypeError(
      'createAskStreamHandler: the `backend` option is required, e.g. httpBackend(url) or openAICompatibleBackend({...}). ' +
        "To try the widget without one, import { demoBackend } from 'ask-stream/server/demo' and pass backend: demoBackend().",
    );
  }
  const backend = options.backend;
  const onError = options.onError ?? ((error: unknown) => console.error('[ask-stream]', error));
  return {
    backend,
    timeoutMs: options.timeoutMs ?? HANDLER_DEFAULTS.timeoutMs,
    heartbeatMs: options.heartbeatMs ?? HANDLER_DEFAULTS.heartbeatMs,
    maxQueryLength: options.maxQueryLength ?? HANDLER_DEFAULTS.maxQueryLength,
    maxBodyBytes: options.maxBodyBytes ?? HANDLER_DEFAULTS.maxBodyBytes,
    bodyTimeoutMs: options.bodyTimeoutMs ?? HANDLER_DEFAULTS.bodyTimeoutMs,
    writeTimeoutMs: options.writeTimeoutMs ?? HANDLER_DEFAULTS.writeTimeoutMs,
    maxAnswerBytes: options.maxAnswerBytes ?? HANDLER_DEFAULTS.maxAnswerBytes,
    maxLineBytes: options.maxLineBytes ?? HANDLER_DEFAULTS.maxLineBytes,
    chunkSize: options.chunkSize ?? HANDLER_DEFAULTS.chunkSize,
    chunkDelayMs: options.chunkDelayMs ?? HANDLER_DEFAULTS.chunkDelayMs,
    allowOrigins: options.allowOrigins ?? [],
    isSameOrigin: sameOriginTest(options.publicOrigin),
    passMetadata: new Set([...(options.passMetadata ?? []), ...(backend.passMetadata ?? [])]),
    resumeStore: options.resumeStore,
    report: (error) => {
      try {
        onError(error);
      } catch {
        /* ignored */
      }
    },
  };
}
