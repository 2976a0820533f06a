import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { HANDLER_DEFAULTS } from '../defaults.js';
import { attachableWriter } from '../sse-writer.js';
import { writeDirect } from './direct-body.js';
import { startSoon } from './start-queue.js';
import { BadNodeRequestError, isForbiddenMethod, toRequest, type NodeRequest } from './request.js';
import { pipeBody, writeHead } from './response.js';
import { closedEarly } from './response-state.js';

/**
 * `(req, res, next?)`: a `node:http` or `node:http2` listener (the latter's
 * compatibility API) and an Express/Connect/Vite middleware at once. It
 * answers every request itself and never calls `next`, so no framework error
 * page (with its stack trace) is ever shown.
 */
export type NodeHandler = (
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/** A Web handler, with what an ask-stream handler tells the adapter besides. */
export type WebHandler = ((request: Request) => Response | Promise<Response>) & {
  readonly allow?: string;
  readonly writeTimeoutMs?: number;
};

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * Drop a socket that has not drained (or flushed its end) after this many
   * ms. Default: the handler's own `writeTimeoutMs` (an ask-stream handler
   * carries it), else 30000; 0 disables.
   */
  writeTimeoutMs?: number;
  /**
   * The `Allow` header of the 405 sent for methods a Web `Request` cannot
   * carry (TRACE, TRACK, CONNECT). Default: the handler's own (`POST, OPTIONS`
   * for an ask-stream handler), else every method it could be given.
   */
  allow?: string;
  /** Receives what the handler throws; the client gets a bare 500. Default: `console.error`. */
  onError?: (error: unknown) => void;
}

const ANY_METHOD = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/**
 * Runs a Web-standard handler for Node's `http` server, Express, Connect or
 * Vite: builds a `Request` whose `signal` aborts when the client goes away,
 * and streams the `Response` body out with backpressure, dropping a client
 * that stops reading. Requests no `Request` can represent are answered here:
 * 405 with `Allow` for TRACE and its kind, 400 for a malformed `Host`; a
 * handler that throws gets a plain 500. No response ever carries a stack trace.
 *
 * @example
 * http.createServer(toNodeHandler(createAskStreamHandler({ backend }))).listen(3000);
 * app.use('/api/ask/stream', toNodeHandler(handler)); // Express
 */
export function toNodeHandler(handler: WebHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const settings = {
    writeTimeoutMs: options.writeTimeoutMs ?? handler.writeTimeoutMs ?? HANDLER_DEFAULTS.writeTimeoutMs,
    allow: options.allow ?? handler.allow ?? ANY_METHOD,
    onError: options.onError ?? ((error: unknown) => console.error('[ask-stream] node adapter:', error)),
  };
  // Node loads its fetch classes on first use: ~50 ms of one request's time
  // (measured: S2), while every connection of a burst waits behind it. Here,
  // that happens while the server starts instead.
  void [Request, Response, Headers];
  return (incoming, outgoing) => {
    // http2's compatibility request and response mirror node:http's in all the adapter uses.
    const req = incoming as NodeRequest;
    const res = outgoing as ServerResponse;
    startSoon(() => {
      void serve(handler, req, res, settings).catch((error: unknown) => {
        settings.onError(error);
        if (!res.headersSent) plain(req, res, 500, 'Internal Server Error');
        else res.destroy();
      });
    });
  };
}

async function serve(
  handler: WebHandler,
  req: NodeRequest,
  res: ServerResponse,
  settings: Required<NodeHandlerOptions>,
): Promise<void> {
  // Gone while waiting its turn (startSoon): nothing to start.
  if (res.destroyed) return;
  if (isForbiddenMethod(req.method)) {
    plain(req, res, 405, 'Method Not Allowed', { Allow: settings.allow });
    return;
  }
  const controller = new AbortController();
  // Not req's 'close': that fires as soon as the request body has been read.
  const onClose = () => {
    if (closedEarly(res)) controller.abort(new DOMException('The client disconnected', 'AbortError'));
  };
  res.once('close', onClose);

  let request: Request;
  try {
    request = toRequest(req, controller.signal);
  } catch (error) {
    if (!(error instanceof BadNodeRequestError)) settings.onError(error);
    plain(req, res, 400, 'Bad Request');
    return;
  }
  const response = await handler(request);
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  writeHead(req, res, response);
  if (!response.body) {
    res.end();
    return;
  }
  // The handler's own event stream: its frames go straight into `res`.
  const writer = attachableWriter(response.body);
  if (writer) {
    writeDirect(writer, res, settings.writeTimeoutMs);
    return;
  }
  const { outcome, error } = await pipeBody(response.body, res, settings.writeTimeoutMs);
  // A client dropped for not reading is the handler's doing, not a failure.
  if (outcome === 'source-failed' && !(error instanceof DOMException && error.name === 'TimeoutError')) {
    settings.onError(error);
  }
}

/** A short text answer; it closes an HTTP/1 connection whose request body was not read. */
function plain(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const close = req.httpVersionMajor < 2 && !req.readableEnded ? { Connection: 'close' } : {};
  res.writeHead(status, { ...headers, ...close, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
