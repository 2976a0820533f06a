/**
 * Grapheme cluster boundaries near a position, found in time proportional to
 * the distance searched, never to the length of the text.
 *
 * Hand-written rather than `Intl.Segmenter` over the text: V8 segments a long
 * run in quadratic time (measured on Node 20: 40K characters 0.6 s, 160K
 * characters 256 s) and `containing()` on a 10 MB string costs about 40 ms a
 * call. Most boundaries are certain from the two code points around them alone
 * (below); only where they are not is `Intl.Segmenter` asked, over a window
 * that starts at a known boundary, so its cost stays bounded too.
 */

/**
 * Code points that always start a new cluster after a {@link PLAIN_TAILS} code
 * point: Grapheme_Cluster_Break Other, Control, LV or LVT, and no Indic
 * conjunct consonant (UAX #29 GB9c), so none of the rules GB3-GB13 can join
 * them to what comes before. A conservative subset, checked code point by
 * code point against `Intl.Segmenter` by the tests.
 */
const PLAIN_BASES: readonly (readonly [number, number])[] = [
  [0x0370, 0x0482], // Greek, Cyrillic
  [0x048a, 0x052f], // Cyrillic supplement
  [0x05d0, 0x05ea], // Hebrew letters
  [0x0620, 0x064a], // Arabic letters
  [0x0e01, 0x0e30], // Thai consonants
  [0x1e00, 0x1fbc], // Latin extended additional, Greek extended
  [0x2010, 0x2027], // punctuation
  [0x2030, 0x205e],
  [0x2070, 0x20cf], // super- and subscripts, currency
  [0x2100, 0x2bff], // letterlike, arrows, maths, shapes, symbols, dingbats
  [0x3001, 0x3029], // CJK punctuation
  [0x3041, 0x3096], // Hiragana
  [0x309b, 0x30ff], // Katakana
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xac00, 0xd7a3], // Hangul syllables (LV, LVT)
  [0xf900, 0xfaff], // CJK compatibility
  [0xff01, 0xff9d], // full- and halfwidth forms
  [0x1f000, 0x1f1e5], // game symbols, enclosed alphanumerics (not the regional indicators)
  [0x1f200, 0x1f3fa], // pictographs (not the skin-tone modifiers)
  [0x1f400, 0x1faff], // emoji, symbols
  [0x20000, 0x2fa1f], // CJK extensions B-F
];

/**
 * Marks after which a {@link PLAIN_BASES} code point starts a new cluster:
 * Extend (never ZWJ) and SpacingMark. Together with the bases, the code points
 * that may end a cluster we cut after.
 */
const MARKS: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], // combining diacritics
  [0x0483, 0x0489],
  [0x0591, 0x05bd], // Hebrew points
  [0x064b, 0x065f], // Arabic marks
  [0x0e31, 0x0e31], // Thai vowels and tone marks
  [0x0e34, 0x0e3a],
  [0x0e47, 0x0e4e],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20f0], // combining marks for symbols
  [0x3099, 0x309a], // kana voicing marks
  [0xfe00, 0xfe0f], // variation selectors (emoji presentation)
  [0xfe20, 0xfe2f],
  [0x1f3fb, 0x1f3ff], // skin-tone modifiers
  [0xe0020, 0xe007f], // tags (subdivision flags)
  [0xe0100, 0xe01ef], // variation selectors supplement
];

/**
 * Indic consonants (Indic_Conjunct_Break=Consonant): Grapheme_Cluster_Break
 * Other, but a virama before one joins it into a conjunct (GB9c), so a cluster
 * certainly starts at one only after a consonant or a {@link PLAIN_BASES}
 * code point, never after a mark.
 */
const CONSONANTS: readonly (readonly [number, number])[] = [
  [0x0915, 0x0939], // Devanagari
  [0x0958, 0x095f],
  [0x0995, 0x09a8], // Bengali
  [0x0aaa, 0x0ab0], // Gujarati
  [0x0c15, 0x0c28], // Telugu
  [0x0d15, 0x0d3a], // Malayalam
];

