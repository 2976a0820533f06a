import type { ErrorFrame, ServerErrorCode } from '../protocol.js';

/** An `error` frame as this server sends it: always one of its own codes. */
export interface ServerErrorFrame extends ErrorFrame {
  code: ServerErrorCode;
  retryable: boolean;
}

/** Builds every error frame the handler sends, so each one carries a {@link ServerErrorCode}. */
export function errorFrame(code: ServerErrorCode, message: string, retryable: boolean): ServerErrorFrame {
  return { type: 'error', code, message, retryable };
}

/** The backend took longer than `timeoutMs`. */
export const TIMEOUT_FRAME: ServerErrorFrame = errorFrame('TIMEOUT', 'Request timed out', true);

/** The backend failed or went past a bound; the real reason goes to `onError`, never to the client. */
export const UNAVAILABLE_FRAME: ServerErrorFrame = errorFrame(
  'BACKEND_UNAVAILABLE',
  'Service temporarily unavailable',
  true,
);

/**
 * The backend failed in a way asking again cannot help (its error says
 * `retryable: false`, as an upstream's 4xx other than 408 and 429 does): the
 * widget offers no retry. The reason goes to `onError` only.
 */
export const FINAL_UNAVAILABLE_FRAME: ServerErrorFrame = errorFrame(
  'BACKEND_UNAVAILABLE',
  'Service unavailable',
  false,
);

/** Whether a backend's error says that asking again cannot help: it carries `retryable: false`. */
export function isFinalFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false;
}
