import type { ClientErrorCode } from '../protocol.js';

/** An ask that failed: a client-made code or the code of a server `error` frame. */
export class AskStreamError extends Error {
  override readonly name = 'AskStreamError';

  constructor(
    readonly code: ClientErrorCode | (string & {}),
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 408 and 429 ask the client to come back later; 5xx may be transient. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
