import { AbortRace } from './abortable.js';
import { FINAL_UNAVAILABLE_FRAME, isFinalFailure, TIMEOUT_FRAME, UNAVAILABLE_FRAME } from './error-frames.js';
import { sendAnswer, type AnswerSettings } from './send-answer.js';
import type { ServerFrame } from './sse-frame.js';
import { SseWriter, type FrameSink } from './sse-writer.js';
import { TimeSlice } from './time-slice.js';
import type { HistoryEntry } from '../protocol.js';
import type { AskBackend, BackendContext } from './types.js';

/** Everything one answer needs; the handler builds it per request. */
export interface AnswerJob extends AnswerSettings {
  backend: AskBackend;
  query: string;
  body: Record<string, unknown>;
  history: readonly HistoryEntry[];
  /** The incoming request: its signal aborts when the client goes away. */
  request: Request;
  timeoutMs: number;
  heartbeatMs: number;
  writeTimeoutMs: number;
  onError: (error: unknown) => void;
}

/** The reason the backend's signal carries once the answer is over: made once, not per answer. */
const ANSWER_OVER = new DOMException('The answer is over', 'AbortError');

/**
 * Runs the backend and sends `start`, the answer, `metadata` and `complete`
 * (or one `error`) into `sink`, then closes it. `stop` ends it early without
 * an error frame (the client went away, or the resume store failed). Whatever
 * way it ends, the backend's signal is aborted and no timer or listener is
 * left behind.
 */
export function produceAnswer(job: AnswerJob, sink: FrameSink, stop: AbortSignal): void {
  const backendAbort = new AbortController();
  const signal = backendAbort.signal;
  // Widened on purpose: the callbacks below change it behind the compiler's back.
  let outcome = 'running' as 'running' | 'timeout' | 'gone';

  const onStop = () => {
    if (outcome === 'running') outcome = 'gone';
    backendAbort.abort(stop.reason);
  };
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });

  const timer =
    job.timeoutMs > 0 && Number.isFinite(job.timeoutMs)
      ? setTimeout(() => {
          if (outcome === 'running') outcome = 'timeout';
          backendAbort.abort(new DOMException('Request timed out', 'TimeoutError'));
        }, job.timeoutMs)
      : undefined;

  // Awaiting the sink makes a slow reader slow the producer; racing it with
  // the signal keeps a reader that stopped reading from holding us forever.
  // A fast reader never makes the sink wait, so the slice gives the event
  // loop a turn now and then: one big answer must not hold up every other stream.
  const race = new AbortRace(signal);
  const slice = new TimeSlice();
  const send = async (frame: ServerFrame) => {
    if (slice.due()) await race.race(slice.pause());
    const wait = sink.write(frame);
    if (wait) await race.race(wait);
  };

  // What the answer needs from the job, taken out now: the closures below must
  // not hold the job, whose `request` (with its headers and body stream, a
  // few KB) an open stream has no more use for once the backend has it.
  const { backend, query, onError } = job;
  const settings: AnswerSettings = {
    chunkSize: job.chunkSize,
    chunkDelayMs: job.chunkDelayMs,
    maxAnswerBytes: job.maxAnswerBytes,
    maxLineBytes: job.maxLineBytes,
    passMetadata: job.passMetadata,
  };
  let context: BackendContext | undefined = {
    signal,
    request: job.request,
    body: job.body,
    history: job.history,
    limits: { maxAnswerBytes: job.maxAnswerBytes, maxLineBytes: job.maxLineBytes },
  };

  const run = async () => {
    try {
      await send({ type: 'start', query, timestamp: Date.now() });
      const result = await race.race(
        Promise.resolve().then(() => {
          const ctx = context!;
          context = undefined;
          return backend(query, ctx);
        }),
      );
      const metadata = await sendAnswer(result, { send, signal, race, slice }, settings);
      if (metadata) await send({ type: 'metadata', ...metadata });
      // Not raced: the answer is complete, so it must not turn into a timeout now.
      void sink.write({ type: 'complete', success: true });
    } catch (error) {
      if (outcome === 'timeout') {
        onError(signal.reason);
        void sink.write(TIMEOUT_FRAME);
      } else if (outcome === 'running') {
        onError(error);
        void sink.write(isFinalFailure(error) ? FINAL_UNAVAILABLE_FRAME : UNAVAILABLE_FRAME);
      }
      // outcome 'gone': nobody is listening, and a disconnect is not an error.
    } finally {
      context = undefined;
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      // Completion aborts too, so a backend can drop whatever it still holds.
      backendAbort.abort(ANSWER_OVER);
      sink.close();
    }
  };
  void run();
}

/**
 * Starts streaming one answer straight to the client and returns the
 * event-stream body. Frames carry SSE ids (1, 2, …), so a client can say how
 * far it got; only a handler with a resume store can act on that.
 */
export function startAnswer(job: AnswerJob): ReadableStream<Uint8Array> {
  const gone = new AbortController();
  const request = job.request.signal;
  const onRequestAbort = () => gone.abort(request.reason);
  const writer = new SseWriter({
    heartbeatMs: job.heartbeatMs,
    writeTimeoutMs: job.writeTimeoutMs,
    onGone: (reason) => gone.abort(reason),
  });
  if (request.aborted) onRequestAbort();
  else request.addEventListener('abort', onRequestAbort, { once: true });
  let id = 0;
  produceAnswer(
    job,
    {
      write: (frame) => writer.write(frame, ++id),
      close: () => {
        request.removeEventListener('abort', onRequestAbort);
        writer.close();
      },
    },
    gone.signal,
  );
  return writer.body;
}
