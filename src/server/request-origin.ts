/**
 * Whether a request comes from a page of this very site: the same-origin half
 * of the CORS check. The request's own origin is taken from `publicOrigin`
 * when the operator sets it, else from the `Host` header the browser sent,
 * never from the request path: `POST //evil.example/` must not make
 * `evil.example` the server's own host.
 */
export type SameOriginTest = (request: Request, origin: string) => boolean;

/** Builds the test; throws a TypeError at construction for a `publicOrigin` that is not an origin. */
export function sameOriginTest(publicOrigin: string | undefined): SameOriginTest {
  const configured = publicOrigin === undefined ? undefined : parseOrigin(publicOrigin);
  return (request, origin) => {
    // The browser sets Sec-Fetch-Site and no script can forge it; it stays
    // right behind proxies that rewrite the Host or the scheme.
    if (request.headers.get('sec-fetch-site') === 'same-origin') return true;
    let page: URL;
    try {
      page = new URL(origin);
    } catch {
      // `Origin: null` (sandboxed frames, file:) and garbage land here.
      return false;
    }
    if (configured) return page.origin === configured;
    const host = requestHost(request);
    // Host only, not scheme: behind a TLS-terminating proxy the request says
    // http: while the page says https:, and the host is the same owner.
    return host !== undefined && page.host === host;
  };
}

function parseOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.origin === 'null' || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new TypeError(
      `createAskStreamHandler: publicOrigin must be an origin such as 'https://www.example.com' (scheme, host, optional port, no path), not ${JSON.stringify(value)}`,
    );
  }
  return url.origin;
}

// A Host header is a host and an optional port, nothing else (RFC 9110 §7.2):
// no userinfo, no path, nothing that could move the authority of a URL.
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9\-._~%!$&'()*+,;=]+)(?::\d{0,5})?$/i;

/** Whether a `Host` header value is a host and an optional port. */
export function isValidHost(value: string): boolean {
  return HOST.test(value);
}

/**
 * The host the request was sent to, as `URL.host` writes it (lower case, no
 * default port): the `Host` header when there is one (HTTP/1.1 requires it,
 * and runtimes keep it on the `Request`), else the URL's own host (HTTP/2's
 * `:authority`, which the runtime put there). Undefined for a malformed one.
 */
export function requestHost(request: Request): string | undefined {
  let scheme = 'http:';
  try {
    const url = new URL(request.url);
    scheme = url.protocol;
    const header = request.headers.get('host');
    if (header === null) return url.host;
    if (!isValidHost(header)) return undefined;
    return new URL(`${scheme}//${header}`).host;
  } catch {
    return undefined;
  }
}
