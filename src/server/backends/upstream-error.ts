/** How much of an upstream's error body reaches the server log. */
export const ERROR_BODY_BYTES = 500;

/** Longest wait for that much of an error body: the failure is reported without it after this. */
const ERROR_BODY_WAIT_MS = 2000;

/**
 * An upstream service answered with an HTTP error. Its message holds the
 * status and the first 500 bytes of the body (an OpenAI-compatible API says
 * there which model name it does not know, or that the key is wrong), for the
 * handler's `onError` only: the client gets a generic error frame.
 *
 * A 4xx other than 408 and 429 will fail the same way however often it is
 * asked (a wrong model name, key or path): `retryable` is false, and the
 * widget offers no retry. 408, 429 and 5xx may pass.
 */
export class UpstreamHttpError extends Error {
  override readonly name = 'UpstreamHttpError';
  /** The upstream's HTTP status. */
  readonly status: number;
  /** The first 500 bytes of its body, decoded as UTF-8 (`''` when it sent none in time). */
  readonly body: string;
  /** False for a 4xx other than 408 and 429: asking again cannot help. */
  readonly retryable: boolean;

  constructor(name: string, status: number, body: string) {
    super(`${name} answered HTTP ${status}${body ? `: ${body}` : ''}`);
    this.status = status;
    this.body = body;
    this.retryable = !(status >= 400 && status < 500) || status === 408 || status === 429;
  }
}

/**
 * The error for a non-2xx upstream response: reads at most the first 500
 * bytes of its body (for at most 2 s, and never past `signal`), then cancels
 * the rest, so an upstream that sends a huge or endless error page costs
 * nothing.
 */
export async function upstreamHttpError(
  response: Response,
  name: string,
  signal: AbortSignal,
): Promise<UpstreamHttpError> {
  return new UpstreamHttpError(name, response.status, await errorBodyStart(response, signal));
}

async function errorBodyStart(response: Response, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  const timer = setTimeout(stop, ERROR_BODY_WAIT_MS);
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  const bytes = new Uint8Array(ERROR_BODY_BYTES);
  let length = 0;
  try {
    while (length < ERROR_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.byteLength, ERROR_BODY_BYTES - length);
      bytes.set(value.subarray(0, take), length);
      length += take;
    }
  } catch {
    // What arrived before the body failed is still worth logging.
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
    stop();
  }
  // `stream: true` holds back a character cut at byte 500 instead of logging U+FFFD.
  return new TextDecoder().decode(bytes.subarray(0, length), { stream: true }).trim();
}
