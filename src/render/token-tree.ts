/**
 * Streamed Markdown text to a small tree of tokens, through streaming-markdown.
 *
 * Why streaming-markdown ("smd") and not marked: the CDN bundle has 25 KB
 * gzipped for everything (Lit alone is about 5.8 KB, the SSE client, controller
 * and element about 7 KB). marked's lexer is 15.3 KB gzipped and cannot be
 * tree-shaken; the whole renderer on top of it bundled to 19.7 KB. smd is
 * 3.5 KB gzipped (2.7 KB for the three functions used here) and is made for
 * this job: it reads every character exactly once, knows half-written
 * constructs (`Some **bol` is a strong element already holding "bo", an open
 * fence is code in progress) and gives the same tokens however the text is cut
 * into chunks. So there is nothing to re-lex and nothing to repair. The price
 * is a smaller dialect than marked's: no setext headings, reference links,
 * tilde fences, `1)` lists, tables without outer pipes, column alignment,
 * `<https://…>`/`www.`/e-mail autolinks; a single newline is a line break.
 *
 * smd never builds HTML: it calls a renderer back. This one records the calls
 * as plain nodes, which node-template turns into Lit templates.
 */
import {
  PARAGRAPH,
  TABLE,
  parser,
  parser_end,
  parser_write,
  type Attr,
  type Parser,
  type Renderer,
  type Token,
} from 'streaming-markdown';

/** A token and what smd put into it. Text pieces that follow each other are merged into one string. */
export interface MdNode {
  type: Token;
  /** `href` (links, raw URLs), `src` (images), `lang` (fences), `start` (ordered lists), `checked` (checkboxes). */
  attrs: Partial<Record<Attr, string>>;
  children: Array<MdNode | string>;
  /** smd ended it: nothing will be added to it any more. */
  done: boolean;
}

const node = (type: Token): MdNode => ({ type, attrs: {}, children: [], done: false });

/**
 * Builds the tree of one answer. Finished top-level blocks are handed to
 * `onBlock` and dropped from the tree, so it only ever holds the open block.
 */
export class TokenTree {
  /** The top-level block still open, if any. */
  open: MdNode | undefined;
  /** The open nodes, top-level block first. */
  readonly #stack: MdNode[] = [];
  /** Text smd gave a table (see `text`), for whatever follows the table. */
  #afterTable = '';
  readonly #parser: Parser;

  readonly #onBlock: (block: MdNode) => void;

  constructor(onBlock: (block: MdNode) => void) {
    this.#onBlock = onBlock;
    const renderer: Renderer<TokenTree> = {
      data: this,
      add_token: (tree, type) => tree.#add(type),
      end_token: (tree) => tree.#close(),
      add_text: (tree, text) => tree.#text(text),
      set_attr: (tree, type, value) => {
        const top = tree.#stack[tree.#stack.length - 1];
        if (top) top.attrs[type] = value;
      },
    };
    this.#parser = parser(renderer);
  }

  /** Tokenizes the next piece of the answer (line endings already normalized). */
  write(chunk: string): void {
    parser_write(this.#parser, chunk);
  }

  /**
   * The answer is complete: smd flushes the characters it held back, and what
   * it leaves open (it does not close the last block itself) is finished here.
   */
  end(): void {
    parser_end(this.#parser);
    while (this.#stack.length) this.#close();
    this.#finishLoose();
  }

  #add(type: Token): void {
    const n = node(type);
    const parent = this.#stack[this.#stack.length - 1];
    if (parent) parent.children.push(n);
    else {
      this.#finishLoose();
      this.open = n;
    }
    this.#stack.push(n);
  }

  #close(): void {
    const n = this.#stack.pop();
    if (!n) return; // more ends than starts would be an smd bug; never pop past the document
    n.done = true;
    if (!this.#stack.length) this.#finish(n);
    if (this.#afterTable && n.type === TABLE) {
      const text = this.#afterTable;
      this.#afterTable = '';
      this.#text(text);
    }
  }

  #text(text: string): void {
    let target = this.#stack[this.#stack.length - 1];
    if (target?.type === TABLE) {
      // The line after a table: fed in one piece, smd ends the table before
      // adding it; fed in small pieces, it adds it to the table, then ends the
      // table. Hold it until the table ends so both come out the same.
      this.#afterTable += text;
      return;
    }
    if (!target) {
      // smd sometimes leaves text at the document level (a line right after a
      // table). Give it a paragraph, which ends when the next block starts.
      // Known limit: after a malformed delimiter row (`|---|x`) smd flushes
      // that text here when a chunk ends there, but into the next paragraph
      // when it does not; the two renderings differ (one paragraph or two).
      target = this.open ??= node(PARAGRAPH);
    }
    const kids = target.children;
    const last = kids.length - 1;
    if (typeof kids[last] === 'string') kids[last] += text;
    else kids.push(text);
  }

  /** Finishes a paragraph made for loose document-level text, if one is open. */
  #finishLoose(): void {
    if (this.open && !this.#stack.length) {
      this.open.done = true;
      this.#finish(this.open);
    }
  }

  #finish(block: MdNode): void {
    this.open = undefined;
    this.#onBlock(block);
  }
}
