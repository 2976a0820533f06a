import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import { DEFAULT_TIMEOUT } from '../client/stream-ask.js';
import { AskStreamController } from '../controller/ask-stream-controller.js';
import type { AskError, AskStatus, Exchange } from '../controller/types.js';
import type { AnswerMetadata } from '../protocol.js';
import { IncrementalMarkdown } from '../render/incremental-markdown.js';
import {
  AskStreamCancelEvent,
  AskStreamChunkEvent,
  AskStreamCompleteEvent,
  AskStreamErrorEvent,
  AskStreamMetadataEvent,
  AskStreamRetryingEvent,
  AskStreamStartEvent,
} from './events.js';
import { styles } from './ask-stream.styles.js';
import { FollowScrollController } from './follow-scroll.js';
import { RenderPacer } from './render-pacer.js';
import { sourcesView } from './sources-view.js';
import { DEFAULT_STRINGS, type AskStreamStrings } from './strings.js';
import { persistKeyFor, TranscriptPersistence, type PersistMode } from './transcript-persistence.js';

export type AskStreamTheme = 'light' | 'dark' | 'auto';

/**
 * An answer box for a site: the visitor asks, the answer streams in over
 * Server-Sent Events and renders as safe Markdown, with sources.
 *
 * The `--ask-stream-*` design tokens apply when set on the element or on any
 * ancestor. A colour's default is `light-dark(light theme, dark theme)`.
 *
 * @summary Ask a question, watch the answer stream in.
 *
 * @tagname ask-stream
 *
 * @fires {AskStreamStartEvent} ask-stream-start - An ask begins, before the request is sent. `detail: {query}`.
 * @fires {AskStreamChunkEvent} ask-stream-chunk - A piece of the answer arrived. `detail: {content, index?, total?}`.
 * @fires {AskStreamMetadataEvent} ask-stream-metadata - Metadata arrived. `detail`: the frame without `type`.
 * @fires {AskStreamCompleteEvent} ask-stream-complete - The answer is complete. `detail: {query, response, metadata}`.
 * @fires {AskStreamErrorEvent} ask-stream-error - The ask failed. `detail: {query, code, message, retryable, response}`.
 * @fires {AskStreamCancelEvent} ask-stream-cancel - The ask was cancelled or superseded. `detail: {query, response}`.
 * @fires {AskStreamRetryingEvent} ask-stream-retrying - A failed attempt will be tried again after `delayMs`. `detail: {query, attempt, delayMs, code}`.
 *
 * @csspart base - The widget's frame.
 * @csspart transcript - The conversation log.
 * @csspart exchange - One question with its answer.
 * @csspart question - A question as asked.
 * @csspart answer - An answer, as it streams.
 * @csspart thinking - "Thinking…", before the first piece of an answer.
 * @csspart code - A code block in an answer.
 * @csspart copy - A code block's copy button.
 * @csspart sources - The sources list under an answer.
 * @csspart source - One source.
 * @csspart confidence - The confidence indicator.
 * @csspart outcome - The note on an older answer that failed or was stopped.
 * @csspart reconnecting - "Reconnecting…", while a failed attempt waits to be tried again.
 * @csspart error - The latest ask's error message.
 * @csspart retry - The retry button (only for retryable errors).
 * @csspart form - The question form.
 * @csspart input - The question input.
 * @csspart send - The send button.
 * @csspart cancel - The stop button, in place of send while an answer streams.
 *
 * @cssprop [--ask-stream-accent=light-dark(#0550ae, #58a6ff)] - Buttons, links, focus rings, the confidence bar.
 * @cssprop [--ask-stream-on-accent=light-dark(#ffffff, #0d1117)] - Text on the accent colour.
 * @cssprop [--ask-stream-background=light-dark(#ffffff, #0d1117)] - Widget background.
 * @cssprop [--ask-stream-foreground=light-dark(#1f2328, #e6edf3)] - Text colour.
 * @cssprop [--ask-stream-muted=light-dark(#57606a, #9198a1)] - Secondary text: sources, notes, placeholder, quotes.
 * @cssprop [--ask-stream-border=light-dark(#d0d7de, #3d444d)] - Borders and rules, the confidence bar's track.
 * @cssprop [--ask-stream-danger=light-dark(#b91c1c, #ff7b72)] - Error text.
 * @cssprop [--ask-stream-code-background=light-dark(#f6f8fa, #161b22)] - Code blocks and inline code.
 * @cssprop [--ask-stream-question-background=light-dark(#eef4fc, #1b2635)] - Behind a question in the transcript.
 * @cssprop [--ask-stream-radius=10px] - Corner radius.
 * @cssprop [--ask-stream-font=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font family.
 * @cssprop [--ask-stream-font-mono=ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace] - Code font family.
 * @cssprop [--ask-stream-font-size=1rem] - Base font size.
 * @cssprop [--ask-stream-spacing=0.75rem] - Base spacing unit.
 * @cssprop [--ask-stream-max-height=32rem] - Height after which the transcript scrolls.
 */
