import { streamAnswer } from './answer-stream.js';
import { ALLOWED_METHODS, corsHeaders, corsVerdict, preflightResponse } from './cors.js';
import { HANDLER_DEFAULTS } from './defaults.js';
import { errorFrame } from './error-frames.js';
import { BadRequestError, readAskBody } from './request-body.js';
import { encodeFrame, SSE_HEADERS } from './sse-frame.js';
import { SseWriter } from './sse-writer.js';
import type { AskStreamHandler, AskStreamHandlerOptions } from './types.js';

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
export function createAskStreamHandler(options: AskStreamHandlerOptions): AskStreamHandler {
  const backend = options?.backend;
  if (typeof backend !== 'function') {
    // No silent fallback: a server that quietly answered from the demo documents
    // in production would look healthy while answering nobody's questions.
    throw new TypeError(
      'createAskStreamHandler: the `backend` option is required, e.g. httpBackend(url) or openAICompatibleBackend({...}). ' +
        "To try the widget without one, import { demoBackend } from 'ask-stream/server/demo' and pass backend: demoBackend().",
    );
  }
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
      const message = error instanceof BadRequestError ? error.message : 'Request body could not be read';
      return new Response(encodeFrame(errorFrame('BAD_REQUEST', message, false)), { status: 200, headers });
    }

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
      writer,
      clientGone: gone.signal,
      timeoutMs: config.timeoutMs,
      chunkSize: config.chunkSize,
      chunkDelayMs: config.chunkDelayMs,
      onError: report,
    }).finally(() => request.signal.removeEventListener('abort', onRequestAbort));

    return new Response(writer.body, { status: 200, headers });
  };
}
