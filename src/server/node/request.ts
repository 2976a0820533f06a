import type { IncomingMessage } from 'node:http';
import { isValidHost } from '../request-origin.js';

/** A Node request as Express, Connect and Vite hand it over (they may add these). */
export type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/** A request no Web `Request` can be built from: answered 400 by the adapter. */
export class BadNodeRequestError extends Error {
  override readonly name = 'BadNodeRequestError';
}

/**
 * Methods the Fetch standard forbids: `new Request()` throws on them, so the
 * adapter answers them itself (CONNECT does not even reach a `node:http`
 * request listener, but may reach other servers' middleware).
 */
export function isForbiddenMethod(method: string | undefined): boolean {
  const m = method?.toUpperCase();
  return m === 'CONNECT' || m === 'TRACE' || m === 'TRACK';
}

/** The Web `Request` for a Node request; its `signal` is the one given. */
export function toRequest(req: NodeRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  try {
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      // HTTP/2 pseudo-headers (":path") are not header names to fetch.
      if (!name.startsWith(':')) headers.append(name, req.rawHeaders[i + 1]!);
    }
  } catch (cause) {
    throw new BadNodeRequestError('A request header is not valid', { cause });
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = alreadyParsedBody(req);
    if (parsed !== undefined) {
      init.body = parsed;
      headers.delete('content-length');
    } else {
      init.body = webBody(req);
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

/**
 * The request's URL: the scheme of the connection, the authority from the
 * `Host` header (`:authority` on HTTP/2) and the path of the request target.
 * The target is only ever a path here: `//evil.example/` and `/\evil.example/`
 * stay paths under our own host, and the authority of an absolute-form target
 * (`POST http://evil.example/ HTTP/1.1`) is ignored, so that nothing a client
 * puts in the request line can change which host the request appears to be for.
 */
export function requestUrl(req: NodeRequest): string {
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  const host = String(req.headers.host ?? req.headers[':authority'] ?? '');
  if (!isValidHost(host)) throw new BadNodeRequestError(`Host header not valid: ${JSON.stringify(host.slice(0, 100))}`);
  // originalUrl: Express and Connect strip the mount path from `url`.
  return `${encrypted ? 'https' : 'http'}://${host}${targetPath(req.originalUrl ?? req.url ?? '/')}`;
}

function targetPath(target: string): string {
  // Origin-form. Appended after our authority, even "//host" parses as a path.
  if (target.startsWith('/')) return target;
  if (target === '*') return '/';
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return '/';
  }
}

const ignore = () => {};

/**
 * The request body as a Web stream, read as the handler asks for it (a full
 * queue pauses the request). `Readable.toWeb` would do the same, but it keeps
 * its listeners, and so the stream, on the request for as long as the
 * connection lives: a few KB per open event stream (S1). This one lets go of
 * the request as soon as the body has been read, has failed or was cancelled.
 */
function webBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let settled = false;
  const detach = () => {
    settled = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onClose);
    // An error after we stopped listening must not become an uncaught exception.
    req.on('error', ignore);
  };
  const onData = (chunk: Buffer) => {
    controller.enqueue(new Uint8Array(chunk));
    if ((controller.desiredSize ?? 1) <= 0) req.pause();
  };
  const onEnd = () => {
    detach();
    controller.close();
  };
  const onError = (error: unknown) => {
    detach();
    controller.error(error);
  };
  // Closed before its end: the client went away mid-body.
  const onClose = () => onError(new DOMException('The request body was cut short', 'AbortError'));
  // Flowing only when the stream pulls, which it does at once up to its high-water mark.
  req.pause();
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
  req.on('close', onClose);
  return new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: () => {
        req.resume();
      },
      cancel: (reason) => {
        if (settled) return;
        detach();
        // As Readable.toWeb does (through Node's stream destroyer): the rest of
        // the body is not wanted, but the socket stays, for the response.
        (req as { socket: unknown }).socket = null;
        req.destroy(
          reason instanceof Error ? reason : new DOMException('The request body was cancelled', 'AbortError'),
        );
      },
    },
    // Readable.toWeb's own strategy: as many bytes as the request would buffer itself.
    new ByteLengthQueuingStrategy({ highWaterMark: req.readableHighWaterMark }),
  );
}
