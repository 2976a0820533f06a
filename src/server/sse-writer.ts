import { encodeFrame, type ServerFrame } from './sse-frame.js';

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
  write(frame: ServerFrame): Promise<void> {
    if (!this.#enqueue(encodeFrame(frame))) return Promise.resolve();
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
