/**
 * The streaming Markdown renderer: exact CommonMark + GFM when the answer is
 * complete, cheap while it streams.
 *
 * An answer is a run of finished top-level blocks and an open end. A block is
 * finished once the line starting the block after it is complete: CommonMark
 * decides where a block starts from that line and those before it, so nothing
 * later can move the boundary. Finished blocks are parsed and templated once
 * and never touched again; an update parses only the open end (and, when a
 * new line has arrived, the complete lines of it, to find what finished). So
 * the cost of an update depends on the open block, not on the answer's length.
 *
 * One thing in CommonMark reaches back: a link reference definition
 * (`[1]: https://…`) turns earlier `[1]` into links. Blocks holding a label
 * that is not defined yet are noted, and re-rendered when a definition of it
 * finishes, so the final rendering is exact; no other finished block changes.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { normalizeReference } from './vendor/markdown-it.js';
import { buildTree } from './md-tree.js';
import { CURSOR, cursorTarget, template } from './node-template.js';
import { parseMarkdown, type ParseEnv, type Token } from './parse-markdown.js';
import { CitationSources } from './citations.js';
import type { Highlighter, RenderContext } from './render-context.js';
import { resolveSources } from './sources.js';
import { repairForStreaming } from './streaming-repair.js';

/** Options for {@link IncrementalMarkdown}. */
export interface MarkdownOptions {
  /** Render Markdown images (http/https only). Off by default: an image URL can leak data. */
  allowImages?: boolean;
  /** Visible text of the copy button, its text after copying, its accessible name; the word naming a citation. */
  strings?: { copy?: string; copied?: string; copyLabel?: string; source?: string };
  /** Highlights fenced code that names its language (its tokens are rendered as text). */
  highlighter?: Highlighter | undefined;
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

/** Labels of `[text]`, `[text][label]` and `[label][]`: what a later definition could turn into a link. */
const LABEL = /\[((?:[^[\]\\]|\\[^]){1,999})\]/g;

interface Block {
  view: unknown;
  /** Its source, kept while a label in it waits for a definition. */
  text?: string;
}

interface Page {
  blocks: Block[];
  /** Bumped when a block of the page is re-rendered, so its guard lets Lit look again. */
  version: number;
  /** Set once the page is full: a guard that renders once per version. */
  view?: unknown;
}

/** One top-level block's tokens, with the lines it starts and ends at. */
interface Group {
  tokens: Token[];
  start: number;
  end: number;
}

/** Line endings as CommonMark reads them (`\r\n`, `\r`, `\n` → `\n`) and NUL as U+FFFD. */
const normalize = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');

/** The offset in `raw` of the start of each line (CRLF, CR and LF end a line, as in CommonMark). */
function lineStarts(raw: string): number[] {
  const starts = [0];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x0d && raw.charCodeAt(i + 1) === 0x0a) i++;
    if (c === 0x0a || c === 0x0d) starts.push(i + 1);
  }
  return starts;
}

/** Top-level blocks of a token stream. */
function groups(tokens: Token[]): Group[] {
  const out: Group[] = [];
  for (const t of tokens) {
    if (t.level === 0 && t.nesting !== -1 && t.map) out.push({ tokens: [t], start: t.map[0], end: t.map[1] });
    else out[out.length - 1]?.tokens.push(t);
  }
  return out;
}

/** Whether the innermost block the tokens end in is code or raw HTML. */
function endsInCode(tokens: Token[]): boolean {
  let last = tokens.length;
  while (last-- && tokens[last]!.nesting === -1);
  const kind = tokens[last]?.type === 'inline' ? tokens[last - 1]?.type : tokens[last]?.type;
  return kind === 'fence' || kind === 'code_block' || kind === 'html_block';
}

const wrap = (content: unknown, after: unknown = nothing): TemplateResult =>
  html`<div class="md-block" dir="auto">${content}${after}</div>`;

const page = (blocks: unknown[]): TemplateResult => html`<div class="md-page">${blocks}</div>`;

/**
 * Renders one answer. Keep one instance per answer and call {@link render}
 * with the whole text so far on every update.
 */
export class IncrementalMarkdown {
  /** Counters for tests and benchmarks: characters handed to the parser, and finished blocks templated. */
  readonly stats = { parsedChars: 0, blocksRendered: 0 };

  readonly #ctx: RenderContext;
  #source = '';
  /** Where the part not yet finished starts in the source (a line start). */
  #stable = 0;
  /** The source from #stable, the only part an update reads. */
  #tail = '';
  /** What the source grew by since the last render, as {@link append} was told. */
  #appended = '';
  /** Link reference definitions of the finished blocks. */
  #env: Required<ParseEnv> = { references: {} };
  #pages: Page[] = [];
  /** Finished blocks by the labels in them that no definition resolved yet. */
  #waiting = new Map<string, Block[]>();
  /** The offset (after #stable) up to which complete lines were last checked for finished blocks. */
  #checkedTo = 0;
  #streaming = true;
  #ended = false;
  #out: TemplateResult | undefined;

