/**
 * Markdown text → markdown-it tokens: CommonMark 0.31 plus the GFM the widget
 * renders (tables, strikethrough with `~~`, autolink literals; task list items
 * are read by md-tree.ts).
 *
 * Why markdown-it, measured on this project's machine (Node 20, the fidelity
 * harness of test/markdown, bundled and gzipped):
 * - fidelity: 99.3% of the CommonMark spec examples outside the raw-HTML
 *   sections match micromark + GFM after normalization, the four misses being
 *   GFM autolink literals, written here (gfm-autolink.ts); marked 18: 97.4%;
 * - robustness: linear on every pathological input of the issue (deep `>` and
 *   list nesting, 50,000 unclosed `*`, 20,000 `[`: ≤ 75 ms for 1 MB), where
 *   marked throws "Maximum call stack size exceeded" at 2,000 `>` and grows
 *   quadratically with list depth, and micromark took 45 s on 10,000 nested
 *   list markers and 1.3 s on a 200 KB answer;
 * - size: its block and inline parsers are 14.8 KB gzipped once its entity
 *   table and Unicode tables are swapped for small ones (vendor/), against
 *   15.5 KB for marked's lexer and 17.2 KB for micromark + GFM.
 * streaming-markdown, the tokenizer before, matched 44% of the examples.
 *
 * Raw HTML is parsed as HTML (so `<div>` blocks end where CommonMark says) and
 * rendered as its text by node-template.ts; nothing here builds markup.
 */
import {
  ParserBlock,
  ParserInline,
  type Token,
  parseLinkDestination,
  parseLinkLabel,
  parseLinkTitle,
  type StateBlock,
} from './vendor/markdown-it.js';
import { gfmAutolink, gfmText } from './gfm-autolink.js';
import { emphasis, strikethrough } from './closable-delimiters.js';

/** A link reference definition, as markdown-it stores it. */
export interface LinkReference {
  href: string;
  title: string;
}

/** Parsing context shared across the pieces of one answer: the link reference definitions seen so far. */
export interface ParseEnv {
  references?: Record<string, LinkReference>;
}

/**
 * How deep blocks may nest (a block quote is one level, a list two: list and
 * item). Deeper lines render as their text, so 10,000 `>` cost what the text
 * costs and the call stack stays short. markdown-it's own cap drops such text.
 */
export const MAX_BLOCK_DEPTH = 32;

/** The token of a run of lines past {@link MAX_BLOCK_DEPTH}: rendered as text, never parsed. */
export const TEXT_BLOCK = 'text_block';

const block = new ParserBlock();
const inline = new ParserInline();
inline.ruler.at('text', gfmText);
inline.ruler.disable('linkify');
inline.ruler.at('emphasis', emphasis);
inline.ruler.at('strikethrough', strikethrough);
inline.ruler.before('text', 'gfm_autolink', gfmAutolink);

// The markdown-it instance the rules expect, reduced to what they read. Links
// are kept as written: whether a URL may become a link is decided when it is
// rendered (safe-url.ts), after the parser, so a rejected URL still parses as
// a link and renders as its text, as CommonMark's structure says.
// Of its options, the parsers' rules read only these two (the rest are its
// renderer's and its core rules').
const md = {
  options: {
    html: true,
    // Inline nesting (links in links while looking for a label's end).
    maxNesting: MAX_BLOCK_DEPTH + 8,
  },
  block,
  inline,
  helpers: { parseLinkLabel, parseLinkDestination, parseLinkTitle },
  validateLink: () => true,
  normalizeLink: (url: string) => url,
  normalizeLinkText: (text: string) => text,
};

// Block rules call back into md.block.tokenize for the content of quotes and
// list items; past the cap, the lines become one text block instead.
const tokenize = block.tokenize.bind(block);
block.tokenize = (state: StateBlock, startLine: number, endLine: number): void => {
  if (state.level < MAX_BLOCK_DEPTH) return tokenize(state, startLine, endLine);
  const lines: string[] = [];
  let line = startLine;
  for (; line < endLine && (state.isEmpty(line) || state.sCount[line]! >= state.blkIndent); line++) {
    lines.push(state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]));
  }
  if (line === startLine) return;
  const token = state.push(TEXT_BLOCK, '', 0);
  token.content = lines.join('\n');
  token.map = [startLine, line];
  state.line = line;
};

/**
 * Parses `src` (line endings already `\n`) into block tokens whose `inline`
 * tokens carry their parsed children. Reference definitions found are added
 * to `env.references` (the first definition of a label wins, as in CommonMark),
 * and references are resolved against everything in `env`.
 */
export function parseMarkdown(src: string, env: ParseEnv): Token[] {
  const tokens: Token[] = [];
  block.parse(src, md as never, env, tokens);
  for (const token of tokens) {
    if (token.type === 'inline') {
      token.children = [];
      inline.parse(token.content, md as never, env, token.children);
    }
  }
  return tokens;
}

export type { Token };
