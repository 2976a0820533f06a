/**
 * Styles for rendered answers. Colours and sizes are the widget's own palette:
 * the private `--_*` tokens of `theme/tokens.styles.ts`, which must be in the
 * same shadow root (the element adds both). No fallbacks here, so there is no
 * second palette to drift from the first.
 *
 * Written one rule per line because bundlers do not minify CSS inside `css`
 * literals, and every byte here ships in the 40 KB CDN bundle.
 *
 * Full pages of finished blocks (every `.md-page` but the last) never change
 * again, so they get `content-visibility: auto`: the browser skips their style,
 * layout and paint while off screen. Measured on a 200 KB answer (2 shared
 * cores): a width change relayouts in 0.5 ms instead of 90–200 ms, the first
 * render of the whole answer is faster, and streaming updates cost the same as
 * without it. Per finished block instead (5,862 of them) it made every update
 * slower as the answer grew, to 10 ms each at the end. The `auto` in
 * `contain-intrinsic-size` remembers each page's rendered size, so scrolling
 * back does not jump; `overflow-clip-margin` keeps focus rings visible through
 * the paint containment that comes with it.
 *
 * Code and tables scroll sideways in their own box, and that box has
 * `contain: inline-size`: a scroll box still reports its longest line as its
 * minimum width, so a page's card or grid cell sized by its content (a
 * `1fr` track around a wrapper) would otherwise grow to the longest code line.
 */
import { css } from 'lit';

/** Styles for the output of `IncrementalMarkdown`; add them, with `tokens`, to the shadow root that renders it. */
export const markdownStyles = css`
.md-block{margin:0 0 var(--_spacing);overflow-wrap:anywhere}
.md-block>*{margin-block:0}
.md-block:has(>h1,>h2,>h3){margin-top:calc(1.5*var(--_spacing))}
.md-page:first-child>.md-block:first-child{margin-top:0}
.md-page:not(:last-child){content-visibility:auto;contain-intrinsic-size:auto 2000px;overflow-clip-margin:4px}
h1,h2,h3,h4,h5,h6{line-height:1.25;font-size:1em}
h1{font-size:1.4em}h2{font-size:1.25em}h3{font-size:1.1em}
ul,ol{padding-inline-start:1.5em}
li+li,li>ul,li>ol{margin-top:.25em}
li.task{list-style:none}
blockquote{margin-inline:0;padding-inline-start:.9em;border-inline-start:3px solid var(--_border);color:var(--_muted)}
blockquote>:first-child{margin-top:0}blockquote>:last-child{margin-bottom:0}
hr{border:0;border-top:1px solid var(--_border)}
a{color:var(--_accent)}
a:focus-visible,.md-copy:focus-visible,.md-table:focus-visible,pre:focus-visible{outline:2px solid var(--_accent);outline-offset:1px}
img{max-width:100%}
code,pre{font-family:var(--_font-mono);font-size:.9em}
pre>code{font-size:inherit}
:not(pre)>code{padding:.1em .3em;border-radius:4px;background:var(--_code-background)}
.md-code{min-width:0;border-radius:var(--_radius);background:var(--_code-background)}
.md-code-header{display:flex;align-items:center;gap:.5em;padding:.3em .4em .3em 1em;border-bottom:1px solid var(--_border);font-size:.8em}
.md-code-language{color:var(--_muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
pre{margin:0;padding:.75em 1em;overflow-x:auto;contain:inline-size;line-height:1.45;overflow-wrap:normal}
.md-code-segment{display:block;content-visibility:auto;contain-intrinsic-size:auto 145em}
.md-text-segment{display:block;content-visibility:auto;contain-intrinsic-size:auto 600em}
.md-copy{margin-inline-start:auto;padding:.2em .6em;border:1px solid var(--_border);border-radius:4px;background:inherit;color:inherit;font:inherit;cursor:pointer}
.md-copy::after{content:attr(data-label)}
.md-table{overflow-x:auto;contain:inline-size}
table{border-collapse:collapse}
th,td{padding:.35em .7em;border:1px solid var(--_border);text-align:start;overflow-wrap:normal;word-break:normal}
[data-align=left]{text-align:left}[data-align=center]{text-align:center}[data-align=right]{text-align:right}
.md-html{white-space:pre-wrap}
/* Citation chips; the card shows on hover or keyboard focus. */
.citation{position:relative;white-space:nowrap}
[part=citation]{display:inline-block;min-width:1.4em;margin-inline:.1em;padding:0 .35em;border-radius:999px;background:var(--_code-background);border:1px solid var(--_border);color:var(--_accent);font-size:.75em;line-height:1.5;text-align:center;text-decoration:none;vertical-align:.15em}
.citation-card{display:none;position:absolute;z-index:2;inset-block-start:100%;inset-inline-start:0;width:max-content;max-width:min(18rem,70vw);padding:.5em .7em;border:1px solid var(--_border);border-radius:calc(var(--_radius)*.6);background:var(--_background);color:var(--_foreground);font-size:.85em;line-height:1.4;white-space:normal;box-shadow:0 4px 12px color-mix(in oklab,var(--_foreground) 20%,transparent)}
.citation:hover>.citation-card,.citation:focus-within>.citation-card{display:block}
.citation-card>*{display:block}.citation-card>:not(:first-child){color:var(--_muted)}
/* Highlighted code: token classes as the highlighter names them (Prism's), in the palette's colours. */
.hl.comment,.hl.prolog,.hl.doctype,.hl.cdata,.hl.punctuation{color:var(--_muted)}
.hl.comment{font-style:italic}
.hl.keyword,.hl.tag,.hl.selector,.hl.atrule,.hl.important,.hl.builtin{color:var(--_accent)}
.hl.string,.hl.char,.hl.attr-value,.hl.regex,.hl.url,.hl.inserted{color:color-mix(in oklab,var(--_foreground) 45%,var(--_accent))}
.hl.number,.hl.boolean,.hl.constant,.hl.symbol,.hl.deleted{color:var(--_danger)}
.hl.function,.hl.class-name,.hl.property,.hl.attr-name{color:color-mix(in oklab,var(--_accent) 65%,var(--_foreground))}
.cursor{display:inline-block;width:.5em;height:1em;margin-inline-start:1px;vertical-align:-.15em;background:currentColor;animation:md-blink 1s steps(1) infinite}
@keyframes md-blink{50%{opacity:0}}
@media (prefers-reduced-motion:reduce){.cursor{animation:none}}
`;
