import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { sendFeedback } from '../client/send-feedback.js';
import { DEFAULT_TIMEOUT } from '../client/stream-ask.js';
import { AskStreamController } from '../controller/ask-stream-controller.js';
import type { AskError, AskStatus, Exchange } from '../controller/types.js';
import type { AnswerMetadata } from '../protocol.js';
import { IncrementalMarkdown } from '../render/incremental-markdown.js';
import type { Highlighter } from '../render/render-context.js';
import {
  AskStreamCancelEvent,
  AskStreamChunkEvent,
  AskStreamCloseEvent,
  AskStreamFeedbackEvent,
  AskStreamOpenEvent,
  type ToggleDetail,
  AskStreamCompleteEvent,
  AskStreamErrorEvent,
  AskStreamMetadataEvent,
  AskStreamRetryingEvent,
  AskStreamStartEvent,
} from './events.js';
import { styles } from './ask-stream.styles.js';
import { FollowScrollController } from './follow-scroll.js';
import { RenderPacer } from './render-pacer.js';
import { exchangeView } from './exchange-view.js';
import { FeedbackRatings } from './feedback.js';
import { HotkeyController } from './hotkey.js';
import { CLOSE, SPARK } from './icons.js';
import { SOURCES_SHOWN } from './sources-view.js';
import { statusText } from './status-text.js';
import { suggestionsView } from './suggestions-view.js';
import { DEFAULT_STRINGS, type AskStreamStrings } from './strings.js';
import { persistKeyFor, TranscriptPersistence, type PersistMode } from './transcript-persistence.js';

export type AskStreamTheme = 'light' | 'dark' | 'auto';

