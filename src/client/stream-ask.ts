import { RESUME_UNAVAILABLE, type Frame } from '../protocol.js';
import { AskStreamError } from './ask-error.js';
import { newAskId } from './ask-id.js';
import { connect, type ConnectRequest } from './connect.js';
import { DEFAULT_RETRY_POLICY, mayRetry, retryDelay, type RetryPolicy } from './retry-policy.js';
import { REAL_ENVIRONMENT, type RetryEnvironment } from './wait.js';

export { DEFAULT_TIMEOUT } from './connect.js';

/** One retry about to happen. */
export interface RetryInfo {
  /** Which retry this is, from 1. */
  attempt: number;
  /** How long the client waits before it, in ms. */
  delayMs: number;
  /** The failure that caused it. */
  code: string;
}

/** One ask: where to send it and how. */
export interface AskRequest extends ConnectRequest {
  /** Aborting it ends the ask, during a wait between retries too: the generator then throws the signal's reason. */
  signal?: AbortSignal;
  /**
   * How many times a failed attempt is tried again (default 2; 0: never).
   * It counts failures in a row: a reconnect that brings new frames starts the count again.
   */
  retries?: number;
  /** The ask's id, sent as `Idempotency-Key` on every attempt. Default: a fresh `crypto.randomUUID()`. */
  idempotencyKey?: string;
  /** Resume an ask already under way (after a reload): the SSE id of the last frame received. */
  lastEventId?: string;
  /** Called before each retry, with the wait to come. */
  onRetry?(info: RetryInfo): void;
  /** Called when a retry waits for the browser to come back online (no attempt is spent on it). */
  onOffline?(): void;
  /** Called with the SSE id of each frame, before the frame is yielded: what a resume would send. */
  onEventId?(id: string): void;
  /** Replaces the clock, the random source or the network state (tests). */
  environment?: Partial<RetryEnvironment>;
  /** Replaces the backoff numbers (base 500 ms, cap 8 s, `Retry-After` capped at 60 s). */
  retryPolicy?: Partial<Omit<RetryPolicy, 'retries'>>;
}

/**
 * Performs one ask and yields the protocol frames as they arrive, once each. It
 * ends after a `complete` or `error` frame (both are yielded).
 *
 * A failure before the answer starts (`HTTP_ERROR` 408/429/5xx, `NETWORK`,
 * `TIMEOUT`, `INCOMPLETE`) is tried again up to `retries` times, with
 * exponential backoff and full jitter, honouring `Retry-After`; while the
 * browser is offline it waits for the `online` event instead. A lost connection
 * after text has arrived (`NETWORK`, `INCOMPLETE`) is resumed with
 * `Last-Event-ID`, with the same limits: the server sends only what follows.
 * Every attempt carries the same `Idempotency-Key`. What cannot be retried or
 * resumed is thrown as an {@link AskStreamError}, as the last attempt saw it.
 * Knows nothing of the DOM.
 */
export async function* streamAsk(request: AskRequest): AsyncGenerator<Frame, void, undefined> {
  request.signal?.throwIfAborted();
  const env: RetryEnvironment = { ...REAL_ENVIRONMENT, ...request.environment };
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...request.retryPolicy, retries: retriesOf(request.retries) };
  const signal = request.signal ?? new AbortController().signal;
  const idempotencyKey = request.idempotencyKey ?? newAskId();

  let lastEventId = request.lastEventId || undefined;
  // A resume after a reload: text may have arrived before it.
  let answerStarted = lastEventId !== undefined;
  let yielded = false;
  // False once a frame arrived that no SSE id tells apart: such a stream cannot be resumed.
  let identified = true;
  let failures = 0;
  // The failure that started a run of reconnects: what the ask ends with if the server cannot resume.
  let interruption: AskStreamError | undefined;

  for (;;) {
    const resuming = lastEventId !== undefined;
    let first = true;
    try {
      const target = { idempotencyKey, lastEventId, now: env.now, maxRetryAfterMs: policy.maxRetryAfterMs };
      for await (const { frame, id } of connect(request, target)) {
        const fresh = follows(id, lastEventId);
        if (resuming && first && (!fresh || isResumeRefusal(frame))) throw new ResumeRefused(unresumable(interruption));
        first = false;
        if (fresh) {
          lastEventId = id;
          request.onEventId?.(id);
        } else {
          identified = false;
        }
        failures = 0;
        interruption = undefined;
        if (frame.type === 'chunk') answerStarted = true;
        yielded = true;
        yield frame;
      }
      return;
    } catch (error) {
      if (error instanceof ResumeRefused) throw error.error;
      if (!(error instanceof AskStreamError)) throw error;
      const canContinue = !yielded || (identified && lastEventId !== undefined);
      if (policy.retries === 0 || !canContinue || !mayRetry(error, answerStarted)) throw error;
      interruption ??= error;
      if (!env.isOnline()) {
        // Attempts made offline would all fail: wait for the network, then try at once.
        request.onOffline?.();
        await env.whenOnline(signal);
        continue;
      }
      if (++failures > policy.retries) throw error;
      const delayMs = retryDelay(failures, error, env.random, policy);
      request.onRetry?.({ attempt: failures, delayMs, code: error.code });
      await env.sleep(delayMs, signal);
    }
  }
}

function retriesOf(value: number | undefined): number {
  if (value === undefined || Number.isNaN(value)) return DEFAULT_RETRY_POLICY.retries;
  return Math.max(0, Math.floor(value));
}

const isInteger = (id: string) => /^\d{1,15}$/.test(id);

/** Whether `id` names a frame after `previous`: set, different, and (for numbers) greater. */
function follows(id: string, previous: string | undefined): boolean {
  if (id === '' || id === previous) return false;
  if (previous !== undefined && isInteger(id) && isInteger(previous)) return Number(id) > Number(previous);
  return true;
}

function isResumeRefusal(frame: Frame): boolean {
  return frame.type === 'error' && frame.code === RESUME_UNAVAILABLE;
}

/** Thrown inside the loop so that its own catch passes the error on instead of retrying it. */
class ResumeRefused {
  readonly error: AskStreamError;
  constructor(error: AskStreamError) {
    this.error = error;
  }
}

/** Ends the ask as the interruption would have, saying that resuming failed. */
function unresumable(interruption: AskStreamError | undefined): AskStreamError {
  const original = interruption ?? new AskStreamError('INCOMPLETE', 'The answer was interrupted.', true);
  return new AskStreamError(
    original.code,
    `${original.message} The server could not resume the answer.`,
    original.retryable,
    { cause: original },
  );
}
