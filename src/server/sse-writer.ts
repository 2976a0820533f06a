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

/**
 * Where an attached writer sends its output instead of its body: a runtime's
 * own response (the Node adapter's `ServerResponse`).
 */
export interface DirectOutput {
  /** Writes text; false when the runtime holds more than it wants to: call `drained()` once it has sent it. */
  write(text: string): boolean;
  /** No more output: end the response once what was written has gone. */
  end(): void;
  /** Drops the connection: the client stopped reading for `writeTimeoutMs`. */
  destroy(reason: unknown): void;
}

/** What the runtime tells a writer attached to it. */
export interface DirectInput {
  /** Everything written has been handed to the connection: output may go on. */
  drained(): void;
  /** The client went away: stop, and tell the producer. */
  gone(reason: unknown): void;
}

/** Bodies whose writer can still be attached: nothing has read them yet. */
const attachable = new WeakMap<ReadableStream<Uint8Array>, SseWriter>();

/**
 * The writer behind an event-stream body the handler made, if nothing has
 * read from it yet, so that a runtime can take the frames straight into its
 * own response ({@link SseWriter.attach}) instead of reading them through the
 * Web stream; otherwise undefined, and the body is read as any other.
 */
export function attachableWriter(body: ReadableStream<Uint8Array> | null): SseWriter | undefined {
  return body && !body.locked ? attachable.get(body) : undefined;
}

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
 *
 * A runtime that can do better than reading the Web stream (the Node adapter)
 * may instead {@link SseWriter.attach} its own response before anything has
 * been read: frames then go straight into it as text, with the same
 * backpressure, write timeout and heartbeat, and the body is never read.
 */
export class SseWriter {
  readonly #options: SseWriterOptions;
  #body: ReadableStream<Uint8Array> | undefined;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
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
  /** Attached: output goes here, not to the body. */
  #direct: DirectOutput | undefined;
  /** Attached, and the output said it holds enough: waiting for `drained()`. */
  #blocked = false;
  #writeTimeoutMs: number;

  constructor(options: SseWriterOptions) {
    this.#options = options;
    this.#writeTimeoutMs = options.writeTimeoutMs;
    this.#body = new ReadableStream<Uint8Array>(
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
    attachable.set(this.#body, this);
  }

  /** The event stream, to answer with; unused (and gone) once a runtime has attached its own output. */
  get body(): ReadableStream<Uint8Array> {
    if (!this.#body) throw new TypeError('SseWriter: attached to a runtime, the body is not used');
    return this.#body;
  }

  /**
   * Sends the output into `output` from now on instead of the body: what is
   * waiting goes at once, in one piece. Only before the body is read (see
   * {@link attachableWriter}). `writeTimeoutMs`: the runtime's own limit, if
   * shorter than the writer's. Returns what the runtime must report back.
   */
  attach(output: DirectOutput, options: { writeTimeoutMs?: number } = {}): DirectInput {
    attachable.delete(this.body);
    this.#direct = output;
    // Nothing will read them: let them go with the Response (a Web stream is a few KB per open stream).
    this.#body = undefined;
    this.#controller = undefined;
    const limit = options.writeTimeoutMs;
    if (limit !== undefined && limit > 0 && !(this.#writeTimeoutMs > 0 && this.#writeTimeoutMs <= limit)) {
      this.#writeTimeoutMs = limit;
    }
    // Started for a reader that never came: the output decides from now on.
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    // Dropped before the runtime got here (a writeTimeoutMs with nobody reading).
    if (this.#done) output.destroy(new DOMException('The stream was already dropped', 'AbortError'));
    else {
      if (this.#pending.length > 0) {
        const text = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
        this.#pending = [];
        this.#pendingLength = 0;
        this.#writeDirect(text);
      }
      if (this.#closing) this.#end();
    }
    return {
      drained: () => this.#onDrained(),
      gone: (reason) => {
        if (this.#done) return;
        this.#finish();
        this.#options.onGone(reason);
      },
    };
  }

  /**
   * Sends a frame. Returns nothing while little is waiting for the reader
   * (write on), else a promise that resolves once the reader asks for more
   * (or the stream is gone): a producer that awaits it follows the client's
   * pace, and one that does not wait needs no promise per frame.
   */
  write(frame: ServerFrame, id?: number): Promise<void> | undefined {
    if (!this.#output(encodeFrame(frame, id))) return undefined;
    if (this.#direct ? !this.#blocked : this.#pendingLength < MAX_PENDING) return undefined;
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
    // Attached, the output ends once it has sent what it holds, and times a client that stops reading.
    if (this.#readerWaiting || this.#direct) this.#end();
    else this.#startWatchdog();
  }

  /** Hands text to a waiting reader, or holds it for the next read. False once the stream is over. */
  #output(text: string): boolean {
    if (this.#done || this.#closing) return false;
    if (this.#direct) {
      this.#writeDirect(text);
    } else if (this.#readerWaiting) {
      this.#readerWaiting = false;
      this.#controller!.enqueue(encoder.encode(text));
    } else {
      this.#pending.push(text);
      this.#pendingLength += text.length;
      this.#startWatchdog();
    }
    this.#lastWrite = Date.now();
    if (this.#heartbeat === undefined) this.#schedulePing(this.#options.heartbeatMs);
    return true;
  }

  #writeDirect(text: string): void {
    if (!this.#direct!.write(text) && !this.#blocked) {
      this.#blocked = true;
      this.#startWatchdog();
    }
  }

  #onDrained(): void {
    if (this.#done || !this.#blocked) return;
    this.#blocked = false;
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    const resume = this.#resumeWriter;
    this.#resumeWriter = undefined;
    resume?.();
  }

  #onRead(): void {
    // Read: from now on it is the body's reader that takes the output.
    attachable.delete(this.#body!);
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    if (this.#pending.length > 0) {
      const text = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
      this.#pending = [];
      this.#pendingLength = 0;
      this.#controller!.enqueue(encoder.encode(text));
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
    const ms = this.#writeTimeoutMs;
    if (this.#watchdog !== undefined || !(ms > 0) || !Number.isFinite(ms)) return;
    this.#watchdog = setTimeout(() => {
      this.#watchdog = undefined;
      const reason = new DOMException(`The client read nothing for ${ms} ms`, 'TimeoutError');
      this.#finish();
      if (this.#direct) this.#direct.destroy(reason);
      else this.#controller!.error(reason);
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
    if (this.#direct) this.#direct.end();
    else this.#controller!.close();
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
