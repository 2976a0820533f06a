export { streamAsk, DEFAULT_TIMEOUT, type AskRequest, type RetryInfo } from './stream-ask.js';
export { AskStreamError, isRetryableStatus } from './ask-error.js';
export { decodeFrame } from './decode-frame.js';
export {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  parseRetryAfter,
  mayRetry,
  retryDelay,
  type RetryPolicy,
  type Failure,
} from './retry-policy.js';
export { REAL_ENVIRONMENT, type RetryEnvironment } from './wait.js';
export { newAskId } from './ask-id.js';
