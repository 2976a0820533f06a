/**
 * Links, raw URLs and images: the only places where model text reaches an
 * attribute that loads or navigates. Every URL goes through safe-url first;
 * what fails the check renders as text.
 */
import { html, nothing } from 'lit';
import { HREF, SRC } from 'streaming-markdown';
import { decodeEntities } from './entities.js';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';
import type { MdNode } from './token-tree.js';

/**
 * smd hands over everything between `(` and `)`: a destination, maybe in
 * `<…>`, maybe followed by a quoted title.
 */
const DESTINATION = /^\s*(?:<([^<>\n]*)>|(\S+))(?:\s+(?:"([^"]*)"|'([^']*)'))?\s*$/;

/** The URL and title in the parentheses of `[text](…)`, character references resolved. */
export function destination(raw: string): { url: string; title: string | undefined } {
  // Resolve references before the URL check, so `&#106;avascript:` is checked as `javascript:`.
  const text = decodeEntities(raw);
  const m = DESTINATION.exec(text);
  return m ? { url: m[1] ?? m[2], title: m[3] ?? m[4] } : { url: text.trim(), title: undefined };
}

const TRAILING = /[.,:;!?'"*_~]$/;

/**
 * Splits trailing punctuation off a raw URL, as GFM does: in "see
 * https://example.com." the period ends the sentence, and a closing
 * parenthesis belongs to the URL only if it has an opening one there.
 */
export function splitUrl(text: string): [url: string, rest: string] {
  let end = text.length;
  let open = 0;
  for (const c of text) open += c === '(' ? 1 : c === ')' ? -1 : 0;
  for (; end > 0; end--) {
    const c = text[end - 1];
    if (c === ')' && open < 0) open++;
    else if (!TRAILING.test(c)) break;
  }
  return [text.slice(0, end), text.slice(end)];
}

const a = (href: string, title: string | undefined, text: unknown) =>
  html`<a href=${href} title=${title ?? nothing} target="_blank" rel="noopener noreferrer">${text}</a>`;

/** `[text](url)`. `text` is the rendered content. */
export function link(n: MdNode, text: unknown): unknown {
  const raw = n.attrs[HREF];
  // No destination: it was never a link (`[1]`, `a[0]`), show the brackets.
  // Still open: the destination may be on its way, show the text alone.
  if (raw === undefined) return n.done ? ['[', text, ']'] : text;
  const { url, title } = destination(raw);
  const href = safeLinkUrl(url);
  return href ? a(href, title, text) : text;
}

/** A bare `http(s)://…` URL in the text. smd sets its `href` once the URL has ended. */
export function rawUrl(n: MdNode, text: string, end: unknown): unknown {
  const raw = n.attrs[HREF];
  if (raw === undefined) return [text, end];
  const [url, rest] = splitUrl(raw);
  const href = safeLinkUrl(url);
  return href ? [a(href, undefined, url), rest] : text;
}

/**
 * `![alt](src)`. Images are off unless allowed: an image URL is a request the
 * model chooses, i.e. a way to leak data. An image in progress shows nothing,
 * so its alt text does not flash before the picture.
 */
export function image(n: MdNode, alt: string, images: boolean): unknown {
  if (!n.done) return nothing;
  const raw = n.attrs[SRC];
  if (raw === undefined) return `![${alt}]`;
  const { url, title } = destination(raw);
  const src = images ? safeImageUrl(url) : null;
  return src
    ? html`<img src=${src} alt=${alt} title=${title ?? nothing} loading="lazy" referrerpolicy="no-referrer" />`
    : alt;
}
