/** Every string the widget shows; replace any of them through the `strings` property. */
export interface AskStreamStrings {
  /** Input placeholder, unless the `placeholder` attribute is set. */
  placeholder: string;
  /** Accessible label of the input. */
  inputLabel: string;
  /** The send button. */
  send: string;
  /** The button that stops an answer in progress. */
  cancel: string;
  /** The retry button after a retryable error. */
  retry: string;
  /** Shown until the first piece of the answer arrives. */
  thinking: string;
  /** Heading of the sources list. */
  sources: string;
  /** Label of the confidence indicator. */
  confidence: string;
  /** Before an error's message. */
  errorPrefix: string;
  /** Marks an answer that was stopped before it was complete. */
  cancelled: string;
  /** Marks an older answer that failed (its message follows). */
  failed: string;
  /** The copy button of a code block. */
  copy: string;
  /** The copy button's label once the code was copied. */
  copied: string;
  /** Accessible name of the copy button. */
  copyLabel: string;
  /** Accessible name of the conversation log. */
  transcriptLabel: string;
  /** Shown while a lost connection is tried again. */
  reconnecting: string;
}

export const DEFAULT_STRINGS: Readonly<AskStreamStrings> = Object.freeze({
  placeholder: 'Ask a question…',
  inputLabel: 'Your question',
  send: 'Ask',
  cancel: 'Stop',
  retry: 'Try again',
  thinking: 'Thinking…',
  sources: 'Sources',
  confidence: 'Confidence',
  errorPrefix: 'Something went wrong:',
  cancelled: 'Stopped before the answer was complete.',
  failed: 'This answer failed:',
  copy: 'Copy',
  copied: 'Copied',
  copyLabel: 'Copy code',
  transcriptLabel: 'Questions and answers',
  reconnecting: 'Reconnecting…',
});
