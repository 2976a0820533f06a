/**
 * URL checks for anything model output wants to turn into a link or an image.
 *
 * Only absolute URLs are accepted: a relative URL in an answer has no meaningful
 * base (the host page's URL is an accident of where the widget is embedded), and
 * rejecting it also rejects protocol-relative `//evil.example` tricks. The scheme is
 * read from the URL *after* the WHATWG parser has run, so case tricks
 * (`JaVaScRiPt:`), embedded tabs/newlines (`java\tscript:`, which the parser
 * strips) and leading control characters all end up as the real scheme and fail.
 * The parser has already resolved character references and backslash escapes
 * (`&#106;avascript:` arrives as `javascript:`), so they cannot hide a scheme.
 */

/**
 * Percent-encodes what may not stand in a URL as written in Markdown (spaces,
 * `\\`, `[`, `<`, non-ASCII…), keeping what is already encoded, as CommonMark
 * renderers do before a URL becomes an attribute (micromark's normalizeUri).
 */
export function normalizeUri(value: string): string {
  return value.replace(/%(?![\dA-Za-z]{2})|[\uD800-\uDBFF][\uDC00-\uDFFF]|[^!#$%&-;=?-Z_a-z~]/g, (c) =>
    // A lone surrogate cannot be encoded: it stands for U+FFFD.
    c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '%EF%BF%BD' : encodeURIComponent(c),
  );
}

function check(raw: string, schemes: RegExp): string | null {
  try {
    const url = new URL(normalizeUri(raw));
    return schemes.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The normalized `href` if `raw` is an absolute `http:`, `https:` or `mailto:` URL, else `null`. */
export const safeLinkUrl = (raw: string): string | null => check(raw, /^(https?|mailto):$/);

/** The normalized URL if `raw` is an absolute `http:` or `https:` URL (what an `<img src>` may load), else `null`. */
export const safeImageUrl = (raw: string): string | null => check(raw, /^https?:$/);
