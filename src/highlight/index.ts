// `ask-stream/highlight`: a syntax highlighter for the element's `highlighter`
// property. Importing it registers nothing (see register.ts for that).
export { highlight, createHighlighter, type HighlighterOptions } from './highlighter.js';
export { HIGHLIGHT_LANGUAGES } from './languages.js';
export type { HighlightToken, Highlighter } from './types.js';
