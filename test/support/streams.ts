// Real streams for tests: a ReadableStream the test pushes bytes into, wrapped in
// a real Response, so the code under test reads it exactly as it reads the network.

export interface PushStream {
  readonly stream: ReadableStream<Uint8Array>;
  push(piece: string | Uint8Array): void;
  close(): void;
  fail(reason: unknown): void;
  /** Resolves with the reason when the reader cancels the stream. */
  readonly cancelled: Promise<unknown>;
}

const encoder = new TextEncoder();

export function pushStream(): PushStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let onCancel!: (reason: unknown) => void;
  const cancelled = new Promise<unknown>((resolve) => (onCancel = resolve));
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: (reason) => onCancel(reason),
  });
  return {
    stream,
    cancelled,
    push: (piece) => controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece),
    close: () => controller.close(),
    fail: (reason) => controller.error(reason),
  };
}

/** A stream that yields the given pieces, then ends. */
export function streamOf(pieces: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const queue = pieces.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  return new ReadableStream<Uint8Array>({
    pull(c) {
      const next = queue.shift();
      if (next) c.enqueue(next);
      else c.close();
    },
  });
}

export const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8' };

/** A `fetch` that answers every request with the given real Response. */
export function answerWith(response: Response | (() => Response)): typeof fetch {
  return async (_input, init) => {
    init?.signal?.throwIfAborted();
    return typeof response === 'function' ? response() : response;
  };
}

export { frame } from './sse-frame.mjs';

/** Splits bytes into pieces at the given cut positions. */
export function cut(bytes: Uint8Array, ...at: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    pieces.push(bytes.slice(from, to));
    from = to;
  }
  return pieces;
}

export const bytesOf = (text: string): Uint8Array => encoder.encode(text);
