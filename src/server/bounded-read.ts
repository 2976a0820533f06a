/**
 * Readers that hold at most a set number of bytes, whatever the other side
 * sends: for request bodies and for what upstream services answer. One bad
 * peer must not be able to fill the heap every other stream shares.
 */

/** A body went past a bound. The message names the bound, for logs; clients never see it. */
export class LimitExceededError extends Error {
  override readonly name = 'LimitExceededError';
}

/** Options of {@link readAll}. */
export interface ReadAllOptions {
  /** Most bytes to hold; one more and the read stops. */
  maxBytes: number;
  /** The error to throw past `maxBytes`. */
  tooLarge: () => Error;
  /** Aborting it cancels the read, which then rejects with its reason. */
  signal?: AbortSignal;
}

/**
 * Reads a whole body into one buffer, cancelling it as soon as it passes
 * `maxBytes`, so an oversized body costs no more memory than the bound.
 */
export async function readAll(body: ReadableStream<Uint8Array>, options: ReadAllOptions): Promise<Uint8Array> {
  const { maxBytes, signal } = options;
  const reader = body.getReader();
  // A pending read() settles with done: true once the reader is cancelled.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    if (signal?.aborted) onAbort();
    for (;;) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => {});
        throw options.tooLarge();
      }
      parts.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
  if (parts.length === 1) return parts[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** Bounds of {@link boundEventStream}. */
export interface EventStreamBounds {
  /** Longest line, terminator excluded. */
  maxLineBytes: number;
  /**
   * Largest event: the bytes between two blank lines, which a parser holds
   * until the event ends. No event can carry more than a whole answer.
   */
  maxAnswerBytes: number;
  /** Says what the stream is, in the error message: "Chat completions stream at …". */
  name: string;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Passes an event stream's bytes through unchanged, and errors it (and cancels
 * the source) as soon as one line or one event grows past its bound: an SSE
 * parser keeps the unfinished line and event in memory, so these bound what
 * it can hold. Reads only when read from, so backpressure is kept.
 */
export function boundEventStream(
  source: ReadableStream<Uint8Array>,
  bounds: EventStreamBounds,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let lineBytes = 0;
  let eventBytes = 0;
  let afterCR = false;

  /** Counts one chunk; returns the bound it breaks, if any. */
  const count = (chunk: Uint8Array): string | undefined => {
    // Positions of the next CR and LF, each searched once per chunk pass, so
    // a chunk of many short lines costs one scan, not one per line.
    let cr = chunk.indexOf(CR);
    let lf = chunk.indexOf(LF);
    let pos = 0;
    for (;;) {
      if (cr !== -1 && cr < pos) cr = chunk.indexOf(CR, pos);
      if (lf !== -1 && lf < pos) lf = chunk.indexOf(LF, pos);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      const length = (end === -1 ? chunk.length : end) - pos;
      lineBytes += length;
      eventBytes += length;
      if (lineBytes > bounds.maxLineBytes) return `a line longer than maxLineBytes (${bounds.maxLineBytes} bytes)`;
      if (eventBytes > bounds.maxAnswerBytes)
        return `an event larger than maxAnswerBytes (${bounds.maxAnswerBytes} bytes)`;
      if (end === -1) return undefined;
      const isLF = chunk[end] === LF;
      // The LF of a CRLF pair ends nothing new (nothing came since the CR).
      if (!(isLF && afterCR && lineBytes === 0)) {
        if (lineBytes === 0) eventBytes = 0; // an empty line: the event ends
        lineBytes = 0;
      }
      afterCR = !isLF;
      pos = end + 1;
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        const broken = count(value);
        if (broken) {
          void reader.cancel().catch(() => {});
          controller.error(new LimitExceededError(`${bounds.name} sent ${broken}`));
          return;
        }
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
