// The contract between a highlighter and the renderer: plain data, so the
// renderer can show every token as text (never as HTML) and a highlighter can
// never inject markup.

/** One piece of highlighted code: `text` is shown as text (never parsed as HTML); `className` (space-separated class names, e.g. 'keyword' or 'string url') styles it. */
export interface HighlightToken {
  text: string;
  className?: string;
}

/** Splits code into tokens; the concatenated `text`s must equal `code` exactly. `language` is the fence's first word, as written (any case, possibly an alias like 'ts', 'js', 'sh', 'py', 'yml', 'html'). Unknown language: one token without className. Must never throw. */
export type Highlighter = (code: string, language: string) => HighlightToken[];
