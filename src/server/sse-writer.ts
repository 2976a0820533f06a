import { encodeFrame, type ServerFrame } from './sse-frame.js';

/**
 * Where an answer's frames go: a client's stream, or a resume store. `write`
 * returns a promise when the producer should wait (backpressure), else nothing.
 */
export interface FrameSink {
  write(frame: ServerFrame): Promise<void> | undefined;
  close(): void;
}

const HEARTBEAT = ': ping\n\n';
const encoder = new TextEncoder();

/**
 * Most UTF-16 units held for a reader that is busy, before a writer has to
 * wait: small, so that a client that stops reading costs little memory, and
 * large enough that a fast producer's frames go out many to a write.
 */
const MAX_PENDING = 16 * 1024;

/** Options of {@link SseWriter}. */
export interface SseWriterOptions {
  /** A `: ping` comment after this many ms without output; 0 disables. */
  heartbeatMs: number;
  /** Drop a reader that has not asked for more in this many ms while output waits for it; 0 disables. */
  writeTimeoutMs: number;
  /**
   * The reader is gone: it cancelled (some runtimes report a disconnect only
   * this way) or stopped reading for `writeTimeoutMs`.
   */
  onGone: (reason: unknown) => void;
}

/**
 * The body of an event stream: frames go into a `ReadableStream`, with a
 * `: ping` comment whenever `heartbeatMs` pass without output.
 *
 * The stream itself buffers nothing (high-water mark 0): a frame goes straight
 * to a reader that is waiting, or is held, with any other frames written
 * meanwhile, until the reader asks again; all of them then go out as one
 * chunk. So the writer always knows whether the client keeps up: when output
 * has waited `writeTimeoutMs` for a reader that does not ask, the stream
 * errors (the runtime or the Node adapter drops the connection) and `onGone`
 * runs. Closing waits for the reader too, so a client that stops reading at
 * the very end is dropped all the same. Once closed or dropped, every write
 * is a no-op.
 */
export class SseWriter {
  readonly body: ReadableStream<Uint8Array>;
  readonly #options: SseWriterOptions;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #done = false;
  #closing = false;
  /** A read is pending: the next output goes straight to it. */
  #readerWaiting = false;
  #pending: string[] = [];
  #pendingLength = 0;
  #lastWrite = 0;
  #heartbeat: ReturnType<typeof setTimeout> | undefined;
  #watchdog: ReturnType<typeof setTimeout> | undefined;
  #resumeWriter: (() => void) | undefined;

  constructor(options: SseWriterOptions) {
    this.#options = options;
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        // With a high-water mark of 0 the stream pulls only for a pending read.
        pull: () => this.#onRead(),
        cancel: (reason) => {
          this.#finish();
          options.onGone(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  /**
   * Sends a frame. Returns nothing while little is waiting for the reader
   * (write on), else a promise that resolves once the reader asks for more
   * (or the stream is gone): a producer that awaits it follows the client's
   * pace, and one that does not wait needs no promise per frame.
   */
  write(frame: ServerFrame, id?: number): Promise<void> | undefined {
    if (!this.#output(encodeFrame(frame, id)) || this.#pendingLength < MAX_PENDING) return undefined;
    return new Promise<void>((resolve) => {
      this.#resumeWriter = resolve;
    });
  }

  /** Ends the stream normally, once the reader has taken everything and asks for more. */
  close(): void {
    if (this.#done || this.#closing) return;
    this.#closing = true;
    clearTimeout(this.#heartbeat);
    this.#heartbeat = undefined;
    if (this.#readerWaiting) this.#end();
    else this.#startWatchdog();
  }

  /** Hands text to a waiting reader, or holds it for the next read. False once the stream is over. */
  #output(text: string): boolean {
    if (this.#done || this.#closing) return false;
    if (this.#readerWaiting) {
      this.#readerWaiting = false;
      this.#controller.enqueue(encoder.encode(text));
    } else {
      this.#pending.push(text);
      this.#pendingLength += text.length;
      this.#startWatchdog();
    }
    this.#lastWrite = Date.now();
    if (this.#heartbeat === undefined) this.#schedulePing(this.#options.heartbeatMs);
    return true;
  }

  #onRead(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    if (this.#pending.length > 0) {
      const text = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
      this.#pending = [];
      this.#pendingLength = 0;
      this.#controller.enqueue(encoder.encode(text));
    } else if (this.#closing) {
      this.#end();
      return;
    } else {
      this.#readerWaiting = true;
    }
    // Closing waits for the read after the last chunk: a reader still busy
    // with it (say, a socket that does not drain) gets the watchdog.
    if (this.#closing) this.#startWatchdog();
    const resume = this.#resumeWriter;
    this.#resumeWriter = undefined;
    resume?.();
  }

  /** Output waits for a reader that has not asked: it has `writeTimeoutMs` to do so. */
  #startWatchdog(): void {
    const ms = this.#options.writeTimeoutMs;
    if (this.#watchdog !== undefined || !(ms > 0) || !Number.isFinite(ms)) return;
    this.#watchdog = setTimeout(() => {
      this.#watchdog = undefined;
      const reason = new DOMException(`The client read nothing for ${ms} ms`, 'TimeoutError');
      this.#finish();
      this.#controller.error(reason);
      this.#options.onGone(reason);
    }, ms);
  }

  #schedulePing(ms: number): void {
    const heartbeatMs = this.#options.heartbeatMs;
    if (!(heartbeatMs > 0) || !Number.isFinite(heartbeatMs) || this.#done || this.#closing) return;
    this.#heartbeat = setTimeout(() => {
      this.#heartbeat = undefined;
      const idle = Date.now() - this.#lastWrite;
      // Rescheduling from the last write instead of resetting the timer on
      // every write keeps a fast stream from churning timers.
      if (idle >= heartbeatMs) this.#output(HEARTBEAT);
      else this.#schedulePing(heartbeatMs - idle);
    }, ms);
  }

  #end(): void {
    this.#finish();
    this.#controller.close();
  }

  #finish(): void {
    this.#done = true;
    this.#pending = [];
    this.#pendingLength = 0;
    clearTimeout(this.#heartbeat);
    clearTimeout(this.#watchdog);
    this.#heartbeat = undefined;
    this.#watchdog = undefined;
    const resume = this.#resumeWriter;
    this.#resumeWriter = undefined;
    resume?.();
  }
}
