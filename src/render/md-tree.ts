/**
 * markdown-it's flat token stream → a small tree that node-template.ts walks.
 * Also where two things markdown-it leaves to plugins are read: GFM task list
 * items, and a cap on inline nesting (emphasis is paired after parsing, so a
 * thousand nested `*_` would otherwise nest a thousand elements).
 */
import type { Token } from './parse-markdown.js';

/** A block or inline node. `type` is markdown-it's, without `_open`/`_close`. */
export interface MdNode {
  type: string;
  /** The HTML tag markdown-it names (`h2`, `th`…), where the type does not say it. */
  tag: string;
  /** Text of leaves: text, code, HTML shown as text; the info string of a fence. */
  content: string;
  info: string;
  attrs: Record<string, string>;
  children: MdNode[];
  /** A paragraph of a tight list: its content goes in the item without a `<p>`. */
  hidden?: boolean;
  /** A task list item: whether its box is checked. */
  task?: 'checked' | 'unchecked';
}

/** Inline elements deeper than this render their content without another wrapper. */
export const MAX_INLINE_DEPTH = 24;

const node = (token: Token, type = token.type.replace(/_open$/, '')): MdNode => {
  const attrs: Record<string, string> = {};
  for (const [name, value] of token.attrs ?? []) attrs[name] = value;
  return { type, tag: token.tag, content: token.content, info: token.info, attrs, children: [] };
};

/** `[ ]`, `[x]` or `[X]` opening a list item, then a line ending, or spaces and more (GFM). */
const TASK = /^\[([ \t\nxX])\](?:\n|[ \t]+[^])/;

/** Plain text of inline tokens (image alt text). */
function plainText(tokens: Token[]): string {
  let text = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline' || t.type === 'html_inline')
      text += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') text += '\n';
    else if (t.type === 'image') text += plainText(t.children ?? []);
  }
  return text;
}

function addText(parent: MdNode, content: string): void {
  // Emphasis leaves empty text tokens where its delimiters were.
  if (!content) return;
  const last = parent.children[parent.children.length - 1];
  if (last?.type === 'text') last.content += content;
  else parent.children.push({ type: 'text', tag: '', content, info: '', attrs: {}, children: [] });
}

function inlineInto(parent: MdNode, tokens: Token[]): void {
  // `null` on the stack: an element past the depth cap, rendered as its content alone.
  const stack: Array<MdNode | null> = [];
  let depth = 0;
  const top = () => {
    for (let i = stack.length; i--;) if (stack[i]) return stack[i]!;
    return parent;
  };
  for (const t of tokens) {
    if (t.nesting === 1) {
      if (depth >= MAX_INLINE_DEPTH) stack.push(null);
      else {
        const n = node(t);
        top().children.push(n);
        stack.push(n);
        depth++;
      }
    } else if (t.nesting === -1) {
      if (stack.pop()) depth--;
    } else if (t.type === 'text' || t.type === 'text_special') addText(top(), t.content);
    else {
      const n = node(t);
      if (t.type === 'image') n.content = plainText(t.children ?? []);
      top().children.push(n);
    }
  }
}

/** Marks a list item whose first paragraph starts with a task box, and drops the box's text. */
function readTask(item: MdNode, firstInline: Token | undefined): void {
  const para = item.children[0];
  const match = firstInline && TASK.exec(firstInline.content);
  const text = para?.children[0];
  if (!match || para?.type !== 'paragraph' || text?.type !== 'text' || !text.content.startsWith(match[0].slice(0, 3)))
    return;
  item.task = match[1] === 'x' || match[1] === 'X' ? 'checked' : 'unchecked';
  text.content = text.content.slice(3);
  if (!text.content) para.children.shift();
}

/** The block tokens of some Markdown (inline children parsed) as a list of top-level nodes. */
export function buildTree(tokens: Token[]): MdNode[] {
  const root: MdNode = { type: 'root', tag: '', content: '', info: '', attrs: {}, children: [] };
  const stack: MdNode[] = [root];
  // The first inline token of each open list item, for task boxes.
  const itemInline = new Map<MdNode, Token | undefined>();
  for (const t of tokens) {
    const parent = stack[stack.length - 1]!;
    if (t.nesting === 1) {
      const n = node(t);
      if (t.hidden) n.hidden = true;
      parent.children.push(n);
      stack.push(n);
      if (n.type === 'list_item') itemInline.set(n, undefined);
    } else if (t.nesting === -1) {
      const n = stack.pop()!;
      if (n.type === 'list_item') {
        readTask(n, itemInline.get(n));
        itemInline.delete(n);
      }
    } else if (t.type === 'inline') {
      const item = stack[stack.length - 2];
      if (item?.type === 'list_item' && item.children[0] === parent && !itemInline.get(item)) itemInline.set(item, t);
      inlineInto(parent, t.children ?? []);
    } else parent.children.push(node(t));
  }
  return root.children;
}
