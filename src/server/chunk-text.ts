/**
 * Splits a whole answer into chunks of about `size` UTF-16 units, breaking
 * after whitespace so every chunk after the first starts with a word.
 * `chunks.join('') === text` always holds.
 *
 * Text with no whitespace to break at (CJK, a long URL) is split at word
 * boundaries as `Intl.Segmenter` finds them, and a single over-long word at
 * grapheme boundaries, so no chunk ever ends inside a surrogate pair or an
 * emoji sequence (the widget renders between chunks, and half an emoji shows
 * as a replacement glyph).
 */
export function chunkText(text: string, size = 100): string[] {
  const limit = Math.max(1, Math.floor(Number.isFinite(size) ? size : 100));
  const chunks: string[] = [];
  let current = '';
  for (const token of text.match(WORD_AND_TRAILING_SPACE) ?? []) {
    for (const piece of pieces(token, limit)) {
      if (current !== '' && current.length + piece.length > limit) {
        chunks.push(current);
        current = '';
      }
      current += piece;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

// A run of non-space followed by its trailing space, or leading space alone:
// the tokens tile the text exactly.
const WORD_AND_TRAILING_SPACE = /\S+\s*|\s+/gu;

type Granularity = 'word' | 'grapheme';

const segmenters = new Map<Granularity, Intl.Segmenter | undefined>();

function segmenter(granularity: Granularity): Intl.Segmenter | undefined {
  if (!segmenters.has(granularity)) {
    // Some embedded runtimes ship without Intl.Segmenter; code points are then the fallback.
    const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
    segmenters.set(granularity, Segmenter ? new Segmenter(undefined, { granularity }) : undefined);
  }
  return segmenters.get(granularity);
}

function segments(text: string, granularity: Granularity): string[] {
  const s = segmenter(granularity);
  return s ? Array.from(s.segment(text), (x) => x.segment) : Array.from(text);
}

/**
 * A word with its trailing space as one piece; a word longer than `limit` in
 * pieces that each fit unless a single grapheme is longer. The trailing space
 * stays on the last piece, so no chunk ever starts with whitespace.
 */
function pieces(token: string, limit: number): string[] {
  const word = token.trimEnd();
  if (word.length <= limit || word === '') return [token];
  const out: string[] = [];
  for (const segment of segments(word, 'word')) {
    if (segment.length <= limit) out.push(segment);
    else out.push(...segments(segment, 'grapheme'));
  }
  out[out.length - 1] += token.slice(word.length);
  return out;
}
