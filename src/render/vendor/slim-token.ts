/**
 * Stands in for markdown-it's `Token` (lib/token.mjs): the same fields, set
 * the same way, without the attribute helpers (`attrGet`, `attrSet`…) that
 * only markdown-it's renderer and plugins call. The parsers build tokens and
 * set `attrs` directly; the widget reads the fields. Swapped in by the builds
 * (scripts/markdown-it-aliases.mjs): half a kilobyte the CDN bundle does not ship.
 */
export default function Token(this: Record<string, unknown>, type: string, tag: string, nesting: number): void {
  this.type = type;
  this.tag = tag;
  this.attrs = null;
  this.map = null;
  this.nesting = nesting;
  this.level = 0;
  this.children = null;
  this.content = '';
  this.markup = '';
  this.info = '';
  this.meta = null;
  this.block = false;
  this.hidden = false;
}
