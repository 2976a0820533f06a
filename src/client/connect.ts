import {
  EVENT_STREAM_MEDIA_TYPE,
  IDEMPOTENCY_KEY_HEADER,
  LAST_EVENT_ID_HEADER,
  type Frame,
  type HistoryEntry,
} from '../protocol.js';
import { parseEventStream } from '../sse/parse-event-stream.js';
import { AskStreamError, isRetryableStatus } from './ask-error.js';
import { decodeFrame } from './decode-frame.js';
import { IdleTimer } from './idle-timer.js';
import { parseRetryAfter } from './retry-policy.js';

/** The longest silence an ask waits for by default, in milliseconds. */
export const DEFAULT_TIMEOUT = 30_000;

/** What one connection needs: where, what, and how long to wait. */
export interface ConnectRequest {
  endpoint: string | URL;
  query: string;
  /** Extra request headers, e.g. authorization. */
  headers?: Record<string, string>;
  /** Extra JSON fields sent beside `query` (the question always wins). */
  body?: Record<string, unknown>;
  /**
   * Earlier exchanges of the conversation, oldest first, sent as `history`
   * (over a `history` field of `body`); empty or unset: not sent. The server
   * refuses more than `HISTORY_LIMITS` allows: `conversationHistory` (the
   * controller's) keeps within it.
   */
  history?: readonly HistoryEntry[];
  /** Longest silence (no bytes at all, headers included) in ms before `TIMEOUT`; 0 or less: none. */
  timeout?: number;
  signal?: AbortSignal;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof globalThis.fetch;
}

/** Which ask this connection belongs to, and where it picks up. */
export interface ConnectTarget {
  idempotencyKey: string;
  /** The SSE id of the last frame already received: the server sends what follows. */
  lastEventId?: string;
  /** Now, in ms since the epoch (for `Retry-After` dates). */
  now: () => number;
  /** The longest `Retry-After` taken, in ms. */
  maxRetryAfterMs: number;
}

/** A protocol frame with the SSE id it came with (`""` when the stream set none). */
export interface IdentifiedFrame {
  frame: Frame;
  id: string;
}

/**
 * One connection of an ask: POSTs it and yields the protocol frames as they
 * arrive, each with its SSE id. It ends after a `complete` or `error` frame
 * (both are yielded), and throws an {@link AskStreamError} for every failure
 * the client detects itself: `HTTP_ERROR`, `BAD_CONTENT_TYPE`, `NETWORK`,
 * `TIMEOUT`, `INCOMPLETE`. Leaving the loop early closes the connection.
 */
