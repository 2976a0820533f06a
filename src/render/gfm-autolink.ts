/**
 * GFM autolink literals (`https://…`, `www.…`, `user@host.tld`) as markdown-it
 * inline rules, with the semantics of micromark-extension-gfm-autolink-literal
 * (the reference the renderer is checked against): the same start conditions,
 * domain and path rules, trailing punctuation and parenthesis balance.
 *
 * markdown-it's own linkify needs linkify-it (its own, looser, rules and
 * 5 KB more), so this is written here. It runs as an inline rule, not after
 * parsing, because a literal takes precedence over emphasis inside it
 * (`https://a.example/_x_` is one link, not a link and an emphasis).
 *
 * Every check that looks ahead is bounded by what it then consumes, and the
 * trailing-punctuation check remembers how far it has looked, so a line of a
 * million dots costs one pass.
 */
import type { StateInline } from './vendor/markdown-it.js';
import { inertMarker } from './closable-delimiters.js';

const isAsciiAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiAlphanumeric = (c: number) => isAsciiAlpha(c) || (c >= 0x30 && c <= 0x39);
/** Characters of an e-mail's local part. */
const isAtext = (c: number) => c === 0x2b || c === 0x2d || c === 0x2e || c === 0x5f || isAsciiAlphanumeric(c);
const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;
/** Whitespace, or the end of the text (ASCII first: this runs for every character of a literal). */
function isSpaceAt(src: string, i: number): boolean {
  if (i >= src.length) return true;
  const c = src.charCodeAt(i);
  return c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : WHITESPACE.test(src[i]!);
}
function isPunctuationAt(src: string, i: number): boolean {
  const c = src.charCodeAt(i);
  if (c < 0x80)
    return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
  return PUNCTUATION.test(String.fromCodePoint(src.codePointAt(i)!));
}

/** Characters that may start a `www.` literal after them (or the start of the text). */
const WWW_PREVIOUS = new Set([0x28, 0x2a, 0x5f, 0x5b, 0x5d, 0x7e]);

/** Punctuation that ends a literal when only more of it (and space) follows. */
const TRAIL = new Set([0x21, 0x22, 0x27, 0x29, 0x2a, 0x2c, 0x2e, 0x3a, 0x3b, 0x3f, 0x5f, 0x7e]);
/** Path characters checked against the trail. */
const PATH_CHECK = new Set([...TRAIL, 0x26, 0x3c, 0x5d]);

/**
 * Scans trailing punctuation from `i`; true when it runs to whitespace, `<`
 * or the end (so it is not part of the literal). `memo` carries how far a
 * failed scan reached: every position before that fails the same way.
 */
function isTrail(src: string, i: number, memo: { failedUntil: number }): boolean {
  if (i < memo.failedUntil) return false;
  for (let j = i; ; j++) {
    const c = src.charCodeAt(j);
    if (j >= src.length || c === 0x3c || isSpaceAt(src, j)) return true;
    if (TRAIL.has(c)) continue;
    if (c === 0x26) {
      // `&amp;` at the end is a character reference, trailing too.
      let k = j + 1;
      while (isAsciiAlpha(src.charCodeAt(k))) k++;
      if (k > j + 1 && src.charCodeAt(k) === 0x3b) {
        j = k;
        continue;
      }
    } else if (c === 0x5d) {
      const next = src.charCodeAt(j + 1);
      if (j + 1 >= src.length || next === 0x28 || next === 0x5b || isSpaceAt(src, j + 1)) return true;
      continue;
    }
    memo.failedUntil = j;
    return false;
  }
}

/** The end of a domain starting at `i`, or -1 (no character, or `_` in its last two segments). */
function domainEnd(src: string, i: number, memo: { failedUntil: number }): number {
  let seen = false;
  let underscoreLast = false;
  let underscoreLastButOne = false;
  let j = i;
  for (; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (c === 0x2e || c === 0x5f) {
      if (isTrail(src, j, memo)) break;
      if (c === 0x5f) underscoreLast = true;
      else {
        underscoreLastButOne = underscoreLast;
        underscoreLast = false;
      }
      continue;
    }
    if (isSpaceAt(src, j) || (c !== 0x2d && isPunctuationAt(src, j))) break;
    seen = true;
  }
  return seen && !underscoreLast && !underscoreLastButOne ? j : -1;
}

/** The end of the path starting at `i` (possibly `i` itself: no path). */
function pathEnd(src: string, i: number, memo: { failedUntil: number }): number {
  let open = 0;
  let close = 0;
  let j = i;
  for (; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (c === 0x28) open++;
    else if (c === 0x29 && close < open) close++;
    else if (PATH_CHECK.has(c)) {
      if (isTrail(src, j, memo)) break;
      if (c === 0x29) close++;
    } else if (isSpaceAt(src, j)) break;
  }
  return j;
}

/** The end of an e-mail address whose local part starts at `i`, or -1. */
function emailEnd(src: string, i: number): number {
  let j = i;
  while (isAtext(src.charCodeAt(j))) j++;
  if (j === i || src.charCodeAt(j) !== 0x40) return -1;
  let dot = false;
  let data = false;
  for (j++; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (c === 0x2e) {
      // A dot not followed by a letter or digit ends the address.
      if (!isAsciiAlphanumeric(src.charCodeAt(j + 1))) break;
      dot = true;
    } else if (c === 0x2d || c === 0x5f || isAsciiAlphanumeric(c)) data = true;
    else break;
  }
  return data && dot && isAsciiAlpha(src.charCodeAt(j - 1)) ? j : -1;
}

