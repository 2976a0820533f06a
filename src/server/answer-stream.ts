import { isRecord, type MetadataFrame } from '../protocol.js';
import { delay, untilAborted } from './abortable.js';
import { chunkText } from './chunk-text.js';
import { TIMEOUT_FRAME, UNAVAILABLE_FRAME } from './error-frames.js';
import type { ServerFrame } from './sse-frame.js';
import type { SseWriter } from './sse-writer.js';
import type { AskBackend, BackendAnswer, BackendMetadata, BackendResult } from './types.js';

/** Everything one answer needs; the handler builds it per request. */
export interface AnswerJob {
  backend: AskBackend;
  query: string;
  body: Record<string, unknown>;
  request: Request;
  writer: SseWriter;
  /** Aborts when the client is gone (request signal or the body stream cancelled). */
  clientGone: AbortSignal;
  timeoutMs: number;
  chunkSize: number;
  chunkDelayMs: number;
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
  const send = (frame: ServerFrame) => untilAborted(writer.write(frame), signal);

  try {
    await send({ type: 'start', query: job.query, timestamp: Date.now() });
    const result = await untilAborted(
      Promise.resolve().then(() => job.backend(job.query, { signal, request: job.request, body: job.body })),
      signal,
    );
    const metadata = isAsyncIterable(result)
      ? await sendStream(result, send, signal)
      : await sendWholeAnswer(result, send, signal, job);
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

type Send = (frame: ServerFrame) => Promise<void>;

async function sendWholeAnswer(
  result: BackendResult,
  send: Send,
  signal: AbortSignal,
  job: AnswerJob,
): Promise<BackendMetadata | undefined> {
  if (!isRecord(result) || typeof result.response !== 'string') {
    throw new TypeError('The backend returned neither {response: string} nor an AsyncIterable');
  }
  const chunks = chunkText((result as BackendAnswer).response, job.chunkSize);
  for (let index = 0; index < chunks.length; index++) {
    if (index > 0 && job.chunkDelayMs > 0) await delay(job.chunkDelayMs, signal);
    await send({ type: 'chunk', content: chunks[index]!, index, total: chunks.length });
  }
  return metadataOf(result);
}

async function sendStream(
  stream: AsyncIterable<unknown>,
  send: Send,
  signal: AbortSignal,
): Promise<BackendMetadata | undefined> {
  const iterator = stream[Symbol.asyncIterator]();
  let metadata: BackendMetadata | undefined;
  let finished = false;
  let index = 0;
  try {
    for (;;) {
      const step = await untilAborted(iterator.next(), signal);
      if (step.done) {
        finished = true;
        break;
      }
      const item = step.value;
      if (typeof item === 'string') {
        if (item !== '') await send({ type: 'chunk', content: item, index: index++ });
      } else if (isRecord(item)) {
        metadata = { ...metadata, ...metadataOf(item) };
      } else {
        throw new TypeError(`The backend's stream yielded a ${typeof item}: expected text or a metadata object`);
      }
    }
  } finally {
    // Lets an async generator run its finally blocks. Not awaited: a generator
    // stuck in an await would hold the handler until it wakes up.
    if (!finished)
      void Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => {});
  }
  return metadata;
}

/** The metadata part of a backend's object: everything but `response`, and no `type`. */
function metadataOf(value: Record<string, unknown>): BackendMetadata | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key !== 'response' && key !== 'type' && entry !== undefined) out[key] = entry;
  }
  return Object.keys(out).length > 0 ? (out as Omit<MetadataFrame, 'type'>) : undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}
