import type { AnswerMetadata } from '../protocol.js';
import type {
  CancelDetail,
  ChunkDetail,
  CompleteDetail,
  ErrorDetail,
  RetryingDetail,
  StartDetail,
} from '../controller/types.js';

// Every event bubbles and is composed, so a host page can listen on any ancestor,
// through any shadow roots the widget sits in.
const init = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true });

/** An ask begins, before the request is sent. */
export class AskStreamStartEvent extends CustomEvent<StartDetail> {
  static readonly eventName = 'ask-stream-start';
  constructor(detail: StartDetail) {
    super(AskStreamStartEvent.eventName, init(detail));
  }
}

/** A piece of the answer arrived; `index`/`total` are there when the server sent them. */
export class AskStreamChunkEvent extends CustomEvent<ChunkDetail> {
  static readonly eventName = 'ask-stream-chunk';
  constructor(detail: ChunkDetail) {
    super(AskStreamChunkEvent.eventName, init(detail));
  }
}

/** A metadata frame arrived; the detail is the frame without `type`. */
export class AskStreamMetadataEvent extends CustomEvent<AnswerMetadata> {
  static readonly eventName = 'ask-stream-metadata';
  constructor(detail: AnswerMetadata) {
    super(AskStreamMetadataEvent.eventName, init(detail));
  }
}

/** The ask ended with a `complete` frame. */
export class AskStreamCompleteEvent extends CustomEvent<CompleteDetail> {
  static readonly eventName = 'ask-stream-complete';
  constructor(detail: CompleteDetail) {
    super(AskStreamCompleteEvent.eventName, init(detail));
  }
}

/** The ask failed; `response` keeps whatever arrived before. */
export class AskStreamErrorEvent extends CustomEvent<ErrorDetail> {
  static readonly eventName = 'ask-stream-error';
  constructor(detail: ErrorDetail) {
    super(AskStreamErrorEvent.eventName, init(detail));
  }
}

/** The ask was cancelled, by `cancel()`, the user, or a newer ask. */
export class AskStreamCancelEvent extends CustomEvent<CancelDetail> {
  static readonly eventName = 'ask-stream-cancel';
  constructor(detail: CancelDetail) {
    super(AskStreamCancelEvent.eventName, init(detail));
  }
}

/**
 * A failed attempt (before the answer started, or a lost connection mid-answer)
 * is about to be tried again after `delayMs`. Not a terminal event: the ask
 * still ends with exactly one of complete, error or cancel.
 */
export class AskStreamRetryingEvent extends CustomEvent<RetryingDetail> {
  static readonly eventName = 'ask-stream-retrying';
  constructor(detail: RetryingDetail) {
    super(AskStreamRetryingEvent.eventName, init(detail));
  }
}

/** A rating of one answer, as `ask-stream-feedback` reports it and `feedback-endpoint` receives it. */
export interface FeedbackDetail {
  query: string;
  response: string;
  metadata: AnswerMetadata | null;
  rating: 'up' | 'down';
  /** The one-line reason a reader may send after a thumbs-down. */
  reason?: string;
}

/** A reader rated an answer (thumbs up or down), or sent a reason for a thumbs-down. */
export class AskStreamFeedbackEvent extends CustomEvent<FeedbackDetail> {
  static readonly eventName = 'ask-stream-feedback';
  constructor(detail: FeedbackDetail) {
    super(AskStreamFeedbackEvent.eventName, init(detail));
  }
}

/** What opened or closed the widget in `mode="popover"`. */
export interface ToggleDetail {
  trigger: 'launcher' | 'hotkey' | 'escape' | 'close-button' | 'property';
}

/** The widget opened (`mode="popover"`). */
export class AskStreamOpenEvent extends CustomEvent<ToggleDetail> {
  static readonly eventName = 'ask-stream-open';
  constructor(detail: ToggleDetail) {
    super(AskStreamOpenEvent.eventName, init(detail));
  }
}

/** The widget closed (`mode="popover"`). */
export class AskStreamCloseEvent extends CustomEvent<ToggleDetail> {
  static readonly eventName = 'ask-stream-close';
  constructor(detail: ToggleDetail) {
    super(AskStreamCloseEvent.eventName, init(detail));
  }
}

/** Every event of `<ask-stream>`, by name. */
export interface AskStreamEventMap {
  'ask-stream-start': AskStreamStartEvent;
  'ask-stream-chunk': AskStreamChunkEvent;
  'ask-stream-metadata': AskStreamMetadataEvent;
  'ask-stream-complete': AskStreamCompleteEvent;
  'ask-stream-error': AskStreamErrorEvent;
  'ask-stream-cancel': AskStreamCancelEvent;
  'ask-stream-retrying': AskStreamRetryingEvent;
  'ask-stream-feedback': AskStreamFeedbackEvent;
  'ask-stream-open': AskStreamOpenEvent;
  'ask-stream-close': AskStreamCloseEvent;
}

declare global {
  // Typed listeners on any element: addEventListener('ask-stream-complete', e => e.detail…)
  interface HTMLElementEventMap extends AskStreamEventMap {}
}