/**
 * Whether a `[` before `pos` is still open (no `]` since): micromark does not
 * start a literal inside a link label that may still close. Computed once per
 * inline run as a list of bracket positions and the depth after each.
 */
function inOpenLabel(state: StateInline, pos: number): boolean {
  const cache = state as unknown as { gfmBrackets?: { at: number[]; depth: number[] } };
  let brackets = cache.gfmBrackets;
  if (!brackets) {
    brackets = { at: [], depth: [] };
    const src = state.src;
    let depth = 0;
    for (let i = src.indexOf('[') === -1 ? src.length : 0; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c === 0x5b || (c === 0x5d && depth > 0)) {
        depth += c === 0x5b ? 1 : -1;
        brackets.at.push(i);
        brackets.depth.push(depth);
      }
    }
    cache.gfmBrackets = brackets;
  }
  // The depth after the last bracket before `pos`.
  let lo = 0;
  let hi = brackets.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (brackets.at[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && brackets.depth[lo - 1]! > 0;
}

function push(state: StateInline, start: number, end: number, href: string): void {
  const open = state.push('link_open', 'a', 1);
  open.attrs = [['href', href]];
  open.markup = 'autolink';
  open.info = 'auto';
  const text = state.push('text', '', 0);
  text.content = state.src.slice(start, end);
  const close = state.push('link_close', 'a', -1);
  close.markup = 'autolink';
  close.info = 'auto';
}

interface Memo {
  failedUntil: number;
}
const memoOf = (state: StateInline): Memo => {
  const s = state as unknown as { gfmTrail?: Memo };
  return (s.gfmTrail ??= { failedUntil: 0 });
};

/** The rule: at `:` (after `http`/`https` in the pending text), `w` (`www.`) or an e-mail's first character. */
export function gfmAutolink(state: StateInline, silent: boolean): boolean {
  if ((state as unknown as { linkLevel: number }).linkLevel > 0) return false;
  const src = state.src;
  const pos = state.pos;
  const c = src.charCodeAt(pos);
  let start = pos;
  let end = -1;
  let href = '';
  if (c === 0x3a) {
    // `http://` or `https://`: the scheme is already in the pending text.
    const pending = state.pending;
    const scheme = /(?:^|[^A-Za-z])(https?)$/i.exec(pending.slice(-6));
    if (!scheme || src.charCodeAt(pos + 1) !== 0x2f || src.charCodeAt(pos + 2) !== 0x2f) return false;
    start = pos - scheme[1]!.length;
    const first = pos + 3;
    if (first >= src.length || isSpaceAt(src, first) || src.charCodeAt(first) < 0x20 || isPunctuationAt(src, first)) {
      return false;
    }
    if (inOpenLabel(state, start)) return false;
    const memo = memoOf(state);
    const domain = domainEnd(src, first, memo);
    if (domain === -1) return false;
    end = pathEnd(src, domain, memo);
    href = src.slice(start, end);
  } else if ((c === 0x77 || c === 0x57) && /^www\./i.test(src.slice(pos, pos + 4)) && pos + 4 < src.length) {
    if (pos > 0 && !WWW_PREVIOUS.has(src.charCodeAt(pos - 1)) && !isSpaceAt(src, pos - 1)) return false;
    if (inOpenLabel(state, pos)) return false;
    const memo = memoOf(state);
    const domain = domainEnd(src, pos, memo);
    if (domain === -1) return false;
    end = pathEnd(src, domain, memo);
    href = `http://${src.slice(pos, end)}`;
  } else if (isAtext(c) && (pos === 0 || !(isAtext(src.charCodeAt(pos - 1)) || src.charCodeAt(pos - 1) === 0x2f))) {
    end = emailEnd(src, pos);
    if (end === -1 || inOpenLabel(state, pos)) return false;
    href = `mailto:${src.slice(pos, end)}`;
  } else return false;
  if (!silent) {
    if (start < pos) state.pending = state.pending.slice(0, start - pos);
    push(state, start, end, href);
  }
  state.pos = end;
  return true;
}

/** markdown-it's own list of characters some inline rule may start at. */
const TERMINATORS = new Uint8Array(128);
for (const c of '\n!#$%&*+-:<=>@[\\]^_`{}~') TERMINATORS[c.charCodeAt(0)] = 1;
const isTerminator = (c: number) => c < 128 && TERMINATORS[c] === 1;

/**
 * markdown-it's `text` rule (it swallows runs of characters no rule starts
 * at), which also stops where a `www.` literal or an e-mail address may
 * start, so that {@link gfmAutolink} gets to look there. It passes over
 * emphasis and strikethrough markers that cannot close (closable-delimiters.ts).
 */
export function gfmText(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const max = state.posMax;
  let pos = state.pos;
  for (; pos < max; pos++) {
    const c = src.charCodeAt(pos);
    if (isTerminator(c) && (silent || !inertMarker(state, c))) break;
    if (pos === state.pos) continue;
    const before = src.charCodeAt(pos - 1);
    if (
      (c === 0x77 || c === 0x57) &&
      (WWW_PREVIOUS.has(before) || isSpaceAt(src, pos - 1)) &&
      /^ww\./i.test(src.slice(pos + 1, pos + 4))
    )
      break;
    if (isAtext(c) && !isAtext(before) && before !== 0x2f) {
      // An address starts here if an `@` ends this run (scanned once: inside
      // the run no character can start another).
      let j = pos;
      while (j < max && isAtext(src.charCodeAt(j))) j++;
      if (src.charCodeAt(j) === 0x40) break;
    }
  }
  if (pos === state.pos) return false;
  if (!silent) state.pending += src.slice(state.pos, pos);
  state.pos = pos;
  return true;
}