export async function* connect(request: ConnectRequest, target: ConnectTarget): AsyncGenerator<IdentifiedFrame> {
  const { signal } = request;
  signal?.throwIfAborted();
  const timeout = request.timeout ?? DEFAULT_TIMEOUT;
  // One controller for the whole exchange, so that the caller's abort, the idle
  // timer and an early exit all close the same connection.
  const connection = new AbortController();
  const onAbort = () => connection.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const idle = new IdleTimer(timeout, () => connection.abort(new DOMException('Idle timeout', 'TimeoutError')));

  // A failure caused by the caller's abort is the caller's (rethrown as is); one
  // caused by the idle timer is a TIMEOUT, whatever the fetch made of it.
  const explain = (cause: unknown, otherwise: () => AskStreamError): unknown => {
    if (signal?.aborted) return signal.reason ?? cause;
    if (idle.fired) {
      return new AskStreamError('TIMEOUT', `No response from the server for ${timeout / 1000} s.`, true, { cause });
    }
    return otherwise();
  };

  try {
    idle.touch();
    let response: Response;
    try {
      response = await (request.fetch ?? globalThis.fetch)(request.endpoint, {
        method: 'POST',
        headers: requestHeaders(request.headers, target),
        body: requestBody(request),
        signal: connection.signal,
        cache: 'no-store',
      });
    } catch (cause) {
      throw explain(cause, () => new AskStreamError('NETWORK', unreachable(request.endpoint), true, { cause }));
    }
    idle.touch();

    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      const text = response.statusText ? ` ${response.statusText}` : '';
      throw new AskStreamError(
        'HTTP_ERROR',
        `The server answered HTTP ${response.status}${text}.`,
        isRetryableStatus(response.status),
        {
          status: response.status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), target.now(), target.maxRetryAfterMs),
        },
      );
    }
    if (mediaType(response.headers.get('content-type')) !== EVENT_STREAM_MEDIA_TYPE) {
      // Whatever came instead (often an HTML error page) is never shown.
      void response.body?.cancel().catch(() => {});
      throw new AskStreamError('BAD_CONTENT_TYPE', 'The server did not answer with an event stream.', false);
    }
    if (response.body) {
      try {
        for await (const { data, id } of parseEventStream(watchBody(response.body, idle, connection.signal))) {
          const frame = decodeFrame(data);
          if (!frame) continue;
          yield { frame, id };
          if (frame.type === 'complete' || frame.type === 'error') return;
        }
      } catch (cause) {
        throw explain(cause, () => new AskStreamError('NETWORK', 'The connection was lost.', true, { cause }));
      }
    }
    throw new AskStreamError('INCOMPLETE', 'The answer ended before it was complete.', true);
  } finally {
    idle.stop();
    signal?.removeEventListener('abort', onAbort);
    connection.abort();
  }
}

/**
 * "Could not reach the server", and for an endpoint on another origin the most
 * likely reason: a browser reports a request refused by CORS exactly like an
 * unreachable server, so without the hint the cause stays invisible.
 */
function unreachable(endpoint: string | URL): string {
  const message = 'Could not reach the server.';
  const here = globalThis.location?.origin;
  if (!here || here === 'null') return message;
  let there: string;
  try {
    there = new URL(endpoint, globalThis.location.href).origin;
  } catch {
    return message;
  }
  if (there === here) return message;
  return (
    `${message} The endpoint is on another origin (${there}): if that server is up, it may not allow ` +
    `this page's origin (${here}) through CORS (ask-stream's handler: the allowOrigins option).`
  );
}

/** `{...body, history?, query}`: the question always wins, and a history only goes when there is one. */
function requestBody(request: ConnectRequest): string {
  const { body, history, query } = request;
  return JSON.stringify(history?.length ? { ...body, history, query } : { ...body, query });
}

function requestHeaders(extra: Record<string, string> | undefined, target: ConnectTarget): Headers {
  const headers = new Headers(extra);
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', EVENT_STREAM_MEDIA_TYPE);
  headers.set(IDEMPOTENCY_KEY_HEADER, target.idempotencyKey);
  if (target.lastEventId) headers.set(LAST_EVENT_ID_HEADER, target.lastEventId);
  else headers.delete(LAST_EVENT_ID_HEADER);
  return headers;
}

/** `text/event-stream; charset=utf-8` → `text/event-stream`. */
function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/**
 * Passes the body through, restarting the idle timer whenever bytes arrive.
 * It also ends the read itself when `signal` aborts: a `fetch` other than the
 * browser's may not tie the body to the request's signal, and the idle timeout
 * and `cancel()` must work all the same.
 */
function watchBody(body: ReadableStream<Uint8Array>, idle: IdleTimer, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (signal.aborted) throw signal.reason;
        if (done) {
          signal.removeEventListener('abort', onAbort);
          return controller.close();
        }
        if (value.byteLength > 0) idle.touch();
        controller.enqueue(value);
      },
      cancel: (reason) => {
        signal.removeEventListener('abort', onAbort);
        return reader.cancel(reason);
      },
    },
    // No read-ahead: the parser buffers what it needs, and a cancel reaches the socket at once.
    { highWaterMark: 0 },
  );
}
