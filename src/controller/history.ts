import { HISTORY_LIMITS, type HistoryEntry } from '../protocol.js';
import type { Exchange } from './types.js';

/**
 * Most UTF-8 bytes of one question or one answer in `history`: a longer one
 * is cut at a character and ends with `…`. Two such fields are 8 KiB, so
 * one long answer cannot crowd every other exchange out of the 16 KiB.
 */
export const HISTORY_FIELD_BYTES = 4096;

const ELLIPSIS = '…';
const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).byteLength;

/**
 * The conversation context an ask sends as `history`, oldest first: the last
 * `count` complete exchanges of `earlier` (those before the ask; an answer
 * that failed or was stopped is no context a model should build on, so it is
 * skipped). Each question and answer is cut to {@link HISTORY_FIELD_BYTES};
 * `count` is capped at `HISTORY_LIMITS.maxEntries` (20), and when the JSON
 * would pass `HISTORY_LIMITS.maxBytes` (16 KiB) the oldest exchanges are
 * dropped, so the newest are kept and the server never refuses the history.
 * `count` 0 (or less, or NaN): `[]`.
 */
export function conversationHistory(
  earlier: readonly Pick<Exchange, 'query' | 'response' | 'status'>[],
  count: number,
): HistoryEntry[] {
  const wanted = Math.min(Math.floor(count) || 0, HISTORY_LIMITS.maxEntries);
  const history: HistoryEntry[] = [];
  // `[]` is 2 bytes; every entry adds its JSON and, after the first, a comma.
  let bytes = 2;
  for (let i = earlier.length - 1; i >= 0 && history.length < wanted; i--) {
    const exchange = earlier[i]!;
    if (exchange.status !== 'complete') continue;
    const entry = { query: cut(exchange.query), response: cut(exchange.response) };
    const size = byteLength(JSON.stringify(entry)) + (history.length > 0 ? 1 : 0);
    // Stop rather than skip: the context stays the unbroken end of the conversation.
    if (bytes + size > HISTORY_LIMITS.maxBytes) break;
    bytes += size;
    history.push(entry);
  }
  return history.reverse();
}

/** `text` within {@link HISTORY_FIELD_BYTES} of UTF-8, cut at a character, `…` marking the cut. */
function cut(text: string): string {
  // Every UTF-16 unit is at most 3 bytes: most texts need no encoding at all.
  if (text.length * 3 <= HISTORY_FIELD_BYTES || byteLength(text) <= HISTORY_FIELD_BYTES) return text;
  const room = new Uint8Array(HISTORY_FIELD_BYTES - byteLength(ELLIPSIS));
  // encodeInto writes whole characters only, and says how much of the text that was.
  const { read } = encoder.encodeInto(text, room);
  return text.slice(0, read) + ELLIPSIS;
}
