/**
 * Sources as the widget shows them, in citation chips and source cards: what a
 * source says about itself, checked. A URL becomes a link only when it is
 * absolute and of a safe scheme; anything else stays text, so a source can
 * never run script or leak through a link. No request is made for it (no
 * favicon, no preview): the domain is read from the URL.
 */
import { isRecord } from '../protocol.js';
import { safeLinkUrl } from './safe-url.js';

export interface ResolvedSource {
  /** Its 1-based position in `metadata.sources`: the number citations use. */
  n: number;
  title: string;
  /** A safe link, or null. */
  href: string | null;
  /** The host name without `www.`, when there is a link. */
  domain: string;
  snippet: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** One source, or undefined when it says nothing showable. */
export function resolveSource(source: unknown, n: number): ResolvedSource | undefined {
  const record = isRecord(source);
  const url = record ? text(source.url) : text(source);
  const title = (record ? text(source.title) : '') || url;
  if (!title) return undefined;
  const href = safeLinkUrl(url);
  const domain = href && !href.startsWith('mailto:') ? new URL(href).hostname.replace(/^www\./, '') : '';
  return { n, title, href, domain, snippet: record ? text(source.snippet) : '' };
}

/** The sources of some metadata, numbered by their position, unshowable ones left out. */
export function resolveSources(sources: unknown, limit = Infinity): ResolvedSource[] {
  const out: ResolvedSource[] = [];
  if (!Array.isArray(sources)) return out;
  for (let i = 0; i < sources.length && out.length < limit; i++) {
    const s = resolveSource(sources[i], i + 1);
    if (s) out.push(s);
  }
  return out;
}
