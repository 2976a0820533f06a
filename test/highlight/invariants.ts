// What every highlighter result must be, whatever the input: checked on each
// result of the tests, fuzz included.
import assert from 'node:assert/strict';
import type { HighlightToken } from '../../src/highlight/types.js';

const CLASS_NAMES = /^[\w-]+( [\w-]+)*$/;

/** The tokens spell `code` exactly; none is empty; a line break only ends a token; classes are trimmed names. */
export function assertTokensOf(tokens: HighlightToken[], code: string, what = 'tokens'): void {
  assert.ok(Array.isArray(tokens), `${what}: an array`);
  let at = 0;
  for (const [i, token] of tokens.entries()) {
    assert.equal(typeof token.text, 'string', `${what}[${i}].text is a string`);
    assert.ok(token.text.length > 0 || tokens.length === 1, `${what}[${i}] is empty`);
    if (code.slice(at, at + token.text.length) !== token.text) {
      assert.fail(`${what}[${i}] ${JSON.stringify(token.text.slice(0, 40))} is not the code at ${at}`);
    }
    at += token.text.length;
    const newline = token.text.indexOf('\n');
    assert.ok(newline === -1 || newline === token.text.length - 1, `${what}[${i}] continues past a line break`);
    const keys = Object.keys(token);
    if (keys.length !== ('className' in token ? 2 : 1)) assert.fail(`${what}[${i}] has keys ${keys.join(', ')}`);
    if ('className' in token && !CLASS_NAMES.test(token.className!)) assert.fail(`${what}[${i}].className`);
  }
  assert.equal(at, code.length, `${what} spell ${at} of ${code.length} characters`);
}

/** The class names the tokens carry, each once. */
export const classesOf = (tokens: HighlightToken[]): Set<string> =>
  new Set(tokens.flatMap((t) => t.className?.split(' ') ?? []));

/** Repeats `unit` to at least `length` characters. */
export const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length));
