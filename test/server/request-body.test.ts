import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HISTORY_LIMITS, type BackendContext, type HistoryEntry } from '../../src/server/index.js';
import { post, receive, startHandler, types, type Running } from './helpers.js';

/** A history whose JSON (`JSON.stringify`) is exactly `bytes` bytes in UTF-8, in `count` entries. */
function historyOfBytes(bytes: number, count = 1): HistoryEntry[] {
  const history = Array.from({ length: count }, (_, i) => ({ query: `q${i}`, response: '' }));
  const missing = bytes - new TextEncoder().encode(JSON.stringify(history)).byteLength;
  // Two-byte characters, then one ASCII one if the count is odd.
  history[0]!.response = 'é'.repeat(Math.floor(missing / 2)) + 'a'.repeat(missing % 2);
  assert.equal(new TextEncoder().encode(JSON.stringify(history)).byteLength, bytes);
  return history;
}

describe('history in the request body', () => {
  const contexts: BackendContext[] = [];
  let server: Running;
  before(async () => {
    server = await startHandler({
      backend: (_query, context) => {
        contexts.push(context);
        return { response: 'ok' };
      },
    });
  });
  after(() => server.close());

  /** Posts `body`; the frames and the history the backend saw (undefined: not called). */
  async function ask(body: Record<string, unknown>) {
    contexts.length = 0;
    const { frames } = await receive(await post(server.url, body));
    return { frames, history: contexts[0]?.history };
  }

  it('hands the backend the exchanges, oldest first, each only {query, response}', async () => {
    const { frames, history } = await ask({
      query: 'third?',
      history: [
        { query: 'first?', response: 'One.' },
        { query: 'second?', response: 'Two.', id: 7, metadata: { sources: [] } },
      ],
    });
    assert.equal(frames.at(-1)!.type, 'complete');
    assert.deepEqual(history, [
      { query: 'first?', response: 'One.' },
      { query: 'second?', response: 'Two.' },
    ]);
  });

  for (const [name, value] of [
    ['none', undefined],
    ['null', null],
    ['an empty array', []],
  ] as const) {
    it(`hands the backend [] for ${name}`, async () => {
      const { history } = await ask({ query: 'q', history: value });
      assert.deepEqual(history, []);
    });
  }

  it(`accepts ${HISTORY_LIMITS.maxEntries} exchanges of ${HISTORY_LIMITS.maxBytes} bytes of JSON`, async () => {
    assert.deepEqual(HISTORY_LIMITS, { maxEntries: 20, maxBytes: 16 * 1024 });
    const full = historyOfBytes(HISTORY_LIMITS.maxBytes, HISTORY_LIMITS.maxEntries);
    const { frames, history } = await ask({ query: 'q', history: full });
    assert.equal(frames.at(-1)!.type, 'complete');
    assert.deepEqual(history, full);
  });

  it('fits a longest query of 4-byte characters and a full history in the default maxBodyBytes', async () => {
    const full = historyOfBytes(HISTORY_LIMITS.maxBytes, HISTORY_LIMITS.maxEntries);
    const { frames, history } = await ask({ query: '🚀'.repeat(4000), history: full, lang: 'en' });
    assert.equal(frames.at(-1)!.type, 'complete');
    assert.equal(history!.length, HISTORY_LIMITS.maxEntries);
  });

  it('measures the bytes of the JSON it keeps, not of how the client spaced or escaped it', async () => {
    const full = historyOfBytes(HISTORY_LIMITS.maxBytes);
    // The same history, sent with every character escaped and spaced out: far longer on the wire.
    const escaped = JSON.stringify(full, null, 8).replace(
      /[é]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const { frames, history } = await ask({ query: 'q', history: JSON.parse(escaped) });
    assert.equal(frames.at(-1)!.type, 'complete');
    assert.deepEqual(history, full);
  });

  const refused: [string, unknown, RegExp][] = [
    ['a string', 'What is it? It is a widget.', /must be an array of/],
    ['an object', { query: 'a', response: 'b' }, /must be an array of/],
    ['an entry that is not an object', ['a', 'b'], /must be an array of/],
    ['an entry without a response', [{ query: 'a' }], /must be an array of/],
    ['an entry whose query is not a string', [{ query: 1, response: 'b' }], /must be an array of/],
    ['an entry whose response is null', [{ query: 'a', response: null }], /must be an array of/],
    [
      `${HISTORY_LIMITS.maxEntries + 1} exchanges`,
      Array.from({ length: HISTORY_LIMITS.maxEntries + 1 }, () => ({ query: 'a', response: 'b' })),
      /at most 20 exchanges/,
    ],
    [
      `${HISTORY_LIMITS.maxBytes + 1} bytes of JSON`,
      historyOfBytes(HISTORY_LIMITS.maxBytes + 1),
      /at most 16384 bytes/,
    ],
  ];
  for (const [name, value, message] of refused) {
    it(`answers a history of ${name} with BAD_REQUEST, without calling the backend`, async () => {
      const { frames, history } = await ask({ query: 'q', history: value });
      assert.deepEqual(types(frames), ['error']);
      const [frame] = frames as [{ type: string; code: string; message: string; retryable: boolean }];
      assert.equal(frame.code, 'BAD_REQUEST');
      assert.equal(frame.retryable, false);
      assert.match(frame.message, message);
      assert.equal(history, undefined, 'the backend is not called');
    });
  }
});
