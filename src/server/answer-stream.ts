import { untilAborted } from './abortable.js';
import { TIMEOUT_FRAME, UNAVAILABLE_FRAME } from './error-frames.js';
import { sendAnswer, type AnswerSettings } from './send-answer.js';
import type { ServerFrame } from './sse-frame.js';
import type { SseWriter } from './sse-writer.js';
import { TimeSlice } from './time-slice.js';
import type { AskBackend } from './types.js';

/** Everything one answer needs; the handler builds it per request. */
export interface AnswerJob extends AnswerSettings {
  backend: AskBackend;
  query: string;
  body: Record<string, unknown>;
  request: Request;
  writer: SseWriter;
  /** Aborts when the client is gone (request signal, body stream cancelled, or not reading). */
  clientGone: AbortSignal;
  timeoutMs: number;
  onError: (error: unknown) => void;
}

/**
 * Sends `start`, the answer, `metadata` and `complete` (or one `error`), then
 * closes the stream. Never rejects. Whatever way it ends, the backend's signal
 * is aborted and no timer or listener is left behind.
 */
export async function streamAnswer(job: AnswerJob): Promise<void> {
  const { writer, clientGone } = job;
  const backendAbort = new AbortController();
  const signal = backendAbort.signal;
  // Widened on purpose: the callbacks below change it behind the compiler's back.
  let outcome = 'running' as 'running' | 'timeout' | 'gone';

  const onGone = () => {
    if (outcome === 'running') outcome = 'gone';
    backendAbort.abort(clientGone.reason);
  };
  if (clientGone.aborted) onGone();
  else clientGone.addEventListener('abort', onGone, { once: true });

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
  const slice = new TimeSlice();
  const send = async (frame: ServerFrame) => {
    if (slice.due()) await untilAborted(slice.pause(), signal);
    const wait = writer.write(frame);
    if (wait) await untilAborted(wait, signal);
  };

  try {
    await send({ type: 'start', query: job.query, timestamp: Date.now() });
    const result = await untilAborted(
      Promise.resolve().then(() =>
        job.backend(job.query, {
          signal,
          request: job.request,
          body: job.body,
          limits: { maxAnswerBytes: job.maxAnswerBytes, maxLineBytes: job.maxLineBytes },
        }),
      ),
      signal,
    );
    const metadata = await sendAnswer(result, send, signal, slice, job);
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
    clientGone.removeEventListener('abort', onGone);
    // Completion aborts too, so a backend can drop whatever it still holds.
    backendAbort.abort();
    writer.close();
  }
}
