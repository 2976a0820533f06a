import { HANDLER_DEFAULTS } from '../defaults.js';
import type { AnswerLimits, AskBackend, BackendContext } from '../types.js';

/** The bounds a built-in backend reads with: its own options, else the handler's, else the defaults. */
export function upstreamLimits(own: Partial<AnswerLimits>, context: BackendContext): AnswerLimits {
  return {
    maxAnswerBytes: own.maxAnswerBytes ?? context.limits?.maxAnswerBytes ?? HANDLER_DEFAULTS.maxAnswerBytes,
    maxLineBytes: own.maxLineBytes ?? context.limits?.maxLineBytes ?? HANDLER_DEFAULTS.maxLineBytes,
  };
}

/**
 * Calls an upstream service without following redirects: a redirect to
 * another host would carry the API key and the visitor's question to a
 * server nobody configured. A redirect is a backend failure; point the URL
 * at the final address instead. `redirect: 'manual'`, not `'error'`:
 * Cloudflare Workers refuse `'error'` (a TypeError on every call), and
 * `'manual'` hands over the 3xx (or, in a browser, an opaque redirect) that
 * the check below refuses in every runtime.
 */
export async function fetchUpstream(
  fetchImpl: typeof globalThis.fetch | undefined,
  url: string,
  init: RequestInit & { signal: AbortSignal },
  name: string,
): Promise<Response> {
  let response: Response;
  try {
    response = await (fetchImpl ?? globalThis.fetch)(url, { ...init, redirect: 'manual' });
  } catch (cause) {
    init.signal.throwIfAborted();
    throw new Error(`${name} could not be reached`, { cause });
  }
  // Also catches a fetch of one's own that ignores `redirect` and follows it.
  if (response.redirected || response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    void response.body?.cancel().catch(() => {});
    throw new Error(`${name} redirected (HTTP ${response.status}); redirects are not followed`);
  }
  return response;
}

/** A backend that declares the metadata fields it passes (see `AskBackend.passMetadata`). */
export function withPassMetadata(backend: AskBackend, passMetadata: readonly string[] | undefined): AskBackend {
  return passMetadata?.length ? Object.assign(backend, { passMetadata: [...passMetadata] }) : backend;
}
