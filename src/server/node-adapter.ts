import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A Node request as Express, Connect and Vite hand it over (they may add these). */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/** `(req, res, next?)`: a `node:http` listener and an Express/Connect/Vite middleware at once. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * Runs a Web-standard handler for Node's `http` server, Express, Connect or
 * Vite: builds a `Request` whose `signal` aborts when the client goes away,
 * and streams the `Response` body out with backpressure.
 *
 * @example
 * http.createServer(toNodeHandler(createAskStreamHandler())).listen(3000);
 * app.use('/api/ask/stream', toNodeHandler(handler)); // Express
 */
export function toNodeHandler(handler: (request: Request) => Response | Promise<Response>): NodeHandler {
  return (req, res, next) => {
    void serve(handler, req as NodeRequest, res).catch((error: unknown) => {
      if (next) return next(error);
      console.error('[ask-stream] node adapter:', error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end('Internal Server Error');
      } else {
        res.destroy();
      }
    });
  };
}

async function serve(
  handler: (request: Request) => Response | Promise<Response>,
  req: NodeRequest,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController();
  // Not req's 'close': that fires as soon as the request body has been read.
  const onClose = () => {
    if (!res.writableFinished) controller.abort(new DOMException('The client disconnected', 'AbortError'));
  };
  res.once('close', onClose);

  const response = await handler(toRequest(req, controller.signal));
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  writeHead(req, res, response);
  if (!response.body) {
    res.end();
    return;
  }
  await pipe(response.body, res);
}

function toRequest(req: NodeRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    // HTTP/2 pseudo-headers (":path") are not header names to fetch.
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = alreadyParsedBody(req);
    if (parsed !== undefined) {
      init.body = parsed;
      headers.delete('content-length');
    } else {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
  }
  return new Request(requestUrl(req), init);
}

/** A body a framework's body parser consumed before us (Express's `express.json()`). */
function alreadyParsedBody(req: NodeRequest): string | Uint8Array<ArrayBuffer> | undefined {
  if (req.body === undefined || !req.readableEnded) return undefined;
  if (typeof req.body === 'string') return req.body;
  if (req.body instanceof Uint8Array) return new Uint8Array(req.body);
  return JSON.stringify(req.body);
}

function requestUrl(req: NodeRequest): string {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const host = req.headers.host ?? req.headers[':authority'] ?? 'localhost';
  // originalUrl: Express and Connect strip the mount path from `url`.
  const path = req.originalUrl ?? req.url ?? '/';
  try {
    return new URL(path, `${encrypted ? 'https' : 'http'}://${String(host)}`).href;
  } catch {
    return new URL(path.startsWith('/') ? path : '/', 'http://localhost').href;
  }
}

function writeHead(req: IncomingMessage, res: ServerResponse, response: Response): void {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    // Connection is hop-by-hop, and illegal in HTTP/2.
    if (name === 'connection' && req.httpVersionMajor >= 2) return;
    res.setHeader(name, value);
  });
  // Clients (and the heartbeat timing) should see the headers now, not with the first body bytes.
  res.flushHeaders();
}

async function pipe(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  // Cancelling the body tells the handler even when the runtime's Request signal would not.
  const onClose = () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  };
  res.once('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await drained(res);
    }
    if (!res.destroyed) res.end();
  } catch (error) {
    // A read that failed because we cancelled on disconnect is not an error.
    if (!res.destroyed) throw error;
  } finally {
    res.off('close', onClose);
    reader.releaseLock();
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
