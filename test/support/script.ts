// Describes responses for the test middleware (test/support/server-middleware.mjs),
// which plays them over a real HTTP socket.
import { frame } from './sse-frame.mjs';

export type Step =
  | { status?: number; headers?: Record<string, string> }
  | { delayHeaders: number }
  | { write: string }
  | { bytes: number[] }
  | { delay: number }
  | { hang: true }
  | { destroy: true }
  | { awaitRelease: string }
  | { event: { id: string | number; data: unknown } };

export const SSE_ENDPOINT = '/test/sse';
export const ATTEMPTS_ENDPOINT = '/test/attempts';
export const ECHO_ENDPOINT = '/test/echo';

/** The request body that makes the middleware play `script`. */
export const scripted = (...script: Step[]): { script: Step[] } => ({ script });

export const data = (value: unknown): Step => ({ write: frame(value) });
export const chunk = (content: string, extra: Record<string, unknown> = {}): Step =>
  data({ type: 'chunk', content, ...extra });
export const complete = (): Step => data({ type: 'complete', success: true });

let releaseCount = 0;

/** A step that holds the response there until the test calls `release()` (before or after it gets there). */
export function hold(): { step: Step; release: () => Promise<void> } {
  const key = `hold-${Date.now()}-${releaseCount++}`;
  return {
    step: { awaitRelease: key },
    release: async () => {
      await fetch('/test/release', { method: 'POST', body: key });
    },
  };
}

/**
 * Steps that cut the connection mid-body once the test calls `release()`: call
 * it after the client has read what came before, since a browser may drop bytes
 * it had not read yet when the connection fails.
 */
export function cutOnRelease(): { steps: Step[]; release: () => Promise<void> } {
  const { step, release } = hold();
  return { steps: [step, { destroy: true }], release };
}

/** A data frame with an SSE `id:` field. */
export const withId = (id: string | number, value: unknown): Step => ({ event: { id, data: value } });

let tagCount = 0;

/**
 * A stateful endpoint: the n-th request of this ask plays `scripts[n]` (the last
 * one once they run out). `attempts()` reads back what each request carried.
 */
export function perAttempt(...scripts: Step[][]): ReturnType<typeof stateful> {
  return stateful(scripts);
}

/**
 * A stateful endpoint that resumes like a server would: plays the script of the
 * request's `Last-Event-ID` (`''` for none).
 */
export function byLastEventId(scripts: Record<string, Step[]>): ReturnType<typeof stateful> {
  return stateful(scripts);
}

function stateful(scripts: Step[][] | Record<string, Step[]>): {
  body: { tag: string; scripts: Step[][] | Record<string, Step[]> };
  attempts: () => Promise<Array<{ idempotencyKey: string | null; lastEventId: string | null; at: number }>>;
} {
  const tag = `attempts-${Date.now()}-${tagCount++}`;
  return {
    body: { tag, scripts },
    attempts: async () => (await fetch(`${ATTEMPTS_ENDPOINT}?tag=${encodeURIComponent(tag)}`)).json(),
  };
}

/** The requests the test server kept under `tag` (see /test/record). */
export async function recorded(
  tag: string,
): Promise<Array<{ method: string; headers: Record<string, string>; body: string }>> {
  return (await (await fetch(`/test/record?tag=${encodeURIComponent(tag)}`)).json()) as Array<{
    method: string;
    headers: Record<string, string>;
    body: string;
  }>;
}
