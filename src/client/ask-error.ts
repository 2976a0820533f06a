import type { ClientErrorCode } from '../protocol.js';

/** An ask that failed: a client-made code or the code of a server `error` frame. */
export class AskStreamError extends Error {
  override readonly name = 'AskStreamError';

  readonly code: ClientErrorCode | (string & {});
  readonly retryable: boolean;

  constructor(
    code: ClientErrorCode | (string & {}),
    message: string,
    retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.retryable = retryable;
  }
}

/** 408 and 429 ask the client to come back later; 5xx may be transient. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
