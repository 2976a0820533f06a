/**
 * The parts of markdown-it (MIT, https://github.com/markdown-it/markdown-it)
 * the renderer uses: its block and inline parsers and the link helpers, not its
 * HTML renderer, typographer or linkify (each of those would ship bytes the
 * widget never runs).
 *
 * This module is where markdown-it enters the package, and the one place its
 * two heaviest dependencies are swapped (every build and the tests alias them):
 * `entities` (29 KB gzipped: every HTML5 entity name) by ./html-entities.ts,
 * `uc.micro` (Unicode class tables) by ./unicode-classes.ts, and `mdurl` (used only
 * by markdown-it's own renderer) by ./no-mdurl.ts. The npm build
 * bundles this file with those aliases (scripts/build-markdown-it.mjs), so
 * the CDN bundle and the npm modules parse alike.
 */
export { default as ParserBlock } from 'markdown-it/lib/parser_block.mjs';
export { default as ParserInline } from 'markdown-it/lib/parser_inline.mjs';
export { default as Token } from 'markdown-it/lib/token.mjs';
export { default as parseLinkLabel } from 'markdown-it/lib/helpers/parse_link_label.mjs';
export { default as parseLinkDestination } from 'markdown-it/lib/helpers/parse_link_destination.mjs';
export { default as parseLinkTitle } from 'markdown-it/lib/helpers/parse_link_title.mjs';
export { isPunctChar, isWhiteSpace, normalizeReference } from 'markdown-it/lib/common/utils.mjs';
export type { default as StateBlock } from 'markdown-it/lib/rules_block/state_block.mjs';
export type { default as StateInline } from 'markdown-it/lib/rules_inline/state_inline.mjs';
export { default as emphasisRule } from 'markdown-it/lib/rules_inline/emphasis.mjs';
export { default as strikethroughRule } from 'markdown-it/lib/rules_inline/strikethrough.mjs';
