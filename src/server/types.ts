import type { HistoryEntry, MetadataFrame, Source } from '../protocol.js';
import type { ResumeStore } from './resume-store.js';

/** The bounds on what an upstream service may send, as the handler passes them to its backend. */
export interface AnswerLimits {
  /** Most bytes of one answer (a JSON body, or the text of a stream). */
  maxAnswerBytes: number;
  /** Longest line of an upstream event stream. */
  maxLineBytes: number;
}

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
  /**
   * The earlier exchanges of the conversation, oldest first, as the widget
   * sent them (its `history` attribute; checked: at most 20, at most 16 KiB
   * of JSON). Always set by the handler, `[]` when the widget sent none; the
   * built-in backends send them upstream.
   */
  history?: readonly HistoryEntry[];
  /**
   * The handler's `maxAnswerBytes` and `maxLineBytes`: a backend that reads an
   * upstream body should hold no more than these. The built-in backends do;
   * absent when a backend is called outside the handler.
   */
  limits?: AnswerLimits;
}

/** Metadata a backend may report: shown under the answer by the widget. */
// (Omit over MetadataFrame's index signature drops its named fields: they are restated.)
export type BackendMetadata = Omit<MetadataFrame, 'type'> & {
  confidence?: number;
  sources?: Source[];
  /** Follow-up questions the widget offers under the answer. */
  suggestions?: string[];
};

/**
 * A whole answer at once. The handler splits `response` into chunks on word
 * boundaries; `confidence` and `sources` (and the fields `passMetadata`
 * allows) become the `metadata` frame.
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
export interface AskBackend {
  (query: string, context: BackendContext): BackendResult | Promise<BackendResult>;
  /**
   * Metadata fields beyond the protocol's that this backend means to pass to
   * the browser (as `httpBackend(url, {passMetadata})` sets it); the handler
   * adds them to its own `passMetadata`.
   */
  readonly passMetadata?: readonly string[];
}

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
   * a longest query of 4-byte characters, a full `history` (16 KiB) and the
   * widget's extra `body` fields.
   */
  maxBodyBytes?: number;
  /**
   * Longest time, in ms, to receive the whole request body; a slower client
   * gets `408` and the connection is closed. Default 10000; 0 disables.
   */
  bodyTimeoutMs?: number;
  /**
   * Longest time, in ms, the stream may wait on a client that does not read
   * (its buffers full): it is then dropped, and the backend's signal aborts.
   * Default 30000; 0 disables.
   */
  writeTimeoutMs?: number;
  /**
   * Most bytes of one answer: the UTF-8 text the handler sends, and what the
   * built-in backends read from upstream (a JSON body, one event of a stream).
   * Past it the ask ends with `BACKEND_UNAVAILABLE` and the reason goes to
   * `onError`. Default 8388608 (8 MiB).
   */
  maxAnswerBytes?: number;
  /**
   * Longest line the built-in streaming backends accept from an upstream
   * event stream, in bytes; past it the ask ends with `BACKEND_UNAVAILABLE`.
   * Default 1048576 (1 MiB).
   */
  maxLineBytes?: number;
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
   * Keeps each answer (by the widget's `Idempotency-Key`) so that a retry, a
   * duplicate or a resume (`Last-Event-ID`) of it is answered from what was
   * produced, without calling the backend again: `memoryResumeStore()` on one
   * instance, `redisResumeStore()` (from `ask-stream/server/redis`) across
   * several. With a store the backend runs to the end of the answer (or
   * `timeoutMs`) even when the client leaves. Default: none (a resume gets a
   * `RESUME_UNAVAILABLE` error frame).
   */
  resumeStore?: ResumeStore;
  /**
   * The origin visitors' pages use to reach this endpoint, e.g.
   * `'https://www.example.com'`: an `Origin` equal to it is same-origin.
   * Set it behind a proxy that rewrites `Host`. Default: the request's `Host`
   * header (never anything taken from the request path).
   */
  publicOrigin?: string;
  /**
   * Metadata fields that may reach the browser beyond the protocol's own
   * (`confidence`; `sources` with `title`, `url`, `snippet`; `suggestions`): top-level fields
   * of the metadata and fields of each source. Default: none.
   */
  passMetadata?: readonly string[];
  /**
   * Receives internal errors for logging (backend failures, such as an
   * upstream's HTTP error as an `UpstreamHttpError` with the first 500 bytes
   * of its body; limits passed; and timeouts as a `TimeoutError`); the client
   * only ever sees a generic message. Never called for a client disconnect.
   * Default: `console.error`.
   */
  onError?: (error: unknown) => void;
}

/**
 * The handler: Web-standard, so it mounts in any runtime with `fetch`. It
 * also carries what the Node adapter must know before a `Request` can exist.
 */
export interface AskStreamHandler {
  (request: Request): Promise<Response>;
  /** The methods it answers (`POST, OPTIONS`): the Node adapter's `Allow` for methods `Request` cannot carry (TRACE). */
  readonly allow: string;
  /** Its `writeTimeoutMs`: the Node adapter drops a socket that stops draining after this long. */
  readonly writeTimeoutMs: number;
}
