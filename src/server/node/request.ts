import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
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
