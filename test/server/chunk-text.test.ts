import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkText } from '../../src/server/index.js';
import { answerText, post, receive, startHandler } from './helpers.js';

const TEXTS: Record<string, string> = {
  prose: 'The quick brown fox jumps over the lazy dog. '.repeat(12).trim(),
  markdown: '# Title\n\n- one\n- two\n\n```js\nconst x = 1;\n```\n\nA **bold** move, then `code`.\n',
  'leading and trailing whitespace': '   padded   text with  double  spaces \n\n',
  'emoji and ZWJ sequences':
    'Family 👨‍👩‍👧‍👦 and flags 🇫🇷🇯🇵 with skin tones 👍🏽👍🏿 and more emoji 😀😃😄😁😆😅🤣😂🙂🙃 in a row '.repeat(4),
  'emoji with no spaces': '😀'.repeat(120),
  'combining marks': 'e\u0301'.repeat(80) + ' café naïve résumé ',
  'CJK without spaces':
    '日本語のテキストは単語の間にスペースがありませんが、それでも自然な境界で分割されるべきです。'.repeat(5),
  'a long URL': `See https://example.com/${'segment/'.repeat(40)}end for details.`,
  'one giant word': 'x'.repeat(350),
  'mixed scripts': 'Hello мир 你好 عالم שלום 🌍 — naïve façade '.repeat(8),
  whitespace: ' \n\t ',
  empty: '',
  'astral math letters': '𝒜𝒷𝒸 𝒹ℯ𝒻 '.repeat(30),
};

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const graphemes = (s: string) =>
  [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

describe('chunkText', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    for (const size of [1, 7, 20, 100]) {
      it(`${name}, size ${size}: reassembles exactly, never splits a character or grapheme`, () => {
        const chunks = chunkText(text, size);
        assert.equal(chunks.join(''), text);
        assert.ok(
          chunks.every((c) => c !== ''),
          'no empty chunks',
        );
        for (const chunk of chunks) {
          assert.ok(
            !isHighSurrogate(chunk.charCodeAt(chunk.length - 1)),
            `chunk ends in a high surrogate: ${JSON.stringify(chunk)}`,
          );
          assert.ok(
            !isLowSurrogate(chunk.charCodeAt(0)),
            `chunk starts with a low surrogate: ${JSON.stringify(chunk)}`,
          );
        }
        // Grapheme clusters of the whole text are the concatenation of each chunk's.
        assert.deepEqual(chunks.flatMap(graphemes), graphemes(text));
        // Only the first chunk may start with whitespace.
        for (const chunk of chunks.slice(1)) assert.match(chunk, /^\S/u);
      });
    }
  }

  it('breaks after whitespace and keeps chunks near the size', () => {
    const chunks = chunkText(TEXTS.prose!, 30);
    for (const chunk of chunks.slice(0, -1)) {
      assert.match(chunk, /\s$/, JSON.stringify(chunk));
      assert.ok(chunk.length <= 30 && chunk.length >= 15, `${chunk.length}: ${JSON.stringify(chunk)}`);
    }
    assert.deepEqual(chunkText('alpha beta gamma', 11), ['alpha beta ', 'gamma']);
  });

  it('splits text without spaces at word boundaries, not mid-word', () => {
    const chunks = chunkText('日本語のテキストは単語の間にスペースがありません', 6);
    assert.ok(chunks.length > 2);
    assert.ok(chunks.every((c) => c.length <= 6));
    const words = [...new Intl.Segmenter('ja', { granularity: 'word' }).segment(chunks.join(''))].map((s) => s.index);
    let offset = 0;
    for (const chunk of chunks) {
      assert.ok(words.includes(offset), `chunk boundary at ${offset} is a word boundary`);
      offset += chunk.length;
    }
  });

  it('defaults to about 100 characters', () => {
    const chunks = chunkText(TEXTS.prose!);
    assert.ok(chunks.length >= 5);
    assert.ok(chunks.slice(0, -1).every((c) => c.length > 60 && c.length <= 100));
  });
});

describe('chunking over the wire', () => {
  it('multi-byte answers arrive byte-exact through the handler and HTTP', async () => {
    const text = Object.values(TEXTS).join('\n');
    const server = await startHandler({ chunkSize: 9, backend: () => ({ response: text }) });
    try {
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      assert.equal(answerText(frames), text);
      assert.ok(frames.filter((f) => f.type === 'chunk').length > 100);
    } finally {
      await server.close();
    }
  });
});
