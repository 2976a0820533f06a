/**
 * Emphasis and strikethrough, skipped where they cannot close.
 *
 * markdown-it turns every `*`, `_` and `~~` into a token of its own and a
 * delimiter record, and joins them back into text only after the whole
 * paragraph is parsed. Linear, but 50,000 unclosed `*` make 100,000 tokens
 * per parse: a cold page took 200–650 ms on them here, most of it garbage
 * collection. A delimiter run only becomes markup if some run of the same
 * marker can close, so a paragraph without one parses its markers as text,
 * which is the same result (the rules' own post-processing would have merged
 * those text tokens back) at the cost of plain text.
 */
import { emphasisRule, strikethroughRule, type StateInline } from './vendor/markdown-it.js';

type Rule = (state: StateInline, silent: boolean) => boolean;

const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;

/** Per inline parse: the markers of which some run can close. */
const closable = new WeakMap<StateInline, Set<number>>();

/**
 * The markers of `state.src` with a run that can close, as `scanDelims`
 * decides it. A rule may meet a run at its first character or, after an
 * escape, inside it, where the character before is the marker itself; both
 * are checked. A link's text is parsed with `posMax` at its `]`, which can
 * only change the character after a run from `]` to a space: the same
 * verdict for closing, so the whole source is scanned once.
 */
function closingMarkers(state: StateInline): Set<number> {
  let markers = closable.get(state);
  if (markers) return markers;
  markers = new Set();
  const { src } = state;
  const posMax = state.posMax;
  state.posMax = src.length;
  try {
    for (let i = 0; i < src.length;) {
      const marker = src.charCodeAt(i);
      if (marker !== STAR && marker !== UNDERSCORE && marker !== TILDE) {
        i++;
        continue;
      }
      let end = i + 1;
      while (src.charCodeAt(end) === marker) end++;
      if (!markers.has(marker)) {
        const canSplitWord = marker !== UNDERSCORE;
        if (
          state.scanDelims(i, canSplitWord).can_close ||
          (end - i > 1 && state.scanDelims(i + 1, canSplitWord).can_close)
        ) {
          markers.add(marker);
        }
      }
      i = end;
    }
  } finally {
    state.posMax = posMax;
  }
  closable.set(state, markers);
  return markers;
}

/**
 * Whether `c` is a marker no run of which can close in this inline parse: the
 * text rule passes over it, so a paragraph of unclosed markers is one run of
 * text, not a trip through every rule per marker (a cold page spent 100–250 ms
 * on 50,000 unclosed `*` that way).
 */
export const inertMarker = (state: StateInline, c: number): boolean =>
  (c === STAR || c === UNDERSCORE || c === TILDE) && !closingMarkers(state).has(c);

const guarded =
  (rule: Rule): Rule =>
  (state, silent) => {
    // Both rules do nothing in silent mode; the scan is not worth it there.
    if (silent) return false;
    const marker = state.src.charCodeAt(state.pos);
    if ((marker === STAR || marker === UNDERSCORE || marker === TILDE) && !closingMarkers(state).has(marker)) {
      return false;
    }
    return rule(state, silent);
  };

/** markdown-it's emphasis rule (`*`, `_`), skipping markers no run can close. */
export const emphasis = guarded(emphasisRule.tokenize);

/** markdown-it's strikethrough rule (`~~`), skipping markers no run can close. */
export const strikethrough = guarded(strikethroughRule.tokenize);
