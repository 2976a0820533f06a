/**
 * Markdown tree nodes → Lit templates.
 *
 * Every piece of model text reaches the DOM through a Lit text binding or an
 * attribute binding, never through an HTML parser: raw HTML in an answer is
 * shown as the text it is. The only attributes taking model text are
 * `href`/`src` (checked by safe-url), `title`, `alt` and the code language,
 * none of which can carry script. No `style` attribute is ever written (a
 * strict `style-src` would refuse it): table alignment is a data attribute.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { CITATION, citation } from './citations.js';
import { codeBlock } from './code-block.js';
import { image, link } from './links.js';
import type { MdNode } from './md-tree.js';
import { TEXT_BLOCK } from './parse-markdown.js';
import type { RenderContext } from './render-context.js';

/** The streaming cursor: decorative, so hidden from assistive technology. */
export const CURSOR = html`<span class="cursor" aria-hidden="true"></span>`;

/** Lit templates cannot have a dynamic tag name: one static template per level. */
const HEADINGS: Record<string, (c: unknown) => TemplateResult> = {
  h1: (c) => html`<h1>${c}</h1>`,
  h2: (c) => html`<h2>${c}</h2>`,
  h3: (c) => html`<h3>${c}</h3>`,
  h4: (c) => html`<h4>${c}</h4>`,
  h5: (c) => html`<h5>${c}</h5>`,
  h6: (c) => html`<h6>${c}</h6>`,
};

/** Nodes that hold text (or inline content): the cursor may end them. */
const HOLDS_TEXT = new Set([
  'paragraph',
  'heading',
  'list_item',
  'th',
  'td',
  'em',
  'strong',
  's',
  'link',
  TEXT_BLOCK,
  'code_inline',
]);
/** Leaves whose text is the cursor's place when they come last. */
const CODE = new Set(['code_block', 'fence']);

/**
 * Where the streaming cursor goes: the deepest last node that can hold text,
 * or undefined (after everything: an `hr`, HTML shown as text).
 */
export function cursorTarget(nodes: readonly MdNode[]): MdNode | undefined {
  let target: MdNode | undefined;
  for (let n = nodes[nodes.length - 1]; n; n = n.children[n.children.length - 1]) {
    if (CODE.has(n.type)) return n;
    if (n.type === 'image') break;
    if (HOLDS_TEXT.has(n.type) && !(n.type === 'paragraph' && n.hidden && target)) target = n;
    else if (n.type === 'paragraph' && n.hidden) target = n;
  }
  return target;
}

const end = (n: MdNode, ctx: RenderContext) => (n === ctx.cursor ? CURSOR : nothing);

/** The rendered children of `n`, then the cursor if `n` carries it. */
function kids(n: MdNode, ctx: RenderContext): unknown[] {
  const out: unknown[] = n.children.map((c) => template(c, ctx));
  out.push(end(n, ctx));
  return out;
}

const ALIGN = /text-align:\s*(left|center|right)/;

function cell(n: MdNode, ctx: RenderContext): TemplateResult {
  const align = ALIGN.exec(n.attrs.style ?? '')?.[1] ?? nothing;
  return n.type === 'th'
    ? html`<th scope="col" data-align=${align}>${kids(n, ctx)}</th>`
    : html`<td data-align=${align}>${kids(n, ctx)}</td>`;
}

function table(n: MdNode, ctx: RenderContext): TemplateResult {
  const rows = (section: MdNode | undefined) =>
    section?.children.map((tr) => html`<tr>${tr.children.map((c) => cell(c, ctx))}</tr>`);
  const head = n.children.find((c) => c.type === 'thead');
  const body = n.children.find((c) => c.type === 'tbody');
  // tabindex: a horizontally scrolling region must be reachable from the keyboard.
  return html`<div class="md-table" tabindex="0"><table><thead>${rows(head)}</thead>${body ? html`<tbody>${rows(body)}</tbody>` : nothing}</table></div>`;
}

