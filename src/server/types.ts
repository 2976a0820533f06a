import type { MetadataFrame, Source } from '../protocol.js';

/** What the handler hands a backend beside the query. */
export interface BackendContext {
  /**
   * Aborted when the client goes away, when `timeoutMs` elapses, or when the
   * answer is complete. Pass it to every `fetch` and timer the backend starts.
   */
  signal: AbortSignal;
  /** The incoming request. Its body has already been read: use `body`. */
  request: Request;
  /** The parsed JSON body (`query` plus whatever extra fields the widget sent). */
  body: Record<string, unknown>;
}

/** Metadata a backend may report: shown under the answer by the widget. */
export type BackendMetadata = Omit<MetadataFrame, 'type'> & {
  confidence?: number;
  sources?: Source[];
};

/**
 * A whole answer at once. The handler splits `response` into chunks on word
 * boundaries; every other field becomes the `metadata` frame.
 */
export interface BackendAnswer extends BackendMetadata {
  response: string;
}

/**
 * True token streaming: text pieces sent as they come. A non-string item is
 * metadata; it is merged and sent once, after the text.
 */
export type BackendStream = AsyncIterable<string | BackendMetadata>;

/** Everything a backend may give back. */
export type BackendResult = BackendAnswer | BackendStream;

/** The one thing the handler needs: turns a question into an answer. */
export type AskBackend = (query: string, context: BackendContext) => BackendResult | Promise<BackendResult>;

/** Who may call the endpoint from another origin. */
export type AllowOrigins = readonly string[] | ((origin: string) => boolean);

/** Options of {@link createAskStreamHandler}. */
export interface AskStreamHandlerOptions {
  /**
   * Answers the questions. Required: `httpBackend(url)`, `openAICompatibleBackend({...})`,
   * your own function, or `demoBackend()` from `ask-stream/server/demo` to try the widget.
   */
  backend: AskBackend;
  /** Longest time, in ms, the whole backend call (streaming included) may take. Default 30000; 0 disables. */
  timeoutMs?: number;
  /** A `: ping` comment after this many ms without output. Default 15000; 0 disables. */
  heartbeatMs?: number;
  /** Longest accepted query, in characters (code points). Default 4000. */
  maxQueryLength?: number;
  /**
   * Largest accepted request body, in bytes. Default 65536 (64 KiB): room for
   * a longest query of 4-byte characters plus the widget's extra `body` fields.
   */
  maxBodyBytes?: number;
  /** Target chunk length, in characters, when a backend gives a whole answer. Default 100. */
  chunkSize?: number;
  /** Pause, in ms, between the chunks of a whole answer. Default 0. */
  chunkDelayMs?: number;
  /**
   * Cross-origin callers allowed besides same-origin ones: exact origins
   * (`'https://example.com'`, `'*'` for any), or a predicate. Default: none.
   */
  allowOrigins?: AllowOrigins;
  /**
   * Receives internal errors for logging (backend failures, and timeouts as a
   * `TimeoutError`); the client only ever sees a generic message. Never called
   * for a client disconnect. Default: `console.error`.
   */
  onError?: (error: unknown) => void;
}

/** The handler: Web-standard, so it mounts in any runtime with `fetch`. */
export type AskStreamHandler = (request: Request) => Promise<Response>;
