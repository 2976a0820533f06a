/** Half a minute: how long a backend may take, and how long a client may stop reading. */
const THIRTY_SECONDS = 30_000;

/**
 * The option defaults of `createAskStreamHandler`, in one place: the handler,
 * the Node adapter and the built-in backends read them from here, and the
 * docs list the same figures.
 */
export const HANDLER_DEFAULTS = Object.freeze({
  timeoutMs: THIRTY_SECONDS,
  heartbeatMs: 15_000,
  maxQueryLength: 4_000,
  maxBodyBytes: 64 * 1024,
  bodyTimeoutMs: 10_000,
  writeTimeoutMs: THIRTY_SECONDS,
  maxAnswerBytes: 8 * 1024 * 1024,
  maxLineBytes: 1024 * 1024,
  chunkSize: 100,
  chunkDelayMs: 0,
});
