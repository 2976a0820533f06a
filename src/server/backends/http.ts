import { isRecord } from '../../protocol.js';
import { LimitExceededError, readAll } from '../bounded-read.js';
import type { AskBackend, BackendAnswer } from '../types.js';
import { fetchUpstream, upstreamLimits, withPassMetadata } from './upstream.js';
import { upstreamHttpError } from './upstream-error.js';

/** Options of {@link httpBackend}. */
export interface HttpBackendOptions {
  /** The path under `url` that is POSTed to, a query string allowed. Default `/api/ask`. */
  path?: string;
  /** Extra request headers for the pipeline, e.g. an API key. */
  headers?: Record<string, string>;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof globalThis.fetch;
  /** Largest JSON answer to read, in bytes. Default: the handler's `maxAnswerBytes` (8 MiB). */
  maxAnswerBytes?: number;
  /** Metadata fields to pass to the browser beyond `confidence` and `sources` {title, url, snippet}. */
  passMetadata?: readonly string[];
}

/**
 * The classic ML-pipeline contract: `POST {url}/api/ask` (or `{url}{path}`)
 * with JSON `{query}`, plus `history` (`[{query, response}]`, oldest first)
 * when the widget sent the conversation so far, answered by JSON
 * `{response, confidence?, sources?}`. A non-2xx status (logged with the
 * first 500 bytes of its body; a 4xx other than 408/429 is not retryable), a
 * redirect, a body that is not JSON, JSON without a string `response`, or a
 * body over `maxAnswerBytes` is a backend failure (the client sees
 * `BACKEND_UNAVAILABLE`). The body is read as it arrives and dropped as soon
 * as it passes the bound, so a runaway pipeline costs no more memory than that.
 */
export function httpBackend(url: string | URL, options: HttpBackendOptions = {}): AskBackend {
  const path = options.path ?? '/api/ask';
  const endpoint = `${String(url).replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
  const name = `ML pipeline ${endpoint}`;
  const backend: AskBackend = async (query, context) => {
    const { signal } = context;
    const history = context.history ?? [];
    const { maxAnswerBytes } = upstreamLimits(options, context);
    const response = await fetchUpstream(
      options.fetch,
      endpoint,
      {
        method: 'POST',
        headers: { ...options.headers, 'Content-Type': 'application/json', Accept: 'application/json' },
        // Without history the body stays `{query}`, as pipelines written for it expect.
        body: JSON.stringify(history.length > 0 ? { query, history } : { query }),
        signal,
      },
      name,
    );
    const tooLarge = () =>
      new LimitExceededError(`${name} answered more than maxAnswerBytes (${maxAnswerBytes} bytes)`);
    if (!response.ok || !response.body) throw await upstreamHttpError(response, name, signal);
    if (Number(response.headers.get('content-length')) > maxAnswerBytes) {
      void response.body.cancel().catch(() => {});
      throw tooLarge();
    }
    const bytes = await readAll(response.body, { maxBytes: maxAnswerBytes, tooLarge, signal });
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder().decode(bytes));
    } catch (cause) {
      throw new Error(`${name} answered something that is not JSON`, { cause });
    }
    if (!isRecord(data) || typeof data.response !== 'string') {
      throw new Error(`${name} answered JSON without a string "response"`);
    }
    // Everything else is the handler's to narrow to what may reach the browser.
    return data as BackendAnswer;
  };
  return withPassMetadata(backend, options.passMetadata);
}
