/** The Markdown renderer: tokens from streaming-markdown to Lit templates, incremental and safe by construction. */
export { IncrementalMarkdown, type MarkdownOptions } from './incremental-markdown.js';
export { markdownStyles } from './markdown.styles.js';
export { safeImageUrl, safeLinkUrl } from './safe-url.js';
