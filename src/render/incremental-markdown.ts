/**
 * Streaming Markdown renderer. Each character of the answer is tokenized once
 * (token-tree), each finished top-level block is templated once, and an update
 * re-templates only the block still open: its cost depends on that block and
 * the new text, not on the length of the answer.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { CURSOR, cursorTarget, template, type RenderContext } from './node-template.js';
import { TokenTree, type MdNode } from './token-tree.js';

/** Options for {@link IncrementalMarkdown}. */
export interface MarkdownOptions {
  /** Render Markdown images (http/https only). Off by default: an image URL can leak data. */
  allowImages?: boolean;
  /** Visible text of the copy button, its text after copying, and its accessible name. */
  strings?: { copy?: string; copied?: string; copyLabel?: string };
}

/**
 * Finished blocks per page. A full page is behind a `guard`, so Lit skips it
 * without looking inside; an update walks the list of pages and the blocks of
 * the last one, not every block. Full pages are also what the styles let the
 * browser skip off screen.
 */
const PAGE_SIZE = 64;

/** How many characters around known points identify an answer (an unrelated one differs there). */
const SAMPLE = 32;

interface Page {
  /** Block views, each a guard that renders once. */
  blocks: unknown[];
  /** Set once the page is full: a guard that renders once. */
  view?: unknown;
}

/**
 * One top-level block, and the cursor when it cannot go inside. Open and
 * finished blocks use the same template, so when a block finishes Lit updates
 * its DOM in place (selection, focus and the copy button's state survive).
 */
const wrap = (content: unknown, after: unknown = nothing): TemplateResult =>
  html`<div class="md-block">${content}${after}</div>`;

const page = (blocks: unknown[]): TemplateResult => html`<div class="md-page">${blocks}</div>`;

/**
 * Renders one answer. Keep one instance per answer and call {@link render} with
 * the whole text so far on every update.
 */
export class IncrementalMarkdown {
  /** Counters for tests and benchmarks: characters handed to the tokenizer, and finished-block templates created (the open block's transient ones are not counted). */
  readonly stats = { lexedChars: 0, blocksRendered: 0 };

  readonly #ctx: RenderContext;
  #tree!: TokenTree;
  #pages: Page[] = [];
  /** How many characters of the source the tokenizer has seen. */
  #fed = 0;
  /** The source of the last render. */
  #src = '';
  #streaming = true;
  /** The tokenizer was told the answer is complete. */
  #ended = false;
  #out: TemplateResult | undefined;

  constructor(options: MarkdownOptions = {}) {
    this.#ctx = {
      images: options.allowImages === true,
      strings: { copy: 'Copy', copied: 'Copied', copyLabel: 'Copy code', ...options.strings },
    };
    this.#reset();
  }

  /**
   * Renders the whole answer so far. While `streaming`, `source` should only
   * grow; a source that does not continue the last one starts over. The open
   * block ends with a cursor; with `streaming` false everything is final.
   */
  render(source: string, streaming: boolean): TemplateResult {
    if (this.#out && streaming === this.#streaming && source === this.#src) return this.#out;
    if (!this.#continues(source)) this.#reset();
    // A CR may be the first half of a CRLF: hold it until the next character.
    const stop = streaming && source.endsWith('\r') ? source.length - 1 : source.length;
    if (stop > this.#fed) {
      // smd knows only LF.
      this.#tree.write(source.slice(this.#fed, stop).replace(/\r\n?/g, '\n'));
      this.stats.lexedChars += stop - this.#fed;
      this.#fed = stop;
    }
    if (!streaming) {
      this.#tree.end();
      this.#ended = true;
    }
    this.#src = source;
    this.#streaming = streaming;
    return (this.#out = this.#view());
  }

  /**
   * Whether `source` extends what was tokenized. Checked on samples (the
   * start, the middle and the end of the tokenized part), so the check does
   * not grow with the answer; an unrelated answer differs at its start.
   */
  #continues(source: string): boolean {
    const prev = this.#src;
    const same = (at: number) => source.startsWith(prev.slice(at, at + SAMPLE), at);
    return (
      !this.#ended &&
      source.length >= this.#fed &&
      same(0) &&
      same(this.#fed >> 1) &&
      same(Math.max(0, this.#fed - SAMPLE))
    );
  }

  #reset(): void {
    this.#tree = new TokenTree((block) => this.#finish(block));
    this.#pages = [];
    this.#fed = 0;
    this.#src = '';
    this.#streaming = true;
    this.#ended = false;
    this.#out = undefined;
  }

  /** Templates a finished block, once, and files it. Called by the tree, during `write`/`end`. */
  #finish(block: MdNode): void {
    this.#ctx.cursor = undefined;
    const view = wrap(template(block, this.#ctx));
    this.stats.blocksRendered++;
    let last = this.#pages[this.#pages.length - 1];
    if (!last || last.blocks.length === PAGE_SIZE) this.#pages.push((last = { blocks: [] }));
    last.blocks.push(guard([view], () => view));
    if (last.blocks.length === PAGE_SIZE) {
      const { blocks } = last;
      last.view = guard([blocks], () => page(blocks));
    }
  }

  #view(): TemplateResult {
    const views = this.#pages.map((p) => p.view ?? page(p.blocks));
    const open = this.#tree.open;
    let cursor: unknown = this.#streaming ? CURSOR : nothing;
    if (open) {
      // The open block goes where it will stay once finished: the end of the last page.
      this.#ctx.cursor = this.#streaming ? cursorTarget(open) : undefined;
      const block = wrap(template(open, this.#ctx), this.#ctx.cursor ? nothing : cursor);
      const last = this.#pages[this.#pages.length - 1];
      if (last && !last.view) views[views.length - 1] = page([...last.blocks, block]);
      else views.push(page([block]));
      cursor = nothing;
    }
    // One template whatever the state: a different one would make Lit rebuild every block.
    return html`<div class="md-blocks">${views}</div>${cursor}`;
  }
}
