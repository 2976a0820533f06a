import { html, nothing, type TemplateResult } from 'lit';
import type { Exchange } from '../controller/types.js';
import { copyWithFeedback } from '../render/clipboard.js';
import type { FeedbackState } from './feedback.js';
import { COPY, THUMB } from './icons.js';
import type { AskStreamStrings } from './strings.js';

export interface AnswerActionHandlers {
  rate(rating: 'up' | 'down'): void;
  explain(reason: string): void;
}

/**
 * Under a complete answer: copy it (its Markdown, as the model wrote it), rate
 * it, and after a thumbs-down an optional one-line reason.
 */
export function answerActions(
  exchange: Exchange,
  state: FeedbackState,
  s: AskStreamStrings,
  on: AnswerActionHandlers,
): TemplateResult {
  const copy = (e: Event) =>
    copyWithFeedback(e.currentTarget as HTMLElement, exchange.response, {
      copy: s.copyAnswer,
      copied: s.copiedAnswer,
      copyLabel: s.copyAnswer,
    });
  const rate = (rating: 'up' | 'down', part: string, label: string) =>
    html`<button part=${part} class="action" type="button" aria-label=${label} aria-pressed=${state.rating === rating ? 'true' : 'false'} @click=${() => on.rate(rating)}>${THUMB}</button>`;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    on.explain(((e.currentTarget as HTMLFormElement).elements.namedItem('reason') as HTMLInputElement).value);
  };
  return html`<div class="actions">
      <button part="copy-answer" class="action copy-answer" type="button" aria-label=${s.copyAnswer} data-label=${s.copyAnswer} @click=${copy}>${COPY}</button>
      ${rate('up', 'feedback-up', s.helpful)} ${rate('down', 'feedback-down', s.notHelpful)}
    </div>
    ${
      state.rating !== 'down'
        ? nothing
        : state.reasonSent
          ? html`<p class="outcome">${s.feedbackThanks}</p>`
          : html`<form class="reason" @submit=${submit}>
              <input name="reason" part="feedback-reason" class="input" maxlength="500" autocomplete="off" aria-label=${s.feedbackReason} placeholder=${s.feedbackReason} />
              <button part="feedback-send" class="button secondary" type="submit">${s.sendFeedback}</button>
            </form>`
    }`;
}
