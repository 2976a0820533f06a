import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_SERVER_ERROR_CODE, type AnswerMetadata } from '../protocol.js';
import { AskStreamError } from '../client/ask-error.js';
import { streamAsk, type AskRequest } from '../client/stream-ask.js';
import type { AskCallbacks, AskError, AskStatus, Exchange } from './types.js';

/** How to reach the server, read afresh at the start of every ask. */
export type RequestOptions = Omit<AskRequest, 'query' | 'signal'>;

export interface AskStreamControllerOptions extends AskCallbacks {
  request(): RequestOptions;
}

type MutableExchange = { -readonly [K in keyof Exchange]: Exchange[K] };

/** One ask in flight: its own abort switch and the transcript entry it may write. */
interface Ask {
  readonly abort: AbortController;
  readonly exchange: MutableExchange;
  ended: boolean;
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

  /** Asks `query`; resolves when that ask ends, however it ends. Never rejects. */
  async ask(query: string): Promise<void> {
    if (typeof query !== 'string' || !query.trim()) return;
    // A newer ask supersedes the one in flight, which ends (as cancelled) first.
    this.cancel();
    const ask: Ask = {
      abort: new AbortController(),
      ended: false,
      exchange: { id: this.#nextId++, query, response: '', metadata: null, error: null, status: 'streaming' },
    };
    this.#latest = ask;
    this.#lastQuery = query;
    this.#exchanges.push(ask.exchange);
    this.#host.requestUpdate();
    this.#options.onStart?.({ query });
    // A start listener may have cancelled or replaced this ask already.
    if (ask.ended) return;
    try {
      const frames = streamAsk({ ...this.#options.request(), query, signal: ask.abort.signal });
      for await (const frame of frames) {
        if (ask.ended) return;
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
