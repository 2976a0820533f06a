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
  /** Before a citation's number, in its accessible name ("Source 2: …"). */
  source: string;
  /** The button that shows the sources past the first 20; `{n}` is how many. */
  moreSources: string;
  /** The button that copies an answer's Markdown, and its text once copied. */
  copyAnswer: string;
  copiedAnswer: string;
  /** The rating buttons' accessible names. */
  helpful: string;
  notHelpful: string;
  /** Label and placeholder of the optional reason after a thumbs-down, and its send button. */
  feedbackReason: string;
  sendFeedback: string;
  /** Shown once a reason was sent. */
  feedbackThanks: string;
  /** Accessible names of the starter questions and of the follow-up questions. */
  suggestionsLabel: string;
  followUpsLabel: string;
  /** The launcher button of `mode="popover"`, and the dialog's accessible name. */
  launcher: string;
  dialogLabel: string;
  /** The dialog's close button. */
  close: string;
  /** Announced to screen readers: an answer started, ended (with `{n}` sources), or stopped. */
  answering: string;
  answered: string;
  answeredWithSource: string;
  answeredWithSources: string;
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
  source: 'Source',
  moreSources: 'Show {n} more',
  copyAnswer: 'Copy answer',
  copiedAnswer: 'Copied',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  feedbackReason: 'What was wrong? (optional)',
  sendFeedback: 'Send',
  feedbackThanks: 'Thanks for the feedback.',
  suggestionsLabel: 'Suggested questions',
  followUpsLabel: 'Follow-up questions',
  launcher: 'Ask AI',
  dialogLabel: 'Ask a question',
  close: 'Close',
  answering: 'Answering…',
  answered: 'Answer complete.',
  answeredWithSource: 'Answer complete, with 1 source.',
  answeredWithSources: 'Answer complete, with {n} sources.',
});
