import type { ServerResponse } from 'node:http';

/**
 * Whether the response closed before the adapter ended it: the client went
 * away (a dropped HTTP/1 connection, an HTTP/2 stream reset with
 * RST_STREAM). `writableFinished` cannot tell: node:http2's compatibility
 * response reports a reset stream as finished, and emits 'finish' for it.
 */
export function closedEarly(res: ServerResponse): boolean {
  return !res.writableEnded;
}
