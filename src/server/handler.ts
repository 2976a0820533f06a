import type { ErrorFrame } from '../protocol.js';
import { streamAnswer } from './answer-stream.js';
import { demoBackend } from './backends/demo.js';
import { ALLOWED_METHODS, corsHeaders, corsVerdict, preflightResponse } from './cors.js';
import { BadRequestError, readAskBody } from './request-body.js';
import { answerWithResume, numbered } from './resumable-answer.js';
import { encodeFrame, SSE_HEADERS, SseWriter } from './sse-writer.js';
import type { AskStreamHandler, AskStreamHandlerOptions } from './types.js';

/** The option defaults of {@link createAskStreamHandler}. */
export const HANDLER_DEFAULTS = Object.freeze({
  timeoutMs: 30_000,
  heartbeatMs: 15_000,
  maxQueryLength: 4_000,
  maxBodyBytes: 64 * 1024,
  chunkSize: 100,
  chunkDelayMs: 0,
});

/**
 * Creates the ask-stream endpoint: `POST` a JSON body `{query, ...}` and read
 * the answer as an event stream of protocol frames. Web-standard
 * `Request`/`Response`, so it mounts as is in Next.js, Hono, Deno, Bun and
 * Workers, and in Node through {@link toNodeHandler}.
 *
 * @example
 * const handler = createAskStreamHandler({ backend: httpBackend('http://ml:8000') });
 * export const POST = handler, OPTIONS = handler; // Next.js route
 */
export function createAskStreamHandler(options: AskStreamHandlerOptions = {}): AskStreamHandler {
  const backend = options.backend ?? demoBackend();
  const config = {
    timeoutMs: options.timeoutMs ?? HANDLER_DEFAULTS.timeoutMs,
    heartbeatMs: options.heartbeatMs ?? HANDLER_DEFAULTS.heartbeatMs,
    maxQueryLength: options.maxQueryLength ?? HANDLER_DEFAULTS.maxQueryLength,
    maxBodyBytes: options.maxBodyBytes ?? HANDLER_DEFAULTS.maxBodyBytes,
    chunkSize: options.chunkSize ?? HANDLER_DEFAULTS.chunkSize,
    chunkDelayMs: options.chunkDelayMs ?? HANDLER_DEFAULTS.chunkDelayMs,
  };
  const allowOrigins = options.allowOrigins ?? [];
  const onError = options.onError ?? ((error: unknown) => console.error('[ask-stream]', error));
  const report = (error: unknown) => {
    // A logger that throws must not take the stream down with it.
    try {
      onError(error);
    } catch {
      /* ignored */
    }
  };

  return async function askStreamHandler(request: Request): Promise<Response> {
    const verdict = corsVerdict(request, allowOrigins);
    if (request.method === 'OPTIONS') return preflightResponse(request, verdict);
    const cors = corsHeaders(request, verdict);
    if (request.method !== 'POST') {
      return new Response('Method Not Allowed', {
        status: 405,
        headers: { Allow: ALLOWED_METHODS, 'Content-Type': 'text/plain; charset=utf-8', ...cors },
      });
    }
    // Refused before the body is read or the backend runs: the browser would
    // hide the answer anyway, so a foreign page must not spend backend time.
    if (verdict === 'refused') {
      return new Response('Origin not allowed', {
        status: 403,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', ...cors },
      });
    }
    const headers = { ...SSE_HEADERS, ...cors };

    let parsed;
    try {
      parsed = await readAskBody(request, { maxBytes: config.maxBodyBytes, maxQueryLength: config.maxQueryLength });
    } catch (error) {
      // Still a 200 event stream, so the widget shows the message like any other error.
      const frame: ErrorFrame =
        error instanceof BadRequestError
          ? { type: 'error', code: 'BAD_REQUEST', message: error.message, retryable: false }
          : { type: 'error', code: 'BAD_REQUEST', message: 'Request body could not be read', retryable: false };
      return new Response(encodeFrame(frame), { status: 200, headers });
    }

    const answerJob = { backend, query: parsed.query, body: parsed.body, request, ...config, onError: report };
    const resumable = await answerWithResume({
      request,
      query: parsed.query,
      store: options.resumeStore,
      heartbeatMs: config.heartbeatMs,
      headers,
      // Into the store: no client's departure stops it, only the store failing.
      produce: (writer, stop) => void streamAnswer({ ...answerJob, writer, clientGone: stop }),
      onError: report,
    });
    if (resumable) return resumable;

    const gone = new AbortController();
    const onRequestAbort = () => gone.abort(request.signal.reason);
    if (request.signal.aborted) onRequestAbort();
    else request.signal.addEventListener('abort', onRequestAbort, { once: true });
    const writer = new SseWriter(config.heartbeatMs, () => gone.abort());

    void streamAnswer({
      backend,
      query: parsed.query,
      body: parsed.body,
      request,
      writer: numbered(writer),
      clientGone: gone.signal,
      timeoutMs: config.timeoutMs,
      chunkSize: config.chunkSize,
      chunkDelayMs: config.chunkDelayMs,
      onError: report,
    }).finally(() => request.signal.removeEventListener('abort', onRequestAbort));

    return new Response(writer.body, { status: 200, headers });
  };
}
