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
  return iterate(body, options);
}

type Step = IteratorResult<SseEvent, undefined>;

/**
 * The iterator behind {@link parseEventStream}, written out rather than as an
 * async generator: a generator costs several promise jobs per event (measured
 * in B4: about as much as the parsing itself), where `next()` here hands out
 * an event already parsed in one resolved promise and awaits only to read.
 * Closures rather than a class with private fields: it is in the CDN bundle,
 * where every `this.#field` costs bytes a local name does not.
 */
function iterate(
  body: ReadableStream<ArrayBufferView | ArrayBuffer>,
  options: ParseEventStreamOptions,
): AsyncIterableIterator<SseEvent> {
  let reader: ReadableStreamDefaultReader<ArrayBufferView | ArrayBuffer> | undefined;
  let queue: SseEvent[] = [];
  let next = 0;
  let atStart = true;
  /** The body has ended (or errored): nothing more to read. */
  let closed = false;
  /** Iteration is over: every later `next()` says done. */
  let finished = false;
  /** A `next()` still reading: later calls wait for it, as a generator's would. */
  let busy: Promise<Step> | undefined;
  const parser = new EventStreamParser({
    onEvent: (event) => queue.push(event),
    onRetry: options.onRetry,
    onComment: options.onComment,
  });
  // ignoreBOM keeps the BOM in the output so that stripping exactly one is
  // visibly our doing, at the start of the stream and nowhere else.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const done = (): Step => ({ value: undefined, done: true });

  const feed = (text: string): void => {
    // The first non-empty decode: a BOM split across chunks decodes to "" first.
    if (atStart && text !== '') {
      atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    parser.feed(text);
  };

  const stop = (): void => {
    if (finished) return;
    finished = true;
    queue = [];
    if (!reader) return;
    // Not awaited: a source whose cancel() is slow must not hold up the
    // consumer's `break`. On an errored stream it rejects: nothing to report.
    if (!closed) reader.cancel().catch(() => {});
    reader.releaseLock();
  };

  /** Reads until at least one event is parsed or the body ends; nothing is read ahead of the consumer. */
  const read = async (): Promise<Step> => {
    // The body is locked on the first next(), not by parseEventStream().
    reader ??= body.getReader();
    queue = [];
    next = 0;
    try {
      while (!queue.length && !closed) {
        const { done: ended, value } = await reader.read();
        if (ended) {
          closed = true;
          feed(decoder.decode());
          parser.end();
        } else {
          feed(decoder.decode(value, { stream: true }));
        }
      }
    } catch (error) {
      stop();
      throw error;
    }
    if (queue.length) return { value: queue[next++]!, done: false };
    stop();
    return done();
  };

  const iterator: AsyncIterableIterator<SseEvent> = {
    [Symbol.asyncIterator]: () => iterator,
    next: (): Promise<Step> => {
      if (busy) return busy.then(iterator.next);
      if (next < queue.length) return Promise.resolve({ value: queue[next++]!, done: false });
      if (finished) return Promise.resolve(done());
      const reading = (busy = read());
      const clear = () => {
        busy = undefined;
      };
      reading.then(clear, clear);
      return reading;
    },
    // Leaving the loop early cancels the body: after a read in progress, as a
    // generator would, since releasing the lock under it would fail that read.
    return: (): Promise<Step> => {
      if (busy) return busy.then(iterator.return, iterator.return) as Promise<Step>;
      stop();
      return Promise.resolve(done());
    },
  };
  return iterator;
}
