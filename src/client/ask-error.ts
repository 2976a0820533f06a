import type { ClientErrorCode } from '../protocol.js';

/** An ask that failed: a client-made code or the code of a server `error` frame. */
export class AskStreamError extends Error {
  override readonly name = 'AskStreamError';

  readonly code: ClientErrorCode | (string & {});
  readonly retryable: boolean;
  /** The HTTP status, for `HTTP_ERROR`. */
  readonly status: number | undefined;
  /** The server's `Retry-After`, in ms from when it arrived, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ClientErrorCode | (string & {}),
    message: string,
    retryable: boolean,
    options?: { cause?: unknown; status?: number; retryAfterMs?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = retryable;
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** 408 and 429 ask the client to come back later; 5xx may be transient. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
