/** The clock and the network state the retry loop waits on; injectable, so tests wait on signals. */
export interface RetryEnvironment {
  /** Now, in ms since the epoch. */
  now(): number;
  /** A number in [0, 1), for the backoff's jitter. */
  random(): number;
  /** Resolves after `ms`; rejects with `signal.reason` when it aborts, leaving no timer behind. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** False only when the browser knows it is offline. */
  isOnline(): boolean;
  /** Resolves when the browser is back online; rejects with `signal.reason` when it aborts. */
  whenOnline(signal: AbortSignal): Promise<void>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function whenOnline(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    // No window (a worker, Node): nothing will ever say "online", so do not wait.
    if (typeof globalThis.addEventListener !== 'function') return resolve();
    const done = () => {
      globalThis.removeEventListener('online', onOnline);
      signal.removeEventListener('abort', onAbort);
    };
    const onOnline = () => {
      done();
      resolve();
    };
    const onAbort = () => {
      done();
      reject(signal.reason);
    };
    globalThis.addEventListener('online', onOnline);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock, `Math.random`, and `navigator.onLine` with the window's `online` event. */
export const REAL_ENVIRONMENT: RetryEnvironment = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep,
  isOnline: () => globalThis.navigator?.onLine !== false,
  whenOnline,
};
