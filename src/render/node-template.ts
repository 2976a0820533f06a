/**
 * Token nodes to Lit templates.
 *
 * Every piece of model text reaches the DOM through a Lit text binding or an
 * attribute binding, never through an HTML parser: raw HTML in an answer is
 * shown as the text it is. The only attributes taking model text are
 * `href`/`src` (checked by safe-url), `title`, `alt` and the code language
 * class, none of which can carry script.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  BLOCKQUOTE,
  CHECKBOX,
  CHECKED,
  CODE_BLOCK,
  CODE_FENCE,
  CODE_INLINE,
  EQUATION_BLOCK,
  EQUATION_INLINE,
  HEADING_1,
  HEADING_2,
  HEADING_3,
  HEADING_4,
  HEADING_5,
  HEADING_6,
  IMAGE,
  ITALIC_AST,
  ITALIC_UND,
  LANG,
  LINE_BREAK,
  LINK,
  LIST_ITEM,
  LIST_ORDERED,
  LIST_UNORDERED,
  PARAGRAPH,
  RAW_URL,
  RULE,
  START,
  STRIKE,
  STRONG_AST,
  STRONG_UND,
  TABLE,
  TABLE_CELL,
  TABLE_ROW,
  type Token,
} from 'streaming-markdown';
import { codeBlock } from './code-block.js';
import { decodeEntities } from './entities.js';
import { image, link, rawUrl } from './links.js';
import type { MdNode } from './token-tree.js';

/** What rendering needs besides the nodes. */
export interface RenderContext {
  images: boolean;
  strings: { copy: string; copied: string; copyLabel: string };
  /** The node whose content ends with the streaming cursor, if it is in the block being rendered. */
  cursor?: MdNode | undefined;
  /** Rendering the content of a link: a raw URL in there must not become a link inside a link. */
  inLink?: boolean;
}

/** The streaming cursor: decorative, so hidden from assistive technology. */
export const CURSOR = html`<span class="cursor" aria-hidden="true"></span>`;

/** Lit templates cannot have a dynamic tag name: one static template per level. */
const HEADINGS: Partial<Record<Token, (c: unknown) => TemplateResult>> = {
  [HEADING_1]: (c) => html`<h1>${c}</h1>`,
  [HEADING_2]: (c) => html`<h2>${c}</h2>`,
  [HEADING_3]: (c) => html`<h3>${c}</h3>`,
  [HEADING_4]: (c) => html`<h4>${c}</h4>`,
  [HEADING_5]: (c) => html`<h5>${c}</h5>`,
  [HEADING_6]: (c) => html`<h6>${c}</h6>`,
};

/** Containers where the cursor cannot go (a span in a `<ul>` or `<tr>` is invalid): it goes after them. */
const NO_TEXT = new Set<Token>([LIST_ORDERED, LIST_UNORDERED, TABLE, TABLE_ROW]);

/** Nodes rendered as their plain text: whatever smd put inside them is not rendered as nodes. */
const FLAT = new Set<Token>([CODE_BLOCK, CODE_FENCE, CODE_INLINE, EQUATION_BLOCK, EQUATION_INLINE, RAW_URL]);

/** Underscore emphasis opened inside a word, which is not emphasis (`snake_case_name`). */
const IN_WORD = /[\p{L}\p{N}]$/u;

const isNode = (c: MdNode | string | undefined, type: Token): c is MdNode => typeof c === 'object' && c.type === type;

const end = (n: MdNode, ctx: RenderContext) => (n === ctx.cursor ? CURSOR : nothing);

/** The text inside `n`, for code, alt text and URLs. */
export const plain = (n: MdNode): string =>
  n.children.map((c) => (typeof c === 'string' ? c : c.type === LINE_BREAK ? '\n' : plain(c))).join('');

/** Code text: smd keeps the newline before the end of an unclosed fence. */
const code = (n: MdNode) => plain(n).replace(/\n$/, '');

/**
 * The deepest open node of the open block `block`: the cursor goes at its end.
 * Not into an image (it shows nothing until complete) nor below code, and from a list or table
 * up to the nearest node that can hold text, else after the block (undefined).
 */
export function cursorTarget(block: MdNode): MdNode | undefined {
  const path = [block];
  for (let n = block; !FLAT.has(n.type); path.push(n)) {
    const last = n.children[n.children.length - 1];
    if (typeof last !== 'object' || last.done || last.type === IMAGE) break;
    n = last;
  }
  for (let i = path.length; i--;) if (!NO_TEXT.has(path[i].type)) return path[i];
  return undefined;
}

