import { EVENT_STREAM_MEDIA_TYPE, type Frame } from '../protocol.js';

/** The response headers of every event stream the handler sends. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': `${EVENT_STREAM_MEDIA_TYPE}; charset=utf-8`,
  // no-transform keeps compressing proxies from buffering the stream.
  'Cache-Control': 'no-cache, no-transform',
  // Hop-by-hop: the Node adapter drops it on HTTP/2, where it is illegal.
  Connection: 'keep-alive',
  // Tells nginx not to buffer the response.
  'X-Accel-Buffering': 'no',
};

/** One frame as it goes on the wire, with its SSE `id` (a sequence number within the ask) when given. */
export function encodeFrame(frame: Frame, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(frame)}\n\n`;
}

/** Where an answer's frames go: the client's stream, or a resume store. */
export interface FrameSink {
  /** Resolves when the sink can take more (backpressure). */
  write(frame: Frame): Promise<void>;
  close(): void;
}

const HEARTBEAT = ': ping\n\n';
const encoder = new TextEncoder();

// Small, so a slow reader makes the producer wait instead of the server
// buffering a whole answer per connection.
const HIGH_WATER_MARK_BYTES = 16 * 1024;

/**
 * The body of an event stream: frames are queued into a `ReadableStream`,
 * with a `: ping` comment whenever `heartbeatMs` pass without output.
 * Once closed (by `close()` or by the reader cancelling) every write is a no-op.
 */
export class SseWriter {
  readonly body: ReadableStream<Uint8Array>;
  readonly #heartbeatMs: number;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #done = false;
  #lastWrite = 0;
  #heartbeat: ReturnType<typeof setTimeout> | undefined;
  #resumeWriter: (() => void) | undefined;

  /** `onCancel` runs when the reader goes away (some runtimes report a disconnect only this way). */
  constructor(heartbeatMs: number, onCancel: () => void) {
    this.#heartbeatMs = heartbeatMs;
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => this.#resume(),
        cancel: () => {
          this.#finish();
          onCancel();
        },
      },
      { highWaterMark: HIGH_WATER_MARK_BYTES, size: (chunk) => chunk.byteLength },
    );
  }

  /**
   * Queues a frame. The promise resolves once the reader has room for more
   * (or the stream is gone), so a producer that awaits it follows the
   * client's pace.
   */
  write(frame: Frame, id?: number): Promise<void> {
    if (!this.#enqueue(encodeFrame(frame, id))) return Promise.resolve();
    if ((this.#controller.desiredSize ?? 1) > 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.#resumeWriter = resolve;
    });
  }

  /** Ends the stream normally. */
  close(): void {
    if (this.#done) return;
    this.#finish();
    this.#controller.close();
  }

  #enqueue(text: string): boolean {
    if (this.#done) return false;
    this.#controller.enqueue(encoder.encode(text));
    this.#lastWrite = Date.now();
    if (this.#heartbeat === undefined) this.#schedulePing(this.#heartbeatMs);
    return true;
  }

  #schedulePing(ms: number): void {
    if (!(this.#heartbeatMs > 0) || !Number.isFinite(this.#heartbeatMs) || this.#done) return;
    this.#heartbeat = setTimeout(() => {
      this.#heartbeat = undefined;
      const idle = Date.now() - this.#lastWrite;
      // Rescheduling from the last write instead of resetting the timer on
      // every write keeps a fast stream from churning timers.
      if (idle >= this.#heartbeatMs) this.#enqueue(HEARTBEAT);
      else this.#schedulePing(this.#heartbeatMs - idle);
    }, ms);
  }

  #resume(): void {
    const resume = this.#resumeWriter;
    this.#resumeWriter = undefined;
    resume?.();
  }

  #finish(): void {
    this.#done = true;
    clearTimeout(this.#heartbeat);
    this.#heartbeat = undefined;
    this.#resume();
  }
}
