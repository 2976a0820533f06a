/**
 * When and how long to wait before trying an ask again. Pure: no timers, no
 * I/O; the clock and the random source come from the caller, so tests can
 * step through a whole retry sequence without waiting.
 */

/** The numbers of the retry policy. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  retries: number;
  /** The first backoff ceiling, in ms; it doubles with each retry. */
  baseMs: number;
  /** The highest backoff ceiling, in ms. */
  capMs: number;
  /** The longest `Retry-After` honoured, in ms: a server cannot park a visitor for longer. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retries: 2,
  baseMs: 500,
  capMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/**
 * Exponential backoff with full jitter (a uniform wait between 0 and the
 * ceiling): retrying clients spread out instead of coming back together.
 * `retry` counts from 1; `random` returns a number in [0, 1).
 */
export function backoffDelay(retry: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}

/**
 * A `Retry-After` header in ms from `now`: delta-seconds (`120`) or an HTTP
 * date, never negative, at most `maxMs`. Anything else: undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: number, maxMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  // An HTTP date starts with a day name in all three of its forms; Date.parse alone would take "-5".
  else if (/^[A-Za-z]/.test(text)) {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  } else return undefined;
  return Math.min(Math.max(ms, 0), maxMs);
}

/** What a failed attempt looked like, as far as the policy cares. */
export interface Failure {
  /** The client error code (`HTTP_ERROR`, `NETWORK`, `TIMEOUT`, `INCOMPLETE`, …). */
  code: string;
  /** Whether the error itself says a later try may work (for HTTP: 408, 429, 5xx). */
  retryable: boolean;
  /** The server's `Retry-After`, in ms, when it sent one. */
  retryAfterMs?: number;
}

/**
 * Whether a failure may be tried again. Before the answer starts, a retryable
 * HTTP status, a network failure, a timeout or a stream that ended early; once
 * text has arrived, only a lost connection or an early end (the stream is then
 * resumed, never restarted). `TIMEOUT` mid-answer means the server went silent,
 * which a reconnect would not cure.
 */
export function mayRetry(failure: Failure, answerStarted: boolean): boolean {
  switch (failure.code) {
    case 'NETWORK':
    case 'INCOMPLETE':
      return true;
    case 'HTTP_ERROR':
      return failure.retryable;
    case 'TIMEOUT':
      return !answerStarted;
    default:
      return false;
  }
}

/** The wait before retry number `retry` (from 1): the server's `Retry-After` when it sent one, else the backoff. */
export function retryDelay(
  retry: number,
  failure: Failure,
  random: () => number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number {
  if (failure.retryAfterMs !== undefined) return Math.min(failure.retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(retry, random, policy);
}