function listItem(n: MdNode, ctx: RenderContext): TemplateResult {
  // A character, not an <input>: a disabled checkbox would be an unlabeled form control.
  const box = n.task ? (n.task === 'checked' ? '☑' : '☐') : nothing;
  return html`<li class=${n.task ? 'task' : nothing}>${box}${kids(n, ctx)}</li>`;
}

/**
 * Text longer than this is laid out in boxes of about this size, which the
 * browser skips while they are off screen: a 1 MB line (a looping model, a
 * base64 blob) costs the layout of what is visible, not 300 ms a frame. The
 * price is a line break every 32 KB, far past anything a reader reads.
 */
export const TEXT_SEGMENT = 32_768;

function longText(text: string): unknown[] {
  const out: unknown[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + TEXT_SEGMENT);
    // Break after a space near the boundary if there is one (looked for near it
    // only: on a line without spaces, a search from the boundary back would
    // read the whole line again for every box), and never inside a surrogate pair.
    const space = end - 256 + text.slice(end - 256, end + 1).lastIndexOf(' ');
    if (end < text.length && space > end - 256 && space > at) end = space + 1;
    else if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
    out.push(html`<span class="md-text-segment">${text.slice(at, end)}</span>`);
    at = end;
  }
  return out;
}

/** Text with its citation markers as citations (chips once their source is known). */
function withCitations(text: string, ctx: RenderContext): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  for (const m of text.matchAll(CITATION)) {
    out.push(text.slice(at, m.index), citation(Number(m[1]), m[0], ctx.citations, ctx.strings.source));
    at = m.index + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

/** The template for node `n`. */
export function template(n: MdNode, ctx: RenderContext): unknown {
  switch (n.type) {
    case 'text':
      if (n.content.length > TEXT_SEGMENT) return longText(n.content);
      return ctx.inLink || !n.content.includes('[') ? n.content : withCitations(n.content, ctx);
    case 'html_inline':
      return n.content;
    case 'softbreak':
      return '\n';
    case 'hardbreak':
      return html`<br />`;
    case 'paragraph':
      return n.hidden ? kids(n, ctx) : html`<p>${kids(n, ctx)}</p>`;
    case TEXT_BLOCK:
      return html`<p>${n.content}${end(n, ctx)}</p>`;
    case 'heading':
      return (HEADINGS[n.tag] ?? HEADINGS.h6!)(kids(n, ctx));
    case 'code_inline':
      return html`<code>${n.content}${end(n, ctx)}</code>`;
    case 'code_block':
    case 'fence':
      return codeBlock(n.content, n.type === 'fence' ? n.info : undefined, ctx, end(n, ctx));
    case 'em':
      return html`<em>${kids(n, ctx)}</em>`;
    case 'strong':
      return html`<strong>${kids(n, ctx)}</strong>`;
    case 's':
      return html`<del>${kids(n, ctx)}</del>`;
    case 'link': {
      const outer = ctx.inLink;
      ctx.inLink = true;
      const text = kids(n, ctx);
      ctx.inLink = outer;
      return outer ? text : link(n.attrs.href ?? '', n.attrs.title, text);
    }
    case 'image':
      return image(n.attrs.src ?? '', n.content, n.attrs.title, ctx.images);
    case 'html_block':
      // Raw HTML is shown as the text it is; the block keeps its own lines.
      return html`<p class="md-html">${n.content.replace(/\n$/, '')}</p>`;
    case 'hr':
      return html`<hr />`;
    case 'blockquote':
      return html`<blockquote>${kids(n, ctx)}</blockquote>`;
    case 'bullet_list':
      return html`<ul>${kids(n, ctx)}</ul>`;
    case 'ordered_list': {
      const start = Number(n.attrs.start ?? 1);
      return html`<ol start=${start !== 1 ? start : nothing}>${kids(n, ctx)}</ol>`;
    }
    case 'list_item':
      return listItem(n, ctx);
    case 'table':
      return table(n, ctx);
    default:
      return kids(n, ctx);
  }
}
