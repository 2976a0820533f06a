/**
 * The wire protocol between an ask-stream server and the widget: one JSON
 * object per SSE `data:` block. This module is the only thing the client and
 * the server share, so it holds types and tiny pure helpers, nothing that
 * touches the DOM or Node.
 */

/**
 * A cited source: a bare string (a URL or a title), or a title and/or URL,
 * with an optional `snippet` of the passage the answer drew on.
 */
export type Source = string | { title?: string; url?: string; snippet?: string };

export interface StartFrame {
  type: 'start';
  query: string;
  timestamp: number | string;
}

export interface ChunkFrame {
  type: 'chunk';
  content: string;
  index?: number;
  total?: number;
}

export interface MetadataFrame {
  type: 'metadata';
  confidence?: number;
  /** Cited sources; a citation `[n]` in the answer refers to the n-th (1-based). */
  sources?: Source[];
  /** Follow-up questions to offer under the answer. */
  suggestions?: string[];
  [key: string]: unknown;
}

/**
 * The last frame of an answer. A frame of type `done` (the other spelling of the
 * same SSE pattern) is accepted by the client as an alias and read as `complete`.
 */
export interface CompleteFrame {
  type: 'complete';
  success: boolean;
}

export interface ErrorFrame {
  type: 'error';
  message: string;
  code?: string;
  retryable?: boolean;
}

/**
 * One earlier exchange of the conversation, as the widget sends it in the
 * request body's `history` (oldest first) when its `history` attribute asks
 * for context: the question and the answer's Markdown.
 */
export interface HistoryEntry {
  query: string;
  response: string;
}

/**
 * The bounds on a request's `history`: the widget sends no more, and the
 * handler refuses more (`BAD_REQUEST`). The bytes are those of the history's
 * JSON (`JSON.stringify(history)`) in UTF-8.
 */
export const HISTORY_LIMITS = {
  /** Most exchanges. */
  maxEntries: 20,
  /** Most bytes of the whole history's JSON. */
  maxBytes: 16 * 1024,
} as const;

export type Frame = StartFrame | ChunkFrame | MetadataFrame | CompleteFrame | ErrorFrame;
export type FrameType = Frame['type'];

/** Metadata as the host page sees it: the metadata frame without `type`. */
export type AnswerMetadata = Omit<MetadataFrame, 'type'>;

/** Error codes the client makes itself; servers may send any other code. */
export type ClientErrorCode = 'HTTP_ERROR' | 'BAD_CONTENT_TYPE' | 'NETWORK' | 'TIMEOUT' | 'INCOMPLETE';

/**
 * Error codes the bundled server handler sends. `RESUME_UNAVAILABLE`: a request
 * to resume an ask (`Last-Event-ID`) that the server cannot serve, because it has
 * no resume store or the store no longer holds that ask.
 */
export type ServerErrorCode = 'BAD_REQUEST' | 'TIMEOUT' | 'BACKEND_UNAVAILABLE' | 'SERVER_ERROR' | 'RESUME_UNAVAILABLE';

/** The code of the error frame that refuses a resume; the client then ends the ask as it would have. */
export const RESUME_UNAVAILABLE = 'RESUME_UNAVAILABLE';

/**
 * The request header naming an ask: the same value on every retry and resume of
 * it, so a server can answer them from what it already produced.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The request header of a resume: the SSE `id` of the last frame the client has. */
export const LAST_EVENT_ID_HEADER = 'Last-Event-ID';

/** The default code of an `error` frame that names none. */
export const DEFAULT_SERVER_ERROR_CODE = 'SERVER_ERROR';

/** The media type of the stream, without parameters. */
export const EVENT_STREAM_MEDIA_TYPE = 'text/event-stream';

/** A plain JSON object (not null, not an array): what a frame or an answer must be before its fields are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
