import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkText } from '../../src/server/index.js';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { BIG_ANSWERS, bigAnswer } from './fixtures/big-answers.js';
import {
  ENDPOINT,
  answerText,
  cpuTime,
  parseSse,
  post,
  receive,
  startHandler,
  type EventLoopStalls,
} from './helpers.js';

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

  it('splits a run without whitespace (CJK, a URL) into chunks of at most the size, between graphemes', () => {
    const text = '日本語のテキストは単語の間にスペースがありません'.repeat(3);
    const chunks = chunkText(text, 6);
    assert.equal(chunks.join(''), text);
    assert.ok(chunks.every((c) => c.length === 6));
    const url = `https://example.com/${'a1b2/'.repeat(50)}`;
    assert.ok(chunkText(url, 30).every((c) => c.length === 30 || c === chunkText(url, 30).at(-1)));
  });

  it("keeps a word's whitespace with it when its last cluster alone passes the size", () => {
    assert.deepEqual(chunkText('ab 🇫🇷🇯🇵 cd', 1), ['a', 'b ', '🇫🇷', '🇯🇵 ', 'c', 'd']);
  });

  it('defaults to about 100 characters', () => {
    const chunks = chunkText(TEXTS.prose!);
    assert.ok(chunks.length >= 5);
    assert.ok(chunks.slice(0, -1).every((c) => c.length > 60 && c.length <= 100));
  });
});

describe('chunkText in linear time', () => {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // Runs with no whitespace at all, each a shape the fast path handles differently.
  const RUNS: Record<string, string> = {
    'one letter': 'x',
    'base64 (a data: image)': Array.from({ length: 4096 }, (_, i) => B64[(i * 7919 + (i >> 6)) % 64]).join(''),
    CJK: '日本語のテキストは単語の間にスペースがありません',
    'emoji sequences': '👨‍👩‍👧‍👦👍🏽🇫🇷😀',
    Devanagari: 'नमस्तेदुनिया',
    'combining marks': 'e\u0301a\u0308',
  };
  const SIZES = [10_000, 100_000, 1_000_000, 10_000_000];
  const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  // The fastest of three runs, in CPU time: what the code costs, not what the
  // other work on a shared machine adds to the clock (a first run also pays
  // for compiling). Wall-clock figures are reported beside it.
  const fastest = (run: () => void) => {
    let best = { cpu: Infinity, wall: Infinity };
    for (let i = 0; i < 3; i++) {
      const time = cpuTime(run);
      if (time.cpu < best.cpu) best = time;
    }
    return best;
  };

  for (const [name, unit] of Object.entries(RUNS)) {
    it(`${name}: 10 KB to 10 MB in linear time, 10 MB under 100 ms`, (t) => {
      const times = SIZES.map((size) => {
        const text = fill(unit, size);
        let chunks: string[] = [];
        const time = fastest(() => (chunks = chunkText(text)));
        assert.equal(chunks.length > 0 && chunks.join('') === text, true);
        return time;
      });
      const ms = times.map((time) => time.cpu);
      const figures = SIZES.map(
        (size, i) => `${size / 1000} K: ${ms[i]!.toFixed(1)} ms CPU (${times[i]!.wall.toFixed(1)} ms wall)`,
      ).join(', ');
      t.diagnostic(figures);
      // Ten times the text, about ten times the time (quadratic would be a hundred).
      assert.ok(ms[3]! < 30 * Math.max(ms[2]!, 1), `not linear: ${figures}`);
      assert.ok(ms[3]! < 100, `10 MB took ${ms[3]!.toFixed(1)} ms: ${figures}`);
    });
  }
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

  // The server's event loop is shared by every stream: watched in a server
  // process of its own while this one asks over a raw socket.
  for (const name of Object.keys(BIG_ANSWERS)) {
    it(`${name}: the event loop never stalls over 50 ms`, async (t) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./fixtures/big-answer-server.ts', import.meta.url))],
        {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          env: { ...process.env, BIG_ANSWER: name },
        },
      );
      const next = (type: string, send?: string) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const onMessage = (message: Record<string, unknown>) => {
            if (message.type !== type) return;
            child.off('message', onMessage);
            resolve(message);
          };
          child.on('message', onMessage);
          child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
          if (send) child.send({ type: send });
        });
      try {
        const { url } = (await next('ready')) as { url: string };
        // A first small ask loads what any first request loads: not the answer's doing.
        await rawAsk(url, 'small');
        await next('watching', 'watch');
        const parts = await rawAsk(url, 'big');
        const { stalls } = (await next('stats', 'stats')) as { stalls: EventLoopStalls };
        assert.equal(answerText(parseSse(Buffer.concat(parts).toString('utf8')).frames), bigAnswer(name));
        t.diagnostic(
          `longest stall: ${stalls.busy.toFixed(1)} ms computing (${stalls.wall.toFixed(1)} ms by the clock, other processes included)`,
        );
        assert.ok(stalls.busy < 50, `the event loop was held for ${stalls.busy.toFixed(1)} ms`);
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send({ type: 'exit' });
        await exited;
      }
    });
  }
});

/** POSTs a question over a raw socket and keeps the body's bytes: far less client work than fetch. */
function rawAsk(base: string, query: string): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${ENDPOINT}`, { method: 'POST', agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve(parts));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}
