// The highlighter: Prism's tokens, flattened, for the dozen-and-more languages
// answers use most, in bounded time whatever the input.
//
// Prism matches grammars with regular expressions over the whole text, and
// some of its patterns backtrack: on hostile or unlucky input its time grows
// with the square of the text (measured, Node 20: 25 KB of `a` as JSX, 2.4 s;
// as 100 KB, 39 s; YAML `-` lines, CSS `&` lines, C# `.a` lines alike). So:
// - Lines longer than `maxLineLength` (default 1,000) are not highlighted:
//   minified code and data blobs, where it would cost most and help least.
// - A block longer than a window (4,000 characters) is tokenized a window at a
//   time, each cut at a safe line end in its second half (safe-cut.ts), so the
//   slowest window measured (C# `.a` lines, 80 ms on a loaded 2-core machine;
//   most languages under 25 ms) bounds every step. Up to 4,000 characters,
//   Prism sees the block whole.
// - Between windows, a time budget (default 100 ms a call, RAIL's limit for a
//   response) is checked: once spent, the rest comes back as plain text, as
//   CodeMirror parses against a deadline. Realistic code takes 0.2 to 3.5 ms a KB.
// - Every window's tokens must add up to its text exactly, or it is plain text;
//   any error gives the whole code back as one plain token. It never throws.
import type { HighlightToken, Highlighter } from './types.js';
import type { PrismToken } from './prism-types.js';
import { prism } from './prism.js';
import { grammarNameOf } from './languages.js';
import { TokenSink, flatten } from './token-sink.js';
import { safeCut, streamPrefix } from './safe-cut.js';

/** Characters Prism tokenizes in one step at most (plus the rest of a line). */
export const WINDOW_LENGTH = 4000;
/** Default of `maxLineLength`. */
export const DEFAULT_MAX_LINE_LENGTH = 1000;
/** Default of `timeBudgetMs`. */
export const DEFAULT_TIME_BUDGET_MS = 100;

export interface HighlighterOptions {
  /** Time one call may spend tokenizing, in ms (checked between steps); what is left is returned as plain text. Default 100. */
  timeBudgetMs?: number;
  /** Lines longer than this (in characters, line break excluded) are returned as plain text. Default 1000. */
  maxLineLength?: number;
  /** The clock of the time budget, in ms (for tests). Default `performance.now()`. */
  now?: () => number;
}

/** Makes a highlighter with its own limits. */
export function createHighlighter(options: HighlighterOptions = {}): Highlighter {
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const now = options.now ?? (() => performance.now());
  return (code, language) => {
    const text = typeof code === 'string' ? code : String(code ?? '');
    try {
      const grammarName = typeof language === 'string' ? grammarNameOf(language) : undefined;
      if (grammarName === undefined) return [{ text }];
      return tokenizeBounded(text, grammarName, maxLine, now() + budget, now);
    } catch {
      return [{ text }];
    }
  };
}

/** Highlights code with Prism's grammar for the language (see HIGHLIGHT_LANGUAGES); unknown language: one plain token. */
export const highlight: Highlighter = createHighlighter();

function tokenizeBounded(
  code: string,
  grammarName: string,
  maxLine: number,
  deadline: number,
  now: () => number,
): HighlightToken[] {
  const sink = new TokenSink();
  let expired = false;

  /** Tokenizes code[from, to), a run of lines none longer than maxLine, window by window. */
  const run = (from: number, to: number) => {
    while (from < to) {
      if (expired || (expired = now() >= deadline)) {
        sink.add(code.slice(from, to));
        return;
      }
      const end = windowEnd(code, from, to);
      const text = code.slice(from, end);
      const stream = tokenize(text, grammarName);
      const cut = end === to ? text.length : safeCut(stream, text, text.length >> 1);
      const kept = cut === text.length ? stream : streamPrefix(stream, cut);
      const pieces = flatten(kept);
      if (joins(pieces, text, cut)) {
        sink.addPieces(pieces);
      } else {
        sink.add(text.slice(0, cut));
      }
      from += cut;
    }
  };

  let runStart = 0;
  for (let lineStart = 0; lineStart < code.length;) {
    const newline = code.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? code.length : newline + 1;
    if ((newline === -1 ? lineEnd : newline) - lineStart > maxLine) {
      run(runStart, lineStart);
      sink.add(code.slice(lineStart, lineEnd));
      runStart = lineEnd;
    }
    lineStart = lineEnd;
  }
  run(runStart, code.length);
  return sink.tokens;
}

/** The end of the window starting at `from`: the last line end within WINDOW_LENGTH (or the first line end, or `to`). */
function windowEnd(code: string, from: number, to: number): number {
  if (to - from <= WINDOW_LENGTH) return to;
  const lastLineEnd = code.lastIndexOf('\n', from + WINDOW_LENGTH - 1) + 1;
  if (lastLineEnd > from) return lastLineEnd;
  const firstLineEnd = code.indexOf('\n', from) + 1;
  return firstLineEnd > 0 && firstLineEnd < to ? firstLineEnd : to;
}

/** Prism's tokenize with its before- and after-tokenize hooks (JSX merges its text there), as `Prism.highlight` runs it. */
function tokenize(text: string, grammarName: string): Array<string | PrismToken> {
  const grammar = prism.languages[grammarName];
  if (!grammar) return [text];
  const env: { code: string; grammar: typeof grammar; language: string; tokens?: Array<string | PrismToken> } = {
    code: text,
    grammar,
    language: grammarName,
  };
  prism.hooks.run('before-tokenize', env);
  env.tokens = prism.tokenize(env.code, env.grammar);
  prism.hooks.run('after-tokenize', env);
  return env.tokens;
}

/** Whether the pieces spell text[0, length) exactly. */
function joins(pieces: ReadonlyArray<readonly [string, string]>, text: string, length: number): boolean {
  let at = 0;
  for (const [piece] of pieces) {
    if (!text.startsWith(piece, at)) return false;
    at += piece.length;
  }
  return at === length;
}
