import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Exchange } from '../controller/types.js';
import type { IncrementalMarkdown } from '../render/incremental-markdown.js';
import { answerActions } from './answer-actions.js';
import type { FeedbackState } from './feedback.js';
import { sourcesView } from './sources-view.js';
import type { AskStreamStrings } from './strings.js';
import { suggestionsView } from './suggestions-view.js';

/** What the view of one exchange needs from the element. */
export interface ExchangeViewContext {
  strings: AskStreamStrings;
  renderer: IncrementalMarkdown;
  /** The latest exchange shows its error in full, with a retry button, and its follow-up questions. */
  latest: boolean;
  reconnecting: boolean;
  feedback: FeedbackState;
  rate(rating: 'up' | 'down'): void;
  explain(reason: string): void;
  /** How many of its sources are shown. */
  shownSources: number;
  moreSources(count: number): void;
  ask(query: string): void;
  retry(): void;
}

function outcome(exchange: Exchange, c: ExchangeViewContext): TemplateResult | typeof nothing {
  const s = c.strings;
  if (exchange.status === 'cancelled') return html`<p part="outcome" class="outcome">${s.cancelled}</p>`;
  if (exchange.status !== 'error' || !exchange.error) return nothing;
  if (!c.latest) return html`<p part="outcome" class="outcome">${s.failed} ${exchange.error.message}</p>`;
  return html`<div part="error" class="error" role="alert">
    <p><span class="error-prefix">${s.errorPrefix}</span> ${exchange.error.message}</p>
    ${
      exchange.error.retryable
        ? html`<button part="retry" class="retry" type="button" @click=${c.retry}>${s.retry}</button>`
        : nothing
    }
  </div>`;
}

function view(exchange: Exchange, c: ExchangeViewContext): TemplateResult {
  const s = c.strings;
  const streaming = exchange.status === 'streaming';
  const complete = exchange.status === 'complete';
  c.renderer.setSources(exchange.metadata?.sources);
  return html`<article part="exchange" class="exchange" data-status=${exchange.status}>
    <p part="question" class="question" dir="auto">${exchange.query}</p>
    <div part="answer" class="answer" aria-busy=${streaming ? 'true' : 'false'}>
      ${
        streaming && exchange.response === ''
          ? html`<p part="thinking" class="thinking">${s.thinking}</p>`
          : c.renderer.render(exchange.response, streaming)
      }
    </div>
    ${c.latest && c.reconnecting ? html`<p part="reconnecting" class="outcome">${s.reconnecting}</p>` : nothing}
    ${sourcesView(exchange.metadata, s, c.shownSources, c.moreSources)}
    ${complete ? answerActions(exchange, c.feedback, s, c) : nothing}
    ${complete && c.latest ? suggestionsView(exchange.metadata?.suggestions, s.followUpsLabel, c.ask) : nothing}
    ${outcome(exchange, c)}
  </article>`;
}

/**
 * One question and its answer, with its sources, actions and outcome. Once
 * the exchange has ended its view is rendered once and kept: a later render
 * of the transcript (the next answer streaming) does not rebuild it unless
 * something it shows changed.
 */
export function exchangeView(exchange: Exchange, c: ExchangeViewContext): unknown {
  if (exchange.status === 'streaming') return view(exchange, c);
  const { status, metadata, error, response } = exchange;
  return guard([status, metadata, error, response, c.latest, c.feedback, c.shownSources, c.strings, c.renderer], () =>
    view(exchange, c),
  );
}