/** The rendered children of `n`, then the cursor if `n` carries it. `trim`: drop the spaces smd leaves around table cell text. */
function kids(n: MdNode, ctx: RenderContext, trim = false): unknown[] {
  const out = n.children.map((c, i, all) => {
    if (typeof c !== 'string') return template(c, ctx, all[i - 1], all[i + 1]);
    if (trim && i === 0) c = c.trimStart();
    if (trim && i === all.length - 1) c = c.trimEnd();
    return decodeEntities(c);
  });
  out.push(end(n, ctx));
  return out;
}

function table(n: MdNode, ctx: RenderContext): unknown[] {
  const [head, ...body] = n.children.filter((c): c is MdNode => isNode(c, TABLE_ROW));
  // In rare half-written states smd opens a token in the table itself: show it after the table.
  const rest = n.children.filter((c): c is MdNode => typeof c === 'object' && c.type !== TABLE_ROW);
  const cells = (row: MdNode | undefined, th: boolean) =>
    row?.children.map((c) => {
      // smd can leave a raw URL in a row, after the last cell: it gets a cell of its own.
      const content =
        typeof c === 'string' ? decodeEntities(c) : c.type === TABLE_CELL ? kids(c, ctx, true) : template(c, ctx);
      return th ? html`<th scope="col">${content}</th>` : html`<td>${content}</td>`;
    });
  // smd reads the first row as the header row. tabindex: a horizontally
  // scrolling region must be reachable from the keyboard.
  return [
    html`<div class="md-table" tabindex="0"><table><thead><tr>${cells(head, true)}</tr></thead><tbody>${body.map((r) => html`<tr>${cells(r, false)}</tr>`)}</tbody></table></div>`,
    rest.map((c) => template(c, ctx)),
  ];
}

/** The template for node `n`; `before` and `after` are its siblings. */
export function template(n: MdNode, ctx: RenderContext, before?: MdNode | string, after?: MdNode | string): unknown {
  const heading = HEADINGS[n.type];
  if (heading) return heading(kids(n, ctx));
  if ((n.type === ITALIC_UND || n.type === STRONG_UND) && typeof before === 'string' && IN_WORD.test(before)) {
    // smd does not know underscores inside words are literal: show them. Its
    // closing underscore was there if text follows; at the end of a paragraph
    // smd closed it itself (`some_var`), so none is added.
    const mark = n.type === ITALIC_UND ? '_' : '__';
    return [mark, kids(n, ctx), after === undefined ? '' : mark];
  }
  switch (n.type) {
    case PARAGRAPH:
      return html`<p>${kids(n, ctx)}</p>`;
    case CODE_BLOCK:
    case CODE_FENCE:
      return codeBlock(code(n), n.attrs[LANG], ctx, end(n, ctx));
    case CODE_INLINE:
    case EQUATION_INLINE: // TeX source as code: no math renderer ships in the bundle
      return html`<code>${plain(n)}${end(n, ctx)}</code>`;
    case EQUATION_BLOCK:
      return html`<code class="md-math">${code(n)}${end(n, ctx)}</code>`;
    case ITALIC_AST:
    case ITALIC_UND:
      return html`<em>${kids(n, ctx)}</em>`;
    case STRONG_AST:
    case STRONG_UND:
      return html`<strong>${kids(n, ctx)}</strong>`;
    case STRIKE:
      return html`<del>${kids(n, ctx)}</del>`;
    case LINK: {
      const outer = ctx.inLink;
      ctx.inLink = true;
      const text = kids(n, ctx);
      ctx.inLink = outer;
      return link(n, text);
    }
    case RAW_URL:
      return ctx.inLink ? [plain(n), end(n, ctx)] : rawUrl(n, plain(n), end(n, ctx));
    case IMAGE:
      return image(n, decodeEntities(plain(n)), ctx.images);
    case BLOCKQUOTE:
      return html`<blockquote>${kids(n, ctx)}</blockquote>`;
    case LINE_BREAK:
      return html`<br />`;
    case RULE:
      return html`<hr />`;
    case LIST_UNORDERED:
      return html`<ul>${kids(n, ctx)}</ul>`;
    case LIST_ORDERED: {
      const start = parseInt(n.attrs[START] ?? '', 10);
      return html`<ol start=${start >= 0 && start !== 1 ? start : nothing}>${kids(n, ctx)}</ol>`;
    }
    case LIST_ITEM:
      return html`<li class=${isNode(n.children[0], CHECKBOX) ? 'task' : nothing}>${kids(n, ctx)}</li>`;
    case CHECKBOX:
      // A character, not an <input>: a disabled checkbox would be an unlabeled form control.
      return n.attrs[CHECKED] === undefined ? '☐' : '☑';
    case TABLE:
      return table(n, ctx);
    default:
      return kids(n, ctx);
  }
}
