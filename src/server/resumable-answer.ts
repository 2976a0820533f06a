import { IDEMPOTENCY_KEY_HEADER, LAST_EVENT_ID_HEADER } from '../protocol.js';
import { AbortRace } from './abortable.js';
import { errorFrame, type ServerErrorFrame } from './error-frames.js';
import type { ResumeStore } from './resume-store.js';
import { encodeFrame, type ServerFrame } from './sse-frame.js';
import { SseWriter, type FrameSink } from './sse-writer.js';

/** What the handler hands over to answer a request through a resume store. */
export interface ResumableRequest {
  request: Request;
  query: string;
  store: ResumeStore | undefined;
  heartbeatMs: number;
  writeTimeoutMs: number;
  /** The response headers (SSE and CORS). */
  headers: Record<string, string>;
  /** Runs the backend into `sink`; `stop` aborts it (the store failed). */
  produce(sink: FrameSink, stop: AbortSignal): void;
  onError(error: unknown): void;
}

const UNAVAILABLE = errorFrame('RESUME_UNAVAILABLE', 'This answer can no longer be resumed: ask again', false);

// Printable ASCII without spaces, as UUIDs and most key schemes are; bounded so a
// key cannot be used to fill the store's key space.
const KEY = /^[\x21-\x7e]{1,200}$/;
const EVENT_ID = /^\d{1,15}$/;

/**
 * Answers a request that a resume store (or its absence) decides, or returns
 * undefined for the handler to answer as usual (no store, no resume asked).
 *
 * With a store and an `Idempotency-Key`, the answer is produced once per key,
 * into the store, whoever asks: the first request starts it, and every request
 * (the first included, then retries, duplicates, resumes with `Last-Event-ID`,
 * on any instance sharing the store) reads it from there, replaying what it
 * has not seen and following it live. A client that goes away does not stop
 * the backend: the answer goes on into the store, for a resume to find.
 */
export async function answerWithResume(ask: ResumableRequest): Promise<Response | undefined> {
  const key = ask.request.headers.get(IDEMPOTENCY_KEY_HEADER);
  const lastEventId = ask.request.headers.get(LAST_EVENT_ID_HEADER);
  const respond = (frame: ServerErrorFrame) => new Response(encodeFrame(frame), { status: 200, headers: ask.headers });

  if (key !== null && !KEY.test(key)) {
    return respond(badRequest('Idempotency-Key must be 1 to 200 printable ASCII characters'));
  }
  const resuming = lastEventId !== null;
  // A resume needs both the ask and a store that has it; an id we never sent cannot be ours.
  if (resuming && (!ask.store || key === null || !EVENT_ID.test(lastEventId.trim()))) return respond(UNAVAILABLE);
  if (!ask.store || key === null) return undefined;
  const store = ask.store;

  try {
    if (resuming) {
      const known = await store.lookup(key);
      if (!known) return respond(UNAVAILABLE);
      if (known.query !== ask.query) return respond(mismatch());
    } else {
      const claim = await store.claim(key, ask.query);
      if (!claim.created && claim.query !== ask.query) return respond(mismatch());
      if (claim.created) record(store, key, ask);
    }
  } catch (error) {
    // A store that cannot be reached must not take the endpoint down: answer
    // directly (not resumable) when that is still possible.
    ask.onError(error);
    return resuming ? respond(UNAVAILABLE) : undefined;
  }
  return replay(store, key, resuming ? Number(lastEventId) : 0, ask);
}

function badRequest(message: string): ServerErrorFrame {
  return errorFrame('BAD_REQUEST', message, false);
}

function mismatch(): ServerErrorFrame {
  return badRequest('This Idempotency-Key belongs to another question');
}

/** Runs the backend into the store; frames are numbered from 1 and appended in order. */
function record(store: ResumeStore, key: string, ask: ResumableRequest): void {
  const stop = new AbortController();
  let id = 0;
  let chain = Promise.resolve();
  const fail = (error: unknown) => {
    if (stop.signal.aborted) return;
    ask.onError(error);
    stop.abort(error);
  };
  const sink: FrameSink = {
    write(frame: ServerFrame) {
      const stored = { id: ++id, frame };
      chain = chain.then(() => (stop.signal.aborted ? undefined : store.append(key, stored))).catch(fail);
      return chain;
    },
    close() {
      chain = chain.then(() => store.end(key)).catch(fail);
    },
  };
  ask.produce(sink, stop.signal);
}

/** The client's stream: the stored frames after `afterId`, then live ones, with their ids. */
function replay(store: ResumeStore, key: string, afterId: number, ask: ResumableRequest): Response {
  const gone = new AbortController();
  const { signal } = ask.request;
  const onRequestAbort = () => gone.abort(signal.reason);
  if (signal.aborted) onRequestAbort();
  else signal.addEventListener('abort', onRequestAbort, { once: true });
  const writer = new SseWriter({
    heartbeatMs: ask.heartbeatMs,
    writeTimeoutMs: ask.writeTimeoutMs,
    onGone: (reason) => gone.abort(reason),
  });
  const race = new AbortRace(gone.signal);

  void (async () => {
    try {
      for await (const stored of store.read(key, afterId, gone.signal)) {
        if (gone.signal.aborted) break;
        if (stored === undefined) {
          void writer.write(UNAVAILABLE);
          break;
        }
        const wait = writer.write(stored.frame as ServerFrame, stored.id);
        if (wait) await race.race(wait);
      }
    } catch (error) {
      // The client leaving is not an error; a store that fails mid-read is.
      if (!gone.signal.aborted) ask.onError(error);
    } finally {
      signal.removeEventListener('abort', onRequestAbort);
      writer.close();
    }
  })();

  return new Response(writer.body, { status: 200, headers: ask.headers });
}
