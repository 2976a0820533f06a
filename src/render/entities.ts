/**
 * Character references in Markdown text.
 *
 * streaming-markdown passes references through as text (its own DOM renderer
 * shows `&amp;` literally), and we never hand model text to an HTML parser, so
 * we resolve them here, in text, link destinations, titles and alt text (not in
 * code): every numeric reference (as CommonMark does) and the few named
 * ones a model realistically writes (the full table of 2,000 names would cost more
 * than the rest of the renderer). Unknown names stay literal, which is what
 * a reader would want to see anyway.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  hellip: '…',
  mdash: '—',
  ndash: '–',
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z]\w*));/g;

/** `s` with character references resolved; code points that cannot appear in text become U+FFFD. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (ref, dec?: string, hex?: string, name?: string) => {
    if (name) return Object.hasOwn(NAMED, name) ? NAMED[name] : ref;
    const c = dec ? Number(dec) : parseInt(hex ?? '', 16);
    return String.fromCodePoint(c > 0 && c < 0x110000 && (c < 0xd800 || c > 0xdfff) ? c : 0xfffd);
  });
}
