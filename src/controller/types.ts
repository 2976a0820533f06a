import type { AnswerMetadata } from '../protocol.js';

/** Where the latest ask stands. */
export type AskStatus = 'idle' | 'streaming' | 'complete' | 'error' | 'cancelled';

/** Why an ask failed. */
export interface AskError {
  code: string;
  message: string;
  retryable: boolean;
}

/** One question and its answer, as the transcript keeps it. */
export interface Exchange {
  /** Unique per controller: a stable key for rendering. */
  readonly id: number;
  readonly query: string;
  /** The answer so far, exactly as the chunks sent it. */
  readonly response: string;
  readonly metadata: AnswerMetadata | null;
  readonly error: AskError | null;
  readonly status: Exclude<AskStatus, 'idle'>;
}

export interface StartDetail {
  query: string;
}
export interface ChunkDetail {
  content: string;
  index?: number;
  total?: number;
}
export interface CompleteDetail {
  query: string;
  response: string;
  metadata: AnswerMetadata | null;
}
export interface ErrorDetail extends AskError {
  query: string;
  response: string;
}
export interface RetryingDetail {
  query: string;
  /** Which retry this is, from 1. */
  attempt: number;
  /** The wait before it, in ms. */
  delayMs: number;
  /** The failure that caused it (`HTTP_ERROR`, `NETWORK`, `TIMEOUT`, `INCOMPLETE`). */
  code: string;
}
export interface CancelDetail {
  query: string;
  response: string;
}

/**
 * What the controller reports as an ask goes. Every ask calls `onStart` once
 * and then exactly one of `onComplete`, `onError`, `onCancel`.
 */
export interface AskCallbacks {
  onStart?(detail: StartDetail): void;
  onChunk?(detail: ChunkDetail): void;
  onMetadata?(metadata: AnswerMetadata): void;
  onComplete?(detail: CompleteDetail): void;
  onError?(detail: ErrorDetail): void;
  onCancel?(detail: CancelDetail): void;
  /** A failed attempt is about to be tried again; never a terminal call. */
  onRetrying?(detail: RetryingDetail): void;
}

/** Where an ask in flight stands on the wire: enough to resume it from another page load. */
export interface PendingAsk {
  /** Sent as `Idempotency-Key`. */
  idempotencyKey: string;
  /** The SSE id of the last frame received, if any. */
  lastEventId?: string;
}

/** One exchange as it is saved and restored. */
export type ExchangeSnapshot = Omit<Exchange, 'id'>;
