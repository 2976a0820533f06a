// The public API without registering <ask-stream>: import from `ask-stream/element`
// to register the class under a tag name of your own (defineAskStream(name)).
export { AskStreamElement, type AskStreamTheme, type AskStreamMode } from './element/ask-stream.js';
export {
  AskStreamStartEvent,
  AskStreamChunkEvent,
  AskStreamMetadataEvent,
  AskStreamCompleteEvent,
  AskStreamErrorEvent,
  AskStreamCancelEvent,
  AskStreamRetryingEvent,
  AskStreamFeedbackEvent,
  AskStreamOpenEvent,
  AskStreamCloseEvent,
  type AskStreamEventMap,
  type FeedbackDetail,
  type ToggleDetail,
} from './element/events.js';
export { DEFAULT_STRINGS, type AskStreamStrings } from './element/strings.js';
export { defineAskStream } from './element/define.js';
export { AskStreamController, type AskStreamControllerOptions } from './controller/ask-stream-controller.js';
export type * from './controller/types.js';
export { streamAsk, AskStreamError, DEFAULT_TIMEOUT, type AskRequest, type RetryInfo } from './client/index.js';
export { PERSIST_MAX_CHARS, type PersistMode } from './element/transcript-persistence.js';
export { parseEventStream, type SseEvent } from './sse/index.js';
export type { Highlighter, HighlightToken } from './render/render-context.js';
export type * from './protocol.js';