const LF = 0x0a;
const CR = 0x0d;

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = ranges[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

const BASE = 1;
const MARK = 2;
const CONSONANT = 4;

/** Code points below this have their class in {@link lookup}: the BMP and the plane of emoji. */
const LOOKUP_SIZE = 0x20000;
let table: Uint8Array | undefined;

/**
 * The classes of the first two planes, one byte a code point (128 KB, built
 * once on first use in about a millisecond): a lookup where the cut scan
 * would otherwise run binary searches at every position.
 */
function lookup(): Uint8Array {
  if (!table) {
    const classes = new Uint8Array(LOOKUP_SIZE);
    classes.fill(BASE, 0, 0x0300);
    classes[LF] = 0;
    classes[CR] = 0;
    const mark = (ranges: readonly (readonly [number, number])[], flag: number) => {
      for (const [from, to] of ranges) {
        for (let cp = from; cp <= Math.min(to, LOOKUP_SIZE - 1); cp++) classes[cp]! |= flag;
      }
    };
    mark(PLAIN_BASES, BASE);
    mark(MARKS, MARK);
    mark(CONSONANTS, CONSONANT);
    table = classes;
  }
  return table;
}

function classOf(cp: number): number {
  if (cp < LOOKUP_SIZE) return lookup()[cp]!;
  return (inRanges(cp, PLAIN_BASES) ? BASE : 0) | (inRanges(cp, MARKS) ? MARK : 0);
}

/** Starts a new cluster after any {@link isPlainTail} code point. */
export function isPlainBase(cp: number): boolean {
  return (classOf(cp) & BASE) !== 0;
}

/** May end a cluster that a {@link isPlainBase} code point does not join. */
export function isPlainTail(cp: number): boolean {
  return classOf(cp) !== 0;
}

/** An Indic consonant: starts a new cluster after a base or another consonant. */
export function isConsonant(cp: number): boolean {
  return (classOf(cp) & CONSONANT) !== 0;
}

/** Whether a cluster boundary between `before` and `after` is certain from these two code points alone. */
export function isCertainBoundary(before: number, after: number): boolean {
  const next = classOf(after);
  if (next & BASE) return classOf(before) !== 0;
  return (next & CONSONANT) !== 0 && (classOf(before) & (BASE | CONSONANT)) !== 0;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** The code point that ends just before `index`, not looking before `floor`. */
function codePointBefore(text: string, index: number, floor: number): number {
  const unit = text.charCodeAt(index - 1);
  if (isLowSurrogate(unit) && index - 2 >= floor && isHighSurrogate(text.charCodeAt(index - 2))) {
    return text.codePointAt(index - 2)!;
  }
  return unit;
}

/**
 * The last grapheme cluster boundary in `(start, limit]`, `start` being a
 * boundary itself. When the cluster that begins at `start` reaches past
 * `limit`, its end instead: a cluster is never split, however long.
 * Costs O(limit - start), plus, where no boundary is certain from the code
 * points alone, one `Intl.Segmenter` call over about that many units.
 */
export function graphemeBoundaryBefore(text: string, start: number, limit: number): number {
  if (limit >= text.length) return text.length;
  for (let q = limit; q > start; q--) {
    const unit = text.charCodeAt(q);
    // Between the halves of a surrogate pair: not a boundary of anything.
    if (isLowSurrogate(unit) && isHighSurrogate(text.charCodeAt(q - 1))) continue;
    const after = isHighSurrogate(unit) ? text.codePointAt(q)! : unit;
    if (isCertainBoundary(codePointBefore(text, q, start), after)) return q;
  }
  return segmenterBoundaryBefore(text, start, limit);
}

let graphemes: Intl.Segmenter | null | undefined;

function segmenter(): Intl.Segmenter | null {
  if (graphemes === undefined) {
    // Some embedded runtimes ship without Intl.Segmenter; code points are then the fallback.
    const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
    graphemes = Segmenter ? new Segmenter(undefined, { granularity: 'grapheme' }) : null;
  }
  return graphemes;
}

function segmenterBoundaryBefore(text: string, start: number, limit: number): number {
  const s = segmenter();
  if (!s) {
    // Code points: step back off a surrogate pair.
    return isLowSurrogate(text.charCodeAt(limit)) && isHighSurrogate(text.charCodeAt(limit - 1)) && limit - 1 > start
      ? limit - 1
      : limit;
  }
  // The window starts at a boundary, and a boundary depends only on what
  // precedes it and the code point after it, so every boundary found strictly
  // inside the window is one of the whole text too.
  let windowEnd = wholeCodePoints(text, Math.min(text.length, limit + 2));
  for (;;) {
    const window = text.slice(start, windowEnd);
    const cluster = s.segment(window).containing(limit - start)!;
    if (cluster.index > 0) return start + cluster.index;
    const end = cluster.segment.length;
    if (end < window.length || windowEnd === text.length) return start + end;
    // One cluster longer than the window (a base with hundreds of marks): widen it.
    windowEnd = wholeCodePoints(text, Math.min(text.length, start + 2 * (windowEnd - start)));
  }
}

/** `end`, or one more so that a window ending there does not cut a surrogate pair in half. */
function wholeCodePoints(text: string, end: number): number {
  return end < text.length && isHighSurrogate(text.charCodeAt(end - 1)) ? end + 1 : end;
}
