import { isRecord, type Frame } from '../protocol.js';

/**
 * Turns one SSE `data` payload into a protocol frame, or `undefined` when it is
 * not one. The protocol says a malformed or unknown frame is skipped and the
 * stream goes on, so nothing here throws.
 */
export function decodeFrame(data: string): Frame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'start':
      return { type: 'start', query: String(value.query ?? ''), timestamp: value.timestamp as number };
    case 'chunk': {
      // A chunk without text cannot be appended "exactly as sent": skip it.
      if (typeof value.content !== 'string') return undefined;
      const frame: Frame = { type: 'chunk', content: value.content };
      if (typeof value.index === 'number') frame.index = value.index;
      if (typeof value.total === 'number') frame.total = value.total;
      return frame;
    }
    case 'metadata':
      return { ...value, type: 'metadata' };
    // `done` is how the same SSE pattern spells its last frame elsewhere: an alias.
    case 'complete':
    case 'done':
      return { type: 'complete', success: value.success !== false };
    case 'error': {
      const frame: Frame = {
        type: 'error',
        message: typeof value.message === 'string' && value.message ? value.message : 'The server reported an error.',
      };
      if (typeof value.code === 'string' && value.code) frame.code = value.code;
      if (typeof value.retryable === 'boolean') frame.retryable = value.retryable;
      return frame;
    }
    default:
      return undefined;
  }
}
