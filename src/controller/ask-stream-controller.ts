import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_SERVER_ERROR_CODE, type AnswerMetadata } from '../protocol.js';
import { AskStreamError } from '../client/ask-error.js';
import { newAskId } from '../client/ask-id.js';
import { streamAsk, type AskRequest } from '../client/stream-ask.js';
import { conversationHistory } from './history.js';
import type { AskCallbacks, AskError, AskStatus, Exchange, ExchangeSnapshot, PendingAsk } from './types.js';

/** How to reach the server, read afresh at the start of every ask. */
export type RequestOptions = Omit<
  AskRequest,
  'query' | 'signal' | 'idempotencyKey' | 'lastEventId' | 'onRetry' | 'onOffline' | 'onEventId' | 'history'
> & {
  /**
   * How many earlier complete exchanges to send as the request's `history`
   * (see {@link conversationHistory} for the cap); 0 or unset: none.
   */
  history?: number;
};

export interface AskStreamControllerOptions extends AskCallbacks {
  request(): RequestOptions;
}

type MutableExchange = { -readonly [K in keyof Exchange]: Exchange[K] };

/** One ask in flight: its own abort switch and the transcript entry it may write. */
interface Ask {
  readonly abort: AbortController;
  readonly exchange: MutableExchange;
  readonly pending: PendingAsk;
  ended: boolean;
  /** Between a failed attempt and the next frame. */
  reconnecting: boolean;
}

/**
 * Holds the state of the host's asks: the latest ask's status and answer, and
 * the transcript of every exchange since the last `clear()`. It knows nothing of
 * the DOM; the host learns of changes through `requestUpdate()` and the callbacks.
 *
 * Only the newest ask may write state: starting an ask ends the one before it
 * (as cancelled) at once, and an ended ask ignores whatever its stream still says.
 */
export class AskStreamController implements ReactiveController {
  #latest: Ask | undefined;
  #exchanges: MutableExchange[] = [];
  #lastQuery: string | undefined;
  #nextId = 1;

  readonly #host: ReactiveControllerHost;
  readonly #options: AskStreamControllerOptions;

  constructor(host: ReactiveControllerHost, options: AskStreamControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get status(): AskStatus {
    return this.#latest?.exchange.status ?? 'idle';
  }
  get query(): string {
    return this.#latest?.exchange.query ?? '';
  }
  get response(): string {
    return this.#latest?.exchange.response ?? '';
  }
  get metadata(): AnswerMetadata | null {
    return this.#latest?.exchange.metadata ?? null;
  }
  get error(): AskError | null {
    return this.#latest?.exchange.error ?? null;
  }
  /** Every exchange since the last `clear()`, oldest first. */
  get exchanges(): readonly Exchange[] {
    return this.#exchanges;
  }
  /** True while the latest ask waits to retry or resume after a failed attempt. */
  get reconnecting(): boolean {
    const latest = this.#latest;
    return !!latest && !latest.ended && latest.reconnecting;
  }
  /** The latest ask's wire state while it streams (what a resume needs), else null. */
  get pending(): PendingAsk | null {
    const latest = this.#latest;
    return latest && !latest.ended ? { ...latest.pending } : null;
  }

  /** Asks `query`; resolves when that ask ends, however it ends. Never rejects. */
  async ask(query: string): Promise<void> {
    if (typeof query !== 'string' || !query.trim()) return;
    // A newer ask supersedes the one in flight, which ends (as cancelled) first.
    this.cancel();
    const exchange: MutableExchange = {
      id: this.#nextId++,
      query,
      response: '',
      metadata: null,
      error: null,
      status: 'streaming',
    };
    this.#exchanges.push(exchange);
    return this.#run(exchange, { idempotencyKey: newAskId() });
  }

  /**
   * Replaces the transcript with saved exchanges (after a page reload, say),
   * cancelling an ask in flight. When the last one was still streaming and
   * `pending` says where it stood, that ask resumes: the server sends what
   * follows (with `Last-Event-ID`) and it ends like any other ask. Without
   * `pending` (or with text but no SSE id to resume after) it ends at once as
   * `INCOMPLETE`, keeping its text. Resolves when
   * the resumed ask ends.
   */
  restore(exchanges: readonly ExchangeSnapshot[], pending?: PendingAsk): Promise<void> {
    this.cancel();
    this.#exchanges = exchanges.map((e) => ({ ...e, id: this.#nextId++ }));
    const last = this.#exchanges.at(-1);
    this.#lastQuery = last?.query;
    // Text without an SSE id to resume after cannot be continued without showing it twice.
    const resumable = !!pending?.idempotencyKey && (!!pending.lastEventId || last?.response === '');
    if (last?.status === 'streaming' && resumable) return this.#run(last, { ...pending! });
    if (last?.status === 'streaming') {
      last.status = 'error';
      last.error = { code: 'INCOMPLETE', message: 'The answer was interrupted.', retryable: true };
    }
    // The last exchange is the latest ask again (status, response, error), ended.
    this.#latest = last && {
      abort: new AbortController(),
      ended: true,
      reconnecting: false,
      exchange: last,
      pending: { idempotencyKey: '' },
    };
    this.#host.requestUpdate();
    return Promise.resolve();
  }

