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
  sources?: Source[];
  [key: string]: unknown;
}

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

export type Frame = StartFrame | ChunkFrame | MetadataFrame | CompleteFrame | ErrorFrame;
export type FrameType = Frame['type'];

/** Metadata as the host page sees it: the metadata frame without `type`. */
export type AnswerMetadata = Omit<MetadataFrame, 'type'>;

/** Error codes the client makes itself; servers may send any other code. */
export type ClientErrorCode = 'HTTP_ERROR' | 'BAD_CONTENT_TYPE' | 'NETWORK' | 'TIMEOUT' | 'INCOMPLETE';

/** Error codes the bundled server handler sends. */
export type ServerErrorCode = 'BAD_REQUEST' | 'TIMEOUT' | 'BACKEND_UNAVAILABLE' | 'SERVER_ERROR';

/** The default code of an `error` frame that names none. */
export const DEFAULT_SERVER_ERROR_CODE = 'SERVER_ERROR';

/** The media type of the stream, without parameters. */
export const EVENT_STREAM_MEDIA_TYPE = 'text/event-stream';

/** A plain object (not null, not an array): what JSON.parse gives for {…}. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
