import type { Highlighter } from '../highlight/types.js';
import type { CitationSources } from './citations.js';

// The highlighter's contract lives with the highlighter (types only: its code
// is an optional entry, never in the core bundle).
export type { Highlighter, HighlightToken } from '../highlight/types.js';

/** What rendering a Markdown tree needs besides the tree. */
export interface RenderContext {
  /** Render images (http/https only); off by default, since an image URL is a request the model chooses. */
  images: boolean;
  /** The copy button's text, its text once copied, its accessible name; the word before a citation's number. */
  strings: { copy: string; copied: string; copyLabel: string; source: string };
  /** The answer's sources, for citation chips. */
  citations: CitationSources;
  /** Highlights fenced code that names a language, with a cache of what it already highlighted. */
  highlight?: { highlighter: Highlighter; cache: Map<string, unknown> } | undefined;
  /** The node whose content ends with the streaming cursor, if it is in what is being rendered. */
  cursor?: object | undefined;
  /** Rendering the content of a link: a link (or citation chip) inside must render as its text. */
  inLink?: boolean;
}
