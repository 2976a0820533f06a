import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAskStreamHandler } from '../../src/server/index.js';
import { post, receive, sleep, startHandler, types } from './helpers.js';

describe('heartbeat', () => {
  it('sends ": ping" every heartbeatMs while the backend is silent', async () => {
    const server = await startHandler({
      heartbeatMs: 40,
      backend: async () => {
        await sleep(230);
        return { response: 'late answer' };
      },
    });
    try {
      const { frames, comments, text } = await receive(await post(server.url, { query: 'q' }));
      assert.deepEqual(types(frames), ['start', 'chunk', 'complete']);
      assert.ok(comments.length >= 3 && comments.length <= 6, `${comments.length} pings`);
      assert.ok(comments.every((c) => c === 'ping'));
      // On the wire exactly as a comment line of its own.
      assert.ok(text.includes('\n\n: ping\n\n'));
      // All of them came before the answer, during the silence.
      assert.ok(text.lastIndexOf(': ping') < text.indexOf('"type":"chunk"'));
    } finally {
      await server.close();
    }
  });

  it('stays quiet while other frames keep flowing', async () => {
    const server = await startHandler({
      heartbeatMs: 150,
      backend: async function* () {
        // 300 ms in all, never 150 ms without a chunk.
        for (let i = 0; i < 15; i++) {
          await sleep(20);
          yield `${i} `;
        }
      },
    });
    try {
      const { comments, frames } = await receive(await post(server.url, { query: 'q' }));
      assert.equal(frames.filter((f) => f.type === 'chunk').length, 15);
      assert.equal(comments.length, 0);
    } finally {
      await server.close();
    }
  });

  it('is off with heartbeatMs: 0', async () => {
    const server = await startHandler({
      heartbeatMs: 0,
      backend: async () => {
        await sleep(100);
        return { response: 'x' };
      },
    });
    try {
      const { comments } = await receive(await post(server.url, { query: 'q' }));
      assert.equal(comments.length, 0);
    } finally {
      await server.close();
    }
  });

  it('defaults to 15 s: no ping within a shorter silence', async () => {
    const handler = createAskStreamHandler({
      backend: async () => {
        await sleep(300);
        return { response: 'x' };
      },
    });
    const response = await handler(new Request('http://localhost/', { method: 'POST', body: '{"query":"q"}' }));
    assert.doesNotMatch(await response.text(), /: ping/);
  });
});
