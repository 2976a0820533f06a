/**
 * Links and images: the only places where model text reaches an attribute
 * that loads or navigates. Every URL goes through safe-url first; what fails
 * the check renders as text (a link's text, an image's alt text).
 */
import { html, nothing } from 'lit';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';

/** A link to `href` around `text` (already rendered), or `text` alone if the URL is not a safe absolute one. */
export function link(href: string, title: string | undefined, text: unknown): unknown {
  const safe = safeLinkUrl(href);
  return safe
    ? html`<a href=${safe} title=${title || nothing} target="_blank" rel="noopener noreferrer">${text}</a>`
    : text;
}

/**
 * `![alt](src)`. Images are off unless allowed: an image URL is a request the
 * model chooses, i.e. a way to leak data. Otherwise, and for an unsafe URL,
 * the alt text stands in.
 */
export function image(src: string, alt: string, title: string | undefined, images: boolean): unknown {
  const safe = images ? safeImageUrl(src) : null;
  return safe
    ? html`<img src=${safe} alt=${alt} title=${title || nothing} loading="lazy" referrerpolicy="no-referrer" />`
    : alt;
}