  constructor(options: MarkdownOptions = {}) {
    this.#ctx = {
      images: options.allowImages === true,
      strings: { copy: 'Copy', copied: 'Copied', copyLabel: 'Copy code', source: 'Source', ...options.strings },
      citations: new CitationSources(),
      highlight: options.highlighter ? { highlighter: options.highlighter, cache: new Map() } : undefined,
    };
  }

  /**
   * The answer's sources (`metadata.sources`): citation markers `[n]` become
   * chips of source n. Only the markers redraw, finished blocks included.
   */
  setSources(sources: unknown): void {
    this.#ctx.citations.set(sources, resolveSources(sources));
  }

  /**
   * Notes that the answer grew by `text` (a chunk), so that the next
   * {@link render} reads only the new text and the open end. Reading the
   * source itself would cost the whole answer on every update: a string built
   * by `+=` is copied whole by the engine the first time it is read after
   * each append (V8 flattens it), 0.25 ms an update at 200 KB here.
   */
  append(text: string): void {
    this.#appended += text;
  }

  /**
   * Renders the whole answer so far. While `streaming`, `source` should only
   * grow; a source that does not continue the last one starts over. The open
   * end is shown optimistically, with a cursor; with `streaming` false the
   * rendering is final and exact.
   */
  render(source: string, streaming: boolean): TemplateResult {
    if (this.#out && streaming === this.#streaming && source === this.#source) return this.#out;
    const appended = this.#appended;
    this.#appended = '';
    // What was appended makes up the difference exactly: the source is the
    // last one and it (lengths alone decide, since an answer only grows).
    if (!(this.#out && this.#streaming && source.length === this.#source.length + appended.length)) {
      if (!this.#continues(source)) this.#reset();
      this.#tail = source.slice(this.#stable);
    } else this.#tail += appended;
    this.#source = source;
    this.#streaming = streaming;
    let open: Group[] = [];
    if (streaming) {
      // A CR may be the first half of a CRLF: hold it until the next character.
      const held = () => this.#tail.slice(0, this.#tail.endsWith('\r') ? -1 : undefined);
      this.#finishComplete(held());
      open = this.#parseOpen(normalize(held()));
    } else {
      this.#finish(this.#tail, Infinity);
      this.#ended = true;
    }
    return (this.#out = this.#view(open));
  }

  /** Whether `source` extends what was rendered (checked on samples, so the check does not grow with the answer). */
  #continues(source: string): boolean {
    const prev = this.#source;
    const same = (at: number) => source.startsWith(prev.slice(at, at + SAMPLE), at);
    const upTo = Math.min(prev.length, source.length);
    return (
      !this.#ended &&
      source.length >= this.#stable &&
      same(0) &&
      same(this.#stable >> 1) &&
      same(Math.max(0, this.#stable - SAMPLE)) &&
      same(Math.max(0, upTo - SAMPLE))
    );
  }

  #reset(): void {
    this.#source = '';
    this.#stable = 0;
    this.#tail = '';
    this.#env = { references: {} };
    this.#pages = [];
    this.#waiting = new Map();
    this.#checkedTo = 0;
    this.#ended = false;
    this.#out = undefined;
  }

  /**
   * Finishes the blocks of `tail` (the source from #stable) that a complete
   * line after them has closed. Parses the complete lines only, and only when
   * a new one arrived.
   */
  #finishComplete(tail: string): void {
    const lastLf = Math.max(tail.lastIndexOf('\n'), tail.lastIndexOf('\r'));
    if (lastLf < 0 || lastLf < this.#checkedTo) return;
    this.#checkedTo = lastLf + 1;
    const complete = normalize(tail.slice(0, lastLf + 1));
    const lines = complete.split('\n').length - 1;
    const found = groups(this.#parse(complete, { references: { ...this.#env.references } }));
    // The last block that starts on a complete line closes all before it,
    // unless a definition runs up to it (its title may continue there).
    for (let j = found.length - 1; j > 0; j--) {
      const { start } = found[j]!;
      if (start >= lines) continue;
      const gapStart = found[j - 1]!.end;
      const defBefore = gapStart < start && complete.split('\n', start)[start - 1]!.trim() !== '';
      if (defBefore) continue;
      this.#finish(tail, start);
      return;
    }
  }

  #parse(text: string, env: ParseEnv): Token[] {
    this.stats.parsedChars += text.length;
    return parseMarkdown(text, env);
  }

  /**
   * Parses the source from #stable up to line `line` of it (or to its end) as
   * finished: templates each top-level block once and files it, commits its
   * definitions, and re-renders earlier blocks a new definition resolves.
   */
  #finish(tail: string, line: number): void {
    const starts = lineStarts(tail);
    const raw = Number.isFinite(line) ? tail.slice(0, starts[line] ?? tail.length) : tail;
    if (!raw) return;
    const before = new Set(Object.keys(this.#env.references));
    const found = groups(this.#parse(normalize(raw), this.#env));
    const offsetOf = (l: number) => Math.min(starts[l] ?? raw.length, raw.length);
    found.forEach((group, i) => {
      const text = raw.slice(offsetOf(group.start), i + 1 < found.length ? offsetOf(found[i + 1]!.start) : raw.length);
      this.#file({ view: this.#blockView(group.tokens) }, text);
    });
    this.#stable += raw.length;
    this.#tail = this.#tail.slice(raw.length);
    this.#checkedTo = 0;
    const added = Object.keys(this.#env.references).filter((label) => !before.has(label));
    if (added.length) this.#resolve(added);
  }

  #blockView(tokens: Token[]): unknown {
    this.#ctx.cursor = undefined;
    this.stats.blocksRendered++;
    const view = wrap(buildTree(tokens).map((n) => template(n, this.#ctx)));
    return guard([view], () => view);
  }

  /** Files a finished block and notes the labels in its source that nothing defines yet. */
  #file(block: Block, source: string): void {
    let last = this.#pages[this.#pages.length - 1];
    if (!last || last.blocks.length === PAGE_SIZE) this.#pages.push((last = { blocks: [], version: 0 }));
    last.blocks.push(block);
    if (last.blocks.length === PAGE_SIZE) this.#seal(last);
    if (!source.includes('[')) return;
    for (const [, label] of source.matchAll(LABEL)) {
      const key = normalizeReference(label!);
      if (!key || Object.hasOwn(this.#env.references, key)) continue;
      const waiting = this.#waiting.get(key);
      block.text = source;
      if (!waiting) this.#waiting.set(key, [block]);
      else if (waiting[waiting.length - 1] !== block) waiting.push(block);
    }
  }

  #seal(p: Page): void {
    const { blocks, version } = p;
    p.view = guard([blocks, version], () => page(blocks.map((b) => b.view)));
  }

  /** Re-renders the finished blocks that mention newly defined labels. */
  #resolve(labels: string[]): void {
    const blocks = new Set<Block>();
    for (const label of labels) {
      for (const block of this.#waiting.get(label) ?? []) blocks.add(block);
      this.#waiting.delete(label);
    }
    for (const block of blocks) {
      const text = normalize(block.text!);
      // Its own definitions are already in #env: parsing it again adds nothing.
      block.view = this.#blockView(this.#parse(text, this.#env));
      const p = this.#pages.find((x) => x.blocks.includes(block))!;
      p.version++;
      if (p.view) this.#seal(p);
    }
  }

  /**
   * The open end, parsed for display: completed optimistically, never filed.
   * One parse as a rule: the text is repaired as prose, and parsed exactly
   * only if it then ends in code or raw HTML (whose text is shown as it is).
   */
  #parseOpen(text: string): Group[] {
    if (!text) return [];
    const env = () => ({ references: { ...this.#env.references } });
    const prose = repairForStreaming(text, false);
    const tokens = this.#parse(prose, env());
    if (prose === text || !endsInCode(tokens)) return groups(tokens);
    const code = repairForStreaming(text, true);
    return groups(this.#parse(code, env()));
  }

  #view(open: Group[]): TemplateResult {
    const views: unknown[] = this.#pages.map((p) => p.view ?? page(p.blocks.map((b) => b.view)));
    let cursor: unknown = this.#streaming ? CURSOR : nothing;
    if (open.length) {
      const trees = open.map((g) => buildTree(g.tokens));
      this.#ctx.cursor = this.#streaming ? cursorTarget(trees[trees.length - 1]!) : undefined;
      const after = this.#ctx.cursor ? nothing : cursor;
      const blocks = trees.map((t, i) =>
        wrap(
          t.map((n) => template(n, this.#ctx)),
          i === trees.length - 1 ? after : nothing,
        ),
      );
      // Open blocks go where they will stay once finished: the end of the last page.
      const last = this.#pages[this.#pages.length - 1];
      if (last && !last.view) views[views.length - 1] = page([...last.blocks.map((b) => b.view), ...blocks]);
      else views.push(page(blocks));
      cursor = nothing;
    }
    // One template whatever the state: a different one would make Lit rebuild every block.
    return html`<div class="md-blocks">${views}</div>${cursor}`;
  }
}