/** `inline`: in the page's flow; `popover`: a floating launcher button that opens the widget as a dialog. */
export type AskStreamMode = 'inline' | 'popover';

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
 * @fires {AskStreamFeedbackEvent} ask-stream-feedback - A reader rated an answer, or sent a reason for a thumbs-down. `detail: {query, response, metadata, rating, reason?}`.
 * @fires {AskStreamOpenEvent} ask-stream-open - The widget opened (`mode="popover"`). `detail: {trigger}`.
 * @fires {AskStreamCloseEvent} ask-stream-close - The widget closed (`mode="popover"`). `detail: {trigger}`.
 *
 * @slot header - A title or logo above the conversation, in both modes.
 *
 * @csspart base - The widget's frame.
 * @csspart transcript - The conversation log.
 * @csspart exchange - One question with its answer.
 * @csspart question - A question as asked.
 * @csspart answer - An answer, as it streams.
 * @csspart thinking - "Thinking…", before the first piece of an answer.
 * @csspart code - A code block in an answer.
 * @csspart code-header - A code block's header row: its language and copy button.
 * @csspart code-language - The language a code block names.
 * @csspart copy - A code block's copy button.
 * @csspart citation - A citation chip in an answer, linking to its source.
 * @csspart citation-card - The card a citation chip shows on hover or focus: the source's title, domain and snippet.
 * @csspart sources - The sources list under an answer.
 * @csspart source - One source: its number, title, domain and snippet.
 * @csspart more-sources - The button that shows the sources past the first 20.
 * @csspart copy-answer - The button that copies an answer's Markdown.
 * @csspart feedback-up - The thumbs-up button (`aria-pressed`).
 * @csspart feedback-down - The thumbs-down button (`aria-pressed`).
 * @csspart feedback-reason - The optional reason after a thumbs-down.
 * @csspart feedback-send - The button that sends that reason.
 * @csspart suggestion - A starter question (before the first ask) or a follow-up question (under the latest answer).
 * @csspart launcher - The floating button that opens the widget in `mode="popover"`.
 * @csspart dialog - The dialog the widget opens in, in `mode="popover"`.
 * @csspart header - The row with the header slot and the close button, in `mode="popover"`.
 * @csspart close - The dialog's close button.
 * @csspart status - The visually hidden status line screen readers announce.
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

  static #defaultHighlighter: Highlighter | undefined;
  static readonly #connected = new Set<AskStreamElement>();

  /**
   * The highlighter every `<ask-stream>` without a `highlighter` of its own
   * uses; `ask-stream/highlight`'s CDN file sets it when it loads. Widgets
   * already on the page render their code again with it.
   */
  static get defaultHighlighter(): Highlighter | undefined {
    return AskStreamElement.#defaultHighlighter;
  }
  static set defaultHighlighter(highlighter: Highlighter | undefined) {
    AskStreamElement.#defaultHighlighter = highlighter;
    for (const el of AskStreamElement.#connected) if (!el.highlighter) el.#rerender();
  }

  static override properties = {
    endpoint: { type: String },
    theme: { type: String, reflect: true },
    mode: { type: String, reflect: true },
    open: { type: Boolean, reflect: true },
    hotkey: { type: String },
    placeholder: { type: String, noAccessor: true },
    timeout: { type: Number },
    headers: { attribute: false },
    body: { attribute: false },
    strings: { attribute: false },
    suggestions: { attribute: false },
    highlighter: { attribute: false },
    feedbackEndpoint: { type: String, attribute: 'feedback-endpoint' },
    allowImages: { type: Boolean, attribute: 'allow-images' },
    retries: { type: Number },
    history: { type: Number },
    persist: { type: String },
    persistKey: { type: String, attribute: 'persist-key' },
  };

  /** Where the question is POSTed. */
  declare endpoint: string;
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). Reflected. */
  declare theme: AskStreamTheme;
  /** `inline` (in the page's flow) or `popover` (a launcher button that opens the widget as a modal dialog). Reflected. */
  declare mode: AskStreamMode;
  /** Whether the dialog is open, in `mode="popover"`. Reflected. */
  declare open: boolean;
  /** A key that opens the widget (popover) or focuses its input (inline): `mod+k` (⌘K / Ctrl+K), `/`, `ctrl+shift+a`… */
  declare hotkey: string | null;
  /** Longest silence in ms (no bytes at all, headers included) before the ask fails with `TIMEOUT`; 0: none. */
  declare timeout: number;
  /** Extra request headers, e.g. `{Authorization: 'Bearer …'}`; also sent with feedback. */
  declare headers: Record<string, string>;
  /** Extra JSON fields sent beside `query` (the question always wins). */
  declare body: Record<string, unknown>;
  /** Replacements for any of the visible strings, for other languages. */
  declare strings: Partial<AskStreamStrings>;
  /** Starter questions shown before the first ask; activating one asks it. */
  declare suggestions: string[];
  /** Highlights fenced code: `(code, language) => [{text, className?}]`, rendered as text in spans. */
  declare highlighter: Highlighter | undefined;
  /** Where ratings are POSTed as JSON (the `ask-stream-feedback` detail), with `headers`; unset: not sent. */
  declare feedbackEndpoint: string | null;
  /** Render Markdown images in answers (off: an injected image URL can leak data). */
  declare allowImages: boolean;
  /**
   * How many times a failed attempt is tried again, with backoff: before the answer
   * starts, and to resume a lost connection mid-answer; 0: never.
   * @default 2
   */
  declare retries: number;
  /**
   * How many earlier exchanges to send with each question as `history`, for
   * follow-ups the backend can understand: the newest complete ones, each
   * question and answer cut to 4 KiB, at most 20 and 16 KiB of JSON in all
   * (the oldest dropped first); 0: none.
   * @default 0
   */
  declare history: number;
  /** Keep the transcript across reloads: `session` (sessionStorage) or `local` (localStorage); unset: not kept. */
  declare persist: PersistMode | null;
  /** The storage key of `persist`; default: derived from `endpoint`. */
  declare persistKey: string | null;

  #placeholder: string | undefined;
  #strings: AskStreamStrings = DEFAULT_STRINGS;
  #trigger: ToggleDetail['trigger'] | undefined;
  readonly #pacer = new RenderPacer();
  #renderers = new Map<number, IncrementalMarkdown>();
  #shownSources = new Map<number, number>();
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
      history: this.history,
    }),
    onStart: (d) => this.dispatchEvent(new AskStreamStartEvent(d)),
    onChunk: (d) => {
      // Chunks only ever extend the latest answer; its renderer then reads only them.
      this.#renderer(this.#asks.exchanges.at(-1)!).append(d.content);
      this.dispatchEvent(new AskStreamChunkEvent(d));
    },
    onMetadata: (d) => this.dispatchEvent(new AskStreamMetadataEvent(d)),
    onComplete: (d) => this.#ended(new AskStreamCompleteEvent(d)),
    onError: (d) => this.#ended(new AskStreamErrorEvent(d)),
    onCancel: (d) => this.#ended(new AskStreamCancelEvent(d)),
    onRetrying: (d) => this.dispatchEvent(new AskStreamRetryingEvent(d)),
  });

  readonly #persistence = new TranscriptPersistence(this, this.#asks, () => {
    const mode = this.persist === 'session' || this.persist === 'local' ? this.persist : null;
    // Read on every render: the key (a URL parse) only when there is something to store.
    return { mode, key: mode ? this.persistKey || persistKeyFor(this.endpoint) : '' };
  });

  readonly #feedback = new FeedbackRatings(
    () => this.requestUpdate(),
    (detail) => {
      this.dispatchEvent(new AskStreamFeedbackEvent(detail));
      // A rating the endpoint does not take is the page's business to log, never the reader's error.
      if (this.feedbackEndpoint) {
        sendFeedback(this.feedbackEndpoint, detail, this.headers).catch((e: unknown) =>
          console.warn('[ask-stream] feedback was not sent:', e instanceof Error ? e.message : e),
        );
      }
    },
  );

  constructor() {
    super();
    this.endpoint = '/api/ask/stream';
    this.theme = 'auto';
    this.mode = 'inline';
    this.open = false;
    this.hotkey = null;
    this.timeout = DEFAULT_TIMEOUT;
    this.headers = {};
    this.body = {};
    this.strings = {};
    this.suggestions = [];
    this.highlighter = undefined;
    this.feedbackEndpoint = null;
    this.allowImages = false;
    this.retries = 2;
    this.history = 0;
    this.persist = null;
    this.persistKey = null;
    new HotkeyController(
      this,
      () => this.hotkey,
      () => (this.mode === 'popover' ? this.#toggle(true, 'hotkey') : this.#input()?.focus()),
    );
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
    this.#feedback.clear();
    this.#renderers.clear();
    this.#shownSources.clear();
  }
  /** Opens the widget (`mode="popover"`), as its launcher does. */
  show(): void {
    this.#toggle(true, 'property');
  }
  /** Closes the widget (`mode="popover"`). */
  hide(): void {
    this.#toggle(false, 'property');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    AskStreamElement.#connected.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    AskStreamElement.#connected.delete(this);
  }

  /** An ask ended: its final rendering is not paced (render-pacer.ts), then the page hears of it. */
  #ended(event: Event): void {
    this.#pacer.flush();
    this.dispatchEvent(event);
  }

  /** Renders every answer again from its Markdown (new renderers), e.g. with a new highlighter. */
  #rerender(): void {
    this.#renderers.clear();
    this.requestUpdate();
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
    if (changed.has('strings')) this.#strings = { ...DEFAULT_STRINGS, ...this.strings };
    if (changed.has('allowImages') || changed.has('strings') || changed.has('highlighter')) this.#renderers.clear();
    // `open` changed: say so, once it was set at all (not for the initial value).
    if (changed.has('open') && changed.get('open') !== undefined) {
      const detail = { trigger: this.#trigger ?? 'property' };
      this.dispatchEvent(this.open ? new AskStreamOpenEvent(detail) : new AskStreamCloseEvent(detail));
    }
    this.#trigger = undefined;
  }

  protected override updated(_changed: PropertyValues): void {
    this.#pacer.finished();
    // Only the popover has a dialog: looking for one inline would walk the whole answer on every render.
    if (this.mode !== 'popover') return;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
    if (!dialog || dialog.open === this.open) return;
    if (this.open) {
      dialog.showModal();
      this.#input()?.focus();
    } else {
      dialog.close();
      this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]')?.focus();
    }
  }

  #toggle(open: boolean, trigger: ToggleDetail['trigger']): void {
    if (this.mode !== 'popover' || this.open === open) return;
    this.#trigger = trigger;
    this.open = open;
  }

  #input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="input"]');
  }

  #renderer(exchange: Exchange): IncrementalMarkdown {
    let renderer = this.#renderers.get(exchange.id);
    if (!renderer) {
      const s = this.#strings;
      renderer = new IncrementalMarkdown({
        allowImages: this.allowImages,
        strings: { copy: s.copy, copied: s.copied, copyLabel: s.copyLabel, source: s.source },
        highlighter: this.highlighter ?? AskStreamElement.defaultHighlighter,
      });
      this.#renderers.set(exchange.id, renderer);
    }
    return renderer;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.#input()!;
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

  // Escape in the dialog stops an answer that is streaming, and closes the dialog otherwise.
  #onDialogCancel(event: Event): void {
    event.preventDefault();
    if (this.status === 'streaming') this.cancel();
    else this.#toggle(false, 'escape');
  }

  // Grow with the text, up to the max height in the styles.
  #fitInput(input: HTMLTextAreaElement): void {
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight}px`;
  }

  #exchange(exchange: Exchange, latest: boolean): unknown {
    const id = exchange.id;
    const shown = this.#shownSources.get(id) ?? SOURCES_SHOWN;
    return exchangeView(exchange, {
      strings: this.#strings,
      renderer: this.#renderer(exchange),
      latest,
      reconnecting: latest && this.#asks.reconnecting,
      feedback: this.#feedback.of(exchange),
      rate: (rating) => this.#feedback.rate(exchange, rating),
      explain: (reason) => this.#feedback.explain(exchange, reason),
      shownSources: shown,
      moreSources: (count) => {
        this.#shownSources.set(id, shown + count);
        this.requestUpdate();
      },
      ask: (query) => void this.ask(query),
      retry: () => void this.retry(),
    });
  }

  #base(): TemplateResult {
    const s = this.#strings;
    const exchanges = this.#asks.exchanges;
    const last = exchanges.length - 1;
    const popover = this.mode === 'popover';
    return html`<div part="base" class="base">
      ${
        popover
          ? html`<div part="header" class="header">
              <slot name="header"></slot>
              <button part="close" class="action" type="button" aria-label=${s.close} @click=${() => this.#toggle(false, 'close-button')}>${CLOSE}</button>
            </div>`
          : html`<slot name="header"></slot>`
      }
      <div part="status" class="visually-hidden" role="status">${statusText(exchanges[last], this.#asks.reconnecting, s)}</div>
      <div part="transcript" class="transcript" role="log" aria-live="off" aria-label=${s.transcriptLabel} tabindex=${exchanges.length ? '0' : '-1'} ?hidden=${!exchanges.length}>
        <div class="log">${exchanges.map((e, i) => this.#exchange(e, i === last))}</div>
      </div>
      ${exchanges.length ? nothing : suggestionsView(this.suggestions, s.suggestionsLabel, (q) => void this.ask(q))}
      <form part="form" class="form" @submit=${this.#onSubmit}>
        <label class="visually-hidden" for="input">${s.inputLabel}</label>
        <textarea
          id="input"
          part="input"
          class="input"
          rows="1"
          enterkeyhint="send"
          autocomplete="off"
          .placeholder=${this.placeholder}
          @keydown=${this.#onKeydown}
          @input=${(e: Event) => this.#fitInput(e.target as HTMLTextAreaElement)}
        ></textarea>
        ${
          this.status === 'streaming'
            ? html`<button part="cancel" class="button cancel" type="button" @click=${() => this.cancel()}>${s.cancel}</button>`
            : html`<button part="send" class="button send" type="submit">${s.send}</button>`
        }
      </form>
    </div>`;
  }

  protected override render(): TemplateResult {
    if (this.mode !== 'popover') return this.#base();
    const s = this.#strings;
    return html`<button part="launcher" class="launcher" type="button" aria-haspopup="dialog" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => this.#toggle(true, 'launcher')}>${SPARK}<span>${s.launcher}</span></button>
      <dialog part="dialog" class="dialog" aria-label=${s.dialogLabel} @cancel=${this.#onDialogCancel} @close=${() => this.#toggle(false, 'escape')}>${this.#base()}</dialog>`;
  }
}
