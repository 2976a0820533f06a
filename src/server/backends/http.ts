import { isRecord, type Source } from '../../protocol.js';
import type { AskBackend, BackendAnswer } from '../types.js';

/** Options of {@link httpBackend}. */
export interface HttpBackendOptions {
  /** Extra request headers for the pipeline, e.g. an API key. */
  headers?: Record<string, string>;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof globalThis.fetch;
}

/**
 * The classic ML-pipeline contract: `POST {url}/api/ask` with JSON `{query}`,
 * answered by JSON `{response, confidence?, sources?}`. A non-2xx status, a
 * body that is not JSON, or JSON without a string `response` is a backend
 * failure (the client sees `BACKEND_UNAVAILABLE`).
 */
export function httpBackend(url: string | URL, options: HttpBackendOptions = {}): AskBackend {
  const endpoint = `${String(url).replace(/\/+$/, '')}/api/ask`;
  return async (query, { signal }) => {
    const response = await (options.fetch ?? globalThis.fetch)(endpoint, {
      method: 'POST',
      headers: { ...options.headers, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query }),
      signal,
    });
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      throw new Error(`ML pipeline ${endpoint} answered HTTP ${response.status}`);
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch (cause) {
      signal.throwIfAborted();
      throw new Error(`ML pipeline ${endpoint} answered something that is not JSON`, { cause });
    }
    return toAnswer(data, endpoint);
  };
}

function toAnswer(data: unknown, endpoint: string): BackendAnswer {
  const record = isRecord(data) ? data : {};
  if (typeof record.response !== 'string') {
    throw new Error(`ML pipeline ${endpoint} answered JSON without a string "response"`);
  }
  const answer: BackendAnswer = { response: record.response };
  if (typeof record.confidence === 'number' && Number.isFinite(record.confidence)) {
    answer.confidence = record.confidence;
  }
  if (Array.isArray(record.sources)) answer.sources = record.sources.filter(isSource);
  return answer;
}

/** Only what the widget can show passes: a pipeline's internals stay on the server. */
function isSource(value: unknown): value is Source {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  const { title, url } = value as { title?: unknown; url?: unknown };
  return (
    (typeof title === 'string' || typeof url === 'string') &&
    (title === undefined || typeof title === 'string') &&
    (url === undefined || typeof url === 'string')
  );
}
