import { graphemeBoundaryBefore } from './grapheme-boundary.js';

/**
 * Splits a whole answer into chunks of about `size` UTF-16 units, breaking
 * after whitespace so every chunk after the first starts with a word.
 * `chunks.join('') === text` always holds.
 *
 * A run with no whitespace to break at (a long URL, a base64 image, CJK text)
 * is split between grapheme clusters, so no chunk ever ends inside a surrogate
 * pair or an emoji sequence (the widget renders between chunks, and half an
 * emoji shows as a replacement glyph). Linear in the length of the text: a
 * 10 MB run takes milliseconds, not minutes.
 */
export function chunkText(text: string, size = 100): string[] {
  const chunks: string[] = [];
  const next = chunker(text, size);
  for (let start = 0; start < text.length;) {
    const end = next(start);
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/**
 * Where each chunk of {@link chunkText} ends, as offsets into `text`, one at
 * a time: a caller can cut the chunks as it sends them, and pause between
 * offsets to let other work run.
 */
export function* chunkEnds(text: string, size = 100): Generator<number, void, undefined> {
  const next = chunker(text, size);
  for (let start = 0; start < text.length;) {
    start = next(start);
    yield start;
  }
}

/**
 * Returns `nextEnd(start)`: the end of the chunk that begins at `start`, which
 * is the last word start within `limit` units; else, when the one word there
 * fits, the end of the whitespace after it; else a grapheme boundary inside
 * the word. Starts must come in increasing order.
 *
 * Linear overall: the first whitespace at or after `start` is found by a
 * forward scan that resumes where the last one stopped, so a long run is read
 * once, not once per chunk; the backward scan for a word start only happens
 * where that whitespace is within reach, and reads at most the chunk it ends
 * and the stretch the next chunk covers.
 */
function chunker(text: string, size: number): (start: number) => number {
  const limit = Math.max(1, Math.floor(Number.isFinite(size) ? size : 100));
  let space = -1;
  return (start) => {
    if (text.length - start <= limit) return text.length;
    const last = start + limit;
    if (space < start) {
      WHITESPACE.lastIndex = start;
      space = WHITESPACE.exec(text)?.index ?? text.length;
    }
    if (space > last) {
      // No whitespace up to `last`: one word runs past the limit.
      const cut = graphemeBoundaryBefore(text, start, last);
      // Unless its last cluster (longer than the limit) ended it: then its
      // whitespace goes with it, as with any word.
      return cut < space ? cut : afterWhitespace(cut);
    }
    for (let q = last; q > start; q--) {
      if (isSpace(text.charCodeAt(q - 1)) && !isSpace(text.charCodeAt(q))) return q;
    }
    // No word starts in (start, last], so the whitespace runs on past `last`:
    // it stays with its word (or, at the very start, alone), and the next
    // chunk starts with the next word.
    return afterWhitespace(last);
  };

  function afterWhitespace(from: number): number {
    NON_WHITESPACE.lastIndex = from;
    return NON_WHITESPACE.exec(text)?.index ?? text.length;
  }
}

// Searched with lastIndex: the regular expression engine scans natively,
// several times faster than a loop over charCodeAt.
const WHITESPACE = /\s/g;
const NON_WHITESPACE = /\S/g;

/** The UTF-16 units `\s` matches in a JavaScript regular expression; all in the BMP. */
function isSpace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
}
