// Prism's nested token stream → the flat HighlightToken[] the renderer shows.
//
// - className: the types and aliases of every token around the text, outermost
//   first, each once ('template-string interpolation keyword'; a diff's added
//   line: 'inserted-sign inserted line'; a tag's '<': 'tag punctuation'). Some
//   meaning sits only on the outer token (a diff line's `inserted`), so all are
//   kept; a theme that colours several of them lets the innermost win by
//   listing the specific classes after the general ones, as
//   prism-react-renderer's themes resolve its same flattened type lists.
// - A token never continues past a line break (a '\n' only ever ends a token's
//   text), so a renderer can cut the tokens into lines without splitting any.
// - Neighbours with the same className are merged; no token is empty.
import type { HighlightToken } from './types.js';
import type { PrismToken, PrismTokenStream } from './prism-types.js';

/** A flattened piece: text and the class names around it ('' for none). */
export type Piece = readonly [text: string, className: string];

/** Flattens a (part of a) Prism token stream into pieces, in order. */
export function flatten(stream: PrismTokenStream, pieces: Piece[] = [], outer: readonly string[] = []): Piece[] {
  if (typeof stream === 'string') {
    if (stream) pieces.push([stream, outer.join(' ')]);
  } else if (Array.isArray(stream)) {
    for (const item of stream) flatten(item, pieces, outer);
  } else {
    flatten(stream.content, pieces, withClasses(outer, stream));
  }
  return pieces;
}

function withClasses(outer: readonly string[], token: PrismToken): readonly string[] {
  const own = [
    token.type,
    ...(token.alias === undefined ? [] : Array.isArray(token.alias) ? token.alias : [token.alias]),
  ];
  const added = own.filter((name, i) => name && !outer.includes(name) && own.indexOf(name) === i);
  return added.length ? [...outer, ...added] : outer;
}

/** Collects pieces as HighlightTokens: split at line breaks, neighbours of one class merged. */
export class TokenSink {
  readonly tokens: HighlightToken[] = [];
  #open: HighlightToken | undefined;

  /** Adds text with class names ('' or undefined for none). */
  add(text: string, className?: string): void {
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline + 1;
      this.#push(start === 0 && end === text.length ? text : text.slice(start, end), className || undefined);
      start = end;
    }
  }

  addPieces(pieces: readonly Piece[]): void {
    for (const [text, className] of pieces) this.add(text, className);
  }

  #push(text: string, className: string | undefined): void {
    const open = this.#open;
    if (open && open.className === className) {
      open.text += text;
    } else {
      const token: HighlightToken = className ? { text, className } : { text };
      this.tokens.push(token);
      this.#open = token;
    }
    // After a line break the next text starts a new token, whatever its class.
    if (text.endsWith('\n')) this.#open = undefined;
  }
}
