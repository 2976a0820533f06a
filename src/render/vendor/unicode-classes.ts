/**
 * Stands in for the `uc.micro` package that markdown-it imports: it asks only
 * whether a character is Unicode punctuation (P) or a symbol (S), for the
 * emphasis flanking rules. The browser's own Unicode property escapes answer
 * that (and from a newer Unicode version) without shipping the tables.
 */
export const P = /\p{P}/u;
export const S = /\p{S}/u;
