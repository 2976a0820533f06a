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

async function* iterate(
  body: ReadableStream<ArrayBufferView | ArrayBuffer>,
  options: ParseEventStreamOptions,
): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const queue: SseEvent[] = [];
  const parser = new EventStreamParser({
    onEvent: (event) => queue.push(event),
    onRetry: options.onRetry,
    onComment: options.onComment,
  });
  // ignoreBOM keeps the BOM in the output so that stripping exactly one is
  // visibly our doing, at the start of the stream and nowhere else.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let atStart = true;
  let closed = false;

  const feed = (text: string): void => {
    // The first non-empty decode: a BOM split across chunks decodes to "" first.
    if (atStart && text !== '') {
      atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    parser.feed(text);
  };

  try {
    while (!closed) {
      const { done, value } = await reader.read();
      if (done) {
        closed = true;
        feed(decoder.decode());
        parser.end();
      } else {
        feed(decoder.decode(value, { stream: true }));
      }
      // Events are handed out one by one; nothing more is read until the
      // consumer has taken all of them.
      for (let i = 0; i < queue.length; i++) yield queue[i];
      queue.length = 0;
    }
  } finally {
    // Not awaited: a source whose cancel() is slow must not hold up the
    // consumer's `break`. On an errored stream this rejects; nothing to report.
    if (!closed) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