export class AskStreamElement extends LitElement {
  static override styles = styles;

  static override properties = {
    endpoint: { type: String },
    theme: { type: String, reflect: true },
    placeholder: { type: String, noAccessor: true },
    timeout: { type: Number },
    headers: { attribute: false },
    body: { attribute: false },
    strings: { attribute: false },
    allowImages: { type: Boolean, attribute: 'allow-images' },
    retries: { type: Number },
    persist: { type: String },
    persistKey: { type: String, attribute: 'persist-key' },
  };

  /** Where the question is POSTed. */
  declare endpoint: string;
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). Reflected. */
  declare theme: AskStreamTheme;
  /** Longest silence in ms (no bytes at all, headers included) before the ask fails with `TIMEOUT`; 0: none. */
  declare timeout: number;
  /** Extra request headers, e.g. `{Authorization: 'Bearer …'}`. */
  declare headers: Record<string, string>;
  /** Extra JSON fields sent beside `query` (the question always wins). */
  declare body: Record<string, unknown>;
  /** Replacements for any of the visible strings, for other languages. */
  declare strings: Partial<AskStreamStrings>;
  /** Render Markdown images in answers (off: an injected image URL can leak data). */
  declare allowImages: boolean;
  /**
   * How many times a failed attempt is tried again, with backoff: before the answer
   * starts, and to resume a lost connection mid-answer; 0: never.
   * @default 2
   */
  declare retries: number;
  /** Keep the transcript across reloads: `session` (sessionStorage) or `local` (localStorage); unset: not kept. */
  declare persist: PersistMode | null;
  /** The storage key of `persist`; default: derived from `endpoint`. */
  declare persistKey: string | null;

  #placeholder: string | undefined;
  readonly #pacer = new RenderPacer();
  #renderers = new Map<number, IncrementalMarkdown>();
  readonly #scroll = new FollowScrollController(this, () => ({
    scroller: this.renderRoot.querySelector<HTMLElement>('[part~="transcript"]'),
    content: this.renderRoot.querySelector<HTMLElement>('.log'),
  }));

  readonly #asks = new AskStreamController(this, {
    request: () => ({
      endpoint: this.endpoint,
      headers: this.headers,
      body: this.body,
      timeout: this.timeout,
      retries: this.retries,
    }),
    onStart: (d) => this.dispatchEvent(new AskStreamStartEvent(d)),
    onChunk: (d) => this.dispatchEvent(new AskStreamChunkEvent(d)),
    onMetadata: (d) => this.dispatchEvent(new AskStreamMetadataEvent(d)),
    onComplete: (d) => this.dispatchEvent(new AskStreamCompleteEvent(d)),
    onError: (d) => this.dispatchEvent(new AskStreamErrorEvent(d)),
    onCancel: (d) => this.dispatchEvent(new AskStreamCancelEvent(d)),
    onRetrying: (d) => this.dispatchEvent(new AskStreamRetryingEvent(d)),
  });

  readonly #persistence = new TranscriptPersistence(this, this.#asks, () => ({
    mode: this.persist === 'session' || this.persist === 'local' ? this.persist : null,
    key: this.persistKey || persistKeyFor(this.endpoint),
  }));

  constructor() {
    super();
    this.endpoint = '/api/ask/stream';
    this.theme = 'auto';
    this.timeout = DEFAULT_TIMEOUT;
    this.headers = {};
    this.body = {};
    this.strings = {};
    this.allowImages = false;
    this.retries = 2;
    this.persist = null;
    this.persistKey = null;
  }

  /**
   * Input placeholder; `strings.placeholder` unless set.
   * @default 'Ask a question…'
   */
  get placeholder(): string {
    return this.#placeholder ?? this.#strings.placeholder;
  }
  set placeholder(value: string | null | undefined) {
    const old = this.placeholder;
    this.#placeholder = value ?? undefined;
    this.requestUpdate('placeholder', old);
  }

  /** The latest ask: `idle`, `streaming`, `complete`, `error` or `cancelled`. */
  get status(): AskStatus {
    return this.#asks.status;
  }
  /** The latest question. */
  get query(): string {
    return this.#asks.query;
  }
  /** The latest answer so far, exactly as streamed. */
  get response(): string {
    return this.#asks.response;
  }
  /** The latest answer's metadata, or null. */
  get metadata(): AnswerMetadata | null {
    return this.#asks.metadata;
  }
  /** Why the latest ask failed, or null. */
  get error(): AskError | null {
    return this.#asks.error;
  }
  /** Every exchange shown, oldest first. */
  get exchanges(): readonly Exchange[] {
    return this.#asks.exchanges;
  }

  /** Asks a question; resolves when that ask ends, however it ends. Never rejects. */
  ask(query: string): Promise<void> {
    this.#scroll.resume();
    return this.#asks.ask(query);
  }
  /** Stops the answer in flight, keeping what arrived. */
  cancel(): void {
    this.#asks.cancel();
  }
  /** Asks the last question again. */
  retry(): Promise<void> {
    this.#scroll.resume();
    return this.#asks.retry();
  }
  /** Empties the transcript, stopping an answer in flight, and the stored copy of `persist`. */
  clear(): void {
    this.#asks.clear();
    this.#persistence.clear();
    this.#renderers.clear();
  }

  get #strings(): AskStreamStrings {
    return { ...DEFAULT_STRINGS, ...this.strings };
  }

  // While an answer streams, chunks can come far faster than the screen
  // refreshes: render at most once per animation frame, and less often when a
  // render is expensive (render-pacer.ts). Events and `response` stay per
  // chunk, since they do not wait for rendering.
  protected override async scheduleUpdate(): Promise<void> {
    if (this.#asks.status === 'streaming') {
      await this.#pacer.next();
      this.#pacer.started();
    }
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('allowImages') || changed.has('strings')) this.#renderers.clear();
  }

  #renderer(exchange: Exchange): IncrementalMarkdown {
    let renderer = this.#renderers.get(exchange.id);
    if (!renderer) {
      const s = this.#strings;
      renderer = new IncrementalMarkdown({
        allowImages: this.allowImages,
        strings: { copy: s.copy, copied: s.copied, copyLabel: s.copyLabel },
      });
      this.#renderers.set(exchange.id, renderer);
    }
    return renderer;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="input"]')!;
    const query = input.value;
    if (!query.trim()) return;
    input.value = '';
    this.#fitInput(input);
    void this.ask(query);
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.status === 'streaming') {
      event.preventDefault();
      this.cancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  // Grow with the text, up to the max height in the styles.
  #fitInput(input: HTMLTextAreaElement): void {
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight}px`;
  }

  #exchangeView(exchange: Exchange, latest: boolean, s: AskStreamStrings): TemplateResult {
    const streaming = exchange.status === 'streaming';
    const waiting = streaming && exchange.response === '';
    return html`<article part="exchange" class="exchange" data-status=${exchange.status}>
      <p part="question" class="question">${exchange.query}</p>
      <div part="answer" class="answer" aria-busy=${streaming ? 'true' : 'false'}>
        ${
          waiting
            ? html`<p part="thinking" class="thinking">${s.thinking}</p>`
            : this.#renderer(exchange).render(exchange.response, streaming)
        }
      </div>
      ${
        latest && this.#asks.reconnecting
          ? html`<p part="reconnecting" class="outcome" role="status">${s.reconnecting}</p>`
          : nothing
      }
      ${sourcesView(exchange.metadata, s)} ${latest ? this.#latestOutcome(exchange, s) : this.#olderOutcome(exchange, s)}
    </article>`;
  }

  #latestOutcome(exchange: Exchange, s: AskStreamStrings): TemplateResult | typeof nothing {
    if (exchange.status === 'cancelled') return html`<p part="outcome" class="outcome">${s.cancelled}</p>`;
    if (exchange.status !== 'error' || !exchange.error) return nothing;
    return html`<div part="error" class="error" role="alert">
      <p><span class="error-prefix">${s.errorPrefix}</span> ${exchange.error.message}</p>
      ${
        exchange.error.retryable
          ? html`<button part="retry" class="retry" type="button" @click=${() => void this.retry()}>${s.retry}</button>`
          : nothing
      }
    </div>`;
  }

  #olderOutcome(exchange: Exchange, s: AskStreamStrings): TemplateResult | typeof nothing {
    if (exchange.status === 'cancelled') return html`<p part="outcome" class="outcome">${s.cancelled}</p>`;
    if (exchange.status === 'error' && exchange.error) {
      return html`<p part="outcome" class="outcome">${s.failed} ${exchange.error.message}</p>`;
    }
    return nothing;
  }

  protected override render(): TemplateResult {
    const s = this.#strings;
    const exchanges = this.#asks.exchanges;
    const streaming = this.status === 'streaming';
    const last = exchanges.length - 1;
    return html`<div part="base" class="base">
      <div
        part="transcript"
        class="transcript"
        role="log"
        aria-label=${s.transcriptLabel}
        tabindex=${exchanges.length ? '0' : '-1'}
        ?hidden=${!exchanges.length}
      >
        <div class="log">${repeat(
          exchanges,
          (e) => e.id,
          (e, i) => this.#exchangeView(e, i === last, s),
        )}</div>
      </div>
      <form part="form" class="form" @submit=${this.#onSubmit}>
        <label class="visually-hidden" for="input">${s.inputLabel}</label>
        <textarea
          id="input"
          part="input"
          class="input"
          rows="1"
          enterkeyhint="send"
          autocomplete="off"
          .placeholder=${live(this.placeholder)}
          @keydown=${this.#onKeydown}
          @input=${(e: Event) => this.#fitInput(e.target as HTMLTextAreaElement)}
        ></textarea>
        ${
          streaming
            ? html`<button part="cancel" class="button cancel" type="button" @click=${() => this.cancel()}>${s.cancel}</button>`
            : html`<button part="send" class="button send" type="submit">${s.send}</button>`
        }
      </form>
    </div>`;
  }
}
