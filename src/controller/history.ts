import { HISTORY_LIMITS, type HistoryEntry } from '../protocol.js';
import type { Exchange } from './types.js';

/**
 * Most UTF-8 bytes of one question or one answer in `history`: a longer one
 * is cut at a character and ends with `…`. Two such fields are 8 KiB, so
 * one long answer cannot crowd every other exchange out of the 16 KiB.
 */
export const HISTORY_FIELD_BYTES = 4096;

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
  // n entries are `[`, `]`, their JSON and n − 1 commas: 1 byte, plus each entry's and one more.
  let bytes = 1;
  for (let i = earlier.length - 1; i >= 0 && history.length < wanted; i--) {
    const exchange = earlier[i]!;
    if (exchange.status !== 'complete') continue;
    const entry = { query: cut(exchange.query), response: cut(exchange.response) };
    bytes += byteLength(JSON.stringify(entry)) + 1;
    // Stop rather than skip: the context stays the unbroken end of the conversation.
    if (bytes > HISTORY_LIMITS.maxBytes) break;
    history.push(entry);
  }
  return history.reverse();
}

/** `text` within {@link HISTORY_FIELD_BYTES} of UTF-8, cut at a character, `…` (3 bytes) marking the cut. */
function cut(text: string): string {
  if (byteLength(text) <= HISTORY_FIELD_BYTES) return text;
  // encodeInto writes whole characters only, and says how much of the text that was.
  return text.slice(0, encoder.encodeInto(text, new Uint8Array(HISTORY_FIELD_BYTES - 3)).read) + '…';
}
