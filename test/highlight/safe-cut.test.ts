import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeCut, streamPrefix } from '../../src/highlight/safe-cut.js';
import type { PrismToken } from '../../src/highlight/prism-types.js';

const token = (type: string, content: string): PrismToken => ({ type, content, length: content.length });
const textOf = (stream: Array<string | PrismToken>) =>
  stream.map((item) => (typeof item === 'string' ? item : (item.content as string))).join('');

describe('safeCut', () => {
  // "a\n" | comment "/*\nlong\n*/" | "\nb\n" | string "'x'" | "\nc\n"
  const stream = ['a\n', token('comment', '/*\nlong\n*/'), '\nb\n', token('string', "'x'"), '\nc\n'];
  const text = textOf(stream);

  it('takes the first line end at or after `from` that no token spans', () => {
    assert.equal(text.slice(0, safeCut(stream, text, 1)), 'a\n');
    // From inside the comment: the next safe line end is after it.
    assert.equal(text.slice(0, safeCut(stream, text, 4)), 'a\n/*\nlong\n*/\n');
    assert.equal(text.slice(0, safeCut(stream, text, 14)), 'a\n/*\nlong\n*/\nb\n');
  });

  it('falls back to the last safe line end before `from`, then to the whole window', () => {
    assert.equal(text.slice(0, safeCut(stream, text, text.length)), "a\n/*\nlong\n*/\nb\n'x'\n");
    const oneToken = [token('comment', '/*\n\n*/\n')];
    assert.equal(safeCut(oneToken, '/*\n\n*/\n', 1), '/*\n\n*/\n'.length);
  });

  it('never cuts at the very start or end', () => {
    const lines = ['\n\n'];
    assert.equal(safeCut(lines, '\n\n', 0), 1);
  });
});

describe('streamPrefix', () => {
  it('keeps whole tokens and cuts inside a string', () => {
    const stream = ['ab\ncd', token('keyword', 'let'), 'e\nf'];
    assert.deepEqual(streamPrefix(stream, 3), ['ab\n']);
    assert.deepEqual(streamPrefix(stream, 10), ['ab\ncd', stream[1], 'e\n']);
  });
});
