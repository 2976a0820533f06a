import { produceAnswer, startAnswer } from './answer-stream.js';
import { ALLOWED_METHODS, corsHeaders, corsVerdict, preflightResponse } from './cors.js';
import { errorFrame } from './error-frames.js';
import { resolveConfig } from './handler-config.js';
import { BadRequestError, BodyTimeoutError, readAskBody } from './request-body.js';
import { answerWithResume } from './resumable-answer.js';
import { encodeFrame, SSE_HEADERS } from './sse-frame.js';
import type { AskStreamHandler, AskStreamHandlerOptions } from './types.js';

const TEXT = 'text/plain; charset=utf-8';

/**
 * Creates the ask-stream endpoint: `POST` a JSON body `{query, ...}` and read
 * the answer as an event stream of protocol frames. Web-standard
 * `Request`/`Response`, so it mounts as is in Next.js, Hono, Deno, Bun and
 * Workers, and in Node through `toNodeHandler` from `ask-stream/server/node`.
 *
 * @throws {TypeError} without a `backend`, or with a `publicOrigin` that is not an origin.
 * @example
 * const handler = createAskStreamHandler({ backend: httpBackend('http://ml:8000') });
 * export const POST = handler, OPTIONS = handler; // Next.js route
 */
export function createAskStreamHandler(options: AskStreamHandlerOptions): AskStreamHandler {
  const config = resolveConfig(options);

  async function askStreamHandler(request: Request): Promise<Response> {
    const verdict = corsVerdict(request, config.allowOrigins, config.isSameOrigin);
    if (request.method === 'OPTIONS') return preflightResponse(request, verdict);
    const cors = corsHeaders(request, verdict);
    if (request.method !== 'POST') {
      return new Response('Method Not Allowed', {
        status: 405,
        headers: { Allow: ALLOWED_METHODS, 'Content-Type': TEXT, ...cors },
      });
    }
    // Refused before the body is read or the backend runs: the browser would
    // hide the answer anyway, so a foreign page must not spend backend time.
    if (verdict === 'refused') {
      return new Response('Origin not allowed', { status: 403, headers: { 'Content-Type': TEXT, ...cors } });
    }
    const headers = { ...SSE_HEADERS, ...cors };

    let parsed;
    try {
      parsed = await readAskBody(request, {
        maxBytes: config.maxBodyBytes,
        maxQueryLength: config.maxQueryLength,
        timeoutMs: config.bodyTimeoutMs,
      });
    } catch (error) {
      if (error instanceof BodyTimeoutError) {
        // Not a stream: no widget sends this slowly. The connection goes, so the
        // rest of the body is never waited for.
        return new Response('Request body timed out', {
          status: 408,
          headers: { 'Content-Type': TEXT, Connection: 'close', ...cors },
        });
      }
      // Still a 200 event stream, so the widget shows the message like any other error.
      const message = error instanceof BadRequestError ? error.message : 'Request body could not be read';
      return new Response(encodeFrame(errorFrame('BAD_REQUEST', message, false)), { status: 200, headers });
    }

    const job = {
      ...config,
      query: parsed.query,
      body: parsed.body,
      history: parsed.history,
      request,
      onError: config.report,
    };
    const resumable = await answerWithResume({
      request,
      query: parsed.query,
      store: config.resumeStore,
      heartbeatMs: config.heartbeatMs,
      writeTimeoutMs: config.writeTimeoutMs,
      headers,
      // Into the store: no client's departure stops it, only the store failing.
      produce: (sink, stop) => produceAnswer(job, sink, stop),
      onError: config.report,
    });
    if (resumable) return resumable;
    return new Response(startAnswer(job), { status: 200, headers });
  }

  return Object.assign(askStreamHandler, { allow: ALLOWED_METHODS, writeTimeoutMs: config.writeTimeoutMs });
}
