export { streamAsk, DEFAULT_TIMEOUT, type AskRequest } from './stream-ask.js';
export { AskStreamError, isRetryableStatus } from './ask-error.js';
export { decodeFrame } from './decode-frame.js';
