import type { IncomingMessage, ServerResponse } from 'node:http';

/** Copies status and headers; they go out with the first body bytes (see {@link pipeBody}). */
export function writeHead(req: IncomingMessage, res: ServerResponse, response: Response): void {
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
}

/** How {@link pipeBody} ended. */
export type PipeOutcome = 'done' | 'client-gone' | 'stalled' | 'source-failed';

/**
 * Streams a body out with backpressure: nothing more is read while the socket
 * does not drain. A socket that has not drained after `writeTimeoutMs` (or has
 * not flushed the end) is destroyed, as is one whose source stream errors,
 * for instance because the handler dropped a client that stopped reading.
 */
export async function pipeBody(
  body: ReadableStream<Uint8Array>,
  res: ServerResponse,
  writeTimeoutMs: number,
): Promise<{ outcome: PipeOutcome; error?: unknown }> {
  const reader = body.getReader();
  // Cancelling the body tells the handler even when the runtime's Request signal would not.
  const onClose = () => {
    if (!res.writableEnded) reader.cancel().catch(() => {});
  };
  res.once('close', onClose);
  // Settles only if the source errors: a stalled write must not outlive it.
  const sourceFailed = reader.closed.then(
    () => new Promise<never>(() => {}),
    () => 'source-failed' as const,
  );
  try {
    for (let first = true; ; first = false) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        const read = reader.read();
        // Headers travel with the first bytes (one write, where flushing them
        // first made two: a fifth of the server's CPU under a burst of asks),
        // unless those bytes are not there yet: the client should know at once.
        if (first && !(await settledNow(read))) res.flushHeaders();
        step = await read;
      } catch (error) {
        // Mid-stream there is no status left to send: the connection is all we can end.
        res.destroy();
        return { outcome: 'source-failed', error };
      }
      if (res.destroyed) return { outcome: 'client-gone' };
      if (step.done) break;
      if (!res.write(step.value)) {
        const waited = await settle(res, 'drain', writeTimeoutMs, sourceFailed);
        if (waited !== 'ok') {
          res.destroy();
          return { outcome: waited };
        }
      }
    }
    res.end();
    if (!res.writableFinished) {
      const flushed = await settle(res, 'finish', writeTimeoutMs, sourceFailed);
      if (flushed === 'stalled') res.destroy();
      if (flushed !== 'ok') return { outcome: flushed };
    }
    return { outcome: 'done' };
  } finally {
    res.off('close', onClose);
    reader.releaseLock();
  }
}

/** Whether `promise` settles before pending I/O is handled, i.e. is already on its way. */
function settledNow(promise: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const immediate = setImmediate(() => resolve(false));
    promise.then(
      () => {
        clearImmediate(immediate);
        resolve(true);
      },
      () => {
        clearImmediate(immediate);
        resolve(true);
      },
    );
  });
}

/** Waits for `event` on the response, its closing, the source failing, or `ms`; leaves no listener or timer behind. */
function settle(
  res: ServerResponse,
  event: 'drain' | 'finish',
  ms: number,
  sourceFailed: Promise<'source-failed'>,
): Promise<'ok' | 'client-gone' | 'stalled' | 'source-failed'> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (result: 'ok' | 'client-gone' | 'stalled' | 'source-failed') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      res.off(event, onEvent);
      res.off('close', onClose);
      resolve(result);
    };
    const onEvent = () => finish('ok');
    const onClose = () => finish(res.writableFinished ? 'ok' : 'client-gone');
    res.on(event, onEvent);
    res.on('close', onClose);
    if (ms > 0 && Number.isFinite(ms)) timer = setTimeout(() => finish('stalled'), ms);
    void sourceFailed.then(finish);
  });
}
