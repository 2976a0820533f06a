import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerText, post, receive, startHandler, types } from './helpers.js';

const UNAVAILABLE = {
  type: 'error',
  code: 'BACKEND_UNAVAILABLE',
  message: 'Service temporarily unavailable',
  retryable: true,
};
const TIMEOUT = { type: 'error', code: 'TIMEOUT', message: 'Request timed out', retryable: true };

describe('TIMEOUT', () => {
  it('aborts a backend that never answers after timeoutMs and sends the TIMEOUT frame', async () => {
    let signal: AbortSignal | undefined;
    const errors: unknown[] = [];
    const server = await startHandler({
      timeoutMs: 150,
      onError: (e) => errors.push(e),
      backend: (_q, ctx) => {
        signal = ctx.signal;
        return new Promise(() => {}); // ignores its signal, on purpose
      },
    });
    try {
      const started = Date.now();
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      const elapsed = Date.now() - started;
      assert.deepEqual(types(frames), ['start', 'error']);
      assert.deepEqual(frames[1], TIMEOUT);
      assert.ok(elapsed >= 140 && elapsed < 1500, `took ${elapsed} ms`);
      assert.equal(signal?.aborted, true);
      assert.equal((signal?.reason as Error).name, 'TimeoutError');
      assert.equal(errors.length, 1, 'a timeout is logged');
    } finally {
      await server.close();
    }
  });

  it('covers the streaming too: chunks already sent stay, then TIMEOUT', async () => {
    const server = await startHandler({
      timeoutMs: 150,
      backend: async function* (_q, { signal }) {
        yield 'partial ';
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
    });
    try {
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      assert.deepEqual(types(frames), ['start', 'chunk', 'error']);
      assert.equal(answerText(frames), 'partial ');
      assert.deepEqual(frames[2], TIMEOUT);
    } finally {
      await server.close();
    }
  });

  it('covers the pacing of a whole answer', async () => {
    const server = await startHandler({
      timeoutMs: 100,
      chunkSize: 2,
      chunkDelayMs: 30,
      backend: () => ({ response: 'a b c d e f g h i j' }),
    });
    try {
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      assert.equal(frames.at(-1)!.type, 'error');
      assert.equal((frames.at(-1) as { code: string }).code, 'TIMEOUT');
    } finally {
      await server.close();
    }
  });
});

describe('BACKEND_UNAVAILABLE', () => {
  const SECRET = 'db password hunter2 at /srv/internal/pipeline.py';
  const failing: [string, () => unknown][] = [
    ['rejects', () => Promise.reject(new Error(SECRET))],
    [
      'throws synchronously',
      () => {
        throw new Error(SECRET);
      },
    ],
    ['returns something that is not an answer', () => ({ text: SECRET })],
    ['returns a non-string response', () => ({ response: 42, note: SECRET })],
  ];
  for (const [name, backend] of failing) {
    it(`when the backend ${name}: a generic frame, the details only in onError`, async () => {
      const errors: unknown[] = [];
      const server = await startHandler({ backend: backend as never, onError: (e) => errors.push(e) });
      try {
        const { frames, text } = await receive(await post(server.url, { query: 'q' }));
        assert.deepEqual(types(frames), ['start', 'error']);
        assert.deepEqual(frames[1], UNAVAILABLE);
        assert.ok(!text.includes('hunter2') && !text.includes('pipeline.py') && !text.includes(' at '), text);
        assert.equal(errors.length, 1);
      } finally {
        await server.close();
      }
    });
  }

  it('when a stream fails midway: the chunks sent stay, then the error, no complete', async () => {
    const server = await startHandler({
      backend: async function* () {
        yield 'Half an ';
        yield 'answer';
        throw new Error(SECRET);
      },
    });
    try {
      const { frames, text } = await receive(await post(server.url, { query: 'q' }));
      assert.deepEqual(types(frames), ['start', 'chunk', 'chunk', 'error']);
      assert.equal(answerText(frames), 'Half an answer');
      assert.deepEqual(frames[3], UNAVAILABLE);
      assert.ok(!text.includes('hunter2'));
    } finally {
      await server.close();
    }
  });

  it('when a stream yields something that is neither text nor metadata', async () => {
    const server = await startHandler({
      backend: async function* () {
        yield 7 as unknown as string;
      },
    });
    try {
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      assert.deepEqual(frames[1], UNAVAILABLE);
    } finally {
      await server.close();
    }
  });

  it('logs with console.error by default, and a throwing onError does not break the stream', async () => {
    const original = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    const { createAskStreamHandler } = await import('../../src/server/index.js');
    try {
      const handler = createAskStreamHandler({ backend: () => Promise.reject(new Error('boom')) });
      const response = await handler(new Request('http://localhost/api', { method: 'POST', body: '{"query":"q"}' }));
      assert.match(await response.text(), /BACKEND_UNAVAILABLE/);
      assert.equal(logged.length, 1);
      assert.ok(logged[0]!.some((a) => a instanceof Error && a.message === 'boom'));

      const throwing = createAskStreamHandler({
        backend: () => Promise.reject(new Error('boom')),
        onError: () => {
          throw new Error('logger down');
        },
      });
      const r2 = await throwing(new Request('http://localhost/api', { method: 'POST', body: '{"query":"q"}' }));
      assert.match(await r2.text(), /BACKEND_UNAVAILABLE/);
    } finally {
      console.error = original;
    }
  });
});
