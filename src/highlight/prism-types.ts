// The little of Prism's shape that the highlighter reads, typed here so that
// no declaration file of this package refers to Prism's own types (which an
// app would then need to install).

/** A grammar: token names to patterns (opaque here; Prism reads it). */
export type PrismGrammar = Record<string, unknown>;

/** A matched token: its type, its aliases and what it contains (text or nested tokens). */
export interface PrismToken {
  type: string;
  alias?: string | string[];
  content: PrismTokenStream;
  length: number;
}

/** What `Prism.tokenize` returns, and what a token contains. */
export type PrismTokenStream = string | PrismToken | Array<string | PrismToken>;

/** The environment Prism's `before-tokenize` / `after-tokenize` hooks read and write. */
export interface PrismTokenizeEnv {
  code: string;
  grammar: PrismGrammar;
  language: string;
  tokens?: Array<string | PrismToken>;
}

/** The Prism instance, as far as the highlighter uses it. */
export interface PrismInstance {
  languages: Record<string, PrismGrammar | undefined>;
  tokenize(text: string, grammar: PrismGrammar): Array<string | PrismToken>;
  hooks: { run(name: 'before-tokenize' | 'after-tokenize', env: PrismTokenizeEnv): void };
}
