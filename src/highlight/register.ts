// `ask-stream/highlight/register`, and the CDN file dist/ask-stream-highlight.js:
// loading it makes every <ask-stream> on the page highlight code, with no more
// code. It sets the element class's `defaultHighlighter` (the highlighter of
// every instance whose own `highlighter` property is unset) once <ask-stream>
// is defined, whichever of the two scripts loads first, and never replaces one
// the page set itself. It also exports what `ask-stream/highlight` exports.
import { highlight } from './highlighter.js';
import type { Highlighter } from './types.js';

export * from './index.js';

/** The element class, as far as this module uses it (the element declares the property). */
interface HighlighterHost {
  defaultHighlighter?: Highlighter;
}

if (typeof customElements !== 'undefined') {
  void customElements.whenDefined('ask-stream').then((element) => {
    const host = element as unknown as HighlighterHost;
    if (!host.defaultHighlighter) host.defaultHighlighter = highlight;
  });
}
