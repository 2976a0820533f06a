// Where a long block is cut between two tokenizer windows (see highlighter.ts).
// A cut is safe at a line end that no top-level token spans: cutting inside a
// matched comment or string would restart the next window in the middle of it.
// The first safe line end at or after the window's middle is taken, not the
// last one: a construct still open at the window's end (a docstring or block
// comment that closes after it) is tokenized wrongly there, and cutting inside
// it would carry the error on (its closing quote would open a string). So a
// multi-line token shorter than half a window is never cut.
import type { PrismToken } from './prism-types.js';

/**
 * The offset in `text` (the window, tokenized into `stream`) to cut at: the
 * first safe line end at or after `from`, else the last safe one before it,
 * else `text.length` (no safe place: the whole window is kept).
 */
export function safeCut(stream: ReadonlyArray<string | PrismToken>, text: string, from: number): number {
  let before = 0;
  let offset = 0;
  for (const item of stream) {
    if (offset > 0 && offset < text.length && text[offset - 1] === '\n') {
      if (offset >= from) return offset;
      before = offset;
    }
    if (typeof item === 'string') {
      for (let newline = item.indexOf('\n'); newline !== -1; newline = item.indexOf('\n', newline + 1)) {
        const at = offset + newline + 1;
        if (at >= text.length) break;
        if (at >= from) return at;
        before = at;
      }
    }
    offset += item.length;
  }
  return before || text.length;
}

/** The first `length` characters of a top-level stream (cut inside a string, at a token's boundary otherwise). */
export function streamPrefix(stream: ReadonlyArray<string | PrismToken>, length: number): Array<string | PrismToken> {
  const prefix: Array<string | PrismToken> = [];
  let offset = 0;
  for (const item of stream) {
    if (offset >= length) break;
    if (offset + item.length <= length) prefix.push(item);
    else if (typeof item === 'string') prefix.push(item.slice(0, length - offset));
    else prefix.push(item); // never: safeCut does not cut inside a token
    offset += item.length;
  }
  return prefix;
}
