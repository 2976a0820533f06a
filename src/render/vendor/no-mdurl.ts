/**
 * Stands in for `mdurl`, which markdown-it imports only to re-export it (as
 * `utils.lib.mdurl`, for plugins) and to normalize link URLs in its own
 * renderer and linkify, neither of which the widget uses: links are checked and
 * normalized by safe-url.ts. Without this, 4.4 KB of URL code ships unused.
 */
export {};
