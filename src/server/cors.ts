import type { SameOriginTest } from './request-origin.js';
import type { AllowOrigins } from './types.js';

/** Headers a preflight allows when the browser names none. */
const DEFAULT_ALLOWED_HEADERS = 'Content-Type, Authorization, Accept';
/** Seconds a browser may cache a preflight (Chromium caps this at 7200). */
const PREFLIGHT_MAX_AGE = '600';
/** Methods the endpoint answers. */
export const ALLOWED_METHODS = 'POST, OPTIONS';

/**
 * The CORS verdict on a request:
 * - `same-origin`: no `Origin`, or the page is on this very site (see request-origin.ts): no CORS headers needed;
 * - `allowed`: a cross-origin caller that `allowOrigins` admits;
 * - `refused`: any other cross-origin caller.
 */
export type CorsVerdict = 'same-origin' | 'allowed' | 'refused';

export function corsVerdict(request: Request, allowOrigins: AllowOrigins, isSameOrigin: SameOriginTest): CorsVerdict {
  const origin = request.headers.get('origin');
  if (origin === null || isSameOrigin(request, origin)) return 'same-origin';
  let allowed = false;
  try {
    allowed =
      typeof allowOrigins === 'function'
        ? allowOrigins(origin) === true
        : allowOrigins.includes('*') || allowOrigins.includes(origin);
  } catch {
    // A throwing predicate must fail closed, not open.
    allowed = false;
  }
  return allowed ? 'allowed' : 'refused';
}

/** Headers to add to an actual (non-preflight) response. */
export function corsHeaders(request: Request, verdict: CorsVerdict): Record<string, string> {
  const origin = request.headers.get('origin');
  if (origin === null) return {};
  // The answer depends on Origin, so caches must key on it even when refusing.
  if (verdict !== 'allowed') return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/** The answer to an `OPTIONS` request. */
export function preflightResponse(request: Request, verdict: CorsVerdict): Response {
  if (verdict === 'refused') {
    return new Response(null, { status: 403, headers: { Vary: 'Origin' } });
  }
  const headers: Record<string, string> = { Allow: ALLOWED_METHODS, ...corsHeaders(request, verdict) };
  if (verdict === 'allowed') {
    headers['Access-Control-Allow-Methods'] = ALLOWED_METHODS;
    headers['Access-Control-Allow-Headers'] =
      request.headers.get('access-control-request-headers') || DEFAULT_ALLOWED_HEADERS;
    headers['Access-Control-Max-Age'] = PREFLIGHT_MAX_AGE;
    headers.Vary = 'Origin, Access-Control-Request-Headers';
  }
  return new Response(null, { status: 204, headers });
}