  async #run(exchange: MutableExchange, pending: PendingAsk): Promise<void> {
    const ask: Ask = { abort: new AbortController(), ended: false, reconnecting: false, exchange, pending };
    const { query } = exchange;
    this.#latest = ask;
    this.#lastQuery = query;
    this.#host.requestUpdate();
    this.#options.onStart?.({ query });
    // A start listener may have cancelled or replaced this ask already.
    if (ask.ended) return;
    const reconnecting = () => {
      if (ask.ended || ask.reconnecting) return;
      ask.reconnecting = true;
      this.#host.requestUpdate();
    };
    try {
      const { history: count = 0, ...request } = this.#options.request();
      const frames = streamAsk({
        ...request,
        // This ask's own exchange is the last, still streaming: only complete ones go.
        history: conversationHistory(this.#exchanges, count),
        query,
        signal: ask.abort.signal,
        idempotencyKey: pending.idempotencyKey,
        lastEventId: pending.lastEventId,
        onEventId: (id) => (ask.pending.lastEventId = id),
        onOffline: reconnecting,
        onRetry: ({ attempt, delayMs, code }) => {
          if (ask.ended) return;
          reconnecting();
          this.#options.onRetrying?.({ query, attempt, delayMs, code });
        },
      });
      for await (const frame of frames) {
        if (ask.ended) return;
        if (ask.reconnecting) {
          ask.reconnecting = false;
          this.#host.requestUpdate();
        }
        switch (frame.type) {
          case 'chunk': {
            ask.exchange.response += frame.content;
            this.#host.requestUpdate();
            const { type: _type, ...chunk } = frame;
            this.#options.onChunk?.(chunk);
            break;
          }
          case 'metadata': {
            const { type: _type, ...metadata } = frame;
            // Later frames add to earlier ones, so a server may send sources and
            // confidence separately.
            ask.exchange.metadata = { ...ask.exchange.metadata, ...metadata };
            this.#host.requestUpdate();
            this.#options.onMetadata?.(metadata);
            break;
          }
          case 'complete':
            this.#end(ask, 'complete');
            return;
          case 'error':
            this.#end(ask, 'error', {
              code: frame.code ?? DEFAULT_SERVER_ERROR_CODE,
              message: frame.message,
              retryable: frame.retryable ?? false,
            });
            return;
        }
      }
    } catch (cause) {
      if (ask.ended) return;
      const error =
        cause instanceof AskStreamError
          ? { code: cause.code, message: cause.message, retryable: cause.retryable }
          : { code: 'NETWORK', message: 'The answer could not be read.', retryable: true };
      this.#end(ask, 'error', error);
    }
  }

  /** Stops the ask in flight, keeping what has arrived; nothing in flight: no-op. */
  cancel(): void {
    if (this.#latest && !this.#latest.ended) this.#end(this.#latest, 'cancelled');
  }

  /** Asks the last question again; before the first ask: no-op. */
  retry(): Promise<void> {
    return this.#lastQuery === undefined ? Promise.resolve() : this.ask(this.#lastQuery);
  }

  /** Empties the transcript (cancelling an ask in flight) and returns to idle. */
  clear(): void {
    this.cancel();
    this.#latest = undefined;
    this.#exchanges = [];
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    // A widget taken out of the page should not keep a connection open.
    this.cancel();
  }

  #end(ask: Ask, status: 'complete' | 'error' | 'cancelled', error: AskError | null = null): void {
    if (ask.ended) return;
    ask.ended = true;
    ask.abort.abort();
    const { exchange } = ask;
    exchange.status = status;
    exchange.error = error;
    this.#host.requestUpdate();
    const { query, response, metadata } = exchange;
    if (status === 'complete') this.#options.onComplete?.({ query, response, metadata });
    else if (status === 'cancelled') this.#options.onCancel?.({ query, response });
    else if (error) this.#options.onError?.({ query, ...error, response });
  }
}
