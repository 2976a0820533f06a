import { EVENT_STREAM_MEDIA_TYPE, type ErrorFrame, type Frame } from '../protocol.js';
import type { ServerErrorFrame } from './error-frames.js';

/** A frame this server sends: any protocol frame, but errors only with the server's own codes. */
export type ServerFrame = Exclude<Frame, ErrorFrame> | ServerErrorFrame;

/** The response headers of every event stream the handler sends. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': `${EVENT_STREAM_MEDIA_TYPE}; charset=utf-8`,
  // no-transform keeps compressing proxies from buffering the stream.
  'Cache-Control': 'no-cache, no-transform',
  // Hop-by-hop: the Node adapter drops it on HTTP/2, where it is illegal.
  Connection: 'keep-alive',
  // Tells nginx not to buffer the response.
  'X-Accel-Buffering': 'no',
};

/**
 * One frame as it goes on the wire: the server's only SSE encoder. `id`, the
 * frame's sequence number within its ask, is what a client resumes after.
 */
export function encodeFrame(frame: ServerFrame, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(frame)}\n\n`;
}
