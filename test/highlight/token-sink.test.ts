import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flatten, TokenSink } from '../../src/highlight/token-sink.js';
import type { PrismToken } from '../../src/highlight/prism-types.js';

const token = (type: string, content: PrismToken['content'], alias?: string | string[]): PrismToken => ({
  type,
  content,
  alias,
  length: JSON.stringify(content).length,
});

describe('flatten', () => {
  it('names each text with the types and aliases around it, outermost first, each once', () => {
    const stream = [
      'x = ',
      token('template-string', [
        token('template-punctuation', '`', 'string'),
        token('interpolation', [token('interpolation-punctuation', '${', 'punctuation'), 'y']),
        token('string', 'z'),
      ]),
      token('tag', [token('tag', [token('punctuation', '<'), 'div']), ' ']),
      token('inserted-sign', [token('prefix', '+', 'inserted'), token('line', 'new')], ['inserted']),
      token('keyword', '', 'x'),
    ];
    assert.deepEqual(flatten(stream), [
      ['x = ', ''],
      ['`', 'template-string template-punctuation string'],
      ['${', 'template-string interpolation interpolation-punctuation punctuation'],
      ['y', 'template-string interpolation'],
      ['z', 'template-string string'],
      ['<', 'tag punctuation'],
      ['div', 'tag'],
      [' ', 'tag'],
      ['+', 'inserted-sign inserted prefix'],
      ['new', 'inserted-sign inserted line'],
    ]);
  });
});

describe('TokenSink', () => {
  it('ends a token at every line break, merges neighbours of one class, and omits an empty className', () => {
    const sink = new TokenSink();
    sink.add('/* a\n * b\n */', 'comment');
    sink.add('\n');
    sink.add('  ', '');
    sink.add('let');
    sink.add(' ', undefined);
    sink.add('x', 'variable');
    sink.add('y', 'variable');
    sink.add('\n\n', 'variable');
    sink.add('z', 'variable');
    assert.deepEqual(sink.tokens, [
      { text: '/* a\n', className: 'comment' },
      { text: ' * b\n', className: 'comment' },
      { text: ' */', className: 'comment' },
      { text: '\n' },
      { text: '  let ' },
      { text: 'xy\n', className: 'variable' },
      { text: '\n', className: 'variable' },
      { text: 'z', className: 'variable' },
    ]);
    assert.ok(!sink.tokens.some((t) => 'className' in t && t.className === undefined));
  });
});
