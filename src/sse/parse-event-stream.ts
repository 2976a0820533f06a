/**
 * Bytes to events: decodes a response body as the event-stream spec requires
 * and runs it through EventStreamParser, one pull at a time.
 */
import { EventStreamParser } from './event-stream-parser.js';
import type { SseEvent } from './types.js';

/** Callbacks for what a stream carries besides events. */
export interface ParseEventStreamOptions {
  /** A valid `retry` field, in milliseconds. */
  onRetry?(ms: number): void;
  /** A comment line's text after `:`, one leading space removed. */
  onComment?(text: string): void;
}

const BOM = 0xfeff;

/**
 * Iterates the events of an SSE body (e.g. `response.body`).
 *
 * - Always UTF-8, whatever the Content-Type says; invalid bytes become U+FFFD
 *   and characters split across chunks decode whole. Exactly one leading BOM
 *   is dropped; a second one is content.
 * - Pull-based: the next chunk is read only once every event parsed from the
 *   previous one has been consumed, so a slow consumer causes backpressure
 *   rather than unbounded buffering.
 * - Leaving the loop early (`break`, `return`, a throw) cancels the body; a
 *   read error is thrown from the iterator. An unterminated final block is
 *   discarded, as the spec requires.
 *
 * The body is locked on the first `next()`, not by this call. It can be
 * iterated once.
 */
export function parseEventStream(
  body: ReadableStream<ArrayBufferView | ArrayBuffer>,
  options: ParseEventStreamOptions = {},
): AsyncIterable<SseEvent> {
  return new EventIterator(body, options);
}

/**
 * The iterator behind {@link parseEventStream}. Written out rather than as an
 * async generator: a generator costs several promise jobs per event (measured
 * in B4: about as much as the parsing itself), where `next()` here hands out
 * an event already parsed in one resolved promise, and awaits only to read.
 */
class EventIterator implements AsyncIterableIterator<SseEvent> {
  readonly #body: ReadableStream<ArrayBufferView | ArrayBuffer>;
  readonly #options: ParseEventStreamOptions;
  #reader: ReadableStreamDefaultReader<ArrayBufferView | ArrayBuffer> | undefined;
  #parser: EventStreamParser | undefined;
  // ignoreBOM keeps the BOM in the output so that stripping exactly one is
  // visibly our doing, at the start of the stream and nowhere else.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  #queue: SseEvent[] = [];
  #next = 0;
  #atStart = true;
  /** The body has ended (or errored): nothing more to read. */
  #closed = false;
  /** Iteration is over: every later `next()` says done. */
  #finished = false;
  /** A `next()` still reading: later calls wait for it, as a generator's would. */
  #busy: Promise<IteratorResult<SseEvent, undefined>> | undefined;

  constructor(body: ReadableStream<ArrayBufferView | ArrayBuffer>, options: ParseEventStreamOptions) {
    this.#body = body;
    this.#options = options;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<SseEvent, undefined>> {
    if (this.#busy) return this.#busy.then(() => this.next());
    if (this.#next < this.#queue.length) return Promise.resolve({ value: this.#queue[this.#next++]!, done: false });
    if (this.#finished) return Promise.resolve({ value: undefined, done: true });
    const read = this.#read();
    this.#busy = read;
    const clear = () => {
      this.#busy = undefined;
    };
    read.then(clear, clear);
    return read;
  }

  /** Leaving the loop early: cancels the body (not awaited: a slow cancel must not hold up a `break`). */
  return(): Promise<IteratorResult<SseEvent, undefined>> {
    // After a read in progress, as a generator would: releasing the lock under it would fail that read.
    if (this.#busy)
      return this.#busy.then(
        () => this.return(),
        () => this.return(),
      );
    this.#stop();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Reads until at least one event is parsed or the body ends; nothing is read ahead of the consumer. */
  async #read(): Promise<IteratorResult<SseEvent, undefined>> {
    // The body is locked on the first next(), not by parseEventStream().
    this.#reader ??= this.#body.getReader();
    const options = this.#options;
    const queue: SseEvent[] = [];
    this.#queue = queue;
    this.#next = 0;
    this.#parser ??= new EventStreamParser({
      onEvent: (event) => this.#queue.push(event),
      onRetry: options.onRetry,
      onComment: options.onComment,
    });
    try {
      while (queue.length === 0 && !this.#closed) {
        const { done, value } = await this.#reader.read();
        if (done) {
          this.#closed = true;
          this.#feed(this.#decoder.decode());
          this.#parser.end();
        } else {
          this.#feed(this.#decoder.decode(value, { stream: true }));
        }
      }
    } catch (error) {
      this.#stop();
      throw error;
    }
    if (queue.length > 0) return { value: queue[this.#next++]!, done: false };
    this.#stop();
    return { value: undefined, done: true };
  }

  #feed(text: string): void {
    // The first non-empty decode: a BOM split across chunks decodes to "" first.
    if (this.#atStart && text !== '') {
      this.#atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    this.#parser!.feed(text);
  }

  #stop(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#queue = [];
    this.#next = 0;
    const reader = this.#reader;
    if (!reader) return;
    // On an errored stream cancel() rejects: nothing to report.
    if (!this.#closed) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
