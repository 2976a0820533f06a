import { AbortRace } from './abortable.js';
import { TIMEOUT_FRAME, UNAVAILABLE_FRAME } from './error-frames.js';
import { sendAnswer, type AnswerSettings } from './send-answer.js';
import type { ServerFrame } from './sse-frame.js';
import { SseWriter } from './sse-writer.js';
import { TimeSlice } from './time-slice.js';
import type { AskBackend } from './types.js';

/** Everything one answer needs; the handler builds it per request. */
export interface AnswerJob extends AnswerSettings {
  backend: AskBackend;
  query: string;
  body: Record<string, unknown>;
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
 * Starts streaming one answer and returns the event-stream body: `start`, the
 * answer, `metadata` and `complete` (or one `error`), then the end. Whatever
 * way it ends (complete, failed, timed out, client gone or not reading), the
 * backend's signal is aborted and no timer or listener is left behind.
 */
export function startAnswer(job: AnswerJob): ReadableStream<Uint8Array> {
  const backendAbort = new AbortController();
  const signal = backendAbort.signal;
  // Widened on purpose: the callbacks below change it behind the compiler's back.
  let outcome = 'running' as 'running' | 'timeout' | 'gone';

  const onGone = (reason: unknown) => {
    if (outcome === 'running') outcome = 'gone';
    backendAbort.abort(reason);
  };
  const request = job.request.signal;
  const onRequestAbort = () => onGone(request.reason);
  const writer = new SseWriter({ heartbeatMs: job.heartbeatMs, writeTimeoutMs: job.writeTimeoutMs, onGone });
  if (request.aborted) onRequestAbort();
  else request.addEventListener('abort', onRequestAbort, { once: true });

  const timer =
    job.timeoutMs > 0 && Number.isFinite(job.timeoutMs)
      ? setTimeout(() => {
          if (outcome === 'running') outcome = 'timeout';
          backendAbort.abort(new DOMException('Request timed out', 'TimeoutError'));
        }, job.timeoutMs)
      : undefined;

  // Awaiting the writer makes a slow reader slow the producer; racing it with
  // the signal keeps a reader that stopped reading from holding us forever.
  // A fast reader never makes the writer wait, so the slice gives the event
  // loop a turn now and then: one big answer must not hold up every other stream.
  const race = new AbortRace(signal);
  const slice = new TimeSlice();
  const send = async (frame: ServerFrame) => {
    if (slice.due()) await race.race(slice.pause());
    const wait = writer.write(frame);
    if (wait) await race.race(wait);
  };

  const run = async () => {
    try {
      await send({ type: 'start', query: job.query, timestamp: Date.now() });
      const result = await race.race(
        Promise.resolve().then(() =>
          job.backend(job.query, {
            signal,
            request: job.request,
            body: job.body,
            limits: { maxAnswerBytes: job.maxAnswerBytes, maxLineBytes: job.maxLineBytes },
          }),
        ),
      );
      const metadata = await sendAnswer(result, { send, signal, race, slice }, job);
      if (metadata) await send({ type: 'metadata', ...metadata });
      // Not raced: the answer is complete, so it must not turn into a timeout now.
      void writer.write({ type: 'complete', success: true });
    } catch (error) {
      if (outcome === 'timeout') {
        job.onError(signal.reason);
        void writer.write(TIMEOUT_FRAME);
      } else if (outcome === 'running') {
        job.onError(error);
        void writer.write(UNAVAILABLE_FRAME);
      }
      // outcome 'gone': nobody is listening, and a disconnect is not an error.
    } finally {
      clearTimeout(timer);
      request.removeEventListener('abort', onRequestAbort);
      // Completion aborts too, so a backend can drop whatever it still holds.
      backendAbort.abort(ANSWER_OVER);
      writer.close();
    }
  };
  void run();
  return writer.body;
}
